/* Unit tests for the organisation rules (pure validation in src/org/org.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "lib/arena.h"
#include "org/org.h"

/* Builds `n` copies of `unit` into buf (of size cap). */
static const char *repeat(char *buf, size_t cap, const char *unit, int n)
{
	size_t u = strlen(unit), o = 0;
	assert_true((size_t)n * u < cap);
	for (int i = 0; i < n; i++, o += u)
		memcpy(buf + o, unit, u);
	buf[o] = 0;
	return buf;
}

/* Asserts a validation error on `field`, with both messages. */
static void assert_refused(int rc, const struct yq_err *e, const char *field)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->code, ERR_VALIDATION);
	assert_non_null(e->field);
	assert_string_equal(e->field, field);
	assert_non_null(e->message);
	assert_non_null(e->message_en);
}

static void username_ok(const char *s)
{
	struct yq_err e = {0};
	if (org_check_username(s, &e) != 0)
		fail_msg("user name \"%s\" refused: %s", s, e.message_en);
}

static void username_bad(const char *s)
{
	struct yq_err e = {0};
	int rc = org_check_username(s, &e);
	if (rc == 0)
		fail_msg("user name \"%s\" accepted", s ? s : "(null)");
	assert_refused(rc, &e, "username");
}

/* User names: 3 to 32 bytes of letters, digits, '.', '_' and '-'. */
static void test_username(void **state)
{
	char buf[64];
	username_ok("abc");
	username_ok("a.b");
	username_ok("A_b-9");
	username_ok("zhang.san_01");
	username_ok("---");
	username_ok(repeat(buf, sizeof buf, "x", 32));
	username_bad(NULL);
	username_bad("");
	username_bad("ab");
	username_bad(repeat(buf, sizeof buf, "x", 33));
	username_bad("a b");
	username_bad("abc ");
	username_bad("user@example");
	username_bad("a/b");
	username_bad("a+b");
	username_bad("abc\n");
	username_bad("张三丰");        /* 9 bytes, but not ASCII */
	username_bad("zhang\xc3\xa9"); /* é */
	username_bad("ab\xff");
}

static void name_ok(const char *s)
{
	struct yq_err e = {0};
	if (org_check_name(s, "display_name", &e) != 0)
		fail_msg("name \"%s\" refused: %s", s, e.message_en);
}

static void name_bad(const char *s, const char *field)
{
	struct yq_err e = {0};
	int rc = org_check_name(s, field, &e);
	if (rc == 0)
		fail_msg("name \"%s\" accepted", s ? s : "(null)");
	assert_refused(rc, &e, field);
}

/* Names: 1 to 64 characters (not bytes); the error names the field given. */
static void test_name_length(void **state)
{
	char buf[512];
	name_ok("张");
	name_ok("x");
	name_ok(repeat(buf, sizeof buf, "园", 64)); /* 192 bytes */
	name_bad(repeat(buf, sizeof buf, "园", 65), "name");
	name_ok(repeat(buf, sizeof buf, "a", 64));
	name_bad(repeat(buf, sizeof buf, "a", 65), "display_name");
	name_ok(repeat(buf, sizeof buf, "\xf0\x9f\x98\x80", 64)); /* 256 bytes */
	name_bad(repeat(buf, sizeof buf, "\xf0\x9f\x98\x80", 65), "name");
	name_bad("", "name");
	name_bad(NULL, "dept_name");
}

/* Names may hold spaces and punctuation but no control characters nor invalid UTF-8. */
static void test_name_characters(void **state)
{
	name_ok("招商服务中心 (二部)");
	name_ok("O'Brien-Smith, Jr.");
	name_ok("  leading and trailing  ");
	name_bad("a\tb", "name");
	name_bad("line\nbreak", "name");
	name_bad("\r", "name");
	name_bad("esc\x1b[31m", "name");
	name_bad("bell\x07", "name");
	name_bad("\x1f", "name");
	name_bad("bad\xff", "name");
	name_bad("\xc0\xaf", "name");
	name_bad("\xed\xa0\x80", "name");
	name_bad("trunc\xe5\x9b", "name");
}

/* Known bug: org.h promises names "without control characters", but org_check_name only
 * refuses bytes below 0x20: DEL (U+007F) and the C1 controls U+0080..U+009F (e.g. U+0085
 * NEXT LINE, "\xc2\x85") are accepted. Skipped until src/org/org.c is fixed. */
static void test_name_other_controls(void **state)
{
	static const char *const bad[] = {"del\x7f", "nel\xc2\x85", "csi\xc2\x9b"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct yq_err e = {0};
		if (org_check_name(bad[i], "name", &e) == 0) {
			print_message("org_check_name accepted a control character in case %zu\n",
			              i);
			fail();
		}
	}
}

/* Decodes {"name": "部门", "kind": kind} (kind left out when NULL) by ENTITY_DEPT into *d. */
static int decode_dept_kind(json_t *kind, struct arena *a, struct dept *d, struct yq_err *e)
{
	json_t *o = json_pack("{s:s}", "name", "招商部");
	if (kind)
		json_object_set_new(o, "kind", kind);
	memset(d, 0, sizeof *d);
	int rc = entity_decode(&ENTITY_DEPT, o, DECODE_FULL, a, d, NULL, e);
	json_decref(o);
	return rc;
}

/* Department kinds: the six documented, exactly (white space at the ends is trimmed, as of
 * every text of a body); none, or an empty one, is "other" (the column's default). */
static void test_dept_kind(void **state)
{
	struct arena arena = {0}, *a = &arena; /* a zeroed arena is empty */
	struct dept d;
	static const char *const ok[] = {"leadership", "service_center", "investment",
	                                 "economic",   "project",        "other"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct yq_err e = {0};
		assert_int_equal(decode_dept_kind(json_string(ok[i]), a, &d, &e), 0);
		assert_string_equal(d.kind, ok[i]);
	}
	static const char *const bad[] = {"Other",  "OTHER",     "misc",    "service-center",
	                                  "leader", "pro\nject", "pro ject"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct yq_err e = {0};
		assert_refused(decode_dept_kind(json_string(bad[i]), a, &d, &e), &e, "kind");
	}
	struct yq_err e = {0};
	assert_refused(decode_dept_kind(json_integer(1), a, &d, &e), &e, "kind");
	assert_int_equal(decode_dept_kind(json_string(" project "), a, &d, &e), 0);
	assert_string_equal(d.kind, "project");
	assert_int_equal(decode_dept_kind(json_string(""), a, &d, &e), 0);
	assert_string_equal(d.kind, "other");
	assert_int_equal(decode_dept_kind(json_null(), a, &d, &e), 0);
	assert_string_equal(d.kind, "other");
	assert_int_equal(decode_dept_kind(NULL, a, &d, &e), 0);
	assert_string_equal(d.kind, "other");
	arena_release(a);
}

static void phone_ok(const char *s)
{
	struct yq_err e = {0};
	if (org_check_phone(s, &e) != 0)
		fail_msg("phone \"%s\" refused", s ? s : "(null)");
}

static void phone_bad(const char *s)
{
	struct yq_err e = {0};
	int rc = org_check_phone(s, &e);
	if (rc == 0)
		fail_msg("phone \"%s\" accepted", s);
	assert_refused(rc, &e, "phone");
}

/* Phones: empty, or 5 to 20 of digits, spaces, '+' and '-'. */
static void test_phone(void **state)
{
	char buf[64];
	phone_ok(NULL);
	phone_ok("");
	phone_ok("12345");
	phone_ok("13800138000");
	phone_ok("+86 138-0013-8000");
	phone_ok("010-12345678");
	phone_ok(repeat(buf, sizeof buf, "9", 20));
	phone_bad("1234");
	phone_bad(repeat(buf, sizeof buf, "9", 21));
	phone_bad("(010)12345678");
	phone_bad("138.0013.8000");
	phone_bad("1380013800a");
	phone_bad("12345\n");
	phone_bad("１３８００１３８０００"); /* full-width digits */
	phone_bad("123#45");
}

/* The CLI principal is an administrator of the given zone seeing every zone. */
static void test_cli_principal(void **state)
{
	struct principal p;
	memset(&p, 0x5a, sizeof p);
	org_cli_principal(&p, 7);
	assert_int_equal(p.zone_id, 7);
	assert_int_equal(p.role, ROLE_ADMIN);
	assert_int_equal(p.scope, SCOPE_ALL);
	perm_set admin = role_perms(ROLE_ADMIN);
	assert_true(perm_set_equal(&p.perms, &admin));
	assert_int_equal(p.user_id, 0);
	assert_int_equal(p.dept_id, 0);
	assert_int_equal(p.must_change, 0);
	assert_int_equal(p.via_token, 0);
	assert_null(p.csrf);
	assert_non_null(p.username);
	assert_non_null(p.ip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_username),        cmocka_unit_test(test_name_length),
	    cmocka_unit_test(test_name_characters), cmocka_unit_test(test_name_other_controls),
	    cmocka_unit_test(test_dept_kind),       cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_cli_principal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
