/* HTTP handlers of the project list exports (see project_export_api.h). */
#include "project/project_export_api.h"
#include "project/project_export.h"

int problem_filter_query(struct req *r, struct problem_filter *f, struct yq_err *e)
{
	return req_query_entity(r, &ENTITY_PROBLEM_QUERY, f, e);
}

int h_proj_export(struct req *r, struct yq_err *e)
{
	struct proj_filter f = {0};
	struct export_file x;
	struct db *c = req_db(r, e);
	if (!c || req_query_entity(r, &ENTITY_PROJ_QUERY, &f, e) < 0 ||
	    export_format(r, &x.csv, e) < 0 || proj_export(c, &r->who, &f, &x, e) < 0)
		return -1;
	return export_send(r, &x, "项目", e);
}

int h_problem_export(struct req *r, struct yq_err *e)
{
	struct problem_filter f = {0};
	struct export_file x;
	struct db *c = req_db(r, e);
	if (!c || problem_filter_query(r, &f, e) < 0 || export_format(r, &x.csv, e) < 0 ||
	    problem_export(c, &r->who, &f, &x, e) < 0)
		return -1;
	return export_send(r, &x, "问题清单", e);
}
