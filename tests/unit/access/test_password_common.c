/* Unit tests for the common-password list of the password policy (src/access/password.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "access/password.h"
#include "lib/util.h"

/* The shipped list is loaded: tens of thousands of entries. */
static void test_list_loaded(void **state)
{
	assert_true(password_common_count() > 30000);
}

/* Listed passwords are found in any case, with symbols and digits around them. */
static void test_common_found(void **state)
{
	static const char *const common[] = {
	    "password",     "PASSWORD",      "Password123!!", "Woaini1314@@", "woaini1314",
	    "1qaz2wsx",     "!!1QAZ2WSX!!",  "qwer1234",      "Aa123456",     "P@ssw0rd2026",
	    "Qwerty123456", "Iloveyou1314!", "dragon",        "..monkey..",
	};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (!password_is_common(common[i]))
			fail_msg("\"%s\" not found in the common list", common[i]);
}

/* Strong or unusual passwords are not on the list. */
static void test_uncommon(void **state)
{
	static const char *const fine[] = {
	    "Admin-Passw0rd!2026", "Xk9#mP2$vL7!qR", "Lanting-Xu-1954!", "zq8-Mv3-Hw5-Tn2", "",
	    "!!!!!!!!!!!!",
	};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
		if (password_is_common(fine[i]))
			fail_msg("\"%s\" wrongly found in the common list", fine[i]);
}

/* The policy refuses listed passwords although they meet length and classes. */
static void test_policy_refuses_common(void **state)
{
	struct yq_err e = {0};
	assert_int_equal(password_check_policy("Password123!!", "li.si", &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	assert_string_equal(e.field, "password");
	assert_non_null(strstr(e.message_en, "common"));
	memset(&e, 0, sizeof e);
	assert_int_equal(password_check_policy("Woaini1314@@", "li.si", &e), -1);
	memset(&e, 0, sizeof e);
	assert_int_equal(password_check_policy("Yq-Gate7-Lotus-88", "li.si", &e), 0);
}

/* A lookup is fast: 100,000 checks well under a second. */
static void test_lookup_fast(void **state)
{
	password_is_common("warm-up");
	int64_t t0 = now_mono_us();
	int hits = 0;
	for (int i = 0; i < 100000; i++)
		hits += password_is_common(i & 1 ? "Password123!!" : "Xk9#mP2$vL7!qR");
	int64_t us = now_mono_us() - t0;
	assert_int_equal(hits, 50000);
	assert_true(us < 1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_list_loaded), cmocka_unit_test(test_common_found),
	    cmocka_unit_test(test_uncommon),    cmocka_unit_test(test_policy_refuses_common),
	    cmocka_unit_test(test_lookup_fast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
