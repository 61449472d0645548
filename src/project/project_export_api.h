/* HTTP handlers of the project list exports, and the list filters of the query string that
 * the lists and their exports share. */
#ifndef YQ_PROJECT_PROJECT_EXPORT_API_H
#define YQ_PROJECT_PROJECT_EXPORT_API_H
#include "http/http.h"
#include "project/project.h"
#include "project/project_work.h"

/* The filters of GET /api/projects from the query string (q, stage — one stage, "active" or
 * "dispatched" —, colour, dept_id, owner_user_id, enterprise_id, level, source, special_team,
 * year, sort), checked: 400 naming the argument. The page is the caller's (req_page). Strings
 * point into the request. Returns 0 or -1. */
int proj_filter_query(struct req *r, struct proj_filter *f, struct yq_err *e);
/* The filters of GET /api/projects/problems (status, dept_id, project_id, overdue). */
int problem_filter_query(struct req *r, struct problem_filter *f, struct yq_err *e);

/* GET /api/projects/export?format=xlsx|csv&…the list's filters: the caller's projects as a
 * file (项目.xlsx, 项目.csv); X-Total-Count the rows. */
route_handler h_proj_export;
/* GET /api/projects/problems/export?format=xlsx|csv&…the problem list's filters. */
route_handler h_problem_export;

#endif
