/* Unit tests for the pure parts of webhooks (src/work/webhook.c): URL parsing, the backoff
 * table, the signatures (plain JSON and 钉钉's), the bodies of each format and which addresses a
 * webhook may reach. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "lib/strbuf.h"
#include "work/webhook.h"
#include "work/work.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>

static void test_url_parse(void **state)
{
	(void)state;
	struct webhook_url u;
	assert_int_equal(webhook_url_parse("http://127.0.0.1:8080/hook?x=1", &u), 0);
	assert_string_equal(u.host, "127.0.0.1");
	assert_int_equal(u.port, 8080);
	assert_string_equal(u.path, "/hook?x=1");
	assert_int_equal(webhook_url_parse("http://example.com", &u), 0);
	assert_string_equal(u.host, "example.com");
	assert_int_equal(u.port, 80);
	assert_string_equal(u.path, "/");
	assert_int_equal(webhook_url_parse("HTTP://h?q", &u), 0);
	assert_string_equal(u.path, "/?q");
	assert_int_equal(webhook_url_parse("http://h/p#frag", &u), 0);
	assert_string_equal(u.path, "/p");
	assert_int_equal(u.tls, 0);
	assert_int_equal(webhook_url_parse("https://example.com/", &u), 0);
	assert_int_equal(u.tls, 1);
	assert_int_equal(u.port, 443);
	assert_int_equal(
	    webhook_url_parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", &u), 0);
	assert_string_equal(u.host, "qyapi.weixin.qq.com");
	assert_string_equal(u.path, "/cgi-bin/webhook/send?key=k");
	assert_int_equal(webhook_url_parse("HTTPS://h:8443", &u), 0);
	assert_int_equal(u.port, 8443);
	const char *bad[] = {"",
	                     "ftp://h/",
	                     "http://",
	                     "http:///x",
	                     "http://h:0/",
	                     "http://h:65536/",
	                     "http://h:x/",
	                     "http://h:/",
	                     "http://h x/",
	                     "http://u@h/",
	                     "http://h\r\nX: y/",
	                     "httpx://h/",
	                     "https://",
	                     "https://[::1]/",
	                     "https://h\\@evil/",
	                     "file:///etc/passwd",
	                     "gopher://h/",
	                     "http://h#x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(webhook_url_parse(bad[i], &u), -1);
	char longu[WEBHOOK_URL_MAX + 10];
	memcpy(longu, "http://h/", 9);
	memset(longu + 9, 'a', sizeof longu - 10);
	longu[sizeof longu - 1] = 0;
	assert_int_equal(webhook_url_parse(longu, &u), -1);
	longu[WEBHOOK_URL_MAX] = 0; /* exactly the limit */
	assert_int_equal(webhook_url_parse(longu, &u), 0);
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(webhook_backoff(1, 1), 30);
	assert_int_equal(webhook_backoff(2, 1), 120);
	assert_int_equal(webhook_backoff(3, 1), 600);
	assert_int_equal(webhook_backoff(4, 1), 3600);
	assert_int_equal(webhook_backoff(5, 1), 21600);
	assert_int_equal(webhook_backoff(9, 1), 21600);
	assert_int_equal(webhook_backoff(0, 1), 30);
	assert_int_equal(webhook_backoff(4, 0.01), 36);
	assert_int_equal(webhook_backoff(1, 0), 0);
}

static void test_signature(void **state)
{
	(void)state;
	/* RFC 4231 test case 2 */
	char sig[72];
	const char *body = "what do ya want for nothing?";
	webhook_signature("Jefe", body, strlen(body), sig);
	assert_string_equal(
	    sig, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/* 钉钉's 加签: urlencode(base64(HMAC-SHA256(secret, timestamp "\n" secret))), checked against
 * the HMAC computed here from its parts. */
static void test_dingtalk_sign(void **state)
{
	(void)state;
	char sign[128];
	webhook_dingtalk_sign("SECabc", 1700000000000LL, sign);
	/* the same HMAC by hand, then base64 and percent-encoding */
	unsigned char mac[32];
	const char *msg = "1700000000000\nSECabc";
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)"SECabc", 6);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	char b64[64], want[128];
	sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
	size_t o = 0;
	for (const char *c = b64; *c; c++)
		o += (size_t)(*c == '+'   ? snprintf(want + o, sizeof want - o, "%%2B")
		              : *c == '/' ? snprintf(want + o, sizeof want - o, "%%2F")
		              : *c == '=' ? snprintf(want + o, sizeof want - o, "%%3D")
		                          : snprintf(want + o, sizeof want - o, "%c", *c));
	assert_string_equal(sign, want);
	assert_null(strpbrk(sign, "+/="));
	/* a known value: HMAC-SHA256("key", "1\nkey") */
	webhook_dingtalk_sign("key", 1, sign);
	assert_true(strlen(sign) >= 44);
}

static const struct work_kind test_kind = {
    .name = "ticket", .id_key = "ticket_id", .no_key = "ticket_no", .label_zh = "诉求"};

/* The body of each format: the plain event, and the robots' markdown messages with the item's
 * title kept as text (markdown escaped, one line). */
static void test_bodies(void **state)
{
	(void)state;
	struct work_item it = {.id = 7,
	                       .zone_id = 2,
	                       .dept_id = 0,
	                       .no = "SQ20261203-0001",
	                       .title = "用地[审批](http://x)\n加快"};
	struct strbuf sb = STRBUF_INIT(8192);
	assert_int_equal(
	    webhook_body(WH_JSON, &test_kind, &it, "assigned", "新分派诉求", 1764720000, &sb), 0);
	json_t *j = json_loads(sb.buf, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "event")), "assigned");
	assert_int_equal(json_integer_value(json_object_get(j, "ticket_id")), 7);
	assert_int_equal(json_integer_value(json_object_get(j, "zone_id")), 2);
	assert_true(json_is_null(json_object_get(j, "dept_id")));
	assert_int_equal(json_integer_value(json_object_get(j, "at")), 1764720000);
	json_decref(j);
	strbuf_release(&sb);

	sb = (struct strbuf)STRBUF_INIT(8192);
	assert_int_equal(
	    webhook_body(WH_WECOM, &test_kind, &it, "assigned", "新分派诉求", 1764720000, &sb), 0);
	j = json_loads(sb.buf, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "msgtype")), "markdown");
	const char *content =
	    json_string_value(json_object_get(json_object_get(j, "markdown"), "content"));
	assert_non_null(content);
	assert_non_null(strstr(content, "**新分派诉求**"));
	assert_non_null(strstr(content, "诉求编号：SQ20261203-0001"));
	assert_non_null(strstr(content, "用地\\[审批\\]\\(http://x\\) 加快"));
	assert_non_null(strstr(content, "2025-12-03 08:00")); /* China Standard Time */
	json_decref(j);
	strbuf_release(&sb);

	sb = (struct strbuf)STRBUF_INIT(8192);
	assert_int_equal(
	    webhook_body(WH_DINGTALK, &test_kind, &it, "overdue", NULL, 1764720000, &sb), 0);
	j = json_loads(sb.buf, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "msgtype")), "markdown");
	json_t *md = json_object_get(j, "markdown");
	assert_string_equal(json_string_value(json_object_get(md, "title")), "overdue");
	assert_non_null(strstr(json_string_value(json_object_get(md, "text")), "#### overdue"));
	json_decref(j);
	strbuf_release(&sb);

	assert_int_equal(webhook_format_from_name("wecom"), WH_WECOM);
	assert_int_equal(webhook_format_from_name("dingtalk"), WH_DINGTALK);
	assert_int_equal(webhook_format_from_name("json"), WH_JSON);
	assert_int_equal(webhook_format_from_name("slack"), WH__COUNT);
	assert_int_equal(webhook_format_from_name(NULL), WH__COUNT);
}

/* Fills ss with the address text (IPv4 or IPv6); returns it as a sockaddr. */
static const struct sockaddr *addr(struct sockaddr_storage *ss, const char *text)
{
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, text, &v4->sin_addr) == 1)
		v4->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1)
		v6->sin6_family = AF_INET6;
	else
		fail_msg("bad test address %s", text);
	return (const struct sockaddr *)ss;
}

static void test_addr_internal(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	static const char *const internal[] = {
	    "127.0.0.1",
	    "127.255.255.254",
	    "0.0.0.0",
	    "0.1.2.3",
	    "10.0.0.1",
	    "10.255.255.255",
	    "172.16.0.1",
	    "172.31.255.255",
	    "192.168.1.1",
	    "169.254.169.254",
	    "100.64.0.1",
	    "100.127.255.255",
	    "224.0.0.1",
	    "239.255.255.250",
	    "240.0.0.1",
	    "255.255.255.255",
	    "192.0.0.1",
	    "192.0.2.1",
	    "198.18.0.1",
	    "198.51.100.7",
	    "203.0.113.9",
	    "::",
	    "::1",
	    "fc00::1",
	    "fd12:3456::1",
	    "fe80::1",
	    "febf::1",
	    "fec0::1",
	    "ff02::1",
	    "ff05::2",
	    "::ffff:127.0.0.1",
	    "::ffff:10.1.2.3",
	    "::ffff:169.254.169.254",
	    "::127.0.0.1",
	    "::10.0.0.1",
	    "64:ff9b::a9fe:a9fe",
	    "64:ff9b::7f00:1",
	    "64:ff9b:1::1",
	    "2002:7f00:1::1",
	    "2002:a00:1::",
	    "2001:db8::1",
	    "100::1",
	    "::2",
	};
	for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++)
		if (!webhook_addr_internal(addr(&ss, internal[i])))
			fail_msg("%s should be internal", internal[i]);
	static const char *const public[] = {
	    "8.8.8.8",         "1.1.1.1",          "9.255.255.255",
	    "11.0.0.1",        "100.63.255.255",   "100.128.0.1",
	    "126.255.255.255", "128.0.0.1",        "169.253.255.255",
	    "172.15.255.255",  "172.32.0.1",       "192.167.255.255",
	    "192.169.0.1",     "198.17.255.255",   "198.20.0.1",
	    "223.255.255.255", "2400:3200::1",     "2001:4860:4860::8888",
	    "::ffff:8.8.8.8",  "64:ff9b::808:808", "2002:808:808::1",
	};
	for (size_t i = 0; i < sizeof public / sizeof public[0]; i++)
		if (webhook_addr_internal(addr(&ss, public[i])))
			fail_msg("%s should be public", public[i]);
}

static void test_allow_list(void **state)
{
	(void)state;
	struct sockaddr_storage ss;
	char err[200];
	assert_int_equal(webhook_allow_set(NULL, err, sizeof err), 0);
	assert_false(webhook_addr_allowed(addr(&ss, "127.0.0.1")));
	assert_true(webhook_addr_allowed(addr(&ss, "8.8.8.8")));
	assert_int_equal(webhook_allow_set("127.0.0.1/32, 10.1.2.0/24,fd00::/8", err, sizeof err),
	                 0);
	assert_true(webhook_addr_allowed(addr(&ss, "127.0.0.1")));
	assert_true(webhook_addr_allowed(addr(&ss, "::ffff:127.0.0.1"))); /* as it is routed */
	assert_false(webhook_addr_allowed(addr(&ss, "127.0.0.2")));
	assert_true(webhook_addr_allowed(addr(&ss, "10.1.2.200")));
	assert_false(webhook_addr_allowed(addr(&ss, "10.1.3.1")));
	assert_true(webhook_addr_allowed(addr(&ss, "fd12::1")));
	assert_false(webhook_addr_allowed(addr(&ss, "fc00::1")));
	assert_false(webhook_addr_allowed(addr(&ss, "::1")));
	assert_false(webhook_addr_allowed(addr(&ss, "169.254.169.254")));
	/* a single address without /n; bad ranges leave the list as it was */
	assert_int_equal(webhook_allow_set("169.254.169.254", err, sizeof err), 0);
	assert_true(webhook_addr_allowed(addr(&ss, "169.254.169.254")));
	assert_false(webhook_addr_allowed(addr(&ss, "169.254.169.253")));
	static const char *const bad[] = {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8",   "localhost",
	                                  "fd00::/129",  "1.2.3.4/x", "10.0.0.0/-1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (webhook_allow_set(bad[i], err, sizeof err) != -1)
			fail_msg("%s accepted", bad[i]);
	assert_true(webhook_addr_allowed(addr(&ss, "169.254.169.254")));
	assert_int_equal(webhook_allow_set("", err, sizeof err), 0);
	assert_false(webhook_addr_allowed(addr(&ss, "169.254.169.254")));
}

/* Registration-time check on names: "localhost" resolves (from /etc/hosts) to loopback only;
 * no connection is made. */
static void test_target_check(void **state)
{
	(void)state;
	char err[200], why[300];
	struct webhook_url u;
	assert_int_equal(webhook_allow_set(NULL, err, sizeof err), 0);
	assert_int_equal(webhook_url_parse("http://localhost:8080/x", &u), 0);
	assert_int_equal(webhook_target_check(&u, why, sizeof why), -1);
	assert_non_null(strstr(why, "internal"));
	assert_int_equal(webhook_url_parse("http://2130706433/x", &u), 0); /* 127.0.0.1 */
	assert_int_equal(webhook_target_check(&u, why, sizeof why), -1);
	assert_int_equal(webhook_url_parse("http://0x7f.1/x", &u), 0);
	assert_int_equal(webhook_target_check(&u, why, sizeof why), -1);
	assert_int_equal(webhook_url_parse("http://8.8.8.8/x", &u), 0);
	assert_int_equal(webhook_target_check(&u, why, sizeof why), 0);
	assert_int_equal(webhook_url_parse("http://no-such-host.invalid/x", &u), 0);
	assert_int_equal(webhook_target_check(&u, why, sizeof why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_url_parse),  cmocka_unit_test(test_dingtalk_sign),
	    cmocka_unit_test(test_bodies),     cmocka_unit_test(test_backoff),
	    cmocka_unit_test(test_signature),  cmocka_unit_test(test_addr_internal),
	    cmocka_unit_test(test_allow_list), cmocka_unit_test(test_target_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
