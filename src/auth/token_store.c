/* API token storage (see token.h). */
#include "auth/token.h"
#include "audit/audit.h"
#include "lib/util.h"
#include "org/org.h"
#include <stdio.h>
#include <string.h>

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_token (zone_id, user_id, name, role, token_hash, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_TOKEN_LIST[] =
    "SELECT t.id, t.user_id, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, "
    "t.name, t.role, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id "
    "WHERE t.zone_id = ? ORDER BY t.id DESC";
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_token SET revoked_at = ? WHERE id = ? AND zone_id = ? AND revoked_at IS NULL";

int token_create(struct db_pool *pool, const struct principal *p, const char *name,
                 const char *role, int64_t expires_at, int64_t *id, char secret[68],
                 struct yq_err *e)
{
	if (org_check_name(name, "name", e) < 0)
		return -1;
	enum role r = role_from_name(role);
	if (r == ROLE_NONE || r == ROLE_PROVINCE || (r != p->role && !role_may_grant(p->role, r)))
		return err_set(e, ERR_VALIDATION, "role", "令牌角色无效", "invalid token role");
	if (expires_at && expires_at <= now_unix())
		return err_set(e, ERR_VALIDATION, "expires_at", "过期时间须在将来",
		               "the expiry must be in the future");
	char hex[65], hash[65];
	random_hex(hex, 32);
	snprintf(secret, 68, "yq_%s", hex);
	sha256_hex(secret, strlen(secret), hash);
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, SQL_TOKEN_INSERT);
	if (!st) {
		rc = DB_ERR;
		goto out_rollback;
	}
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, p->user_id);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, role_name(r));
	db_bind_text(st, 5, hash);
	db_bind_int(st, 6, now_unix());
	if (expires_at)
		db_bind_int(st, 7, expires_at);
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		goto out_rollback;
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "name", NULL, name);
	audit_change_str(&ch, "role", NULL, role_name(r));
	rc = audit_write(tx, p, p->zone_id, "create", "api_token", *id, &ch);
	audit_changes_release(&ch);
	if (rc < 0)
		goto out_rollback;
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	return err_db(e, rc < 0 ? rc : DB_ERR);
}

int token_list(struct db *c, const struct principal *p, token_fn fn, void *ctx)
{
	struct db_stmt *st = db_prepare(c, SQL_TOKEN_LIST);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, p->zone_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct api_token t = {
		    .id = db_col_int(st, 0),
		    .user_id = db_col_int(st, 1),
		    .created_at = db_col_int(st, 2),
		    .expires_at = db_col_int(st, 3),
		    .revoked_at = db_col_int(st, 4),
		    .last_used_at = db_col_int(st, 5),
		    .name = db_col_text(st, 6),
		    .role = db_col_text(st, 7),
		    .username = db_col_text(st, 8),
		};
		fn(ctx, &t);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int token_revoke(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	struct db_stmt *st = db_prepare(tx, SQL_TOKEN_REVOKE);
	if (!st) {
		rc = DB_ERR;
		goto out_rollback;
	}
	db_bind_int(st, 1, now_unix());
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, p->zone_id);
	rc = db_step(st);
	int64_t n = db_changes(st);
	db_reset(st);
	if (rc < 0)
		goto out_rollback;
	if (n == 0) {
		db_tx_end(pool, tx, 0);
		return err_set(e, ERR_NOT_FOUND, NULL, "令牌不存在或已撤销",
		               "no such token, or already revoked");
	}
	if ((rc = audit_write(tx, p, p->zone_id, "revoke", "api_token", id, NULL)) < 0)
		goto out_rollback;
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	return err_db(e, rc < 0 ? rc : DB_ERR);
}
