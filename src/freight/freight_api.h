/* HTTP handlers of 工业物流 (/api/freight/…): decode, call, encode. */
#ifndef YQ_FREIGHT_FREIGHT_API_H
#define YQ_FREIGHT_FREIGHT_API_H
#include "http/http.h"

/* GET/POST /api/freight/offers[?truck_id&status&destination], GET /api/freight/offers/:id,
 * POST /api/freight/offers/:id/close, GET /api/freight/offers/export */
route_handler h_freight_offer_close;
/* GET/POST /api/freight/loads[?enterprise_id&offer_id&status&destination],
 * GET /api/freight/loads/:id, GET /api/freight/loads/:id/matches (the ranked offers that fit),
 * POST …/:id/match {"offer_id"}, …/confirm, …/decline, …/withdraw, …/cancel,
 * …/done {"outcome": "delivered"|"failed", "note"}, GET /api/freight/loads/export, and the
 * carrier's side: POST …/:id/carrier-confirm, …/:id/carrier-decline */
route_handler h_freight_load_matches, h_freight_load_match, h_freight_load_confirm,
    h_freight_load_decline, h_freight_load_withdraw, h_freight_load_cancel, h_freight_load_done,
    h_freight_load_carrier_confirm, h_freight_load_carrier_decline;
/* GET/POST /api/freight/registrations[?enterprise_id&status&date],
 * GET /api/freight/registrations/:id, POST …/:id/approve, …/:id/reject {"reason"},
 * …/:id/withdraw, GET /api/freight/registrations/export */
route_handler h_freight_reg_approve, h_freight_reg_reject, h_freight_reg_withdraw;
/* GET /api/freight/summary: {"carriers", "trucks", "open_offers", "open_loads", "matched",
 * "delivered", "savings_wan", "goods_wan", "regs_today", "days": [{"date", "total", …}]} */
route_handler h_freight_summary;

#endif
