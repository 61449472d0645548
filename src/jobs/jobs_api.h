/* HTTP handlers of 用工 (/api/jobs/…): decode, call, encode. */
#ifndef YQ_JOBS_JOBS_API_H
#define YQ_JOBS_JOBS_API_H
#include "http/http.h"

/* GET /api/jobs/summary?year=: {"year", "demands", "demanded", "filled", "fill_rate",
 * "open_demands", "fairs", "partnerships", "planned_interns", "arrived_interns",
 * "by_industry": […], "by_channel": […], "by_month": […]} */
route_handler h_jobs_summary;
/* GET/POST /api/jobs/demands[?status&enterprise_id&fair_id&year&q], GET/PATCH
 * /api/jobs/demands/:id, POST /api/jobs/demands/:id/close|reopen, GET /api/jobs/demands/export */
route_handler h_jobs_demand_create, h_jobs_demand_close, h_jobs_demand_reopen;
/* GET/POST /api/jobs/hires[?demand_id&enterprise_id&fair_id&partnership_id&year&channel],
 * GET /api/jobs/hires/:id, GET /api/jobs/hires/export */
route_handler h_jobs_hire_create;
/* GET/POST /api/jobs/fairs[?year&joined&mode], GET/PATCH /api/jobs/fairs/:id,
 * GET /api/jobs/fairs/:id/enterprises, POST /api/jobs/fairs/:id/join|leave {"enterprise_id"},
 * GET /api/jobs/fairs/export */
route_handler h_jobs_fair_create, h_jobs_fair_ents, h_jobs_fair_join, h_jobs_fair_leave;
/* GET/POST /api/jobs/partnerships[?enterprise_id&year], GET/PATCH /api/jobs/partnerships/:id,
 * GET /api/jobs/partnerships/export */
route_handler h_jobs_ps_create;

#endif
