/* Unit tests for the pure parts of notifications and webhooks (src/ticket/notify.c, webhook.c):
 * the event of each action, URL parsing, the backoff table and the signature. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ticket/notify.h"

static void test_event_for(void **state)
{
	(void)state;
	assert_string_equal(notify_event_for(TE_ACCEPT, 0), "assigned");
	assert_string_equal(notify_event_for(TE_ESCALATE, 0), "escalated");
	assert_string_equal(notify_event_for(TE_RETURN, 0), "returned");
	assert_string_equal(notify_event_for(TE_EXTEND, 0), "extension_request");
	assert_null(notify_event_for(TE_EXTEND, 1));
	assert_string_equal(notify_event_for(TE_RESOLVE, 0), "resolved");
	assert_string_equal(notify_event_for(TE_RATE_BAD, 0), "rated_unsatisfied");
	assert_null(notify_event_for(TE_RATE_GOOD, 0));
	assert_null(notify_event_for(TE_COMMENT, 0));
	assert_string_equal(notify_event_for(TE_SUBMIT, 0), "submitted");
	/* what the enterprise is told */
	assert_string_equal(notify_enterprise_event_for(TE_ACCEPT), "accepted");
	assert_string_equal(notify_enterprise_event_for(TE_WAIT), "supply_requested");
	assert_string_equal(notify_enterprise_event_for(TE_RESOLVE), "answered");
	assert_string_equal(notify_enterprise_event_for(TE_RATE_GOOD), "closed");
	assert_string_equal(notify_enterprise_event_for(TE_AUTOCLOSE), "closed");
	assert_string_equal(notify_enterprise_event_for(TE_REJECT), "rejected");
	assert_string_equal(notify_enterprise_event_for(TE_MERGE), "merged");
	static const enum ticket_event quiet[] = {TE_SUBMIT,   TE_START,   TE_SUPPLY, TE_RETURN,
	                                          TE_RATE_BAD, TE_COMMENT, TE_EXTEND, TE_ESCALATE};
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
		assert_null(notify_enterprise_event_for(quiet[i]));
}

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
	assert_int_equal(webhook_url_parse("https://example.com/", &u), -2);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_event_for),
	    cmocka_unit_test(test_url_parse),
	    cmocka_unit_test(test_backoff),
	    cmocka_unit_test(test_signature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
