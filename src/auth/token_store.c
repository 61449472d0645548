/* API token storage (see token.h). */
#include "auth/token.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "lib/util.h"
#include "org/org.h"
#include <stdio.h>
#include <string.h>

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_token (zone_id, user_id, name, role, data_scope, dept_id, enterprise_id, "
    "token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
/* A token as the list reads it and the API writes it (entity_read, entity_json; text valid until
 * the next step). The secret is never read back: only its hash is stored. */
#define T_(m, ft, col, fl, zh, en)                                                                 \
	FIELD_INIT(struct api_token, m, ft, col, 0, 0, F_READONLY | fl, zh, en)
static const struct field TOKEN_FIELDS[] = {
    {T_(id, FT_INT, "id", 0, "编号", "ID")},
    {T_(user_id, FT_REF, "user_id", F_OWNJSON, "创建人", "Created by")},
    {T_(created_at, FT_TIME, "created_at", 0, "创建时间", "Created")},
    {T_(expires_at, FT_TIME, "expires_at", 0, "过期时间", "Expires")},
    {T_(revoked_at, FT_TIME, "revoked_at", 0, "吊销时间", "Revoked")},
    {T_(last_used_at, FT_TIME, "last_used_at", 0, "最近使用", "Last used")},
    {T_(name, FT_TEXT, "name", 0, "名称", "Name")},
    {T_(role, FT_TEXT, "role", 0, "角色", "Role")},
    {FIELDK_INIT(struct api_token, username, "created_by", FT_TEXT, "u.username", 0, 0, F_READONLY,
                 "创建人", "Created by")},
    {T_(data_scope, FT_TEXT, "data_scope", 0, "数据范围", "Data scope")},
    {T_(dept_id, FT_REF, "dept_id", 0, "部门", "Department")},
    {T_(dept_name, FT_TEXT, "d.name", 0, "部门名称", "Department name")},
    {T_(enterprise_id, FT_REF, "enterprise_id", 0, "企业", "Enterprise")},
    {T_(enterprise_name, FT_TEXT, "en.name", 0, "企业名称", "Enterprise name")},
};
const struct entity ENTITY_API_TOKEN =
    ENTITY("api_token", "api_token", "t", TOKEN_FIELDS, "令牌", "Token");
static struct sql_tmpl SQL_TOKEN_LIST = SQL_TMPL(
    ENTITY_API_TOKEN,
    "SELECT {select} FROM api_token t JOIN app_user u ON u.id = t.user_id LEFT JOIN dept d ON d.id "
    "= t.dept_id "
    "LEFT JOIN enterprise en ON en.id = t.enterprise_id WHERE t.zone_id = ? ORDER BY t.id DESC");
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_token SET revoked_at = ? WHERE id = ? AND zone_id = ? AND revoked_at IS NULL";

int token_check(struct db *tx, const struct principal *p, const struct token_input *in,
                struct yq_err *e)
{
	if (org_check_name(in->name, "name", e) < 0)
		return -1;
	enum role r = role_from_name(in->role);
	if (r == ROLE_NONE || r == ROLE_PROVINCE)
		return err_set(e, ERR_VALIDATION, "role", "令牌角色无效", "invalid token role");
	if (r != p->role && !role_may_grant(p->role, r))
		return err_set(e, ERR_FORBIDDEN, "role", "无权授予该角色",
		               "not allowed to grant this role");
	enum data_scope s = in->data_scope && *in->data_scope ? scope_from_name(in->data_scope)
	                                                      : role_default_scope(r);
	if (s != SCOPE_ZONE && s != SCOPE_DEPT && s != SCOPE_ENTERPRISE)
		return err_set(e, ERR_VALIDATION, "data_scope",
		               "令牌的数据权限应为全园区、本部门或本企业",
		               "a token's data scope is zone, dept or enterprise");
	if ((r == ROLE_ENTERPRISE) != (s == SCOPE_ENTERPRISE))
		return err_set(e, ERR_VALIDATION, "data_scope",
		               r == ROLE_ENTERPRISE ? "企业令牌的数据权限只能是本企业"
		                                    : "只有企业令牌的数据权限是本企业",
		               "enterprise tokens, and only they, have the enterprise scope");
	if (in->expires_at && in->expires_at <= now_unix())
		return err_set(e, ERR_VALIDATION, "expires_at", "过期时间须在将来",
		               "the expiry must be in the future");
	/* bound as a user of its role would be; a department's scope needs the department too */
	if (org_check_links(tx, p->zone_id, r, in->dept_id, in->enterprise_id, e) < 0)
		return -1;
	if (s == SCOPE_DEPT && !in->dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "数据权限为本部门时须选择所属部门",
		               "the dept scope needs a department");
	return 0;
}

/* A token being made: the input, and the id and secret it gets. */
struct token_new {
	const struct token_input *in;
	int64_t id;
	char *secret;
};

static int do_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct token_new *x = arg;
	const struct token_input *in = x->in;
	const struct principal *p = w->who;
	if (token_check(w->tx, p, in, e) < 0)
		return -1;
	enum role r = role_from_name(in->role);
	const char *scope =
	    scope_name(in->data_scope && *in->data_scope ? scope_from_name(in->data_scope)
	                                                 : role_default_scope(r));
	char hex[65], hash[65];
	random_hex(hex, 32);
	snprintf(x->secret, 68, "yq_%s", hex);
	sha256_hex(x->secret, strlen(x->secret), hash);
	struct db_stmt *st = db_prepare_with(
	    w->tx, SQL_TOKEN_INSERT, DB_I(p->zone_id), DB_I(p->user_id), DB_T(in->name),
	    DB_T(role_name(r)), DB_T(scope), DB_O(in->dept_id), DB_O(in->enterprise_id), DB_T(hash),
	    DB_I(now_unix()), DB_O(in->expires_at));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (write_insert(w, st, &x->id, e) < 0)
		return -1;
	write_audit(w, "create", "api_token", x->id);
	audit_change_str(&w->changes, "name", NULL, in->name);
	audit_change_str(&w->changes, "role", NULL, role_name(r));
	audit_change_str(&w->changes, "data_scope", NULL, scope);
	audit_change_int(&w->changes, "dept_id", 0, in->dept_id);
	audit_change_int(&w->changes, "enterprise_id", 0, in->enterprise_id);
	return 0;
}

int token_create(struct db_pool *pool, const struct principal *p, const struct token_input *in,
                 int64_t *id, char secret[68], struct yq_err *e)
{
	struct token_new x = {in, 0, secret};
	if (write_tx(pool, p, do_create, &x, e) < 0)
		return -1;
	*id = x.id;
	return 0;
}

int token_list(struct db *c, const struct principal *p, entity_row_fn fn, void *ctx)
{
	struct api_token t;
	return entity_list_zone(c, sql_of(&SQL_TOKEN_LIST), p->zone_id, &ENTITY_API_TOKEN, &t, fn,
	                        ctx);
}

static int do_revoke(struct write_ctx *w, void *arg, struct yq_err *e)
{
	int64_t id = *(const int64_t *)arg;
	int64_t n;
	if (write_sql_n(w, SQL_TOKEN_REVOKE, &n, e, DB_I(now_unix()), DB_I(id),
	                DB_I(w->who->zone_id)) < 0)
		return -1;
	if (n == 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "令牌不存在或已撤销",
		               "no such token, or already revoked");
	write_audit(w, "revoke", "api_token", id);
	return 0;
}

int token_revoke(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e)
{
	return write_tx(pool, p, do_revoke, &id, e);
}
