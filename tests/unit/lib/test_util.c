/* Unit tests for the small helpers (src/lib/util.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"

static int setup_sodium(void **state)
{
	return sodium_init() < 0 ? -1 : 0;
}

/* Parses with the full int64 range; returns the result code and stores the value. */
static int p64(const char *s, int64_t *out)
{
	return parse_int64(s, INT64_MIN, INT64_MAX, out);
}

/* Plain decimal numbers, with a sign and leading zeros, parse to their value. */
static void test_parse_int64_valid(void **state)
{
	int64_t v;
	assert_int_equal(p64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(p64("-0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(p64("123", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(p64("-123", &v), 0);
	assert_int_equal(v, -123);
	assert_int_equal(p64("007", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(p64("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(p64("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
}

/* Values outside [min,max] are refused, the bounds themselves accepted. */
static void test_parse_int64_bounds(void **state)
{
	int64_t v;
	assert_int_equal(parse_int64("1", 1, 100, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(parse_int64("100", 1, 100, &v), 0);
	assert_int_equal(v, 100);
	v = 55;
	assert_int_equal(parse_int64("0", 1, 100, &v), -1);
	assert_int_equal(parse_int64("101", 1, 100, &v), -1);
	assert_int_equal(parse_int64("-1", 1, 100, &v), -1);
	assert_int_equal(parse_int64("-5", -5, -5, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(parse_int64("-4", -5, -5, &v), -1);
	assert_int_equal(v, -5);
}

/* Overflow past int64 is refused, not clamped. */
static void test_parse_int64_overflow(void **state)
{
	int64_t v = 42;
	assert_int_equal(p64("9223372036854775808", &v), -1);
	assert_int_equal(p64("-9223372036854775809", &v), -1);
	assert_int_equal(p64("99999999999999999999", &v), -1);
	assert_int_equal(p64("-99999999999999999999", &v), -1);
	assert_int_equal(p64("123456789012345678901234567890", &v), -1);
	assert_int_equal(v, 42);
}

/* Anything but the whole string being the number is refused, and *out is untouched. */
static void test_parse_int64_junk(void **state)
{
	static const char *const bad[] = {
	    "",   "-",  "+",   "--1",   "+-1",   "12a", "a12",  "1.5", "1e3", "0x10", "1 ",  "1\n",
	    " 1", "+1", "\t1", "1,000", "1_000", "١٢",  "１２", "0b1", "- 1", "12 3", "NaN", "inf",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t v = 42;
		if (p64(bad[i], &v) != -1)
			fail_msg("parse_int64 accepted \"%s\"", bad[i]);
		assert_int_equal(v, 42);
	}
	int64_t v = 42;
	assert_int_equal(p64(NULL, &v), -1);
	assert_int_equal(v, 42);
	/* an embedded NUL ends the string: "12\0junk" is "12" */
	assert_int_equal(p64("12\0junk", &v), 0);
	assert_int_equal(v, 12);
}

/* Leading white space of any kind is refused, like ' ' and '\t'. Known bug: parse_int64 checks
 * only ' ', '\t' and '+' at s[0] after strtoll, which also skips '\n', '\v', '\f' and '\r', so
 * "\n5" parses as 5. Skipped until src/lib/util.c is fixed. */
static void test_parse_int64_leading_whitespace(void **state)
{
	static const char *const bad[] = {"\n5", "\v5", "\f5", "\r5", " 5", "\t5", "\n-5"};
	int64_t v = 42;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (p64(bad[i], &v) != -1) {
			print_message("parse_int64 accepted leading white space (\\x%02x)\n",
			              (unsigned char)bad[i][0]);
			fail();
		}
	assert_int_equal(v, 42);
}

/* Leap years follow the Gregorian rule: 2024 and 2000 are leap years, 1900 and 2100 are not. */
static void test_valid_date_leap(void **state)
{
	assert_true(valid_date("2024-02-29"));
	assert_true(valid_date("2000-02-29"));
	assert_true(valid_date("2400-02-29"));
	assert_false(valid_date("1900-02-29"));
	assert_false(valid_date("2100-02-29"));
	assert_false(valid_date("2023-02-29"));
	assert_false(valid_date("2024-02-30"));
	assert_true(valid_date("2023-02-28"));
	assert_true(valid_date("1900-02-28"));
	/* what is wrong, for the message */
	assert_int_equal(date_check("2024-02-29"), DATE_OK);
	assert_int_equal(date_check("1900-02-29"), DATE_NONEXISTENT);
	assert_int_equal(date_check("2023-02-29"), DATE_NONEXISTENT);
	assert_int_equal(date_check("2024-04-31"), DATE_NONEXISTENT);
	assert_int_equal(date_check("2024-13-01"), DATE_NONEXISTENT);
	assert_int_equal(date_check("2024-00-10"), DATE_NONEXISTENT);
	assert_int_equal(date_check("2024-01-00"), DATE_NONEXISTENT);
	assert_int_equal(date_check("1899-12-31"), DATE_RANGE);
	assert_int_equal(date_check("2024/01/01"), DATE_FORMAT);
	assert_int_equal(date_check("2024-1-1"), DATE_FORMAT);
	assert_int_equal(date_check(NULL), DATE_FORMAT);
}

/* Month and day bounds: the last day of every month, and the day after it. */
static void test_valid_date_bounds(void **state)
{
	static const int last[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char s[32];
	for (int m = 1; m <= 12; m++) {
		snprintf(s, sizeof s, "2025-%02d-01", m);
		assert_true(valid_date(s));
		snprintf(s, sizeof s, "2025-%02d-%02d", m, last[m - 1]);
		assert_true(valid_date(s));
		snprintf(s, sizeof s, "2025-%02d-%02d", m, last[m - 1] + 1);
		assert_false(valid_date(s));
		snprintf(s, sizeof s, "2025-%02d-00", m);
		assert_false(valid_date(s));
	}
	assert_false(valid_date("2025-00-10"));
	assert_false(valid_date("2025-13-10"));
	assert_false(valid_date("2025-99-10"));
	assert_false(valid_date("2025-01-32"));
	assert_false(valid_date("2025-01-99"));
	assert_true(valid_date("9999-12-31"));
	assert_true(valid_date("1900-01-01"));
	/* util.c deliberately refuses years before 1900 */
	assert_false(valid_date("1899-12-31"));
	assert_false(valid_date("0000-01-01"));
}

/* Only the exact "YYYY-MM-DD" shape is a date. */
static void test_valid_date_format(void **state)
{
	static const char *const bad[] = {
	    "",           "2024-2-29",  "2024-02-9",   "24-02-29",       "2024/02/29",
	    "2024.02.29", "20240229",   "2024-02-29 ", " 2024-02-29",    "2024-02-29T00:00:00Z",
	    "2024-0a-10", "2024-02-1a", "202a-02-10",  "+024-02-10",     "-024-02-10",
	    "2024--2-10", "2024-02--1", "2024_02_10",  "２０２４-02-10", "2024-02-10\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (valid_date(bad[i]))
			fail_msg("valid_date accepted \"%s\"", bad[i]);
	assert_false(valid_date(NULL));
}

/* Constant-time equality agrees with strcmp on equal, different, prefix and empty strings. */
static void test_str_starts_any(void **state)
{
	(void)state;
	static const char *const starts[] = {"合计", "注", "ab", NULL};
	static const char *const none[] = {NULL};
	assert_int_equal(str_starts_any("合计：12", starts), 1);
	assert_int_equal(str_starts_any("注", starts), 1);
	assert_int_equal(str_starts_any("abc", starts), 1);
	assert_int_equal(str_starts_any("全区合计", starts), 0);
	assert_int_equal(str_starts_any("a", starts), 0);
	assert_int_equal(str_starts_any("", starts), 0);
	assert_int_equal(str_starts_any("合计", none), 0);
}

static void test_str_eq_ct(void **state)
{
	assert_true(str_eq_ct("", ""));
	assert_true(str_eq_ct("abc", "abc"));
	assert_true(str_eq_ct("园区通", "园区通"));
	assert_false(str_eq_ct("abc", "abd"));
	assert_false(str_eq_ct("abc", "Abc"));
	assert_false(str_eq_ct("abc", "ab"));
	assert_false(str_eq_ct("ab", "abc"));
	assert_false(str_eq_ct("", "a"));
	assert_false(str_eq_ct("a", ""));
	char a[65], b[65];
	memset(a, 'x', 64);
	memset(b, 'x', 64);
	a[64] = b[64] = 0;
	assert_true(str_eq_ct(a, b));
	b[63] = 'y';
	assert_false(str_eq_ct(a, b));
	b[63] = 'x';
	b[0] = 'y';
	assert_false(str_eq_ct(a, b));
}

/* SHA-256 against the FIPS 180-2 test vectors. */
static void test_sha256_vectors(void **state)
{
	char out[65];
	sha256_hex("abc", 3, out);
	assert_string_equal(out,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, out);
	assert_string_equal(out,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m, strlen(m), out);
	assert_string_equal(out,
	                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* binary input with NUL bytes is hashed whole */
	char other[65];
	sha256_hex("a\0b", 3, out);
	sha256_hex("a", 1, other);
	assert_string_not_equal(out, other);
	assert_int_equal(strlen(out), 64);
}

static int all_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/* random_hex writes exactly 2*n lowercase hex digits and a NUL, nothing past them, and two
 * calls differ. */
static void test_random_hex(void **state)
{
	size_t sizes[] = {0, 1, 16, 32, 64};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char buf[200];
		memset(buf, '#', sizeof buf);
		random_hex(buf, sizes[i]);
		assert_int_equal(strlen(buf), 2 * sizes[i]);
		assert_true(all_hex(buf));
		assert_int_equal(buf[2 * sizes[i] + 1], '#');
	}
	char a[65], b[65];
	random_hex(a, 32);
	random_hex(b, 32);
	assert_string_not_equal(a, b);
	/* every hex digit shows up over enough output */
	int seen[16] = {0};
	for (int round = 0; round < 20; round++) {
		random_hex(a, 32);
		for (int k = 0; k < 64; k++)
			seen[a[k] <= '9' ? a[k] - '0' : a[k] - 'a' + 10] = 1;
	}
	for (int d = 0; d < 16; d++)
		assert_true(seen[d]);
}

/* fmt_time_iso formats UTC, including leap days, before the epoch and the last 4-digit year. */

/* fmt_time_iso(t) is what gmtime_r and strftime write. */
static void check_iso_as_strftime(int64_t t)
{
	char a[32], b[32];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fmt_time_iso(t, a, sizeof a);
	assert_string_equal(a, b);
}
static void test_fmt_time_iso(void **state)
{
	static const struct {
		int64_t t;
		const char *s;
	} cases[] = {
	    {0, "1970-01-01T00:00:00Z"},
	    {1, "1970-01-01T00:00:01Z"},
	    {-1, "1969-12-31T23:59:59Z"},
	    {951782400, "2000-02-29T00:00:00Z"},
	    {1700000000, "2023-11-14T22:13:20Z"},
	    {1709251199, "2024-02-29T23:59:59Z"},
	    {2147483648LL, "2038-01-19T03:14:08Z"},
	    {253402300799LL, "9999-12-31T23:59:59Z"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[21];
		memset(buf, '#', sizeof buf);
		fmt_time_iso(cases[i].t, buf, sizeof buf);
		assert_string_equal(buf, cases[i].s);
	}
	/* the same as gmtime_r and strftime every 1,234,567 seconds from 1900 to 2200, and on
	 * every day around the leap days of 2000, 2100 and 2024 */
	for (int64_t t = -2208988800LL; t < 7258118400LL; t += 1234567)
		check_iso_as_strftime(t);
	static const int64_t around[] = {951782400LL, 4107542400LL, 1709164800LL};
	for (size_t i = 0; i < sizeof around / sizeof around[0]; i++)
		for (int64_t t = around[i] - 3 * 86400 - 1; t < around[i] + 3 * 86400; t += 43201)
			check_iso_as_strftime(t);
}

/* The clocks move forward. */
static void test_clocks(void **state)
{
	int64_t t = now_unix();
	assert_true(t > 1700000000);
	int64_t a = now_mono_us();
	int64_t b = now_mono_us();
	assert_true(b >= a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_str_starts_any),
	    cmocka_unit_test(test_parse_int64_valid),
	    cmocka_unit_test(test_parse_int64_bounds),
	    cmocka_unit_test(test_parse_int64_overflow),
	    cmocka_unit_test(test_parse_int64_junk),
	    cmocka_unit_test(test_parse_int64_leading_whitespace),
	    cmocka_unit_test(test_valid_date_leap),
	    cmocka_unit_test(test_valid_date_bounds),
	    cmocka_unit_test(test_valid_date_format),
	    cmocka_unit_test(test_str_eq_ct),
	    cmocka_unit_test(test_sha256_vectors),
	    cmocka_unit_test(test_random_hex),
	    cmocka_unit_test(test_fmt_time_iso),
	    cmocka_unit_test(test_clocks),
	};
	return cmocka_run_group_tests(tests, setup_sodium, NULL);
}
