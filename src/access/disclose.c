/* What an enterprise user is shown (see disclose.h): the table. */
#include "access/disclose.h"
#include "lib/field.h"
#include <string.h>

static const struct {
	const char *kind;
	enum disclose enterprise;
} table[] = {
    /* the request's life as the enterprise follows it */
    {"ticket.submit", DISCLOSE_ALL},
    {"ticket.accept", DISCLOSE_ALL},
    {"ticket.reject", DISCLOSE_ALL}, /* with the reason: the enterprise must know why */
    {"ticket.merge", DISCLOSE_ALL},
    {"ticket.start", DISCLOSE_ALL},
    {"ticket.wait", DISCLOSE_ALL}, /* what the department asks the enterprise for */
    {"ticket.supply", DISCLOSE_ALL},
    {"ticket.resolve", DISCLOSE_ALL},
    {"ticket.rate", DISCLOSE_ALL},
    {"ticket.autoclose", DISCLOSE_ALL},
    {"ticket.reply", DISCLOSE_ALL},
    {"ticket.attach", DISCLOSE_ALL},
    {"ticket.detach", DISCLOSE_ALL},
    /* 挂牌督办: the request shows that it is escalated, its level and deadline, not the
     * leader's note */
    {"ticket.escalate", DISCLOSE_NO_TEXT},
    /* the zone's own work on the request */
    {"ticket.note", DISCLOSE_NONE},
    {"ticket.return", DISCLOSE_NONE}, /* a department hands it back to the service center */
    {"ticket.extension_request", DISCLOSE_NONE},
    {"ticket.extension_approved", DISCLOSE_NONE},
    {"ticket.extension_denied", DISCLOSE_NONE},
    {"ticket.field.escalation_note", DISCLOSE_NONE},
    {"ticket.field.extension_reason", DISCLOSE_NONE},
    {"ticket.field.extension_days_pending", DISCLOSE_NONE},
    /* the 包保 cadres' notes on their visits */
    {"enterprise.visit", DISCLOSE_NONE},
    /* a project of the enterprise: its stages and dates, its own investment reports and the
     * files; not the bureau's notes on a move, its follow-ups (negotiations) or the problem list
     * (the zone's coordination between departments) */
    {"project.create", DISCLOSE_ALL},
    {"project.move", DISCLOSE_NO_TEXT},
    {"project.invest", DISCLOSE_ALL},
    {"project.attach", DISCLOSE_ALL},
    {"project.detach", DISCLOSE_ALL},
    {"project.followup", DISCLOSE_NONE},
    {"project.problem", DISCLOSE_NONE},
};

enum disclose disclose_to_enterprise(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].kind, kind) == 0)
			return table[i].enterprise;
	return DISCLOSE_NONE;
}

enum disclose disclose_to(const struct principal *p, const char *kind)
{
	return p->role == ROLE_ENTERPRISE ? disclose_to_enterprise(kind) : DISCLOSE_ALL;
}

unsigned disclose_hidden(const struct principal *p)
{
	return p->contacts ? 0 : F_SEALED;
}
