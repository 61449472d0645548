/* Unit tests for what an enterprise user is shown (src/access/disclose.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "access/disclose.h"

static struct principal as(enum role r)
{
	struct principal p;
	memset(&p, 0, sizeof p);
	p.role = r;
	return p;
}

/* Every kind the outputs ask about, for every role: staff and province see everything. */
static void test_staff_see_everything(void **state)
{
	static const char *const kinds[] = {"ticket.note",         "ticket.extension_request",
	                                    "ticket.escalate",     "ticket.field.escalation_note",
	                                    "enterprise.visit",    "ticket.reply",
	                                    "a kind nobody listed"};
	static const enum role staff[] = {ROLE_ADMIN, ROLE_LEADER, ROLE_DEPT_HEAD, ROLE_STAFF,
	                                  ROLE_PROVINCE};
	for (size_t r = 0; r < sizeof staff / sizeof staff[0]; r++) {
		struct principal p = as(staff[r]);
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			assert_int_equal(disclose_to(&p, kinds[k]), DISCLOSE_ALL);
	}
}

/* The enterprise: its request's life in full, the leader's escalation without the note, none of
 * the zone's internal work, nothing unknown. */
static void test_enterprise_table(void **state)
{
	struct principal p = as(ROLE_ENTERPRISE);
	static const char *const full[] = {
	    "ticket.submit", "ticket.accept", "ticket.reject",  "ticket.merge", "ticket.start",
	    "ticket.wait",   "ticket.supply", "ticket.resolve", "ticket.rate",  "ticket.autoclose",
	    "ticket.reply",  "ticket.attach", "ticket.detach"};
	for (size_t i = 0; i < sizeof full / sizeof full[0]; i++)
		assert_int_equal(disclose_to(&p, full[i]), DISCLOSE_ALL);
	assert_int_equal(disclose_to(&p, "ticket.escalate"), DISCLOSE_NO_TEXT);
	static const char *const none[] = {"ticket.note",
	                                   "ticket.return",
	                                   "ticket.extension_request",
	                                   "ticket.extension_approved",
	                                   "ticket.extension_denied",
	                                   "ticket.field.escalation_note",
	                                   "ticket.field.extension_reason",
	                                   "ticket.field.extension_days_pending",
	                                   "enterprise.visit",
	                                   "ticket.comment",
	                                   "ticket.",
	                                   "",
	                                   "ticket.reply ",
	                                   "TICKET.REPLY",
	                                   "ticket.replyx"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_int_equal(disclose_to(&p, none[i]), DISCLOSE_NONE);
	assert_int_equal(disclose_to(&p, NULL), DISCLOSE_NONE);
	/* the same table answers for what is addressed to an enterprise */
	assert_int_equal(disclose_to_enterprise("ticket.note"), DISCLOSE_NONE);
	assert_int_equal(disclose_to_enterprise("ticket.resolve"), DISCLOSE_ALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_staff_see_everything),
	    cmocka_unit_test(test_enterprise_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
