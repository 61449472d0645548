/* The timeline of a work item in JSON (see timeline_api.h). */
#include "work/timeline_api.h"
#include "http/routes.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "work/timeline.h"
#include "work/work.h"

struct ctx {
	struct req *r;
	struct jsonw *w;
};

static void event_row(void *p, const struct work_event *ev)
{
	struct ctx *c = p;
	struct jsonw *w = c->w;
	jw_obj_open(w);
	jw_kint(w, "id", ev->id);
	jw_kstr(w, "at", req_time(c->r, ev->at));
	jw_kint_or_null(w, "user_id", ev->user_id);
	jw_kstr(w, "user_name", ev->user_name);
	jw_kstr(w, "action", ev->action);
	jw_kstr(w, "from_status", *ev->from_state ? ev->from_state : NULL);
	jw_kstr(w, "to_status", ev->to_state);
	jw_kstr(w, "body", ev->body);
	jw_kbool(w, "internal", ev->internal);
	jw_kstr(w, "media_url", ev->media_url && *ev->media_url ? ev->media_url : NULL);
	jw_obj_close(w);
}

int work_timeline_json(struct req *r, struct jsonw *w, const struct work_kind *kind, int64_t id,
                       struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct ctx ctx = {r, w};
	jw_arr_open(w);
	int rc = work_timeline_rows(c, &r->who, kind, id, event_row, &ctx, e);
	jw_arr_close(w);
	return rc;
}

int h_work_timeline(struct req *r, struct yq_err *e)
{
	const struct work_kind *kind = r->route->arg;
	int64_t id;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	struct ctx ctx = {r, NULL};
	struct jsonw w;
	ctx.w = &w;
	resp_obj_open(r, 200, &w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	/* work_timeline loads the item with the caller's scope first: 404 outside it */
	int rc = work_timeline(c, &r->who, kind, id, event_row, &ctx, e);
	jw_arr_close(&w);
	jw_obj_close(&w);
	return rc;
}
