/* Unit tests for TOTP and base32 (src/lib/totp.c): RFC 4226 appendix D, RFC 6238 appendix B
 * (SHA-1 rows), RFC 4648 section 10. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lib/totp.h"

static const uint8_t KEY[] = "12345678901234567890";

/* RFC 4226 appendix D: HOTP values for counters 0..9. */
static void test_hotp_rfc4226(void **state)
{
	static const uint32_t want[10] = {755224, 287082, 359152, 969429, 338314,
	                                  254676, 287922, 162583, 399871, 520489};
	for (int i = 0; i < 10; i++)
		assert_int_equal(hotp(KEY, 20, (uint64_t)i, 6), want[i]);
}

/* RFC 6238 appendix B, SHA-1 rows (8 digits there; the last 6 are our 6-digit code). */
static void test_totp_rfc6238(void **state)
{
	static const struct {
		int64_t t;
		uint32_t code8;
	} v[] = {{59, 94287082},         {1111111109, 7081804},  {1111111111, 14050471},
	         {1234567890, 89005924}, {2000000000, 69279037}, {20000000000, 65353130}};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(hotp(KEY, 20, (uint64_t)totp_step(v[i].t), 8), v[i].code8);
		char code[7], want[7];
		totp_code(KEY, 20, totp_step(v[i].t), code);
		snprintf(want, sizeof want, "%06u", v[i].code8 % 1000000);
		assert_string_equal(code, want);
		assert_int_equal(totp_verify(KEY, 20, want, v[i].t, 1), totp_step(v[i].t));
	}
}

/* ±1 step is accepted, ±2 is not; malformed codes never match. */
static void test_totp_window(void **state)
{
	int64_t t = 1234567890, s = totp_step(t);
	char prev[7], next[7], far[7];
	totp_code(KEY, 20, s - 1, prev);
	totp_code(KEY, 20, s + 1, next);
	totp_code(KEY, 20, s + 2, far);
	assert_int_equal(totp_verify(KEY, 20, prev, t, 1), s - 1);
	assert_int_equal(totp_verify(KEY, 20, next, t, 1), s + 1);
	assert_int_equal(totp_verify(KEY, 20, far, t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, next, t, 0), -1);
	assert_int_equal(totp_verify(KEY, 20, "", t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, NULL, t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, "12345", t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, "1234567", t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, "12345a", t, 1), -1);
	assert_int_equal(totp_verify(KEY, 20, " 12345", t, 1), -1);
}

/* RFC 4648 section 10 vectors (without padding), and decoding back. */
static void test_base32(void **state)
{
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const out[] = {"",        "MY",       "MZXQ",      "MZXW6",
	                                  "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI"};
	char buf[TOTP_B32_MAX];
	uint8_t dec[64];
	for (int i = 0; i < 7; i++) {
		int n = base32_encode((const uint8_t *)in[i], strlen(in[i]), buf, sizeof buf);
		assert_int_equal(n, (int)strlen(out[i]));
		assert_string_equal(buf, out[i]);
		int m = base32_decode(out[i], dec, sizeof dec);
		assert_int_equal(m, (int)strlen(in[i]));
		assert_memory_equal(dec, in[i], (size_t)m);
	}
	assert_int_equal(base32_encode(KEY, 20, buf, sizeof buf), 32);
	assert_string_equal(buf, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", dec, sizeof dec),
	                 20);
	assert_memory_equal(dec, KEY, 20);
	assert_int_equal(base32_decode("MZ1W", dec, sizeof dec), -1);
	assert_int_equal(base32_decode("MZXW6YTBOI", dec, 3), -1);
	assert_int_equal(base32_encode(KEY, 20, buf, 32), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hotp_rfc4226),
	    cmocka_unit_test(test_totp_rfc6238),
	    cmocka_unit_test(test_totp_window),
	    cmocka_unit_test(test_base32),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
