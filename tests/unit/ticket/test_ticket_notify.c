/* Unit tests for what a request's actions notify (src/ticket/ticket.c): the event of each action
 * for the department and for the enterprise, their titles and who receives them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ticket/ticket.h"

static void test_event_for(void **state)
{
	(void)state;
	assert_string_equal(ticket_notify_event(TE_ACCEPT, 0), "assigned");
	assert_string_equal(ticket_notify_event(TE_ESCALATE, 0), "escalated");
	assert_string_equal(ticket_notify_event(TE_RETURN, 0), "returned");
	assert_string_equal(ticket_notify_event(TE_EXTEND, 0), "extension_request");
	assert_null(ticket_notify_event(TE_EXTEND, 1));
	assert_string_equal(ticket_notify_event(TE_RESOLVE, 0), "resolved");
	assert_string_equal(ticket_notify_event(TE_RATE_BAD, 0), "rated_unsatisfied");
	assert_null(ticket_notify_event(TE_RATE_GOOD, 0));
	assert_null(ticket_notify_event(TE_COMMENT, 0));
	assert_string_equal(ticket_notify_event(TE_SUBMIT, 0), "submitted");
	/* what the enterprise is told */
	assert_string_equal(ticket_notify_enterprise_event(TE_ACCEPT), "accepted");
	assert_string_equal(ticket_notify_enterprise_event(TE_WAIT), "supply_requested");
	assert_string_equal(ticket_notify_enterprise_event(TE_RESOLVE), "answered");
	assert_string_equal(ticket_notify_enterprise_event(TE_RATE_GOOD), "closed");
	assert_string_equal(ticket_notify_enterprise_event(TE_AUTOCLOSE), "closed");
	assert_string_equal(ticket_notify_enterprise_event(TE_REJECT), "rejected");
	assert_string_equal(ticket_notify_enterprise_event(TE_MERGE), "merged");
	static const enum ticket_event quiet[] = {TE_SUBMIT,   TE_START,   TE_SUPPLY, TE_RETURN,
	                                          TE_RATE_BAD, TE_COMMENT, TE_EXTEND, TE_ESCALATE};
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
		assert_null(ticket_notify_enterprise_event(quiet[i]));
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(ticket_event_label("assigned"), "新分派诉求");
	assert_string_equal(ticket_event_label("overdue"), "诉求已超期");
	assert_string_equal(ticket_event_label("closed"), "您的诉求已销号");
	assert_null(ticket_event_label("no-such-event"));
	assert_true(ticket_event_to_lead("assigned"));
	assert_true(ticket_event_to_lead("escalated"));
	assert_true(ticket_event_to_lead("overdue"));
	assert_true(ticket_event_to_lead("rated_unsatisfied"));
	assert_false(ticket_event_to_lead("returned"));
	assert_false(ticket_event_to_lead("submitted"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_event_for),
	    cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
