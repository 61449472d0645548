/* HTTP handlers of projects (see project_api.h): decode, call, encode. */
#include "project/project_api.h"
#include "project/project.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "work/item_answer.h"
#include <string.h>

/* The members beside the table: the colour and its inputs, computed on read. */
static void extra(struct jsonw *w, const void *obj)
{
	const struct project *p = obj;
	jw_kstr(w, "colour", p->colour);
	jw_kint(w, "days_late", p->days_late);
	jw_kdouble(w, "plan_ytd", p->plan_ytd);
	jw_kdouble(w, "actual_ytd", p->actual_ytd);
	jw_kint(w, "open_problems", p->open_problems);
}

static const struct entity_out STAFF_OUT = {&ENTITY_PROJECT, 0, extra};
static const struct entity_out ENT_OUT = {&ENTITY_PROJECT, F_INTERNAL, extra};

static const struct entity_out *out_for(const struct req *r)
{
	return r->who.role == ROLE_ENTERPRISE || r->who.scope == SCOPE_ENTERPRISE ? &ENT_OUT
	                                                                          : &STAFF_OUT;
}

static void proj_row(void *list, const struct project *p)
{
	resp_list_row(list, p);
}

/* The list's filters (shared by the list and its export). */
static int filter_from_query(struct req *r, struct proj_filter *f, struct yq_err *e)
{
	memset(f, 0, sizeof *f);
	return req_page(r, &f->page, &f->page_size, e) < 0 ||
	               req_query_entity(r, &ENTITY_PROJ_QUERY, f, e) < 0
	           ? -1
	           : 0;
}

int h_proj_list(struct req *r, struct yq_err *e)
{
	struct proj_filter f = {0};
	struct db *c = req_db(r, e);
	if (!c || filter_from_query(r, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, out_for(r));
	int rc = proj_list(c, &r->who, &f, proj_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

/* Answers project `id` as the caller reads it, with its attachments and timeline. */
static int answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct project p;
	struct db *c = req_db(r, e);
	if (!c || proj_get(c, &r->who, id, &r->arena, &p, e) < 0)
		return -1;
	return work_item_answer(r, status, out_for(r), &p, &project_kind, id, 1, e);
}

int h_proj_get(struct req *r, struct yq_err *e)
{
	return item_answer_get(r, answer, e);
}

int h_proj_create(struct req *r, struct yq_err *e)
{
	struct project p;
	memset(&p, 0, sizeof p);
	json_t *body = req_entity(r, &ENTITY_PROJECT, DECODE_FULL, &p, NULL, e);
	if (!body)
		return -1;
	/* the stage a project is registered at: lead (default) or negotiating */
	const char *stage = NULL;
	if (json_str(r, body, "stage", 0, 20, &stage, e) < 0)
		return -1;
	if (stage && strcmp(stage, "lead") != 0 && strcmp(stage, "negotiating") != 0)
		return err_set(e, ERR_VALIDATION, "stage", "新项目只能是线索或在谈阶段",
		               "a new project is a lead or in negotiation");
	p.stage = stage;
	if (proj_create(req_pool(r), &r->who, &p, &r->arena, e) < 0)
		return -1;
	return answer(r, 201, p.id, e);
}

int h_proj_update(struct req *r, struct yq_err *e)
{
	struct project in;
	int64_t id;
	uint64_t present;
	memset(&in, 0, sizeof in);
	if (req_id(r, 0, &id, e) < 0 ||
	    !req_entity(r, &ENTITY_PROJECT, DECODE_PATCH, &in, &present, e) ||
	    proj_update(req_pool(r), &r->who, id, &in, present, &r->arena, e) < 0)
		return -1;
	return answer(r, 200, id, e);
}

int h_proj_move(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct proj_move m = {0};
	json_t *o;
	if (req_id(r, 0, &id, e) < 0 || !(o = req_json(r, e)) ||
	    json_str(r, o, "to", 1, 20, &m.to, e) < 0 ||
	    json_str(r, o, "date", 0, 10, &m.date, e) < 0 ||
	    json_str(r, o, "contract_no", 0, 64, &m.contract_no, e) < 0 ||
	    json_int(o, "attachment_id", 0, 0, 0, INT64_MAX, &m.attachment_id, e) < 0 ||
	    json_str(r, o, "uscc", 0, 18, &m.uscc, e) < 0 ||
	    json_str(r, o, "start_permit_no", 0, 64, &m.start_permit_no, e) < 0 ||
	    json_str(r, o, "first_output_month", 0, 7, &m.first_output_month, e) < 0 ||
	    json_str(r, o, "reason", 0, 500, &m.reason, e) < 0 ||
	    json_str(r, o, "note", 0, 2000, &m.note, e) < 0 ||
	    proj_move(req_pool(r), &r->who, id, &m, &r->arena, e) < 0)
		return -1;
	return answer(r, 200, id, e);
}
