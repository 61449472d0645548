/* HTTP handlers of the enterprise registry (see enterprise_api.h): decode, call, encode. */
#include "enterprise/enterprise_api.h"
#include "enterprise/enterprise.h"
#include "enterprise/enterprise_io.h"
#include "http/import_http.h"
#include "lib/utf8.h"
#include "enterprise/industry.h"
#include "work/item_answer.h"
#include <string.h>

/* An enterprise as answered: its table, then its spans and the flags that hold today. */
static const struct entity_out ENT_OUT = {&ENTITY_ENTERPRISE, 0, ent_json_extra};
static const struct entity_out VISIT_OUT = {&ENTITY_VISIT, 0, NULL};

static void ent_row(void *list, const struct enterprise *en)
{
	resp_list_row(list, en);
}

static void visit_row(void *list, const struct ent_visit *v)
{
	resp_list_row(list, v);
}

static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* Reads the parameters of the list's query table (ENTITY_ENT_QUERY) from the query string. */
static int read_query(struct req *r, struct ent_query *q, struct yq_err *e)
{
	memset(q, 0, sizeof *q);
	for (int i = 0; i < ENTITY_ENT_QUERY.n_fields; i++) {
		const struct field *f = &ENTITY_ENT_QUERY.fields[i];
		const char *v = opt(r, f->key);
		if (f->type == FT_REF) {
			if (req_query_int(r, f->key, 0, 0, INT64_MAX, FIELD_PTR(q, f, int64_t), e) <
			    0)
				return -1;
		} else if (f->type == FT_BOOL) {
			*FIELD_PTR(q, f, int) =
			    v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		} else {
			*FIELD_PTR(q, f, const char *) = v;
		}
	}
	return 0;
}

/* Reads the list filters from the query string (shared by the list and the export). */
int ent_filter_from_query(struct req *r, struct ent_filter *f, struct yq_err *e)
{
	struct ent_query q;
	memset(f, 0, sizeof *f);
	f->flag = -1;
	if (req_page(r, &f->page, &f->page_size, e) < 0 || read_query(r, &q, e) < 0)
		return -1;
	f->q = q.q;
	f->industry = q.industry;
	f->building = q.building;
	f->sort = q.sort;
	f->as_of = q.as_of;
	f->tag = q.tag;
	f->leader_id = q.leader_id;
	f->no_leader = q.no_leader;
	f->baobao = q.baobao;
	f->visited = q.visited;
	f->not_visited = q.not_visited;
	if (f->visited && ent_month_check(f->visited) < 0)
		return err_set(e, ERR_VALIDATION, "visited", "月份格式应为 YYYY-MM，如 2026-10",
		               "the month is YYYY-MM");
	if (f->not_visited && ent_month_check(f->not_visited) < 0)
		return err_set(e, ERR_VALIDATION, "not_visited", "月份格式应为 YYYY-MM，如 2026-10",
		               "the month is YYYY-MM");
	if (f->tag && (!utf8_valid(f->tag, strlen(f->tag)) || utf8_count(f->tag) > 20))
		return err_set(e, ERR_VALIDATION, "tag", "标签不超过20个字",
		               "a tag has at most 20 characters");
	if (f->q && strlen(f->q) > 100)
		return err_set(e, ERR_VALIDATION, "q", "关键词过长", "keyword too long");
	if (f->building && strlen(f->building) > 100)
		return err_set(e, ERR_VALIDATION, "building", "内容过长", "too long");
	if (f->industry &&
	    (strlen(f->industry) > 4 || !((f->industry[0] >= 'A' && f->industry[0] <= 'T') ||
	                                  (f->industry[0] >= '0' && f->industry[0] <= '9'))))
		return err_set(e, ERR_VALIDATION, "industry", "行业代码无效",
		               "invalid industry code");
	if (f->sort && !ent_sort_valid(f->sort))
		return err_set(e, ERR_VALIDATION, "sort", "排序字段无效", "invalid sort key");
	char day[11];
	if (f->as_of && ent_as_of(f->as_of, day) < 0)
		return err_set(e, ERR_VALIDATION, "as_of", "日期格式应为 YYYY-MM-DD 或 YYYY-MM",
		               "date must be YYYY-MM-DD or YYYY-MM");
	if (q.flag) {
		f->flag = (int)ent_flag_from_name(q.flag);
		if (f->flag == FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "flag", "资质类型无效", "unknown flag");
	}
	const char *ar = q.archived;
	f->archived = !ar ? 0
	              : strcmp(ar, "all") == 0 || strcmp(ar, "2") == 0
	                  ? 2
	                  : (strcmp(ar, "1") == 0 || strcmp(ar, "true") == 0);
	return 0;
}

int h_ent_list(struct req *r, struct yq_err *e)
{
	struct ent_filter f;
	struct db *c = req_db(r, e);
	if (!c || ent_filter_from_query(r, &f, e) < 0)
		return -1;
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, &ENT_OUT);
	int rc = ent_list(c, &r->who, &f, ent_row, &l, &total);
	return resp_list_close(&l, rc, total, f.page, f.page_size, e);
}

/* Answers the enterprise `id` as the caller reads it, with `status`. */
static int answer(struct req *r, int status, int64_t id, struct yq_err *e)
{
	struct enterprise en;
	struct db *c = req_db(r, e);
	if (!c || ent_get(c, &r->who, id, &r->arena, &en, e) < 0)
		return -1;
	return resp_entity(r, status, &ENT_OUT, &en);
}

int h_ent_get(struct req *r, struct yq_err *e)
{
	return item_answer_get(r, answer, e);
}

/* An enterprise body: the members of its table (the spans by their decode hook). */
static int decode_ent(struct req *r, struct enterprise *en, struct yq_err *e)
{
	memset(en, 0, sizeof *en);
	return req_entity(r, &ENTITY_ENTERPRISE, DECODE_FULL, en, NULL, e) ? 0 : -1;
}

int h_ent_create(struct req *r, struct yq_err *e)
{
	struct enterprise en;
	if (decode_ent(r, &en, e) < 0 || ent_create(req_pool(r), &r->who, &en, e) < 0)
		return -1;
	return answer(r, 201, en.id, e);
}

int h_ent_update(struct req *r, struct yq_err *e)
{
	struct enterprise en;
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || decode_ent(r, &en, e) < 0 ||
	    ent_update(req_pool(r), &r->who, id, &en, e) < 0)
		return -1;
	return answer(r, 200, id, e);
}

static int set_archived(struct req *r, int archived, struct yq_err *e)
{
	int64_t id;
	if (req_id(r, 0, &id, e) < 0 || ent_set_archived(req_pool(r), &r->who, id, archived, e) < 0)
		return -1;
	return resp_empty(r, 204);
}

int h_ent_archive(struct req *r, struct yq_err *e)
{
	return set_archived(r, 1, e);
}

int h_ent_unarchive(struct req *r, struct yq_err *e)
{
	return set_archived(r, 0, e);
}

int h_ent_visits(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	struct entity_list l;
	resp_list_open(r, &l, &VISIT_OUT);
	if (ent_visit_list(c, &r->who, id, visit_row, &l, e) < 0)
		return -1;
	return resp_list_close(&l, 0, -1, 0, 0, e);
}

int h_ent_visit_add(struct req *r, struct yq_err *e)
{
	int64_t id, vid;
	struct ent_visit v;
	memset(&v, 0, sizeof v);
	if (req_id(r, 0, &id, e) < 0 || !req_entity(r, &ENTITY_VISIT, DECODE_FULL, &v, NULL, e) ||
	    ent_visit_add(req_pool(r), &r->who, id, &v, &vid, e) < 0)
		return -1;
	return resp_id(r, 201, vid);
}

struct leader_ctx {
	struct jsonw *w;
	int64_t current;
	int count;
};

static void leader_row(void *p, const struct ent_leader *l)
{
	struct leader_ctx *c = p;
	if (l->user_id != c->current) {
		if (c->current) {
			jw_arr_close(c->w);
			jw_kint(c->w, "count", c->count);
			jw_obj_close(c->w);
		}
		c->current = l->user_id;
		c->count = 0;
		jw_obj_open(c->w);
		jw_kint(c->w, "user_id", l->user_id);
		jw_kstr(c->w, "name", l->name);
		jw_key(c->w, "enterprises");
		jw_arr_open(c->w);
	}
	c->count++;
	jw_obj_open(c->w);
	jw_kint(c->w, "id", l->enterprise_id);
	jw_kstr(c->w, "name", l->enterprise_name);
	jw_obj_close(c->w);
}

int h_ent_leaders(struct req *r, struct yq_err *e)
{
	struct jsonw w;
	struct db *c = resp_items_db(r, &w, e);
	if (!c)
		return -1;
	struct leader_ctx ctx = {&w, 0, 0};
	int rc = ent_leaders(c, &r->who, leader_row, &ctx);
	if (ctx.current) {
		jw_arr_close(&w);
		jw_kint(&w, "count", ctx.count);
		jw_obj_close(&w);
	}
	return resp_items_close(r, &w, rc, -1, 0, 0, e);
}

int h_ent_stats(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	struct ent_stats s;
	const char *as_of = opt(r, "as_of");
	char day[11];
	if (!c)
		return -1;
	if (as_of && ent_as_of(as_of, day) < 0)
		return err_set(e, ERR_VALIDATION, "as_of", "日期格式应为 YYYY-MM-DD 或 YYYY-MM",
		               "date must be YYYY-MM-DD or YYYY-MM");
	int rc = ent_stats(c, &r->who, as_of, &s);
	if (rc < 0)
		return err_db(e, rc);
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "total", s.total);
	jw_kint(&w, "archived", s.archived);
	jw_key(&w, "by_industry");
	jw_arr_open(&w);
	for (int i = 0; i < s.n_sections; i++) {
		const struct industry *ind = industry_find(s.by_section[i].section);
		jw_obj_open(&w);
		jw_kstr(&w, "code", s.by_section[i].section);
		jw_kstr(&w, "name", ind ? ind->name : "");
		jw_kint(&w, "count", s.by_section[i].count);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "by_flag");
	jw_obj_open(&w);
	for (int i = 0; i < FLAG__COUNT; i++)
		jw_kint(&w, ent_flag_name((enum ent_flag_kind)i), s.flags[i]);
	jw_obj_close(&w);
	jw_key(&w, "baobao");
	jw_obj_open(&w);
	jw_kint(&w, "covered", s.covered);
	jw_kint(&w, "total", s.total);
	jw_obj_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_industries(struct req *r, struct yq_err *e)
{
	const char *q = opt(r, "q"), *parent = opt(r, "parent");
	int64_t level;
	if (req_query_int(r, "level", 0, 0, 4, &level, e) < 0)
		return -1;
	if ((q && strlen(q) > 60) || (parent && strlen(parent) > 4))
		return err_set(e, ERR_VALIDATION, q && strlen(q) > 60 ? "q" : "parent", "参数过长",
		               "too long");
	if (industry_init() < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "industry table unavailable");
	static const size_t max = 2000;
	const struct industry **out = arena_alloc(&r->arena, sizeof *out * max);
	size_t n = 0;
	if (!out || industry_search(q, parent, (int)level, out, max, &n) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "industry search failed");
	struct jsonw w;
	resp_items_open(r, &w);
	for (size_t i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "code", out[i]->code);
		jw_kstr(&w, "name", out[i]->name);
		jw_kint(&w, "level", out[i]->level);
		jw_kstr(&w, "parent", out[i]->parent[0] ? out[i]->parent : NULL);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_ent_export(struct req *r, struct yq_err *e)
{
	struct ent_filter f;
	struct db *c = req_db(r, e);
	const char *fmt = opt(r, "format");
	if (!c || ent_filter_from_query(r, &f, e) < 0)
		return -1;
	if (fmt && strcmp(fmt, "xlsx") && strcmp(fmt, "csv"))
		return err_set(e, ERR_VALIDATION, "format", "导出格式应为 xlsx 或 csv",
		               "format must be xlsx or csv");
	int csv = fmt && strcmp(fmt, "csv") == 0;
	char *data;
	size_t len;
	if (ent_export(c, &r->who, &f, csv ? EXPORT_CSV : EXPORT_XLSX, &data, &len, e) < 0)
		return -1;
	return resp_download(
	           r, data, len,
	           csv ? "text/csv; charset=utf-8"
	               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	           csv ? "企业库.csv" : "企业库.xlsx") < 0
	           ? err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file")
	           : 0;
}

int h_ent_template(struct req *r, struct yq_err *e)
{
	char *data;
	size_t len;
	if (ent_template(&data, &len, e) < 0)
		return -1;
	return resp_download(r, data, len,
	                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	                     "企业导入模板.xlsx") < 0
	           ? err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file")
	           : 0;
}

int h_ent_import(struct req *r, struct yq_err *e)
{
	return import_handle(r, ent_import, e);
}
