/* HTTP handlers of 工业物流 (/api/freight/…): decode, call, encode. */
#ifndef YQ_FREIGHT_FREIGHT_API_H
#define YQ_FREIGHT_FREIGHT_API_H
#include "http/http.h"

/* The routes with a body, a move or a figure of their own; the lists, one row, exports and the
 * plain creations and changes are served from the route table (app/routes.c, S lines). */

/* POST /api/freight/offers/:id/close */
route_handler h_freight_offer_close;
/* GET /api/freight/loads/:id/matches (the ranked offers that fit),
 * POST …/:id/match {"offer_id"}, …/confirm, …/decline, …/withdraw, …/cancel,
 * …/done {"outcome": "delivered"|"failed", "note"}, and the carrier's side: POST
 * …/:id/carrier-confirm, …/:id/carrier-decline */
route_handler h_freight_load_matches, h_freight_load_match, h_freight_load_confirm,
    h_freight_load_decline, h_freight_load_withdraw, h_freight_load_cancel, h_freight_load_done,
    h_freight_load_carrier_confirm, h_freight_load_carrier_decline;
/* POST /api/freight/registrations/:id/approve, …/:id/reject {"reason"}, …/:id/withdraw */
route_handler h_freight_reg_approve, h_freight_reg_reject, h_freight_reg_withdraw;
/* GET /api/freight/summary: {"carriers", "trucks", "open_offers", "open_loads", "matched",
 * "delivered", "savings_wan", "goods_wan", "regs_today", "days": [{"date", "total", …}]} */
route_handler h_freight_summary;

#endif
