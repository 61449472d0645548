/* HTTP handlers of 定时简报 (/api/bulletins): decode, call, encode. */
#ifndef YQ_BULLETIN_BULLETIN_API_H
#define YQ_BULLETIN_BULLETIN_API_H
#include "http/http.h"

/* GET /api/bulletins[?kind&page&page_size]: the zone's generated bulletins of the kinds the
 * caller reads, newest first. */
route_handler h_bulletin_list;
/* GET /api/bulletins/:id and GET /api/bulletins/:id/file (the stored PDF). */
route_handler h_bulletin_get;
route_handler h_bulletin_file;
/* POST /api/bulletins {"kind", "period"?}: generates one now (the period the schedule is due
 * for when none is given) → 201 with it, or 200 with the one already there. */
route_handler h_bulletin_generate;
/* GET /api/bulletins/schedule → {"items":[{kind, enabled, at_time, day, updated_at, due}]};
 * PUT /api/bulletins/schedule {"kind","enabled","at_time","day"} → the same. */
route_handler h_bulletin_schedule_get;
route_handler h_bulletin_schedule_put;

#endif
