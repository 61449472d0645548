/* Unit tests for the domain error helper (src/lib/err.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "lib/err.h"

/* err_set fills every message field, returns -1 and leaves retry_after alone. */
static void test_err_set_fills(void **state)
{
	struct yq_err e;
	memset(&e, 0, sizeof e);
	e.retry_after = 30;
	assert_int_equal(err_set(&e, ERR_VALIDATION, "name", "不能为空", "must not be empty"), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.message, "不能为空");
	assert_string_equal(e.message_en, "must not be empty");
	assert_int_equal(e.retry_after, 30);
}

/* A later err_set replaces an earlier one, NULL field and English message included. */
static void test_err_set_overwrites(void **state)
{
	struct yq_err e = {0};
	err_set(&e, ERR_VALIDATION, "name", "a", "b");
	assert_int_equal(err_set(&e, ERR_INTERNAL, NULL, "内部错误", NULL), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	assert_null(e.field);
	assert_string_equal(e.message, "内部错误");
	assert_null(e.message_en);
}

/* A NULL error is allowed (callers that do not want details): still -1. */
static void test_err_set_null(void **state)
{
	assert_int_equal(err_set(NULL, ERR_NOT_FOUND, "id", "x", "y"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_err_set_fills),
	    cmocka_unit_test(test_err_set_overwrites),
	    cmocka_unit_test(test_err_set_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
