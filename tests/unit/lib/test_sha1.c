/* Unit tests for SHA-1 and HMAC-SHA1 (src/lib/sha1.c): the RFC 3174 and RFC 2202 vectors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lib/sha1.h"

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check_sha1(const char *msg, size_t n, int repeat, const char *want)
{
	struct sha1 s;
	uint8_t d[SHA1_LEN];
	char h[41];
	sha1_init(&s);
	for (int i = 0; i < repeat; i++)
		sha1_update(&s, msg, n);
	sha1_final(&s, d);
	hex(d, sizeof d, h);
	assert_string_equal(h, want);
}

/* RFC 3174 section 7.3: the four test cases. */
static void test_sha1_rfc3174(void **state)
{
	check_sha1("abc", 3, 1, "a9993e364706816aba3e25717850c26c9cd0d89d");
	const char *t2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_sha1(t2, strlen(t2), 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	check_sha1("a", 1, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	const char *t4 = "0123456701234567012345670123456701234567012345670123456701234567";
	check_sha1(t4, strlen(t4), 10, "dea356a2cddd90c7a7ecedc5ebb563934f460452");
	check_sha1("", 0, 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

/* Feeding the input in odd pieces gives the same digest as one piece. */
static void test_sha1_split(void **state)
{
	const char *m = "The quick brown fox jumps over the lazy dog, repeatedly, past one block.";
	uint8_t a[SHA1_LEN], b[SHA1_LEN];
	sha1(m, strlen(m), a);
	struct sha1 s;
	sha1_init(&s);
	for (size_t i = 0; i < strlen(m); i += 7)
		sha1_update(&s, m + i, strlen(m) - i < 7 ? strlen(m) - i : 7);
	sha1_final(&s, b);
	assert_memory_equal(a, b, SHA1_LEN);
}

static void check_hmac(const void *key, size_t kn, const void *msg, size_t mn, const char *want)
{
	uint8_t d[SHA1_LEN];
	char h[41];
	hmac_sha1(key, kn, msg, mn, d);
	hex(d, sizeof d, h);
	assert_string_equal(h, want);
}

/* RFC 2202 section 3: the seven HMAC-SHA1 test cases. */
static void test_hmac_sha1_rfc2202(void **state)
{
	uint8_t k[80];
	memset(k, 0x0b, 20);
	check_hmac(k, 20, "Hi There", 8, "b617318655057264e28bc0b6fb378c8ef146be00");
	check_hmac("Jefe", 4, "what do ya want for nothing?", 28,
	           "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	uint8_t m[50];
	memset(k, 0xaa, 20);
	memset(m, 0xdd, 50);
	check_hmac(k, 20, m, 50, "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
	for (int i = 0; i < 25; i++)
		k[i] = (uint8_t)(i + 1);
	memset(m, 0xcd, 50);
	check_hmac(k, 25, m, 50, "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
	memset(k, 0x0c, 20);
	check_hmac(k, 20, "Test With Truncation", 20, "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
	memset(k, 0xaa, 80);
	check_hmac(k, 80, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	           "aa4ae5e15272d00e95705637ce8a3b55ed402112");
	check_hmac(k, 80,
	           "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data", 73,
	           "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sha1_rfc3174),
	    cmocka_unit_test(test_sha1_split),
	    cmocka_unit_test(test_hmac_sha1_rfc2202),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
