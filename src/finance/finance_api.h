/* HTTP handlers of 银企对接 (/api/finance/…): decode, call, encode. */
#ifndef YQ_FINANCE_FINANCE_API_H
#define YQ_FINANCE_FINANCE_API_H
#include "http/http.h"

/* The routes with a body, a move or a figure of their own; the lists, one row, exports and the
 * plain creations and changes are served from the route table (app/routes.c, S lines). */

/* GET /api/finance/summary[?year]: demanded, approved, disbursed (万元), by bank, product,
 * guarantee type and month */
route_handler h_fin_summary;
/* POST /api/finance/demands (with {"draft": true}: kept a draft),
 * POST /api/finance/demands/:id/{submit,withdraw,close,push {"bank_ids": […]}} */
route_handler h_fin_demand_create, h_fin_demand_submit, h_fin_demand_withdraw, h_fin_demand_close,
    h_fin_demand_push;
/* GET /api/finance/offers/:id/tranches,
 * POST /api/finance/offers/:id/{accept, decline {"reason"}, approve {"product_id",
 * "approved_amount", "rate", "term_months", "approved_on"}, disburse {"on_date", "amount"}} */
route_handler h_fin_offer_tranches, h_fin_offer_accept, h_fin_offer_decline, h_fin_offer_approve,
    h_fin_offer_disburse;

#endif
