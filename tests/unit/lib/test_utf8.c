/* Unit tests for UTF-8 decoding and validation (src/lib/utf8.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "lib/utf8.h"

/* Decodes a literal of `n` bytes; returns the length and stores the code point. */
static int dec(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xdeadbeef;
	return utf8_decode((const unsigned char *)s, n, cp);
}

/* Reference encoder for the exhaustive test. */
static int encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The boundaries of each sequence length decode to the right code point and length. */
static void test_decode_valid_boundaries(void **state)
{
	static const struct {
		const char *s;
		int len;
		uint32_t cp;
	} cases[] = {
	    {"A", 1, 0x41},
	    {"\x01", 1, 0x01},
	    {"\x7f", 1, 0x7f},
	    {"\xc2\x80", 2, 0x80},
	    {"\xc2\xa9", 2, 0xa9},
	    {"\xdf\xbf", 2, 0x7ff},
	    {"\xe0\xa0\x80", 3, 0x800},
	    {"\xe5\x9b\xad", 3, 0x56ed}, /* 园 */
	    {"\xed\x9f\xbf", 3, 0xd7ff},
	    {"\xee\x80\x80", 3, 0xe000},
	    {"\xef\xbf\xbd", 3, 0xfffd},
	    {"\xef\xbf\xbf", 3, 0xffff},
	    {"\xf0\x90\x80\x80", 4, 0x10000},
	    {"\xf0\x9f\x98\x80", 4, 0x1f600},
	    {"\xf4\x8f\xbf\xbf", 4, 0x10ffff},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp;
		assert_int_equal(dec(cases[i].s, strlen(cases[i].s), &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
		/* trailing bytes do not change the result */
		char buf[8] = {0};
		memcpy(buf, cases[i].s, strlen(cases[i].s));
		buf[strlen(cases[i].s)] = 'z';
		assert_int_equal(dec(buf, strlen(buf), &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
	}
	uint32_t cp;
	assert_int_equal(dec("\0", 1, &cp), 1);
	assert_int_equal(cp, 0);
}

/* Overlong encodings are refused, at every length. */
static void test_decode_overlong(void **state)
{
	static const char *const bad[] = {
	    "\xc0\x80",         "\xc0\xaf",         "\xc1\xbf",
	    "\xe0\x80\x80",     "\xe0\x80\xaf",     "\xe0\x9f\xbf",
	    "\xf0\x80\x80\x80", "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp;
		assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

/* UTF-16 surrogates U+D800..U+DFFF are refused. */
static void test_decode_surrogates(void **state)
{
	static const char *const bad[] = {"\xed\xa0\x80", "\xed\xad\xbf", "\xed\xae\x80",
	                                  "\xed\xb0\x80", "\xed\xbf\xbf"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp;
		assert_int_equal(dec(bad[i], 3, &cp), -1);
		assert_false(utf8_valid(bad[i], 3));
	}
	/* an encoded surrogate pair (CESU-8) is two invalid sequences, not one code point */
	assert_false(utf8_valid("\xed\xa0\xbd\xed\xb8\x80", 6));
}

/* Code points above U+10FFFF and the lead bytes F5..FF are refused. */
static void test_decode_above_max(void **state)
{
	static const char *const bad[] = {
	    "\xf4\x90\x80\x80",
	    "\xf4\xbf\xbf\xbf",
	    "\xf5\x80\x80\x80",
	    "\xf7\xbf\xbf\xbf",
	    "\xf8\x88\x80\x80",
	    "\xfb\xbf\xbf\xbf",
	    "\xfc\x84\x80\x80",
	    "\xfe",
	    "\xff",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp;
		assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

/* A lone continuation byte, or a bad continuation, is refused. */
static void test_decode_bad_continuation(void **state)
{
	static const char *const bad[] = {
	    "\x80",         "\xbf",         "\xc2\x41",     "\xc2\xc2",
	    "\xe5\x9b\x41", "\xe5\x41\xad", "\xf0\x9f\x98", "\xf0\x9f\x41\x80"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp;
		assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), -1);
	}
}

/* A sequence cut short by `n` is refused even when the bytes after it would complete it. */
static void test_decode_truncated(void **state)
{
	uint32_t cp;
	assert_int_equal(dec("", 0, &cp), -1);
	assert_int_equal(dec("\xc2\x80", 1, &cp), -1);
	assert_int_equal(dec("\xe5\x9b\xad", 1, &cp), -1);
	assert_int_equal(dec("\xe5\x9b\xad", 2, &cp), -1);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 1, &cp), -1);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 2, &cp), -1);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 3, &cp), -1);
	assert_false(utf8_valid("ab\xe5\x9b", 4));
	assert_false(utf8_valid("ab\xe5\x9b\xad", 4));
	assert_true(utf8_valid("ab\xe5\x9b\xad", 5));
}

/* Every scalar value encodes and decodes back to itself; every surrogate is refused. */
static void test_decode_exhaustive(void **state)
{
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		unsigned char b[4];
		int n = encode(c, b);
		uint32_t cp = 0xdeadbeef;
		int r = utf8_decode(b, (size_t)n, &cp);
		if (c >= 0xd800 && c <= 0xdfff) {
			assert_int_equal(r, -1);
		} else {
			assert_int_equal(r, n);
			assert_int_equal(cp, c);
			if (c != 0)
				assert_true(utf8_valid((const char *)b, (size_t)n));
			if (n > 1)
				assert_int_equal(utf8_decode(b, (size_t)n - 1, &cp), -1);
		}
	}
}

/* Exhaustive two-byte check against the rule: C2..DF followed by 80..BF, nothing else. */
static void test_two_byte_exhaustive(void **state)
{
	for (int a = 0x80; a < 0x100; a++) {
		for (int b = 0; b < 0x100; b++) {
			char s[2] = {(char)a, (char)b};
			int expect = a >= 0xc2 && a <= 0xdf && b >= 0x80 && b <= 0xbf;
			assert_int_equal(utf8_valid(s, 2), expect);
		}
	}
}

/* utf8_valid: the empty string is valid, NUL anywhere is not, the whole length is checked. */
static void test_valid(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("hello", 5));
	const char *mixed = "园区通 Yuanqu \xf0\x9f\x98\x80 \xc2\xa9";
	assert_true(utf8_valid(mixed, strlen(mixed)));
	assert_false(utf8_valid("\0", 1));
	assert_false(utf8_valid("abc\0def", 7));
	assert_false(utf8_valid("abcdef\0", 7));
	assert_true(utf8_valid("abc\0def", 3)); /* only n bytes are looked at */
	assert_false(utf8_valid("abc\xff", 4));
	assert_true(utf8_valid("abc\xff", 3));
	assert_false(utf8_valid("\xe5\x9b\xad\xe5\x9b", 5));
	assert_false(utf8_valid("a\x80"
	                        "b",
	                        3));
}

/* utf8_count counts code points, not bytes. */
static void test_count(void **state)
{
	assert_int_equal(utf8_count(""), 0);
	assert_int_equal(utf8_count("abc"), 3);
	assert_int_equal(utf8_count("园区通"), 3);
	assert_int_equal(utf8_count("a\xc2\xa9"
	                            "b\xf0\x9f\x98\x80"
	                            "c"),
	                 5);
	assert_int_equal(utf8_count("\xf4\x8f\xbf\xbf\xef\xbf\xbf\xdf\xbf\x7f"), 4);
	char twelve[12 * 3 + 1] = {0};
	for (int i = 0; i < 12; i++)
		memcpy(twelve + 3 * i, "\xe5\x9b\xad", 3);
	assert_int_equal(utf8_count(twelve), 12);
}

/* utf8_trim of the C string `s` gives `want`. */
static void trim_is(const char *s, const char *want)
{
	size_t len;
	const char *t = utf8_trim(s, strlen(s), &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
}

static void test_trim(void **state)
{
	(void)state;
	trim_is("华通塑胶", "华通塑胶");
	trim_is(" 华通塑胶 ", "华通塑胶");
	trim_is("\xc2\xa0华通塑胶", "华通塑胶");                   /* NBSP */
	trim_is("\xe3\x80\x80华通 塑胶\xe3\x80\x80", "华通 塑胶"); /* U+3000, inner space kept */
	trim_is("\t\r\n华通\xe2\x80\x83\xe2\x80\x8b\xef\xbb\xbf", "华通"); /* em space, ZWSP, BOM */
	trim_is("\xe2\x80\xaf\xe2\x81\x9f"
	        "A"
	        "\xe1\x9a\x80",
	        "A"); /* U+202F, U+205F, U+1680 */
	trim_is("   ", "");
	trim_is("", "");
	trim_is("\xc2\xa0\xe3\x80\x80", "");
	trim_is("\xe3\x80", "\xe3\x80"); /* a cut sequence is kept */
	trim_is(" \xff ", "\xff");
	assert_true(utf8_is_space(0x3000));
	assert_false(utf8_is_space(0x4e00));
	assert_false(utf8_is_space(0x200c)); /* ZWNJ joins scripts: not trimmed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_valid_boundaries),
	    cmocka_unit_test(test_decode_overlong),
	    cmocka_unit_test(test_decode_surrogates),
	    cmocka_unit_test(test_decode_above_max),
	    cmocka_unit_test(test_decode_bad_continuation),
	    cmocka_unit_test(test_decode_truncated),
	    cmocka_unit_test(test_decode_exhaustive),
	    cmocka_unit_test(test_two_byte_exhaustive),
	    cmocka_unit_test(test_valid),
	    cmocka_unit_test(test_count),
	    cmocka_unit_test(test_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
