/* Unit tests for the domain error → HTTP status table (src/http/errmap.c), against the table in
 * docs/API.md. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "http/errmap.h"

/* docs/API.md, "Errors": status and code of every error. */
static const struct {
	enum err_code code;
	int status;
	const char *name;
} documented[] = {
    {ERR_VALIDATION, 400, "validation"},
    {ERR_BAD_JSON, 400, "bad_json"},
    {ERR_BAD_REQUEST, 400, "bad_request"},
    {ERR_UNAUTH, 401, "unauthenticated"},
    {ERR_SESSION_EXPIRED, 401, "session_expired"},
    {ERR_BAD_CREDENTIALS, 401, "bad_credentials"},
    {ERR_FORBIDDEN, 403, "forbidden"},
    {ERR_CSRF, 403, "csrf"},
    {ERR_PASSWORD_CHANGE, 403, "password_change_required"},
    {ERR_NOT_FOUND, 404, "not_found"},
    {ERR_METHOD, 405, "method_not_allowed"},
    {ERR_CONFLICT, 409, "conflict"},
    {ERR_STATE, 409, "invalid_state"},
    {ERR_TOO_LARGE, 413, "too_large"},
    {ERR_MEDIA_TYPE, 415, "unsupported_media_type"},
    {ERR_LOCKED, 429, "account_locked"},
    {ERR_THROTTLED, 429, "ip_throttled"},
    {ERR_BUSY, 429, "busy"},
    {ERR_INTERNAL, 500, "internal"},
    {ERR_UNAVAILABLE, 503, "unavailable"},
    {ERR_TOTP_REQUIRED, 401, "totp_required"},
    {ERR_TOTP_INVALID, 401, "totp_invalid"},
    {ERR_TOTP_ENROL, 403, "totp_enrol_required"},
    {ERR_PERIOD_CLOSED, 409, "period_closed"},
};
#define N_DOCUMENTED (sizeof documented / sizeof documented[0])

/* Each documented error maps to its status and code. */
static void test_documented_statuses(void **state)
{
	for (size_t i = 0; i < N_DOCUMENTED; i++) {
		const struct errmap_entry *m = errmap_get(documented[i].code);
		assert_non_null(m);
		if (m->status != documented[i].status || !m->code ||
		    strcmp(m->code, documented[i].name) != 0)
			fail_msg("error %d maps to %d %s, docs say %d %s", (int)documented[i].code,
			         m->status, m->code ? m->code : "(null)", documented[i].status,
			         documented[i].name);
	}
}

/* Every error code except ERR_NONE is documented: the docs table and the enum agree. */
static void test_every_code_documented(void **state)
{
	assert_int_equal(N_DOCUMENTED, ERR__COUNT - 1);
	for (int c = 1; c < ERR__COUNT; c++) {
		int found = 0;
		for (size_t i = 0; i < N_DOCUMENTED; i++)
			found += documented[i].code == (enum err_code)c;
		assert_int_equal(found, 1);
	}
}

/* Every entry has a code, the codes are distinct, and every error is a 4xx or 5xx. */
static void test_entries_well_formed(void **state)
{
	for (int c = 1; c < ERR__COUNT; c++) {
		const struct errmap_entry *m = errmap_get((enum err_code)c);
		assert_non_null(m->code);
		assert_true(strlen(m->code) > 0);
		assert_in_range(m->status, 400, 599);
		for (int d = 1; d < c; d++)
			assert_string_not_equal(m->code, errmap_get((enum err_code)d)->code);
	}
	/* ERR_NONE is success, not an error */
	assert_in_range(errmap_get(ERR_NONE)->status, 200, 299);
}

/* Unknown codes map to the ERR_INTERNAL entry (500). */
static void test_unknown_is_internal(void **state)
{
	const struct errmap_entry *internal = errmap_get(ERR_INTERNAL);
	assert_int_equal(internal->status, 500);
	assert_string_equal(internal->code, "internal");
	assert_ptr_equal(errmap_get(ERR__COUNT), internal);
	assert_ptr_equal(errmap_get((enum err_code)(ERR__COUNT + 1)), internal);
	assert_ptr_equal(errmap_get((enum err_code)1000), internal);
	assert_ptr_equal(errmap_get((enum err_code) - 1), internal);
	assert_ptr_equal(errmap_get((enum err_code)INT32_MIN), internal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_documented_statuses),
	    cmocka_unit_test(test_every_code_documented),
	    cmocka_unit_test(test_entries_well_formed),
	    cmocka_unit_test(test_unknown_is_internal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
