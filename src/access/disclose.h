/* What an enterprise user is shown of the zone's records about it: one table, read by every
 * output that an enterprise can reach (the request JSON and its timeline, request exports, the
 * briefing, Open311, 包保 visit records, notifications). The zone's staff and province users see
 * everything; an enterprise user sees what the table gives it, and nothing of a kind the table
 * does not list, so a new kind of record stays internal until someone decides otherwise here. */
#ifndef YQ_ACCESS_DISCLOSE_H
#define YQ_ACCESS_DISCLOSE_H
#include "access/principal.h"

enum disclose {
	DISCLOSE_NONE,    /* not shown at all */
	DISCLOSE_NO_TEXT, /* shown without its text: that it happened, not what was written */
	DISCLOSE_ALL,     /* shown as it is */
};

/* How much of a record of `kind` the caller sees. Kinds:
 *   "ticket.<action>"      a request's timeline event, by the action stored in work_event
 *                          (submit, accept, reply, note, extension_request, escalate …)
 *   "ticket.field.<name>"  a field of the request kept from the enterprise, by its
 *                          JSON key (escalation_note, extension_reason,
 *                          extension_days_pending: F_INTERNAL in ENTITY_TICKET)
 *   "enterprise.visit"     a 包保 visit record (findings and follow-ups)
 *   "project.<action>"     a project's timeline event (create, move, invest, followup …);
 *                          "project.followup" also its follow-up records, "project.problem"
 *                          its problem list
 * Pure. */
enum disclose disclose_to(const struct principal *p, const char *kind);
/* The same for an enterprise reader, whoever the caller is (for what is addressed to an
 * enterprise, such as its notifications). Pure. */
enum disclose disclose_to_enterprise(const char *kind);

/* The flags of the fields (lib/field.h) left out of everything the caller is given: F_SEALED
 * (contacts, phones) for a province or city user without the grant. Applied to every JSON
 * answer (http/ resp_json) and every export. Pure. */
unsigned disclose_hidden(const struct principal *p);

#endif
