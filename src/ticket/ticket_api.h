/* HTTP handlers of enterprise requests (/api/tickets). */
#ifndef YQ_TICKET_TICKET_API_H
#define YQ_TICKET_TICKET_API_H
#include "http/http.h"

route_handler h_ticket_list;
route_handler h_ticket_create;
route_handler h_ticket_get;
route_handler h_ticket_accept;
route_handler h_ticket_reject;
route_handler h_ticket_merge;
route_handler h_ticket_start;
route_handler h_ticket_wait;
route_handler h_ticket_supply;
route_handler h_ticket_return;
route_handler h_ticket_resolve;
route_handler h_ticket_rate;
route_handler h_ticket_comment;
route_handler h_ticket_extension;
route_handler h_ticket_extension_decide;
route_handler h_ticket_escalate;
/* GET /api/tickets/export?format=xlsx|csv&…the list filters: the whole list as a download. */
route_handler h_ticket_export;
route_handler h_ticket_stats;
/* GET /api/tickets/briefing?date=YYYY-MM-DD&format=html|pdf: the daily briefing. */
route_handler h_ticket_briefing;
route_handler h_ticket_rules;
route_handler h_ticket_rule_set;

#endif
