/* Unit tests for the form and query-string parser (src/lib/form.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/alloc.h"
#include "lib/form.h"

/* Parses a C string; returns the result and leaves the form in *f. */
static enum form_error parse(struct form *f, const char *s)
{
	return form_parse(f, s, strlen(s));
}

/* Plain pairs, in order. */
static void test_pairs(void **state)
{
	struct form f = FORM_INIT;
	assert_int_equal(parse(&f, "service_code=financing&lat=37.76&long=-122.42"), FORM_OK);
	assert_int_equal(f.n_fields, 3);
	assert_string_equal(f.fields[0].key, "service_code");
	assert_string_equal(f.fields[0].value, "financing");
	assert_int_equal(f.fields[0].value_len, 9);
	assert_string_equal(f.fields[2].key, "long");
	assert_string_equal(form_get(&f, "lat"), "37.76");
	assert_null(form_get(&f, "address_string"));
	assert_null(form_get(&f, "LAT"));
	form_release(&f);
	assert_int_equal(f.n_fields, 0);
	assert_null(f.buf);
	form_release(&f);   /* twice is fine */
	form_release(NULL); /* and NULL */
}

/* The spec's example request body decodes as the spec means it. */
static void test_spec_example(void **state)
{
	struct form f = FORM_INIT;
	const char *body =
	    "api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122."
	    "4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&"
	    "account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+"
	    "large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr."
	    "com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute["
	    "WHISDORN]=COISL001";
	assert_int_equal(parse(&f, body), FORM_OK);
	assert_int_equal(f.n_fields, 16);
	assert_string_equal(form_get(&f, "address_string"), "1234 5th street");
	assert_string_equal(form_get(&f, "email"), "smit333@sfgov.edu");
	assert_string_equal(form_get(&f, "media_url"),
	                    "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg");
	assert_string_equal(form_get(&f, "description"),
	                    "A large sinkhole is destroying the street");
	assert_string_equal(form_get(&f, "attribute[WHISPAWN]"), "123456");
	assert_string_equal(form_get(&f, "attribute[WHISDORN]"), "COISL001");
	form_release(&f);
}

/* '+' is a space, %XY a byte in either case, UTF-8 across escapes; '=' inside a value stays. */
static void test_decoding(void **state)
{
	struct form f = FORM_INIT;
	assert_int_equal(parse(&f, "name=%E5%bc%A0+%e4%B8%89&q=a%2Bb%3Dc&eq=x=y&raw=厂房漏水"),
	                 FORM_OK);
	assert_string_equal(form_get(&f, "name"), "张 三");
	assert_string_equal(form_get(&f, "q"), "a+b=c");
	assert_string_equal(form_get(&f, "eq"), "x=y");
	assert_string_equal(form_get(&f, "raw"), "厂房漏水");
	form_release(&f);
	/* escaped keys are the same keys */
	assert_int_equal(parse(&f, "attribute%5Buscc%5D=91430112MA0000001X&a+b=1"), FORM_OK);
	assert_string_equal(form_get(&f, "attribute[uscc]"), "91430112MA0000001X");
	assert_string_equal(form_get(&f, "a b"), "1");
	form_release(&f);
}

/* Empty pairs are skipped; a key without '=' has the value ""; an empty key is kept. */
static void test_empty_parts(void **state)
{
	struct form f = FORM_INIT;
	assert_int_equal(parse(&f, "&&a=1&&flag&=v&b=&"), FORM_OK);
	assert_int_equal(f.n_fields, 4);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_int_equal(f.fields[1].value_len, 0);
	assert_string_equal(form_get(&f, ""), "v");
	assert_string_equal(form_get(&f, "b"), "");
	form_release(&f);
	assert_int_equal(form_parse(&f, NULL, 0), FORM_OK);
	assert_int_equal(f.n_fields, 0);
	assert_int_equal(parse(&f, "&&&"), FORM_OK);
	assert_int_equal(f.n_fields, 0);
	form_release(&f);
	/* only the first n bytes count */
	assert_int_equal(form_parse(&f, "a=1&b=2", 3), FORM_OK);
	assert_int_equal(f.n_fields, 1);
	assert_string_equal(form_get(&f, "a"), "1");
	form_release(&f);
}

/* A duplicate key keeps its first value for form_get; form_get_all sees every value, as
 * multivaluelist attributes need. */
static void test_repeated_keys(void **state)
{
	struct form f = FORM_INIT;
	const char *v[4];
	assert_int_equal(parse(&f, "api_key=first&api_key=second&attribute[c][]=1&x=0&"
	                           "attribute[c][]=2&attribute%5Bc%5D%5B%5D=3"),
	                 FORM_OK);
	assert_string_equal(form_get(&f, "api_key"), "first");
	assert_int_equal(form_get_all(&f, "api_key", v, 4), 2);
	assert_string_equal(v[1], "second");
	assert_int_equal(form_get_all(&f, "attribute[c][]", v, 4), 3);
	assert_string_equal(v[0], "1");
	assert_string_equal(v[1], "2");
	assert_string_equal(v[2], "3");
	v[1] = "untouched";
	assert_int_equal(form_get_all(&f, "attribute[c][]", v, 1), 3);
	assert_string_equal(v[0], "1");
	assert_string_equal(v[1], "untouched");
	assert_int_equal(form_get_all(&f, "nothing", v, 4), 0);
	form_release(&f);
}

/* Bad escapes are refused wherever they are, and leave the form empty. */
static void test_bad_escapes(void **state)
{
	static const char *const bad[] = {"a=%",       "a=%4",  "a=%G1",  "a=%1G",  "%=1",
	                                  "a=1&b=%zz", "a%2=1", "a=100%", "a=%%41", "a=% 41"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct form f = FORM_INIT;
		assert_int_equal(parse(&f, bad[i]), FORM_ERR_ESCAPE);
		assert_int_equal(f.n_fields, 0);
		assert_null(f.buf);
	}
	assert_string_equal(form_error_message(FORM_ERR_ESCAPE), "invalid percent escape");
}

/* Keys and values must decode to UTF-8 without NUL bytes. */
static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
	    "a=%FF",
	    "a=%C3%28",
	    "a=%C0%AF" /* overlong '/' */,
	    "a=%ED%A0%80" /* surrogate */,
	    "a=%F4%90%80%80" /* past U+10FFFF */,
	    "a=%E5%BC" /* truncated */,
	    "a=%00",
	    "%00=1",
	    "a=\xff",
	    "\xc3=1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct form f = FORM_INIT;
		assert_int_equal(parse(&f, bad[i]), FORM_ERR_UTF8);
		assert_int_equal(f.n_fields, 0);
	}
	/* a raw NUL inside the input is refused too */
	struct form f = FORM_INIT;
	assert_int_equal(form_parse(&f, "a=1\0b", 5), FORM_ERR_UTF8);
	assert_int_equal(parse(&f, "ok=%F0%9F%98%80"), FORM_OK); /* 😀, four bytes */
	assert_string_equal(form_get(&f, "ok"), "\xF0\x9F\x98\x80");
	form_release(&f);
}

/* At most FORM_MAX_FIELDS pairs; empty pairs do not count. */
static void test_field_limit(void **state)
{
	char buf[2048];
	size_t o = 0;
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%sk%d=%d&&", i ? "&" : "", i, i);
	struct form f = FORM_INIT;
	assert_int_equal(form_parse(&f, buf, o), FORM_OK);
	assert_int_equal(f.n_fields, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&f, "k63"), "63");
	form_release(&f);
	o += (size_t)snprintf(buf + o, sizeof buf - o, "one=more");
	assert_int_equal(form_parse(&f, buf, o), FORM_ERR_TOO_MANY);
	assert_int_equal(f.n_fields, 0);
	assert_null(f.buf);
}

/* At most FORM_MAX_BYTES of input, counted before decoding. */
static void test_size_limit(void **state)
{
	size_t n = FORM_MAX_BYTES;
	char *big = malloc(n + 2);
	assert_non_null(big);
	memcpy(big, "description=", 12);
	memset(big + 12, 'x', n - 12);
	struct form f = FORM_INIT;
	assert_int_equal(form_parse(&f, big, n), FORM_OK);
	assert_int_equal(f.fields[0].value_len, n - 12);
	form_release(&f);
	big[n] = 'x';
	assert_int_equal(form_parse(&f, big, n + 1), FORM_ERR_TOO_LARGE);
	assert_int_equal(f.n_fields, 0);
	/* the worst case for the decode buffer: one-byte keys without '=' */
	for (size_t i = 0; i < 2 * FORM_MAX_FIELDS - 1; i++)
		big[i] = i % 2 ? '&' : 'k';
	assert_int_equal(form_parse(&f, big, 2 * FORM_MAX_FIELDS - 1), FORM_OK);
	assert_int_equal(f.n_fields, FORM_MAX_FIELDS);
	form_release(&f);
	free(big);
}

/* An allocation failure is reported, never a crash (with -DYQ_FAULT_INJECT; otherwise the
 * parse simply succeeds). */
static void test_allocation_failure(void **state)
{
	struct form f = FORM_INIT;
	yq_fail_after(1);
	enum form_error rc = parse(&f, "a=1");
	yq_fail_after(0);
	assert_true(rc == FORM_OK || rc == FORM_ERR_NOMEM);
	if (rc == FORM_ERR_NOMEM)
		assert_int_equal(f.n_fields, 0);
	form_release(&f);
}

/* Every error has a message. */
static void test_messages(void **state)
{
	for (int i = FORM_OK; i <= FORM_ERR_NOMEM; i++) {
		const char *m = form_error_message((enum form_error)i);
		assert_non_null(m);
		assert_true(m[0] >= 'a' && m[0] <= 'z');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pairs),         cmocka_unit_test(test_spec_example),
	    cmocka_unit_test(test_decoding),      cmocka_unit_test(test_empty_parts),
	    cmocka_unit_test(test_repeated_keys), cmocka_unit_test(test_bad_escapes),
	    cmocka_unit_test(test_invalid_utf8),  cmocka_unit_test(test_field_limit),
	    cmocka_unit_test(test_size_limit),    cmocka_unit_test(test_allocation_failure),
	    cmocka_unit_test(test_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
