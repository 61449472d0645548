/* HTTP handlers of announcements (/api/announcements): decode, call, encode. Their attachments
 * are the shared ones (work/attachment_api.h) with announce_kind as the routes' arg. */
#ifndef YQ_ANNOUNCE_ANNOUNCE_API_H
#define YQ_ANNOUNCE_ANNOUNCE_API_H
#include "http/http.h"

/* GET /api/announcements[?q&status&category&page&page_size]: a page; an enterprise user gets
 * the published ones addressed to its enterprise, unread first, each with "read". */
route_handler h_ann_list;
/* POST /api/announcements: a draft → 201 with the announcement. */
route_handler h_ann_create;
/* GET /api/announcements/:id: the announcement with its attachments; an enterprise user's first
 * read records its enterprise's receipt. */
route_handler h_ann_get;
/* PUT /api/announcements/:id: changes the members a body gives, while a draft (409 otherwise). */
route_handler h_ann_update;
/* POST /api/announcements/:id/publish and /withdraw → 200 with the announcement. */
route_handler h_ann_publish;
route_handler h_ann_withdraw;
/* GET /api/announcements/:id/receipts[?read=0|1&page&page_size]: {"audience_size",
 * "read_count", "items": the enterprises that have not read it (read=1: that have), "total",
 * "page", "page_size"}. Staff only. */
route_handler h_ann_receipts;

#endif
