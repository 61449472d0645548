/* HTTP handlers of 惠企政策 (/api/policies/…): decode, call, encode. The applications' files are
 * the shared attachments (work/attachment_api.h) with policy_app_kind as the routes' arg. */
#ifndef YQ_POLICY_POLICY_API_H
#define YQ_POLICY_POLICY_API_H
#include "http/http.h"

/* The routes with a body, a move or a figure of their own; the lists, one row, exports and the
 * plain creations and changes are served from the route table (app/routes.c, S lines). */

/* GET /api/policies[?status&q]: an enterprise user lists the published policies it is eligible for,
 * open ones first */
route_handler h_policy_list;
/* GET /api/policies/mine: an enterprise user's policies (as the list); staff: the zone's
 * published ones */
route_handler h_policy_mine;
/* POST /api/policies/:id/publish → {"policy", "matched"}; POST /api/policies/:id/close */
route_handler h_policy_publish, h_policy_close;
/* GET /api/policies/:id/matches[?page&page_size]: the eligible enterprises (staff) */
route_handler h_policy_matches;
/* GET /api/policies/summary: the zone's figures and one row per policy */
route_handler h_policy_summary;
/* POST /api/policies/applications/:id/submit | accept {"note"} | approve {"amount", "note"} |
 * reject {"reason"} | payments {"amount", "paid_on", "note"}; GET …/:id/payments */
route_handler h_policy_app_submit, h_policy_app_accept, h_policy_app_approve, h_policy_app_reject,
    h_policy_app_pay, h_policy_app_payments;

#endif
