/* HTTP handlers of 用工 (/api/jobs/…): decode, call, encode. */
#ifndef YQ_JOBS_JOBS_API_H
#define YQ_JOBS_JOBS_API_H
#include "http/http.h"

/* GET /api/jobs/summary?year=: {"year", "demands", "demanded", "filled", "fill_rate",
 * "open_demands", "fairs", "partnerships", "planned_interns", "arrived_interns",
 * "by_industry": […], "by_channel": […], "by_month": […]} */
route_handler h_jobs_summary;
/* The routes with a body or a move of their own; the lists, one row, exports and the plain
 * creations and changes are served from the route table (app/routes.c, S lines). */
/* POST /api/jobs/demands/:id/close|reopen */
route_handler h_jobs_demand_close, h_jobs_demand_reopen;
/* GET /api/jobs/fairs/:id/enterprises, POST /api/jobs/fairs/:id/join|leave {"enterprise_id"} */
route_handler h_jobs_fair_ents, h_jobs_fair_join, h_jobs_fair_leave;

#endif
