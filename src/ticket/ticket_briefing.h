/* The daily briefing (每日简报) of requests: gathers the day's figures and lists into a struct
 * briefing for the PDF and HTML renderers (briefing.h). */
#ifndef YQ_TICKET_TICKET_BRIEFING_H
#define YQ_TICKET_TICKET_BRIEFING_H
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "ticket/briefing.h"

struct arena;

/* Fills b for `date` (YYYY-MM-DD, China Standard Time) within the principal's zone and scope;
 * everything is allocated from `a`. NULL date: the previous working day. */
int ticket_briefing(struct db *c, const struct principal *p, const char *date, struct arena *a,
                    struct briefing *b, struct yq_err *e);

#endif
