/* Attachment rows (see attachment.h): every read goes through ticket_get, which applies the zone
 * and the caller's data scope, so an attachment of a request the caller cannot see is 404. */
#include "work/attachment.h"
#include "audit/audit.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "ticket/ticket_store.h"
#include <string.h>

#define ATT_COLS                                                                                   \
	"id, ticket_id, sha256, name, content_type, size, uploaded_by, uploader_name, created_at"
static const char SQL_LIST[] = "SELECT " ATT_COLS " FROM ticket_attachment WHERE ticket_id = ? "
                               "AND zone_id = ? AND deleted_at IS NULL ORDER BY id";
static const char SQL_GET[] = "SELECT " ATT_COLS " FROM ticket_attachment WHERE ticket_id = ? "
                              "AND zone_id = ? AND id = ? AND deleted_at IS NULL";
static const char SQL_COUNT[] =
    "SELECT COUNT(*) FROM ticket_attachment WHERE ticket_id = ? AND deleted_at IS NULL";
static const char SQL_INSERT[] =
    "INSERT INTO ticket_attachment (zone_id, ticket_id, sha256, name, content_type, size, "
    "uploaded_by, uploader_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_DELETE[] = "UPDATE ticket_attachment SET deleted_at = ? WHERE id = ? AND "
                                 "ticket_id = ? AND deleted_at IS NULL";

static void read_row(struct db_stmt *st, struct attachment *a)
{
	a->id = db_col_int(st, 0);
	a->ticket_id = db_col_int(st, 1);
	a->sha256 = db_col_text(st, 2);
	a->name = db_col_text(st, 3);
	a->content_type = db_col_text(st, 4);
	a->size = db_col_int(st, 5);
	a->uploaded_by = db_col_int(st, 6);
	a->uploader_name = db_col_text(st, 7);
	a->created_at = db_col_int(st, 8);
}

int attachment_list(struct db *c, const struct principal *p, int64_t ticket_id, attachment_fn fn,
                    void *ctx, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct ticket t;
	int r = ticket_get(c, p, ticket_id, &ar, &t, e);
	arena_release(&ar);
	if (r < 0)
		return -1;
	struct db_stmt *st = db_prepare(c, SQL_LIST);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, ticket_id);
	db_bind_int(st, 2, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct attachment a;
		read_row(st, &a);
		fn(ctx, &a);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

static int get_row(struct db *c, const struct principal *p, int64_t ticket_id, int64_t id,
                   struct arena *a, struct attachment *out, struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_GET);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, ticket_id);
	db_bind_int(st, 2, p->zone_id);
	db_bind_int(st, 3, id);
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

int attachment_get(struct db *c, const struct principal *p, int64_t ticket_id, int64_t id,
                   struct arena *a, struct attachment *out, struct yq_err *e)
{
	struct ticket t;
	if (ticket_get(c, p, ticket_id, a, &t, e) < 0)
		return -1;
	return get_row(c, p, ticket_id, id, a, out, e);
}

/* ERR_STATE naming the state when the request is no longer open. */
static int check_open(const struct ticket *t, struct yq_err *e)
{
	switch (t->status) {
	case TS_CLOSED:
		return err_set(e, ERR_STATE, NULL, "已销号的诉求不能再变更附件",
		               "the request is closed: its attachments cannot change");
	case TS_REJECTED:
		return err_set(e, ERR_STATE, NULL, "不予受理的诉求不能再变更附件",
		               "the request is rejected: its attachments cannot change");
	case TS_MERGED:
		return err_set(e, ERR_STATE, NULL, "已合并的诉求不能再变更附件",
		               "the request is merged: its attachments cannot change");
	default:
		return ticket_is_open(t->status)
		           ? 0
		           : err_set(e, ERR_STATE, NULL, "诉求已结束", "the request is over");
	}
}

/* The checks before adding: the caller is the request's enterprise or may act on it, the
 * request is open and holds fewer than ATTACHMENT_MAX_COUNT files. */
static int check_add(struct db *c, const struct principal *p, const struct ticket *t,
                     struct yq_err *e)
{
	int rc = DB_OK, ok;
	if (p->role == ROLE_ENTERPRISE)
		ok = p->enterprise_id == t->enterprise_id;
	else
		ok = ticket_may_act(c, p, t, &rc);
	if (rc < 0)
		return err_db(e, rc);
	if (!ok)
		return err_set(e, ERR_FORBIDDEN, NULL,
		               "只有提出诉求的企业、企业服务中心和承办部门可以上传附件",
		               "only the requesting enterprise, the service center and the lead "
		               "department add attachments");
	if (check_open(t, e) < 0)
		return -1;
	int64_t n;
	if ((rc = db_query_int(c, SQL_COUNT, &n, 1, t->id)) < 0)
		return err_db(e, rc);
	if (n >= ATTACHMENT_MAX_COUNT)
		return err_set(e, ERR_VALIDATION, "file", "每个诉求最多10个附件",
		               "a request holds at most 10 attachments");
	return 0;
}

int attachment_may_add(struct db *c, const struct principal *p, int64_t ticket_id, struct yq_err *e)
{
	struct arena ar = ARENA_INIT;
	struct ticket t;
	int r = ticket_get(c, p, ticket_id, &ar, &t, e);
	if (r == 0)
		r = check_add(c, p, &t, e);
	arena_release(&ar);
	return r;
}

int attachment_add(struct db_pool *pool, const struct principal *p, int64_t ticket_id,
                   const char *sha, int64_t size, const char *name, const char *content_type,
                   int64_t *id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct arena ar = ARENA_INIT;
	struct ticket t;
	struct audit_changes ch;
	audit_changes_init(&ch);
	if (ticket_get(tx, p, ticket_id, &ar, &t, e) < 0 || check_add(tx, p, &t, e) < 0)
		goto out_rollback;
	struct db_stmt *st = db_prepare(tx, SQL_INSERT);
	if (!st) {
		rc = DB_ERR;
		goto out_db;
	}
	db_bind_int(st, 1, t.zone_id);
	db_bind_int(st, 2, t.id);
	db_bind_text(st, 3, sha);
	db_bind_text(st, 4, name);
	db_bind_text(st, 5, content_type);
	db_bind_int(st, 6, size);
	if (p->user_id)
		db_bind_int(st, 7, p->user_id);
	db_bind_text(st, 8, p->display_name && *p->display_name ? p->display_name : p->username);
	db_bind_int(st, 9, now_unix());
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		goto out_db;
	audit_change_str(&ch, "name", NULL, name);
	audit_change_str(&ch, "sha256", NULL, sha);
	audit_change_int(&ch, "size", 0, size);
	audit_change_int(&ch, "ticket_id", 0, t.id);
	if ((rc = ticket_event_add(tx, p, &t, "attach", name)) < 0 ||
	    (rc = audit_write(tx, p, t.zone_id, "create", "ticket_attachment", *id, &ch)) < 0)
		goto out_db;
	audit_changes_release(&ch);
	arena_release(&ar);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_db:
	err_db(e, rc < 0 ? rc : DB_ERR);
out_rollback:
	audit_changes_release(&ch);
	arena_release(&ar);
	db_tx_end(pool, tx, 0);
	return -1;
}

int attachment_delete(struct db_pool *pool, const struct principal *p, int64_t ticket_id,
                      int64_t id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct arena ar = ARENA_INIT;
	struct ticket t;
	struct attachment a;
	struct audit_changes ch;
	audit_changes_init(&ch);
	if (ticket_get(tx, p, ticket_id, &ar, &t, e) < 0 ||
	    get_row(tx, p, ticket_id, id, &ar, &a, e) < 0)
		goto out_rollback;
	if (!p->user_id || a.uploaded_by != p->user_id) {
		err_set(e, ERR_FORBIDDEN, NULL, "只有上传者可以删除附件",
		        "only the uploader deletes an attachment");
		goto out_rollback;
	}
	if (check_open(&t, e) < 0)
		goto out_rollback;
	struct db_stmt *st = db_prepare(tx, SQL_DELETE);
	if (!st) {
		rc = DB_ERR;
		goto out_db;
	}
	db_bind_int(st, 1, now_unix());
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, ticket_id);
	audit_change_str(&ch, "name", a.name, NULL);
	audit_change_str(&ch, "sha256", a.sha256, NULL);
	audit_change_int(&ch, "ticket_id", t.id, 0);
	if ((rc = db_run(st)) < 0 || (rc = ticket_event_add(tx, p, &t, "detach", a.name)) < 0 ||
	    (rc = audit_write(tx, p, t.zone_id, "delete", "ticket_attachment", id, &ch)) < 0)
		goto out_db;
	audit_changes_release(&ch);
	arena_release(&ar);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_db:
	err_db(e, rc < 0 ? rc : DB_ERR);
out_rollback:
	audit_changes_release(&ch);
	arena_release(&ar);
	db_tx_end(pool, tx, 0);
	return -1;
}
