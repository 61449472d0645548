/* Unit tests for the password policy, hashing and generation (src/access/password.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "access/password.h"

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	password_set_fast(1);
	return 0;
}

/* Builds `prefix` followed by `n` copies of `unit` into buf (of size cap). */
static const char *repeat(char *buf, size_t cap, const char *prefix, const char *unit, int n)
{
	size_t o = strlen(prefix), u = strlen(unit);
	assert_true(o + (size_t)n * u < cap);
	memcpy(buf, prefix, o);
	for (int i = 0; i < n; i++, o += u)
		memcpy(buf + o, unit, u);
	buf[o] = 0;
	return buf;
}

/* Checks `pw` is accepted. */
static void accepted(const char *pw, const char *user)
{
	struct yq_err e = {0};
	if (password_check_policy(pw, user, &e) != 0)
		fail_msg("refused \"%s\": %s", pw, e.message_en);
	assert_int_equal(e.code, ERR_NONE);
}

/* Checks `pw` is refused with a validation error on field "password" whose English message
 * contains `why`. */
static void refused(const char *pw, const char *user, const char *why)
{
	struct yq_err e = {0};
	if (password_check_policy(pw, user, &e) != -1)
		fail_msg("accepted \"%s\"", pw);
	assert_int_equal(e.code, ERR_VALIDATION);
	assert_non_null(e.field);
	assert_string_equal(e.field, "password");
	assert_non_null(e.message);
	assert_true(strlen(e.message) > 0);
	assert_non_null(e.message_en);
	if (!strstr(e.message_en, why))
		fail_msg("\"%s\" refused for \"%s\", expected \"%s\"", pw, e.message_en, why);
}

#define TOO_SHORT     "at least 12"
#define TOO_LONG      "at most 128"
#define FEW_CLASSES   "three of"
#define SAME_AS_USER  "user name"
#define INVALID_CHARS "invalid"

/* Twelve characters is the minimum, for ASCII. */
static void test_length_ascii(void **state)
{
	refused("", NULL, TOO_SHORT);
	refused("Aa1!", NULL, TOO_SHORT);
	refused("Abcdefghij1", NULL, TOO_SHORT);
	accepted("Abcdefghij12", NULL);
	accepted("Abcdefghij123", NULL);
}

/* Length counts characters, not bytes: three-byte CJK characters count one each. */
static void test_length_counts_characters(void **state)
{
	char buf[512];
	/* 3 + 9 = 12 characters (30 bytes): long enough */
	accepted(repeat(buf, sizeof buf, "Aa1", "园", 9), NULL);
	/* 3 + 8 = 11 characters (27 bytes, more than 12): too short */
	refused(repeat(buf, sizeof buf, "Aa1", "园", 8), NULL, TOO_SHORT);
	/* 11 CJK characters (33 bytes) are too short... */
	refused(repeat(buf, sizeof buf, "", "区", 11), NULL, TOO_SHORT);
	/* ...12 are long enough, though one class only */
	refused(repeat(buf, sizeof buf, "", "区", 12), NULL, FEW_CLASSES);
	/* 4-byte characters count one each too */
	refused(repeat(buf, sizeof buf, "Aa1", "\xf0\x9f\x98\x80", 8), NULL, TOO_SHORT);
	accepted(repeat(buf, sizeof buf, "Aa1", "\xf0\x9f\x98\x80", 9), NULL);
}

/* Three of the four classes (upper, lower, digit, other) are needed. */
static void test_classes(void **state)
{
	refused("abcdefghijkl", NULL, FEW_CLASSES);
	refused("ABCDEFGHIJKL", NULL, FEW_CLASSES);
	refused("123456789012", NULL, FEW_CLASSES);
	refused("!@#$%^&*()_+", NULL, FEW_CLASSES);
	refused("abcdefghij12", NULL, FEW_CLASSES);
	refused("Abcdefghijkl", NULL, FEW_CLASSES);
	refused("abcdef!@#$%^", NULL, FEW_CLASSES);
	refused("ABCDEF123456", NULL, FEW_CLASSES);
	refused("123456!@#$%^", NULL, FEW_CLASSES);
	accepted("abcdefghi12!", NULL);
	accepted("ABCDEFGHI12!", NULL);
	accepted("Abcdefghijk1", NULL);
	accepted("Abcdefghijk!", NULL);
	accepted("ABCabc123!@#", NULL);
	accepted("correct horse 1", NULL); /* space counts as a symbol */
	/* non-ASCII characters count as symbols */
	accepted("abcdef123园区通", NULL);
	refused("abcdefghi园区通", NULL, FEW_CLASSES);
}

/* The password may not contain the user name, compared without case. */
static void test_not_user_name(void **state)
{
	refused("Admin.User12", "Admin.User12", SAME_AS_USER);
	refused("Admin.User12", "admin.user12", SAME_AS_USER);
	refused("admin.user12", "ADMIN.USER12", SAME_AS_USER);
	refused("Admin.User12x", "Admin.User12", SAME_AS_USER);
	refused("Zhang-San-2026!", "zhang-san", SAME_AS_USER);
	refused("Init-Passw0rd-WANGWU", "wangwu", SAME_AS_USER);
	refused("xx-Pw0rd-liSi", "lisi", SAME_AS_USER); /* at the very end */
	accepted("Admin.User12", "admin.user123");
	accepted("Zhang-Sa-n2026!", "zhang-san");
	accepted("Admin.User12", NULL);
	accepted("Admin.User12", "");
}

/* At most 128 bytes (not characters). */
static void test_max_bytes(void **state)
{
	char buf[512];
	accepted(repeat(buf, sizeof buf, "Aa1", "x", 125), NULL); /* 128 bytes */
	refused(repeat(buf, sizeof buf, "Aa1", "x", 126), NULL, TOO_LONG);
	refused(repeat(buf, sizeof buf, "Aa1", "x", 400), NULL, TOO_LONG);
	/* 3 + 41*3 = 126 bytes, 44 characters: fine; 3 + 42*3 = 129 bytes, 45 characters: not */
	accepted(repeat(buf, sizeof buf, "Aa1", "园", 41), NULL);
	refused(repeat(buf, sizeof buf, "Aa1", "园", 42), NULL, TOO_LONG);
}

/* Invalid UTF-8 is refused, whatever else the password has. */
static void test_invalid_utf8(void **state)
{
	refused("Abcdefghij12\xff", NULL, INVALID_CHARS);
	refused("\x80"
	        "Abcdefghij12",
	        NULL, INVALID_CHARS);
	refused("Abcdefghij12\xc0\xaf", NULL, INVALID_CHARS);         /* overlong */
	refused("Abcdefghij12\xed\xa0\x80", NULL, INVALID_CHARS);     /* surrogate */
	refused("Abcdefghij12\xe5\x9b", NULL, INVALID_CHARS);         /* truncated */
	refused("Abcdefghij12\xf4\x90\x80\x80", NULL, INVALID_CHARS); /* > U+10FFFF */
	refused("Ab1\xff", NULL, INVALID_CHARS); /* checked before the length */
}

/* A NULL error struct is allowed: the result is still -1. */
static void test_null_err(void **state)
{
	assert_int_equal(password_check_policy("short", NULL, NULL), -1);
	assert_int_equal(password_check_policy("Abcdefghij12", NULL, NULL), 0);
}

/* Hash then verify: the right password matches, any other does not; salts differ. */
static void test_hash_verify(void **state)
{
	char h1[PASSWORD_HASH_LEN], h2[PASSWORD_HASH_LEN];
	const char *pw = "Correct-Horse-42";
	assert_int_equal(password_hash(pw, h1, 1), 0);
	assert_true(strlen(h1) < PASSWORD_HASH_LEN);
	assert_memory_equal(h1, "$argon2id$", 10);
	assert_int_equal(password_verify(pw, h1, 1), 1);
	assert_int_equal(password_verify("correct-horse-42", h1, 1), 0);
	assert_int_equal(password_verify("Correct-Horse-4", h1, 1), 0);
	assert_int_equal(password_verify("Correct-Horse-422", h1, 1), 0);
	assert_int_equal(password_verify("", h1, 1), 0);
	assert_null(strstr(h1, pw));

	assert_int_equal(password_hash(pw, h2, 0), 0);
	assert_string_not_equal(h1, h2);
	assert_int_equal(password_verify(pw, h2, 0), 1);

	/* UTF-8 passwords */
	assert_int_equal(password_hash("园区通Aa1园区通Aa1", h1, 1), 0);
	assert_int_equal(password_verify("园区通Aa1园区通Aa1", h1, 1), 1);
	assert_int_equal(password_verify("园区通Aa1园区通Aa2", h1, 1), 0);
}

/* A malformed hash never verifies. */
static void test_verify_garbage_hash(void **state)
{
	assert_int_equal(password_verify("anything", "", 1), 0);
	assert_int_equal(password_verify("anything", "not a hash", 1), 0);
	assert_int_equal(password_verify("anything", "$argon2id$v=19$m=8,t=1,p=1$", 1), 0);
}

/* With several slots, hashing with wait = 0 succeeds while nothing else is hashing. */
static void test_slots(void **state)
{
	char h[PASSWORD_HASH_LEN];
	password_set_slots(3);
	for (int i = 0; i < 5; i++)
		assert_int_equal(password_hash("Abcdefghij12", h, 0), 0);
	assert_int_equal(password_verify("Abcdefghij12", h, 0), 1);
	password_set_slots(0); /* clamped to 1 */
	assert_int_equal(password_hash("Abcdefghij12", h, 0), 0);
	assert_int_equal(password_verify("Abcdefghij12", h, 0), 1);
}

static int in_set(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

/* Generated passwords: 16 characters from the unambiguous sets, all four classes, always
 * accepted by the policy; and they differ. */
static void test_generate(void **state)
{
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ",
	                  lower[] = "abcdefghijkmnpqrstuvwxyz", digit[] = "23456789",
	                  sym[] = "-_.!@#%+";
	char prev[17] = "";
	int same = 0;
	for (int round = 0; round < 200; round++) {
		char pw[18];
		memset(pw, '#', sizeof pw);
		password_generate(pw);
		assert_int_equal(strlen(pw), 16);
		assert_int_equal(pw[17], '#');
		int u = 0, l = 0, d = 0, s = 0;
		for (int i = 0; i < 16; i++) {
			u |= in_set(pw[i], upper);
			l |= in_set(pw[i], lower);
			d |= in_set(pw[i], digit);
			s |= in_set(pw[i], sym);
			assert_true(in_set(pw[i], upper) || in_set(pw[i], lower) ||
			            in_set(pw[i], digit) || in_set(pw[i], sym));
		}
		assert_true(u && l && d && s);
		struct yq_err e = {0};
		if (password_check_policy(pw, "admin", &e) != 0)
			fail_msg("generated \"%s\" refused: %s", pw, e.message_en);
		same += strcmp(pw, prev) == 0;
		memcpy(prev, pw, 17);
	}
	assert_int_equal(same, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_length_ascii),
	    cmocka_unit_test(test_length_counts_characters),
	    cmocka_unit_test(test_classes),
	    cmocka_unit_test(test_not_user_name),
	    cmocka_unit_test(test_max_bytes),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_null_err),
	    cmocka_unit_test(test_hash_verify),
	    cmocka_unit_test(test_verify_garbage_hash),
	    cmocka_unit_test(test_slots),
	    cmocka_unit_test(test_generate),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
