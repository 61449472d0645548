/* Unit tests for the 国密 mode helpers (src/lib/gm.c): sealing and opening fields with SM4-CTR
 * and HMAC-SM3, the JSON member transform for enterprise contacts, and PBKDF2-HMAC-SM3 password
 * hashes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/gm.h"

static const uint8_t KEY[GM_KEY_LEN] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                        12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                        23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	gm_enable(KEY);
	gm_password_set_iterations(1000);
	return 0;
}

static int teardown(void **state)
{
	gm_disable();
	gm_password_set_iterations(0);
	return 0;
}

/* A sealed value carries the prefix, hides the plain text, differs each time and opens back. */
static void test_seal_open(void **state)
{
	struct strbuf a = STRBUF_INIT(0), b = STRBUF_INIT(0), o = STRBUF_INIT(0);
	assert_int_equal(gm_seal("13912345678", &a), 0);
	assert_int_equal(gm_seal("13912345678", &b), 0);
	assert_true(strncmp(a.buf, "sm4:", 4) == 0);
	assert_null(strstr(a.buf, "13912345678"));
	assert_string_not_equal(a.buf, b.buf);
	assert_int_equal(gm_open(a.buf, &o), 0);
	assert_string_equal(o.buf, "13912345678");
	/* the empty value stays empty; unsealed values pass through */
	strbuf_reset(&o);
	assert_int_equal(gm_seal("", &o), 0);
	assert_int_equal((int)o.len, 0);
	assert_int_equal(gm_open("0431-8888888", &o), 0);
	assert_string_equal(o.buf, "0431-8888888");
	char buf[32];
	assert_string_equal(gm_open_buf(a.buf, buf, sizeof buf), "13912345678");
	const char *plain = "0431-8888888";
	assert_ptr_equal(gm_open_buf(plain, buf, sizeof buf), plain);
	/* too small a buffer gives "" rather than a cut value */
	assert_string_equal(gm_open_buf(a.buf, buf, 5), "");
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&o);
}

/* Any changed character, a truncated value or another key fails to open. */
static void test_open_refuses_tampering(void **state)
{
	struct strbuf a = STRBUF_INIT(0), o = STRBUF_INIT(0);
	assert_int_equal(gm_seal("13912345678", &a), 0);
	for (size_t i = 4; i < a.len; i++) {
		char *t = strdup(a.buf);
		t[i] = t[i] == 'A' ? 'B' : 'A';
		strbuf_reset(&o);
		assert_int_equal(gm_open(t, &o), -1);
		assert_int_equal((int)o.len, 0);
		free(t);
	}
	char *t = strdup(a.buf);
	t[10] = 0;
	assert_int_equal(gm_open(t, &o), -1);
	free(t);
	assert_int_equal(gm_open("sm4:", &o), -1);
	assert_int_equal(gm_open("sm4:***", &o), -1);
	uint8_t other[GM_KEY_LEN];
	memcpy(other, KEY, sizeof other);
	other[0] ^= 1;
	gm_enable(other);
	assert_int_equal(gm_open(a.buf, &o), -1);
	gm_enable(KEY);
	strbuf_reset(&o);
	assert_int_equal(gm_open(a.buf, &o), 0);
	strbuf_release(&a);
	strbuf_release(&o);
}

/* The contacts transform seals only the named member and opens it back unchanged. */
static void test_json_field(void **state)
{
	const char *plain = "[{\"name\":\"张经理\",\"phone\":\"13912345678\",\"role\":\"总经理\"},{"
	                    "\"name\":\"x\"}]";
	struct strbuf s = STRBUF_INIT(0), o = STRBUF_INIT(0);
	assert_int_equal(gm_json_field(plain, "phone", 1, &s), 0);
	assert_null(strstr(s.buf, "13912345678"));
	assert_non_null(strstr(s.buf, "\"name\":\"张经理\""));
	assert_non_null(strstr(s.buf, "\"phone\":\"sm4:"));
	assert_int_equal(gm_json_field(s.buf, "phone", 0, &o), 0);
	assert_string_equal(o.buf, plain);
	strbuf_reset(&o);
	assert_int_equal(gm_json_field("not json", "phone", 1, &o), -1);
	strbuf_release(&s);
	strbuf_release(&o);
}

/* In the standard mode nothing is sealed. */
static void test_standard_mode_passes_through(void **state)
{
	gm_disable();
	struct strbuf s = STRBUF_INIT(0);
	assert_int_equal(gm_seal("13912345678", &s), 0);
	assert_string_equal(s.buf, "13912345678");
	strbuf_reset(&s);
	assert_int_equal(gm_json_field("[{\"phone\":\"1\"}]", "phone", 1, &s), 0);
	assert_string_equal(s.buf, "[{\"phone\":\"1\"}]");
	strbuf_release(&s);
	gm_enable(KEY);
}

static void test_password_hash(void **state)
{
	char h[GM_PW_HASH_MAX], h2[GM_PW_HASH_MAX];
	assert_int_equal(gm_password_hash("Admin-Passw0rd!2026", h, sizeof h), 0);
	assert_true(gm_password_is(h));
	assert_true(strncmp(h, "$pbkdf2-sm3$i=1000$", 19) == 0);
	assert_int_equal(gm_password_verify("Admin-Passw0rd!2026", h), 1);
	assert_int_equal(gm_password_verify("Admin-Passw0rd!2027", h), 0);
	assert_int_equal(gm_password_hash("Admin-Passw0rd!2026", h2, sizeof h2), 0);
	assert_string_not_equal(h, h2); /* random salt */
	/* a known hash: salt 00..0f, 100,000 rounds, checked against OpenSSL's PBKDF2 with SM3 */
	assert_int_equal(gm_password_verify("Admin-Passw0rd!2026",
	                                    "$pbkdf2-sm3$i=100000$AAECAwQFBgcICQoLDA0ODw$"
	                                    "qU+a092uCKxplCtbhkPTvAuf6F4IPvzZng+/eE8aOfc"),
	                 1);
	/* malformed hashes never verify */
	assert_int_equal(gm_password_verify("x", "$pbkdf2-sm3$i=0$AAAA$AAAA"), 0);
	assert_int_equal(gm_password_verify("x", "$pbkdf2-sm3$i=10$"), 0);
	assert_int_equal(gm_password_verify("x", "$argon2id$v=19$m=65536,t=2,p=1$x$y"), 0);
	assert_false(gm_password_is("$argon2id$v=19$"));
	/* too small an output buffer is an error, not a cut hash */
	assert_int_equal(gm_password_hash("x", h, 20), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seal_open),
	    cmocka_unit_test(test_open_refuses_tampering),
	    cmocka_unit_test(test_json_field),
	    cmocka_unit_test(test_standard_mode_passes_through),
	    cmocka_unit_test(test_password_hash),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
