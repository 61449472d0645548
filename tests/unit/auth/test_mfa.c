/* Unit tests for the TOTP login check (src/auth/mfa.c): window, replay, bad secrets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "auth/mfa.h"

/* base32 of "12345678901234567890", the RFC 6238 SHA-1 key */
static const char SECRET[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
static const uint8_t KEY[] = "12345678901234567890";

static void test_code_ok_and_replay(void **state)
{
	int64_t now = 1111111111, step;
	char code[7];
	totp_code(KEY, 20, totp_step(now), code);
	assert_int_equal(mfa_code_ok(SECRET, 0, code, now, &step), 1);
	assert_int_equal(step, totp_step(now));
	/* the same code once its step is spent: refused */
	assert_int_equal(mfa_code_ok(SECRET, step, code, now, &step), 0);
	/* the previous step's code is still accepted within the window, unless spent */
	totp_code(KEY, 20, totp_step(now) - 1, code);
	assert_int_equal(mfa_code_ok(SECRET, 0, code, now, &step), 1);
	assert_int_equal(step, totp_step(now) - 1);
	assert_int_equal(mfa_code_ok(SECRET, totp_step(now) - 1, code, now, &step), 0);
	/* the next step's code is accepted; two steps away is not */
	totp_code(KEY, 20, totp_step(now) + 1, code);
	assert_int_equal(mfa_code_ok(SECRET, 0, code, now, &step), 1);
	totp_code(KEY, 20, totp_step(now) + 2, code);
	assert_int_equal(mfa_code_ok(SECRET, 0, code, now, &step), 0);
}

static void test_bad_input(void **state)
{
	int64_t step;
	assert_int_equal(mfa_code_ok("", 0, "123456", 1111111111, &step), 0);
	assert_int_equal(mfa_code_ok("not base32!", 0, "123456", 1111111111, &step), 0);
	assert_int_equal(mfa_code_ok(SECRET, 0, "", 1111111111, &step), 0);
	assert_int_equal(mfa_code_ok(SECRET, 0, "abcdef", 1111111111, &step), 0);
	assert_int_equal(mfa_code_ok(SECRET, 0, "0000000", 1111111111, &step), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_code_ok_and_replay),
	    cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
