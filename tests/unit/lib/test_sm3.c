/* Unit tests for SM3, HMAC-SM3 and PBKDF2-HMAC-SM3 (src/lib/sm3.c). The SM3 vectors are the two
 * examples of GB/T 32905-2016 appendix A; the HMAC and PBKDF2 vectors were computed with an
 * independent implementation (OpenSSL 3.0's SM3 through Python's hashlib / hmac modules:
 * hmac.new(key, msg, 'sm3') and hashlib.pbkdf2_hmac('sm3', ...)). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lib/sm3.h"

static void hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static void assert_hex(const uint8_t *b, size_t n, const char *want)
{
	char got[256];
	hex(b, n, got);
	assert_string_equal(got, want);
}

/* GB/T 32905-2016 example 1: "abc". */
static void test_sm3_abc(void **state)
{
	uint8_t d[SM3_DIGEST_LEN];
	sm3("abc", 3, d);
	assert_hex(d, sizeof d, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

/* GB/T 32905-2016 example 2: "abcd" × 16 (64 bytes, so padding takes a second block). */
static void test_sm3_abcd16(void **state)
{
	char m[65];
	for (int i = 0; i < 16; i++)
		memcpy(m + 4 * i, "abcd", 4);
	m[64] = 0;
	uint8_t d[SM3_DIGEST_LEN];
	sm3(m, 64, d);
	assert_hex(d, sizeof d, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

/* Feeding the message in pieces of every size gives the one-shot digest. */
static void test_sm3_incremental(void **state)
{
	uint8_t msg[200], want[SM3_DIGEST_LEN], got[SM3_DIGEST_LEN];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 7 + 3);
	sm3(msg, sizeof msg, want);
	for (size_t piece = 1; piece <= 70; piece++) {
		struct sm3_ctx c;
		sm3_init(&c);
		for (size_t o = 0; o < sizeof msg; o += piece)
			sm3_update(&c, msg + o, o + piece > sizeof msg ? sizeof msg - o : piece);
		sm3_final(&c, got);
		assert_memory_equal(got, want, sizeof want);
	}
	/* the empty message, and lengths around the padding boundary (55 fits the length in the
	 * last block, 56 does not) */
	sm3("", 0, got);
	assert_hex(got, sizeof got,
	           "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
	    {55, "e8db7ce49b650f0d86862da3a8184edba205c3ab6cb31096ba49c6b23d4ed70a"},
	    {56, "3ce5149f8b8b5be2105c4d09df0c6a59fe73df7ef4fa4a32b65be7841186e139"},
	    {63, "f00cc2d6a3733a2ce714a0d8ea7a68af8fb01f549d4a3533326da97b831e0f8a"},
	    {119, "3b1ba88b91c3a5e9d38e93afd6986c0f3389889bdde9635230dae0ae10fd5270"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		sm3(msg, v[i].n, got);
		assert_hex(got, sizeof got, v[i].hex);
	}
}

static void test_hmac_sm3(void **state)
{
	uint8_t t[SM3_DIGEST_LEN];
	const char *m = "The quick brown fox jumps over the lazy dog";
	hmac_sm3("key", 3, m, strlen(m), t);
	assert_hex(t, sizeof t, "bd4a34077888162b210645b8ebf74b9af357303789357a27c7fc457244ebd398");
	/* a key longer than the block is hashed first */
	char k[100];
	memset(k, 'k', sizeof k);
	hmac_sm3(k, sizeof k, "abc", 3, t);
	assert_hex(t, sizeof t, "2d87dd3ffa1452e8e40d9123a02824fb7dd98ae4a52683287245f1736dc610ef");
}

static void test_pbkdf2_hmac_sm3(void **state)
{
	uint8_t out[40];
	pbkdf2_hmac_sm3("password", 8, "salt", 4, 1, out, 32);
	assert_hex(out, 32, "4612f922a1fdcefaf4312fc6f8f3322b489cbf24f2ea361b44c2bd8fa2c6dcb0");
	/* 1000 rounds, and a length that takes a second block */
	pbkdf2_hmac_sm3("password", 8, "salt", 4, 1000, out, 40);
	assert_hex(
	    out, 40,
	    "e8b635a41dfe5aaab7cf828cff6f3608e22cac59ba16edd70e000b293d00bc9118504f57ab46673d");
	/* the production shape: 16-byte salt, 100,000 rounds */
	uint8_t salt[16];
	for (int i = 0; i < 16; i++)
		salt[i] = (uint8_t)i;
	pbkdf2_hmac_sm3("Admin-Passw0rd!2026", 19, salt, 16, 100000, out, 32);
	assert_hex(out, 32, "a94f9ad3ddae08ac69942b5b8643d3bc0b9fe85e083efcd99e0fbf784f1a39f7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sm3_abc),         cmocka_unit_test(test_sm3_abcd16),
	    cmocka_unit_test(test_sm3_incremental), cmocka_unit_test(test_hmac_sm3),
	    cmocka_unit_test(test_pbkdf2_hmac_sm3),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
