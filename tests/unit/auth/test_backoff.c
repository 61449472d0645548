/* Unit tests for the login back-off schedule (src/auth/auth.c: auth_backoff_delay) and the
 * digest kept for names that are no account (src/audit/audit_chain.c: audit_name_digest). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"

/* Nothing for the first four failures, then 30 s doubling to the 15-minute cap. */
static void test_default_schedule(void **state)
{
	(void)state;
	static const int64_t want[] = {0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900};
	for (int64_t n = 0; n < (int64_t)(sizeof want / sizeof want[0]); n++)
		assert_int_equal(auth_backoff_delay(n), want[n]);
	assert_int_equal(auth_backoff_delay(1000000), 900); /* no overflow, still the cap */
	assert_int_equal(auth_backoff_delay(INT64_MAX), 900);
	assert_int_equal(auth_backoff_delay(-1), 0);
}

/* The settings: the first wait, the failures before it, the cap. */
static void test_configured_schedule(void **state)
{
	(void)state;
	struct auth_config saved = auth_config;
	auth_config.backoff_base_s = 2;
	assert_int_equal(auth_backoff_delay(5), 2);
	assert_int_equal(auth_backoff_delay(6), 4);
	assert_int_equal(auth_backoff_delay(13), 512);
	assert_int_equal(auth_backoff_delay(14), 900);
	auth_config.lock_after = 3;
	auth_config.lock_s = 100;
	assert_int_equal(auth_backoff_delay(2), 0);
	assert_int_equal(auth_backoff_delay(3), 2);
	assert_int_equal(auth_backoff_delay(8), 64);
	assert_int_equal(auth_backoff_delay(9), 100);
	auth_config = saved;
}

/* Equal names give equal digests, others not; the name itself never appears; the key
 * changes them. */
static void test_name_digest(void **state)
{
	(void)state;
	char a[AUDIT_NAME_DIGEST_HEX + 1], b[AUDIT_NAME_DIGEST_HEX + 1],
	    c[AUDIT_UNKNOWN_NAME_LEN + 1];
	audit_name_digest("My-Passw0rd-2026", a);
	audit_name_digest("My-Passw0rd-2026", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), AUDIT_NAME_DIGEST_HEX);
	assert_int_equal(strspn(a, "0123456789abcdef"), AUDIT_NAME_DIGEST_HEX);
	audit_name_digest("my-passw0rd-2026", b);
	assert_string_not_equal(a, b);
	audit_unknown_name("My-Passw0rd-2026", c);
	assert_int_equal(c[0], '?');
	assert_string_equal(c + 1, a);
	uint8_t key[AUDIT_KEY_LEN];
	memset(key, 7, sizeof key);
	audit_chain_set_key(key);
	audit_name_digest("My-Passw0rd-2026", b);
	assert_string_not_equal(a, b); /* keyed: not a plain hash anyone can compute */
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default_schedule),
	    cmocka_unit_test(test_configured_schedule),
	    cmocka_unit_test(test_name_digest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
