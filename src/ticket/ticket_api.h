/* HTTP handlers of enterprise requests (/api/tickets). */
#ifndef YQ_TICKET_TICKET_API_H
#define YQ_TICKET_TICKET_API_H
#include "http/http.h"

int h_ticket_list(struct req *r, struct yq_err *e);
int h_ticket_create(struct req *r, struct yq_err *e);
int h_ticket_get(struct req *r, struct yq_err *e);
int h_ticket_accept(struct req *r, struct yq_err *e);
int h_ticket_reject(struct req *r, struct yq_err *e);
int h_ticket_merge(struct req *r, struct yq_err *e);
int h_ticket_start(struct req *r, struct yq_err *e);
int h_ticket_wait(struct req *r, struct yq_err *e);
int h_ticket_supply(struct req *r, struct yq_err *e);
int h_ticket_return(struct req *r, struct yq_err *e);
int h_ticket_resolve(struct req *r, struct yq_err *e);
int h_ticket_rate(struct req *r, struct yq_err *e);
int h_ticket_comment(struct req *r, struct yq_err *e);
int h_ticket_extension(struct req *r, struct yq_err *e);
int h_ticket_extension_decide(struct req *r, struct yq_err *e);
int h_ticket_escalate(struct req *r, struct yq_err *e);
/* GET /api/tickets/export?format=xlsx|csv&…the list filters: the whole list as a download. */
int h_ticket_export(struct req *r, struct yq_err *e);
int h_ticket_stats(struct req *r, struct yq_err *e);
/* GET /api/tickets/briefing?date=YYYY-MM-DD&format=html|pdf: the daily briefing. */
int h_ticket_briefing(struct req *r, struct yq_err *e);
int h_ticket_rules(struct req *r, struct yq_err *e);
int h_ticket_rule_set(struct req *r, struct yq_err *e);

#endif
