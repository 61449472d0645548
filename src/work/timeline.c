/* The timeline of work items: its SQL and what each caller is shown (see timeline.h). */
#include "work/timeline.h"
#include "access/disclose.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/util.h"
#include <stdio.h>

static const char SQL_INSERT[] =
    "INSERT INTO work_event (kind, ref_id, zone_id, at, user_id, user_name, action, from_state, "
    "to_state, body, internal, media_url, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ROWS[] =
    "SELECT " WORK_EVENT_COLS " FROM work_event e WHERE e.kind = ? AND e.ref_id = ? AND "
    "(e.internal = 0 OR ? = 0) ORDER BY e.id";
static const char SQL_BY_REF[] =
    "SELECT id FROM work_event WHERE kind = ? AND ref_id = ? AND ref = ?";

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int work_event_add(struct db *tx, const struct principal *p, const struct work_kind *kind,
                   int64_t zone_id, int64_t ref_id, const struct work_event_in *ev)
{
	int64_t user_id = p ? p->user_id : ev->user_id;
	const char *name = p ? work_actor_name(p) : ev->user_name ? ev->user_name : "系统";
	return db_do(tx, SQL_INSERT, DB_T(kind->name), DB_I(ref_id), DB_I(zone_id),
	             DB_I(ev->at ? ev->at : now_unix()), DB_O(user_id), DB_T(or_empty(name)),
	             DB_T(ev->action), DB_T(or_empty(ev->from_state)), DB_T(or_empty(ev->to_state)),
	             DB_T(or_empty(ev->body)), DB_I(ev->internal), DB_T(or_empty(ev->media_url)),
	             DB_TO(ev->ref));
}

int work_event_keep_state(struct db *tx, const struct principal *p, const struct work_kind *kind,
                          const struct work_item *it, const char *action, const char *body,
                          int64_t at)
{
	struct work_event_in ev = {.at = at,
	                           .action = action,
	                           .from_state = it->state,
	                           .to_state = it->state,
	                           .body = body};
	return work_event_add(tx, p, kind, it->zone_id, it->id, &ev);
}

void work_event_read(struct db_stmt *st, struct work_event *ev)
{
	*ev = (struct work_event){
	    .id = db_col_int(st, 0),
	    .at = db_col_int(st, 1),
	    .user_id = db_col_int(st, 2),
	    .user_name = db_col_text(st, 3),
	    .action = db_col_text(st, 4),
	    .from_state = db_col_text(st, 5),
	    .to_state = db_col_text(st, 6),
	    .body = db_col_text(st, 7),
	    .internal = (int)db_col_int(st, 8),
	    .media_url = db_col_text(st, 9),
	    .ref_no = "",
	};
}

int work_timeline_rows(struct db *c, const struct principal *p, const struct work_kind *kind,
                       int64_t id, work_event_fn fn, void *ctx, struct yq_err *e)
{
	struct db_stmt *st = db_prepare_with(c, SQL_ROWS, DB_T(kind->name), DB_I(id),
	                                     DB_I(p->role == ROLE_ENTERPRISE ? 1 : 0));
	if (!st)
		return err_db(e, DB_ERR);
	char note[64];
	snprintf(note, sizeof note, "%s.note", kind->name);
	enum disclose notes = disclose_to(p, note);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		/* what the caller is shown of each event: access/disclose.h */
		char what[96];
		snprintf(what, sizeof what, "%s.%s", kind->name, db_col_text(st, 4));
		enum disclose shown = db_col_int(st, 8) ? notes : disclose_to(p, what);
		if (shown == DISCLOSE_NONE)
			continue;
		struct work_event ev;
		work_event_read(st, &ev);
		ev.body = shown == DISCLOSE_ALL ? ev.body : "";
		ev.ref_id = id;
		fn(ctx, &ev);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int work_timeline(struct db *c, const struct principal *p, const struct work_kind *kind, int64_t id,
                  work_event_fn fn, void *ctx, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct work_item it;
	int r = kind->load(c, p, id, WORK_READ, &a, &it, e);
	arena_release(&a);
	return r < 0 ? -1 : work_timeline_rows(c, p, kind, id, fn, ctx, e);
}

int work_event_by_ref(struct db *c, const struct work_kind *kind, int64_t ref_id, const char *ref,
                      int64_t *event_id, struct yq_err *e)
{
	*event_id = 0;
	struct db_stmt *st =
	    db_prepare_with(c, SQL_BY_REF, DB_T(kind->name), DB_I(ref_id), DB_T(ref));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*event_id = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}
