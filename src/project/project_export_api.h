/* HTTP handlers of the project list exports, and the problem list's filters of the query
 * string that the list and its export share. */
#ifndef YQ_PROJECT_PROJECT_EXPORT_API_H
#define YQ_PROJECT_PROJECT_EXPORT_API_H
#include "http/http.h"
#include "project/project.h"
#include "project/project_work.h"

/* The filters of GET /api/projects/problems (status, dept_id, project_id, overdue), checked:
 * 400 naming the argument. The page is the caller's (req_page). Returns 0 or -1. */
int problem_filter_query(struct req *r, struct problem_filter *f, struct yq_err *e);

/* GET /api/projects/export?format=xlsx|csv&…the list's filters (ENTITY_PROJ_QUERY): the
 * caller's projects as a file (项目.xlsx, 项目.csv); X-Total-Count the rows. */
route_handler h_proj_export;
/* GET /api/projects/problems/export?format=xlsx|csv&…the problem list's filters. */
route_handler h_problem_export;

#endif
