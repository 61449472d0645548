/* Unit tests for the streaming JSON writer (src/lib/jsonw.c). Every document written is also
 * parsed back with jansson to prove it is valid JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/jsonw.h"

struct fixture {
	struct strbuf sb;
	struct jsonw w;
};

static int setup(void **state)
{
	static struct fixture f;
	memset(&f, 0, sizeof f);
	strbuf_init(&f.sb, 1u << 20);
	jw_init(&f.w, &f.sb);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	strbuf_release(&f->sb);
	return 0;
}

/* Parses the buffer with jansson (NUL bytes in strings allowed); fails the test if invalid. */
static json_t *parse(const struct strbuf *sb)
{
	json_error_t err;
	assert_int_equal(sb->failed, 0);
	assert_non_null(sb->buf);
	json_t *j = json_loadb(sb->buf, sb->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (!j)
		fail_msg("invalid JSON (%s at %d): %s", err.text, err.position, sb->buf);
	return j;
}

/* Writes `s` (n bytes) as a string value and returns it as jansson decodes it. */
static json_t *roundtrip_str(struct fixture *f, const char *s, size_t n)
{
	strbuf_reset(&f->sb);
	jw_init(&f->w, &f->sb);
	jw_strn(&f->w, s, n);
	json_t *j = parse(&f->sb);
	assert_true(json_is_string(j));
	return j;
}

/* Commas go between members and elements at every level, never after a key or an opener. */
static void test_nested_commas(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;
	jw_obj_open(w);
	jw_kint(w, "a", 1);
	jw_key(w, "b");
	jw_arr_open(w);
	jw_int(w, 1);
	jw_int(w, 2);
	jw_obj_open(w);
	jw_knull(w, "c");
	jw_key(w, "d");
	jw_arr_open(w);
	jw_arr_close(w);
	jw_obj_close(w);
	jw_arr_open(w);
	jw_arr_open(w);
	jw_arr_close(w);
	jw_arr_open(w);
	jw_bool(w, 0);
	jw_arr_close(w);
	jw_arr_close(w);
	jw_arr_close(w);
	jw_key(w, "e");
	jw_obj_open(w);
	jw_obj_close(w);
	jw_kstr(w, "f", "x");
	jw_obj_close(w);
	assert_string_equal(
	    f->sb.buf,
	    "{\"a\":1,\"b\":[1,2,{\"c\":null,\"d\":[]},[[],[false]]],\"e\":{},\"f\":\"x\"}");
	json_t *j = parse(&f->sb);
	assert_true(json_is_object(j));
	assert_int_equal(json_object_size(j), 4);
	assert_int_equal(json_array_size(json_object_get(j, "b")), 4);
	json_decref(j);
}

/* A top-level array of objects, and values of every kind, separated correctly. */
static void test_array_of_objects(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;
	jw_arr_open(w);
	for (int i = 0; i < 3; i++) {
		jw_obj_open(w);
		jw_kint(w, "i", i);
		jw_kbool(w, "odd", i % 2);
		jw_kdouble(w, "half", i / 2.0);
		jw_kstr(w, "s", NULL);
		jw_obj_close(w);
	}
	jw_str(w, NULL);
	jw_null(w);
	jw_raw(w, "{\"pre\":[1]}");
	jw_bool(w, 7);
	jw_arr_close(w);
	assert_string_equal(f->sb.buf, "[{\"i\":0,\"odd\":false,\"half\":0,\"s\":null},"
	                               "{\"i\":1,\"odd\":true,\"half\":0.5,\"s\":null},"
	                               "{\"i\":2,\"odd\":false,\"half\":1,\"s\":null},"
	                               "null,null,{\"pre\":[1]},true]");
	json_t *j = parse(&f->sb);
	assert_int_equal(json_array_size(j), 7);
	json_decref(j);
}

/* Top-level scalars need no comma; an empty object and array are just their brackets. */
static void test_scalars_and_empties(void **state)
{
	struct fixture *f = *state;
	jw_int(&f->w, -5);
	assert_string_equal(f->sb.buf, "-5");
	strbuf_reset(&f->sb);
	jw_init(&f->w, &f->sb);
	jw_obj_open(&f->w);
	jw_obj_close(&f->w);
	assert_string_equal(f->sb.buf, "{}");
	strbuf_reset(&f->sb);
	jw_init(&f->w, &f->sb);
	jw_arr_open(&f->w);
	jw_arr_close(&f->w);
	assert_string_equal(f->sb.buf, "[]");
}

/* Quotes, backslash, control characters and <>& are escaped; '/' and DEL are left alone. */
static void test_escapes(void **state)
{
	struct fixture *f = *state;
	const char in[] = "\"\\/\b\f\n\r\t\x01\x1f\x7f<>&'";
	jw_str(&f->w, in);
	assert_string_equal(f->sb.buf, "\"\\\"\\\\/\\u0008\\u000c\\n\\r\\t\\u0001\\u001f\x7f"
	                               "\\u003c\\u003e\\u0026'\"");
	json_t *j = parse(&f->sb);
	assert_string_equal(json_string_value(j), in);
	json_decref(j);
}

/* Every control character 0x00..0x1f comes out escaped and decodes to itself. */
static void test_every_control_char(void **state)
{
	struct fixture *f = *state;
	for (int c = 0; c < 0x20; c++) {
		char in[3] = {'a', (char)c, 'b'};
		json_t *j = roundtrip_str(f, in, 3);
		for (size_t i = 0; i < f->sb.len; i++)
			assert_true((unsigned char)f->sb.buf[i] >= 0x20);
		assert_int_equal(json_string_length(j), 3);
		assert_memory_equal(json_string_value(j), in, 3);
		json_decref(j);
	}
}

/* A NUL byte inside a counted string is written as \u0000, not a truncation. */
static void test_nul_in_string(void **state)
{
	struct fixture *f = *state;
	jw_strn(&f->w, "a\0b", 3);
	assert_string_equal(f->sb.buf, "\"a\\u0000b\"");
	json_t *j = parse(&f->sb);
	assert_int_equal(json_string_length(j), 3);
	assert_memory_equal(json_string_value(j), "a\0b", 3);
	json_decref(j);
}

/* Keys are escaped like values. */
static void test_key_escaped(void **state)
{
	struct fixture *f = *state;
	jw_obj_open(&f->w);
	jw_kint(&f->w, "a\"b<\n", 1);
	jw_obj_close(&f->w);
	assert_string_equal(f->sb.buf, "{\"a\\\"b\\u003c\\n\":1}");
	json_t *j = parse(&f->sb);
	assert_non_null(json_object_get(j, "a\"b<\n"));
	json_decref(j);
}

/* U+2028 and U+2029 are escaped (they end lines in JavaScript); other UTF-8 passes unchanged. */
static void test_unicode(void **state)
{
	struct fixture *f = *state;
	const char in[] = "园区\xe2\x80\xa8x\xe2\x80\xa9\xf0\x9f\x98\x80\xc2\xa9";
	jw_str(&f->w, in);
	assert_string_equal(f->sb.buf, "\"园区\\u2028x\\u2029\xf0\x9f\x98\x80\xc2\xa9\"");
	json_t *j = parse(&f->sb);
	assert_string_equal(json_string_value(j), in);
	json_decref(j);
}

/* Invalid UTF-8 is replaced by U+FFFD, one per bad byte, and the output parses. */
static void test_invalid_utf8_replaced(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *in;
		size_t n;
		const char *out;
	} cases[] = {
	    {"a\xff"
	     "b",
	     3,
	     "a\xef\xbf\xbd"
	     "b"},
	    {"\x80", 1, "\xef\xbf\xbd"},
	    {"\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd"},                 /* overlong '/' */
	    {"\xe0\x80\xaf", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* overlong '/' */
	    {"\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* surrogate D800 */
	    {"\xf4\x90\x80\x80", 4,
	     "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* U+110000 */
	    {"x\xe5\x9b", 3, "x\xef\xbf\xbd\xef\xbf\xbd"},        /* truncated 园 */
	    {"\xe5\x9b"
	     "A",
	     3,
	     "\xef\xbf\xbd\xef\xbf\xbd"
	     "A"},
	    {"\xfe\xff", 2, "\xef\xbf\xbd\xef\xbf\xbd"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *j = roundtrip_str(f, cases[i].in, cases[i].n);
		assert_string_equal(json_string_value(j), cases[i].out);
		json_decref(j);
	}
}

/* Arbitrary bytes always give valid JSON that decodes to valid UTF-8 (exhaustive over two
 * bytes, each combined with a valid prefix and suffix). */
static void test_all_byte_pairs_parse(void **state)
{
	struct fixture *f = *state;
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b += 3) {
			char in[4] = {'<', (char)a, (char)b, '"'};
			json_t *j = roundtrip_str(f, in, sizeof in);
			json_decref(j);
		}
	}
}

/* int64 extremes are written exactly. */
static void test_int64_extremes(void **state)
{
	struct fixture *f = *state;
	jw_arr_open(&f->w);
	jw_int(&f->w, INT64_MIN);
	jw_int(&f->w, INT64_MAX);
	jw_int(&f->w, 0);
	jw_int(&f->w, -1);
	jw_arr_close(&f->w);
	assert_string_equal(f->sb.buf, "[-9223372036854775808,9223372036854775807,0,-1]");
	json_t *j = parse(&f->sb);
	assert_true(json_integer_value(json_array_get(j, 0)) == INT64_MIN);
	assert_true(json_integer_value(json_array_get(j, 1)) == INT64_MAX);
	json_decref(j);
}

/* NaN and infinities become null; finite doubles round-trip exactly. */
static void test_doubles(void **state)
{
	struct fixture *f = *state;
	const double finite[] = {0.1, -0.5, 1.0 / 3.0, 1e300, -1e-300, 123456789.125, 5e-324};
	jw_arr_open(&f->w);
	jw_double(&f->w, NAN);
	jw_double(&f->w, INFINITY);
	jw_double(&f->w, -INFINITY);
	for (size_t i = 0; i < sizeof finite / sizeof finite[0]; i++)
		jw_double(&f->w, finite[i]);
	jw_arr_close(&f->w);
	assert_memory_equal(f->sb.buf, "[null,null,null,", 16);
	json_t *j = parse(&f->sb);
	assert_int_equal(json_array_size(j), 3 + sizeof finite / sizeof finite[0]);
	for (size_t i = 0; i < 3; i++)
		assert_true(json_is_null(json_array_get(j, i)));
	for (size_t i = 0; i < sizeof finite / sizeof finite[0]; i++)
		assert_true(json_number_value(json_array_get(j, 3 + i)) == finite[i]);
	json_decref(j);

	strbuf_reset(&f->sb);
	jw_init(&f->w, &f->sb);
	jw_obj_open(&f->w);
	jw_kdouble(&f->w, "nan", NAN);
	jw_kdouble(&f->w, "one", 1.0);
	jw_obj_close(&f->w);
	assert_string_equal(f->sb.buf, "{\"nan\":null,\"one\":1}");

	/* the shortest text that reads back: 0.1, not 0.10000000000000001 */
	char buf[32];
	assert_int_equal(jw_format_double(0.1, buf, sizeof buf), 0);
	assert_string_equal(buf, "0.1");
	assert_int_equal(jw_format_double(28.3648, buf, sizeof buf), 0);
	assert_string_equal(buf, "28.3648");
	assert_int_equal(jw_format_double(1.0 / 3.0, buf, sizeof buf), 0);
	assert_true(strtod(buf, NULL) == 1.0 / 3.0);
	assert_int_equal(jw_format_double(NAN, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	/* whole numbers take a shorter path and read as %.15g writes them */
	const double whole[] = {0, -0.0, 1, -1, 155000, -42, 999999999999999, 1e15, -1e15, 1e20,
	                        123456789012345, 9007199254740993.0};
	for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
		char want[40];
		snprintf(want, sizeof want, "%.15g", whole[i]);
		assert_int_equal(jw_format_double(whole[i], buf, sizeof buf), 0);
		assert_true(strtod(buf, NULL) == whole[i]);
		if (fabs(whole[i]) < 1e15)
			assert_string_equal(buf, want);
	}
}

/* Nesting to exactly JSONW_MAX_DEPTH is fine and parses. */
static void test_depth_at_max(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < JSONW_MAX_DEPTH; i++) {
		if (i % 2) {
			jw_obj_open(&f->w);
			jw_key(&f->w, "k");
		} else {
			jw_arr_open(&f->w);
		}
	}
	jw_int(&f->w, 1);
	for (int i = JSONW_MAX_DEPTH - 1; i >= 0; i--) {
		if (i % 2)
			jw_obj_close(&f->w);
		else
			jw_arr_close(&f->w);
	}
	assert_int_equal(f->sb.failed, 0);
	assert_int_equal(f->w.depth, 0);
	json_t *j = parse(&f->sb);
	json_decref(j);
}

/* One level deeper than JSONW_MAX_DEPTH marks the buffer failed, and it stays failed. */
static void test_depth_over_max(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < JSONW_MAX_DEPTH; i++)
		jw_arr_open(&f->w);
	assert_int_equal(f->sb.failed, 0);
	size_t len = f->sb.len;
	jw_obj_open(&f->w);
	assert_int_equal(f->sb.failed, 1);
	jw_int(&f->w, 1);
	jw_obj_close(&f->w);
	for (int i = 0; i < JSONW_MAX_DEPTH; i++)
		jw_arr_close(&f->w);
	assert_int_equal(f->sb.failed, 1);
	assert_int_equal(f->sb.len, len);
	/* far deeper nesting never writes out of need_comma[] (sanitizer build) */
	strbuf_reset(&f->sb);
	jw_init(&f->w, &f->sb);
	for (int i = 0; i < 4 * JSONW_MAX_DEPTH; i++)
		jw_arr_open(&f->w);
	jw_int(&f->w, 1);
	assert_int_equal(f->sb.failed, 1);
	assert_true(f->w.depth <= JSONW_MAX_DEPTH);
}

/* json_escape_into writes content only, without quotes. */
static void test_escape_into(void **state)
{
	struct strbuf sb = STRBUF_INIT(0);
	json_escape_into(&sb, "a\"<\xe2\x80\xa8\xff", 7);
	assert_string_equal(sb.buf, "a\\\"\\u003c\\u2028\xef\xbf\xbd");
	strbuf_release(&sb);
}

/* A writer stops cleanly when its buffer hits its maximum: failed set, nothing past max. */
static void test_buffer_max(void **state)
{
	struct strbuf sb = STRBUF_INIT(16);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (int i = 0; i < 100; i++)
		jw_str(&w, "abc");
	jw_arr_close(&w);
	assert_int_equal(sb.failed, 1);
	assert_true(sb.len <= 16);
	assert_int_equal(sb.buf[sb.len], 0);
	strbuf_release(&sb);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_nested_commas),
	    T(test_array_of_objects),
	    T(test_scalars_and_empties),
	    T(test_escapes),
	    T(test_every_control_char),
	    T(test_nul_in_string),
	    T(test_key_escaped),
	    T(test_unicode),
	    T(test_invalid_utf8_replaced),
	    T(test_all_byte_pairs_parse),
	    T(test_int64_extremes),
	    T(test_doubles),
	    T(test_depth_at_max),
	    T(test_depth_over_max),
	    cmocka_unit_test(test_escape_into),
	    cmocka_unit_test(test_buffer_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
