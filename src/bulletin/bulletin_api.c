/* HTTP handlers of 定时简报 (see bulletin_api.h). */
#include "bulletin/bulletin_api.h"
#include "bulletin/bulletin.h"
#include "db/db.h"
#include "lib/util.h"
#include "work/attachment_api.h"
#include <string.h>

static const struct entity_out OUT = {&ENTITY_BULLETIN, 0, NULL};

static void row(void *list, const struct bulletin *b)
{
	resp_list_row(list, b);
}

int h_bulletin_list(struct req *r, struct yq_err *e)
{
	int64_t page, page_size, total = 0;
	struct db *c = req_db(r, e);
	const char *kind = req_query(r, "kind");
	if (!c || req_page(r, &page, &page_size, e) < 0)
		return -1;
	if (kind && !*kind)
		kind = NULL;
	if (kind && bulletin_kind_from_name(kind) == BULLETIN__KIND_COUNT)
		return err_set(e, ERR_VALIDATION, "kind",
		               "简报类型应为 briefing、projects 或 economy",
		               "kind: briefing, projects or economy");
	struct entity_list l;
	resp_list_open(r, &l, &OUT);
	int rc = bulletin_list(c, &r->who, kind, page, page_size, row, &l, &total);
	return resp_list_close(&l, rc, total, page, page_size, e);
}

int h_bulletin_get(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct bulletin b;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || bulletin_get(c, &r->who, id, &r->arena, &b, e) < 0)
		return -1;
	return resp_entity(r, 200, &OUT, &b);
}

int h_bulletin_file(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct bulletin b;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || bulletin_get(c, &r->who, id, &r->arena, &b, e) < 0)
		return -1;
	return attachment_send_stored(r, b.sha256, b.size, "application/pdf", b.file_name, e);
}

int h_bulletin_generate(struct req *r, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	const char *kind = NULL, *period = NULL;
	if (!j || json_str(r, j, "kind", 1, 16, &kind, e) < 0 ||
	    json_str(r, j, "period", 0, 10, &period, e) < 0)
		return -1;
	enum bulletin_kind k = bulletin_kind_from_name(kind);
	if (k == BULLETIN__KIND_COUNT)
		return err_set(e, ERR_VALIDATION, "kind",
		               "简报类型应为 briefing、projects 或 economy",
		               "kind: briefing, projects or economy");
	char due[16];
	if (!period || !*period) {
		struct bulletin_schedule s[BULLETIN__KIND_COUNT];
		struct db *c = req_db(r, e);
		if (!c || bulletin_schedule_get(c, &r->who, &r->arena, s) < 0 ||
		    bulletin_due(k, &s[k], now_unix(), due) < 0)
			return c ? err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用",
			                   "database unavailable")
			         : -1;
		period = due;
	}
	int64_t id = 0;
	if (bulletin_generate(req_pool(r), req_data_dir(r), r->who.zone_id, k, period, &id, e) < 0)
		return -1;
	int status = id ? 201 : 200;
	if (!id) { /* there already: answer it */
		struct db *c = req_db(r, e);
		int64_t found = 0;
		if (!c || bulletin_find(c, r->who.zone_id, k, period, &found) < 0)
			return c ? err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用",
			                   "database unavailable")
			         : -1;
		id = found;
	}
	struct bulletin b;
	struct db *c = req_db(r, e);
	if (!c || bulletin_get(c, &r->who, id, &r->arena, &b, e) < 0)
		return -1;
	return resp_entity(r, status, &OUT, &b);
}

static const struct entity_out SCHEDULE_OUT = {&ENTITY_BULLETIN_SCHEDULE, 0, NULL};

static int schedule_answer(struct req *r, struct yq_err *e)
{
	struct bulletin_schedule s[BULLETIN__KIND_COUNT];
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	if (bulletin_schedule_get(c, &r->who, &r->arena, s) < 0)
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用", "database unavailable");
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	int64_t now = now_unix();
	for (int k = 0; k < BULLETIN__KIND_COUNT; k++) {
		char due[16] = "";
		jw_obj_open(&w);
		jw_entity_members(&w, &SCHEDULE_OUT, &s[k]);
		jw_kstr(&w, "label", bulletin_kind_label((enum bulletin_kind)k));
		/* the period the latest run is (or would be) for */
		if (bulletin_due((enum bulletin_kind)k, &s[k], now, due) == 0)
			jw_kstr(&w, "due", due);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	return 0;
}

int h_bulletin_schedule_get(struct req *r, struct yq_err *e)
{
	return schedule_answer(r, e);
}

int h_bulletin_schedule_put(struct req *r, struct yq_err *e)
{
	struct bulletin_schedule s;
	memset(&s, 0, sizeof s);
	if (!req_entity(r, &ENTITY_BULLETIN_SCHEDULE, DECODE_FULL, &s, NULL, e))
		return -1;
	enum bulletin_kind k = bulletin_kind_from_name(s.kind);
	if (!s.day) /* the kind's usual day: Monday, the 15th */
		s.day = k == BULLETIN_ECONOMY ? 15 : 1;
	if (bulletin_schedule_set(req_pool(r), &r->who, &s, e) < 0)
		return -1;
	return schedule_answer(r, e);
}
