/* Attachment rows (see attachment.h): every read first loads the item through its kind, which
 * applies the zone and the caller's data scope, so an attachment of an item the caller cannot
 * see is 404. */
#include "work/attachment.h"
#include "audit/write_tx.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/timeline.h"
#include <stdio.h>
#include <string.h>

#define ATT_COLS                                                                                   \
	"id, ref_id, sha256, name, content_type, size, uploaded_by, uploader_name, created_at"
static const char SQL_LIST[] =
    "SELECT " ATT_COLS " FROM work_attachment WHERE kind = ? AND ref_id = ? AND zone_id = ? AND "
    "deleted_at IS NULL ORDER BY id";
static const char SQL_GET[] =
    "SELECT " ATT_COLS " FROM work_attachment WHERE kind = ? AND ref_id = ? AND zone_id = ? AND "
    "id = ? AND deleted_at IS NULL";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM work_attachment WHERE kind = ? AND ref_id "
                                "= ? AND deleted_at IS NULL";
static const char SQL_INSERT[] =
    "INSERT INTO work_attachment (kind, ref_id, zone_id, sha256, name, content_type, size, "
    "uploaded_by, uploader_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_DELETE[] =
    "UPDATE work_attachment SET deleted_at = ? WHERE id = ? AND kind = ? AND ref_id = ? AND "
    "deleted_at IS NULL";

static void read_row(struct db_stmt *st, struct attachment *a)
{
	a->id = db_col_int(st, 0);
	a->ref_id = db_col_int(st, 1);
	a->sha256 = db_col_text(st, 2);
	a->name = db_col_text(st, 3);
	a->content_type = db_col_text(st, 4);
	a->size = db_col_int(st, 5);
	a->uploaded_by = db_col_int(st, 6);
	a->uploader_name = db_col_text(st, 7);
	a->created_at = db_col_int(st, 8);
}

/* Binds kind, ref_id and the caller's zone as the first three parameters. */
static void bind_item(struct db_stmt *st, const struct work_kind *kind, int64_t ref_id,
                      int64_t zone_id)
{
	db_bind_text(st, 1, kind->name);
	db_bind_int(st, 2, ref_id);
	db_bind_int(st, 3, zone_id);
}

int attachment_list_rows(struct db *c, const struct principal *p, const struct work_kind *kind,
                         int64_t ref_id, attachment_fn fn, void *ctx, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_LIST);
	if (!st)
		return err_db(e, DB_ERR);
	bind_item(st, kind, ref_id, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct attachment a;
		read_row(st, &a);
		fn(ctx, &a);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

int attachment_list(struct db *c, const struct principal *p, const struct work_kind *kind,
                    int64_t ref_id, attachment_fn fn, void *ctx, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct work_item it;
	int r = kind->load(c, p, ref_id, WORK_READ, &ar, &it, e);
	arena_release(&ar);
	return r < 0 ? -1 : attachment_list_rows(c, p, kind, ref_id, fn, ctx, e);
}

static int get_row(struct db *c, const struct principal *p, const struct work_kind *kind,
                   int64_t ref_id, int64_t id, struct arena *a, struct attachment *out,
                   struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_GET);
	if (!st)
		return err_db(e, DB_ERR);
	bind_item(st, kind, ref_id, p->zone_id);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_row(st, out);
		out->sha256 = arena_strdup(a, out->sha256);
		out->name = arena_strdup(a, out->name);
		out->content_type = arena_strdup(a, out->content_type);
		out->uploader_name = arena_strdup(a, out->uploader_name);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "附件不存在", "no such attachment");
	if (!out->sha256 || !out->name || !out->content_type)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	return 0;
}

int attachment_get(struct db *c, const struct principal *p, const struct work_kind *kind,
                   int64_t ref_id, int64_t id, struct arena *a, struct attachment *out,
                   struct yq_err *e)
{
	struct work_item it;
	if (kind->load(c, p, ref_id, WORK_READ, a, &it, e) < 0)
		return -1;
	return get_row(c, p, kind, ref_id, id, a, out, e);
}

/* ERR_STATE naming the state when the item is closed. */
static int check_open(const struct work_item *it, struct yq_err *e)
{
	return it->closed ? err_set(e, ERR_STATE, NULL, it->closed_zh, it->closed_en) : 0;
}

/* The checks before adding: the kind lets the caller upload, the item is not closed and holds
 * fewer files than the kind allows (ATTACHMENT_MAX_COUNT unless it says). */
static int check_add(struct db *c, const struct principal *p, const struct work_kind *kind,
                     const struct work_item *it, struct yq_err *e)
{
	int rc = DB_OK;
	int ok = kind->may_upload(c, p, it, &rc);
	if (rc < 0)
		return err_db(e, rc);
	if (!ok)
		return err_set(e, ERR_FORBIDDEN, NULL, kind->upload_denied_zh,
		               kind->upload_denied_en);
	if (check_open(it, e) < 0)
		return -1;
	struct db_stmt *st = db_prepare_with(c, SQL_COUNT, DB_T(kind->name), DB_I(it->id));
	if (!st)
		return err_db(e, DB_ERR);
	rc = db_step(st);
	int64_t n = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	int max = kind->max_attachments > 0 ? kind->max_attachments : ATTACHMENT_MAX_COUNT;
	if (n >= max) {
		/* the messages outlive this call: they are read when the request answers */
		static _Thread_local char zh[64], en[64];
		snprintf(zh, sizeof zh, "最多上传%d个附件", max);
		snprintf(en, sizeof en, "an item holds at most %d attachments", max);
		return err_set(e, ERR_VALIDATION, "file", zh, en);
	}
	return 0;
}

int attachment_may_add(struct db *c, const struct principal *p, const struct work_kind *kind,
                       int64_t ref_id, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct work_item it;
	int r = kind->load(c, p, ref_id, WORK_READ, &ar, &it, e);
	if (r == 0)
		r = check_add(c, p, kind, &it, e);
	arena_release(&ar);
	return r;
}

/* What an attachment change works on. */
struct change {
	const struct work_kind *kind;
	int64_t ref_id, id; /* id: the attachment (delete), or set by add */
	const char *sha, *name, *content_type;
	int64_t size;
	int64_t at; /* the time of the change; 0: now */
	struct arena ar;
	char obj_type[64]; /* the audit object type: "ticket_attachment" */
};

static int do_add(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *c = arg;
	const struct principal *p = w->who;
	struct work_item it;
	if (c->kind->load(w->tx, p, c->ref_id, WORK_WRITE, &c->ar, &it, e) < 0 ||
	    check_add(w->tx, p, c->kind, &it, e) < 0)
		return -1;
	struct db_stmt *st = db_prepare(w->tx, SQL_INSERT);
	if (!st)
		return write_fail(w, DB_ERR, e);
	bind_item(st, c->kind, it.id, it.zone_id);
	db_bind_text(st, 4, c->sha);
	db_bind_text(st, 5, c->name);
	db_bind_text(st, 6, c->content_type);
	db_bind_int(st, 7, c->size);
	db_bind_opt(st, 8, p->user_id);
	db_bind_text(st, 9, work_actor_name(p));
	db_bind_int(st, 10, c->at ? c->at : now_unix());
	if (write_insert(w, st, &c->id, e) < 0)
		return -1;
	audit_change_str(&w->changes, "name", NULL, c->name);
	audit_change_str(&w->changes, "sha256", NULL, c->sha);
	audit_change_int(&w->changes, "size", 0, c->size);
	audit_change_int(&w->changes, c->kind->id_key, 0, it.id);
	write_audit(w, "create", c->obj_type, c->id);
	w->zone_id = it.zone_id;
	int rc = work_event_keep_state(w->tx, p, c->kind, &it, "attach", c->name, c->at);
	return rc < 0 ? write_fail(w, rc, e) : 0;
}

static int do_delete(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct change *c = arg;
	const struct principal *p = w->who;
	struct work_item it;
	struct attachment a;
	if (c->kind->load(w->tx, p, c->ref_id, WORK_WRITE, &c->ar, &it, e) < 0 ||
	    get_row(w->tx, p, c->kind, c->ref_id, c->id, &c->ar, &a, e) < 0)
		return -1;
	if (!p->user_id || a.uploaded_by != p->user_id)
		return err_set(e, ERR_FORBIDDEN, NULL, "只有上传者可以删除附件",
		               "only the uploader deletes an attachment");
	if (check_open(&it, e) < 0)
		return -1;
	int rc = db_do(w->tx, SQL_DELETE, DB_I(now_unix()), DB_I(c->id), DB_T(c->kind->name),
	               DB_I(c->ref_id));
	if (rc < 0 || (rc = work_event_keep_state(w->tx, p, c->kind, &it, "detach", a.name, 0)) < 0)
		return write_fail(w, rc, e);
	audit_change_str(&w->changes, "name", a.name, NULL);
	audit_change_str(&w->changes, "sha256", a.sha256, NULL);
	audit_change_int(&w->changes, c->kind->id_key, it.id, 0);
	write_audit(w, "delete", c->obj_type, c->id);
	w->zone_id = it.zone_id;
	return 0;
}

/* Runs an attachment change of kind's items in the one write path. */
static int run(struct db_pool *pool, const struct principal *p, write_fn fn, struct change *c,
               struct yq_err *e)
{
	snprintf(c->obj_type, sizeof c->obj_type, "%s_attachment", c->kind->name);
	c->ar = (struct arena)ARENA_INIT;
	int r = write_tx(pool, p, fn, c, e);
	arena_release(&c->ar);
	return r;
}

int attachment_add_in(struct db *tx, const struct principal *p, const struct work_kind *kind,
                      int64_t ref_id, const char *sha, int64_t size, const char *name,
                      const char *content_type, int64_t at, int64_t *id, struct yq_err *e)
{
	struct change c = {.kind = kind,
	                   .ref_id = ref_id,
	                   .sha = sha,
	                   .name = name,
	                   .content_type = content_type,
	                   .size = size,
	                   .at = at};
	snprintf(c.obj_type, sizeof c.obj_type, "%s_attachment", kind->name);
	c.ar = (struct arena)ARENA_INIT;
	int r = write_in(tx, p, p->zone_id, do_add, &c, e);
	arena_release(&c.ar);
	*id = r < 0 ? 0 : c.id;
	return r;
}

int attachment_add(struct db_pool *pool, const struct principal *p, const struct work_kind *kind,
                   int64_t ref_id, const char *sha, int64_t size, const char *name,
                   const char *content_type, int64_t *id, struct yq_err *e)
{
	struct change c = {.kind = kind,
	                   .ref_id = ref_id,
	                   .sha = sha,
	                   .name = name,
	                   .content_type = content_type,
	                   .size = size};
	int r = run(pool, p, do_add, &c, e);
	*id = c.id;
	return r;
}

int attachment_delete(struct db_pool *pool, const struct principal *p, const struct work_kind *kind,
                      int64_t ref_id, int64_t id, struct yq_err *e)
{
	struct change c = {.kind = kind, .ref_id = ref_id, .id = id};
	return run(pool, p, do_delete, &c, e);
}
