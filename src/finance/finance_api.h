/* HTTP handlers of 银企对接 (/api/finance/…): decode, call, encode. */
#ifndef YQ_FINANCE_FINANCE_API_H
#define YQ_FINANCE_FINANCE_API_H
#include "http/http.h"

/* GET /api/finance/summary[?year]: demanded, approved, disbursed (万元), by bank, product,
 * guarantee type and month */
route_handler h_fin_summary;
/* GET/POST /api/finance/demands[?status&urgency&enterprise_id&bank_id] (POST {"draft": true}
 * keeps a draft), GET /api/finance/demands/export, GET/PATCH /api/finance/demands/:id,
 * POST /api/finance/demands/:id/{submit,withdraw,close,push {"bank_ids": […]}} */
route_handler h_fin_demand_create, h_fin_demand_submit, h_fin_demand_withdraw, h_fin_demand_close,
    h_fin_demand_push;
/* GET /api/finance/offers[?demand_id&bank_id&status], GET /api/finance/offers/export,
 * GET /api/finance/offers/:id, GET /api/finance/offers/:id/tranches,
 * POST /api/finance/offers/:id/{accept, decline {"reason"}, approve {"product_id",
 * "approved_amount", "rate", "term_months", "approved_on"}, disburse {"on_date", "amount"}} */
route_handler h_fin_offer_tranches, h_fin_offer_accept, h_fin_offer_decline, h_fin_offer_approve,
    h_fin_offer_disburse;

#endif
