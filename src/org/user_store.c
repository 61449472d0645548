/* User account storage (see org.h). Reads apply the caller's data scope. */
#include "org/org.h"
#include "audit/audit.h"
#include "audit/crypto_mode.h"
#include "auth/password.h"
#include "auth/scope.h"
#include "lib/arena.h"
#include "lib/gm.h"
#include "lib/util.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define USER_COLS                                                                                  \
	"u.id, u.zone_id, u.dept_id, u.enterprise_id, u.username, u.display_name, u.role, "        \
	"u.data_scope, d.name, u.phone, u.email, u.status, u.must_change, u.locked_until, "        \
	"u.last_login_at, u.created_at, en.name"
#define USER_FROM                                                                                  \
	" FROM app_user u LEFT JOIN dept d ON d.id = u.dept_id LEFT JOIN enterprise en ON en.id "  \
	"= "                                                                                       \
	"u.enterprise_id"
#define USER_SCOPE SCOPE_SQL("u.dept_id", "u.id", "u.enterprise_id")
#define USER_FILTER                                                                                \
	" AND (CAST(? AS TEXT) IS NULL OR u.username LIKE ? OR u.display_name LIKE ?)"             \
	" AND (CAST(? AS TEXT) IS NULL OR u.role = ?) AND (CAST(? AS TEXT) IS NULL OR u.status = " \
	"?)"                                                                                       \
	" AND (CAST(? AS BIGINT) = 0 OR u.dept_id = ?)"

static const char SQL_USER_LIST[] =
    "SELECT " USER_COLS USER_FROM " WHERE u.zone_id = ?" USER_SCOPE USER_FILTER
    " ORDER BY u.id LIMIT ? OFFSET ?";
static const char SQL_USER_COUNT[] =
    "SELECT COUNT(*)" USER_FROM " WHERE u.zone_id = ?" USER_SCOPE USER_FILTER;
static const char SQL_USER_GET[] =
    "SELECT " USER_COLS USER_FROM " WHERE COALESCE(u.zone_id, 0) = ? AND u.id = ?" USER_SCOPE;
static const char SQL_USER_INSERT[] =
    "INSERT INTO app_user (zone_id, username, display_name, role, data_scope, dept_id, "
    "enterprise_id, phone, email, password_hash, must_change, status, password_changed_at, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) "
    "RETURNING id";
static const char SQL_USER_BY_NAME[] = "SELECT id FROM app_user WHERE username = ?";
static const char SQL_DEPT_IN_ZONE[] = "SELECT COUNT(*) FROM dept WHERE id = ? AND zone_id = ?";
static const char SQL_ENT_IN_ZONE[] =
    "SELECT COUNT(*) FROM enterprise WHERE id = ? AND zone_id = ?";
static const char SQL_USER_UPDATE[] =
    "UPDATE app_user SET display_name = ?, role = ?, data_scope = ?, dept_id = ?, "
    "enterprise_id = ?, phone = ?, email = ?, updated_at = ? WHERE id = ?";
static const char SQL_USER_SET_STATUS[] =
    "UPDATE app_user SET status = ?, failed_count = CASE WHEN ? = 'active' THEN 0 ELSE "
    "failed_count END, locked_until = CASE WHEN ? = 'active' THEN 0 ELSE locked_until END, "
    "updated_at = ? WHERE id = ?";
static const char SQL_USER_SET_PASSWORD[] =
    "UPDATE app_user SET password_hash = ?, must_change = ?, password_changed_at = ?, "
    "updated_at = ? WHERE id = ?";
static const char SQL_SESSIONS_END[] = "DELETE FROM session WHERE user_id = ?";
/* a no-op write that takes the zone row's lock: changes to a zone's administrators queue */
static const char SQL_ZONE_LOCK[] = "UPDATE zone SET code = code WHERE id = ?";
static const char SQL_OTHER_ADMINS[] =
    "SELECT COUNT(*) FROM app_user WHERE zone_id = ? AND role = 'admin' AND status = 'active' "
    "AND id <> ?";

static void read_user(struct db_stmt *st, struct user *u)
{
	u->id = db_col_int(st, 0);
	u->zone_id = db_col_int(st, 1);
	u->dept_id = db_col_int(st, 2);
	u->enterprise_id = db_col_int(st, 3);
	u->username = db_col_text(st, 4);
	u->display_name = db_col_text(st, 5);
	u->role = db_col_text(st, 6);
	u->data_scope = db_col_text(st, 7);
	u->dept_name = db_col_text(st, 8);
	u->phone = db_col_text(st, 9);
	u->email = db_col_text(st, 10);
	u->status = db_col_text(st, 11);
	u->must_change = (int)db_col_int(st, 12);
	u->locked_until = db_col_int(st, 13);
	u->last_login_at = db_col_int(st, 14);
	u->created_at = db_col_int(st, 15);
	u->enterprise_name = db_col_text(st, 16);
}

static int bind_list(struct db_stmt *st, const struct principal *p, const struct user_filter *f,
                     char *like, size_t nlike)
{
	int i = 1;
	db_bind_int(st, i++, p->zone_id);
	i = scope_bind(st, i, p);
	if (f->q && *f->q)
		snprintf(like, nlike, "%%%s%%", f->q);
	const char *q = f->q && *f->q ? like : NULL;
	db_bind_text(st, i++, q);
	db_bind_text(st, i++, q);
	db_bind_text(st, i++, q);
	db_bind_text(st, i++, f->role);
	db_bind_text(st, i++, f->role);
	db_bind_text(st, i++, f->status);
	db_bind_text(st, i++, f->status);
	db_bind_int(st, i++, f->dept_id);
	db_bind_int(st, i++, f->dept_id);
	return i;
}

int user_list(struct db *c, const struct principal *p, const struct user_filter *f, user_fn fn,
              void *ctx, int64_t *total)
{
	char like[200];
	struct db_stmt *st = db_prepare(c, SQL_USER_COUNT);
	if (!st)
		return DB_ERR;
	bind_list(st, p, f, like, sizeof like);
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc < 0)
		return rc;
	st = db_prepare(c, SQL_USER_LIST);
	if (!st)
		return DB_ERR;
	int i = bind_list(st, p, f, like, sizeof like);
	db_bind_int(st, i++, f->page_size);
	db_bind_int(st, i++, (f->page - 1) * f->page_size);
	while ((rc = db_step(st)) == DB_ROW) {
		struct user u;
		char phone[64];
		read_user(st, &u);
		u.phone = gm_open_buf(u.phone, phone, sizeof phone);
		fn(ctx, &u);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

static char *dup(struct arena *a, const char *s)
{
	return arena_strdup(a, s ? s : "");
}

int user_get(struct db *c, const struct principal *p, int64_t id, struct arena *a, struct user *out,
             struct yq_err *e)
{
	struct db_stmt *st = db_prepare(c, SQL_USER_GET);
	if (!st)
		return err_db(e, DB_ERR);
	db_bind_int(st, 1, p->zone_id);
	db_bind_int(st, 2, id);
	scope_bind(st, 3, p);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_user(st, out);
		out->username = dup(a, out->username);
		out->display_name = dup(a, out->display_name);
		out->role = dup(a, out->role);
		out->data_scope = dup(a, out->data_scope);
		out->dept_name = out->dept_name ? dup(a, out->dept_name) : NULL;
		out->enterprise_name = out->enterprise_name ? dup(a, out->enterprise_name) : NULL;
		char phone[64];
		out->phone = dup(a, gm_open_buf(out->phone, phone, sizeof phone));
		out->email = dup(a, out->email);
		out->status = dup(a, out->status);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "用户不存在", "no such user");
	return 0;
}

int user_find(struct db *c, const char *username, int64_t *id)
{
	struct db_stmt *st = db_prepare(c, SQL_USER_BY_NAME);
	if (!st)
		return DB_ERR;
	db_bind_text(st, 1, username);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int org_check_links(struct db *tx, int64_t zone_id, enum role role, int64_t dept_id,
                    int64_t enterprise_id, struct yq_err *e)
{
	int64_t n;
	int rc;
	if (role == ROLE_NONE)
		return err_set(e, ERR_VALIDATION, "role", "角色无效", "invalid role");
	if ((role == ROLE_STAFF || role == ROLE_DEPT_HEAD) && !dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "请选择所属部门",
		               "a department is required for this role");
	if (role == ROLE_ENTERPRISE && !enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择所属企业",
		               "an enterprise is required for this role");
	if (role != ROLE_ENTERPRISE && enterprise_id)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "只有企业用户可以关联企业",
		               "only enterprise users belong to an enterprise");
	if (role == ROLE_ENTERPRISE && dept_id)
		return err_set(e, ERR_VALIDATION, "dept_id", "企业用户不属于部门",
		               "enterprise users belong to no department");
	if (dept_id) {
		if ((rc = db_query_int(tx, SQL_DEPT_IN_ZONE, &n, 2, dept_id, zone_id)) < 0)
			return err_db(e, rc);
		if (!n)
			return err_set(e, ERR_VALIDATION, "dept_id", "部门不存在",
			               "no such department");
	}
	if (enterprise_id) {
		if ((rc = db_query_int(tx, SQL_ENT_IN_ZONE, &n, 2, enterprise_id, zone_id)) < 0)
			return err_db(e, rc);
		if (!n)
			return err_set(e, ERR_VALIDATION, "enterprise_id", "企业不存在",
			               "no such enterprise");
	}
	return 0;
}

static int check_contact(const struct user_input *in, struct yq_err *e)
{
	if (in->display_name && *in->display_name &&
	    org_check_name(in->display_name, "display_name", e) < 0)
		return -1;
	if (org_check_phone(in->phone, e) < 0)
		return -1;
	if (in->email && strlen(in->email) > 120)
		return err_set(e, ERR_VALIDATION, "email", "邮箱过长", "e-mail too long");
	if (in->email && *in->email && !strchr(in->email, '@'))
		return err_set(e, ERR_VALIDATION, "email", "邮箱格式错误", "invalid e-mail");
	return 0;
}

int user_insert(struct db *tx, const struct principal *who, int64_t zone_id,
                const struct user_input *in, int64_t *id, struct yq_err *e)
{
	enum role role = role_from_name(in->role);
	if (org_check_username(in->username, e) < 0 || check_contact(in, e) < 0)
		return -1;
	if (role == ROLE_NONE)
		return err_set(e, ERR_VALIDATION, "role", "角色无效", "invalid role");
	if (!role_may_grant(who->role, role) && who->scope != SCOPE_ALL)
		return err_set(e, ERR_FORBIDDEN, "role", "无权授予该角色",
		               "not allowed to grant this role");
	enum data_scope scope =
	    in->data_scope ? scope_from_name(in->data_scope) : role_default_scope(role);
	if (scope == SCOPE_NONE || (scope == SCOPE_ALL && role != ROLE_PROVINCE))
		return err_set(e, ERR_VALIDATION, "data_scope", "数据权限无效",
		               "invalid data scope");
	if (role == ROLE_PROVINCE)
		zone_id = 0;
	else if (org_check_links(tx, zone_id, role, in->dept_id, in->enterprise_id, e) < 0)
		return -1;
	if (!in->password_hash &&
	    (!in->password || password_check_policy(in->password, in->username, e) < 0)) {
		if (!in->password)
			err_set(e, ERR_VALIDATION, "password", "请输入密码", "password required");
		return -1;
	}
	int64_t existing;
	int rc = user_find(tx, in->username, &existing);
	if (rc < 0)
		return err_db(e, rc);
	if (existing)
		return err_set(e, ERR_CONFLICT, "username", "用户名已存在", "user name taken");
	char hash[PASSWORD_HASH_LEN];
	if (in->password_hash)
		snprintf(hash, sizeof hash, "%s", in->password_hash);
	else if (password_hash(in->password, hash, 1) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare(tx, SQL_USER_INSERT);
	if (!st)
		return err_db(e, DB_ERR);
	if (zone_id)
		db_bind_int(st, 1, zone_id);
	db_bind_text(st, 2, in->username);
	db_bind_text(st, 3, in->display_name ? in->display_name : in->username);
	db_bind_text(st, 4, role_name(role));
	db_bind_text(st, 5, scope_name(scope));
	if (in->dept_id)
		db_bind_int(st, 6, in->dept_id);
	if (in->enterprise_id)
		db_bind_int(st, 7, in->enterprise_id);
	struct strbuf sealed = STRBUF_INIT(1024);
	if (gm_seal(in->phone ? in->phone : "", &sealed) < 0) {
		strbuf_release(&sealed);
		db_reset(st);
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	}
	db_bind_text(st, 8, sealed.buf ? sealed.buf : "");
	strbuf_release(&sealed);
	db_bind_text(st, 9, in->email ? in->email : "");
	db_bind_text(st, 10, hash);
	db_bind_int(st, 11, in->must_change ? 1 : 0);
	db_bind_int(st, 12, now);
	db_bind_int(st, 13, now);
	db_bind_int(st, 14, now);
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "username", "用户名已存在", "user name taken");
	if (rc != DB_ROW)
		return err_db(e, rc < 0 ? rc : DB_ERR);
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "username", NULL, in->username);
	audit_change_str(&ch, "role", NULL, role_name(role));
	audit_change_int(&ch, "dept_id", 0, in->dept_id);
	audit_change_int(&ch, "enterprise_id", 0, in->enterprise_id);
	rc = audit_write(tx, who, zone_id, "create", "user", *id, &ch);
	audit_changes_release(&ch);
	return rc < 0 ? err_db(e, rc) : 0;
}

int user_create(struct db_pool *pool, const struct principal *p, const struct user_input *in,
                int64_t *id, struct yq_err *e)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (user_insert(tx, p, p->zone_id, in, id, e) < 0) {
		db_tx_end(pool, tx, 0);
		return -1;
	}
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
}

int user_is_last_admin(struct db *tx, int64_t zone_id, int64_t user_id, int *last)
{
	*last = 0;
	if (!zone_id)
		return DB_OK;
	struct db_stmt *st = db_prepare(tx, SQL_ZONE_LOCK);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, zone_id);
	int rc = db_run(st);
	int64_t others = 0;
	if (rc == DB_OK)
		rc = db_query_int(tx, SQL_OTHER_ADMINS, &others, 2, zone_id, user_id);
	*last = rc == DB_OK && others == 0;
	return rc;
}

/* Refuses (ERR_STATE, 409) to take the role or the active status from `old` when it is the last
 * active administrator of its zone: nobody could then manage the zone's accounts. */
static int keep_last_admin(struct db *tx, const struct user *old, struct yq_err *e)
{
	if (strcmp(old->role, "admin") != 0 || strcmp(old->status, "active") != 0)
		return 0;
	int last;
	int rc = user_is_last_admin(tx, old->zone_id, old->id, &last);
	if (rc < 0)
		return err_db(e, rc);
	if (last)
		return err_set(e, ERR_STATE, NULL, "不能锁定、停用或降级本园区最后一个管理员",
		               "cannot lock, disable or demote the last active administrator of "
		               "the zone");
	return 0;
}

int user_update(struct db_pool *pool, const struct principal *p, int64_t id,
                const struct user_input *in, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct user old;
	int rc;
	if (check_contact(in, e) < 0)
		return -1;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (user_get(tx, p, id, &a, &old, e) < 0)
		goto out_rollback;
	enum role role = in->role ? role_from_name(in->role) : role_from_name(old.role);
	if (role == ROLE_NONE || (in->role && !role_may_grant(p->role, role))) {
		err_set(e, role == ROLE_NONE ? ERR_VALIDATION : ERR_FORBIDDEN, "role", "角色无效",
		        "invalid role");
		goto out_rollback;
	}
	/* a change of role takes the department or enterprise the old role had along only
	 * where the new role has one */
	int64_t dept = in->dept_id ? in->dept_id : role == ROLE_ENTERPRISE ? 0 : old.dept_id;
	int64_t ent = role == ROLE_ENTERPRISE
	                  ? (in->enterprise_id ? in->enterprise_id : old.enterprise_id)
	                  : in->enterprise_id;
	if (org_check_links(tx, p->zone_id, role, dept, ent, e) < 0)
		goto out_rollback;
	if (role != ROLE_ADMIN && keep_last_admin(tx, &old, e) < 0)
		goto out_rollback;
	enum data_scope scope = in->data_scope ? scope_from_name(in->data_scope)
	                        : in->role     ? role_default_scope(role)
	                                       : scope_from_name(old.data_scope);
	if (scope == SCOPE_NONE || scope == SCOPE_ALL) {
		err_set(e, ERR_VALIDATION, "data_scope", "数据权限无效", "invalid data scope");
		goto out_rollback;
	}
	const char *name =
	    in->display_name && *in->display_name ? in->display_name : old.display_name;
	const char *phone = in->phone ? in->phone : old.phone;
	const char *email = in->email ? in->email : old.email;
	struct db_stmt *st = db_prepare(tx, SQL_USER_UPDATE);
	if (!st) {
		err_db(e, DB_ERR);
		goto out_rollback;
	}
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, role_name(role));
	db_bind_text(st, 3, scope_name(scope));
	if (dept)
		db_bind_int(st, 4, dept);
	if (ent)
		db_bind_int(st, 5, ent);
	struct strbuf sealed = STRBUF_INIT(1024);
	if (gm_seal(phone, &sealed) < 0) {
		strbuf_release(&sealed);
		db_reset(st);
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
		goto out_rollback;
	}
	db_bind_text(st, 6, sealed.buf ? sealed.buf : "");
	strbuf_release(&sealed);
	db_bind_text(st, 7, email);
	db_bind_int(st, 8, now_unix());
	db_bind_int(st, 9, id);
	if ((rc = db_run(st)) < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "display_name", old.display_name, name);
	audit_change_str(&ch, "role", old.role, role_name(role));
	audit_change_str(&ch, "data_scope", old.data_scope, scope_name(scope));
	audit_change_int(&ch, "dept_id", old.dept_id, dept);
	audit_change_int(&ch, "enterprise_id", old.enterprise_id, ent);
	audit_change_secret(&ch, "phone", old.phone, phone);
	audit_change_str(&ch, "email", old.email, email);
	rc = audit_write(tx, p, p->zone_id, "update", "user", id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	arena_release(&a);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	arena_release(&a);
	db_tx_end(pool, tx, 0);
	return -1;
}

static int end_sessions(struct db *tx, int64_t id)
{
	struct db_stmt *st = db_prepare(tx, SQL_SESSIONS_END);
	if (!st)
		return DB_ERR;
	db_bind_int(st, 1, id);
	return db_run(st);
}

int user_set_status(struct db_pool *pool, const struct principal *p, int64_t id, const char *status,
                    struct yq_err *e)
{
	if (strcmp(status, "active") && strcmp(status, "locked") && strcmp(status, "disabled"))
		return err_set(e, ERR_VALIDATION, "status", "状态无效", "invalid status");
	if (id == p->user_id && strcmp(status, "active") != 0)
		return err_set(e, ERR_STATE, NULL, "不能锁定自己的账号",
		               "cannot lock your own account");
	struct arena a = ARENA_INIT;
	struct user old;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return err_db(e, rc);
	if (user_get(tx, p, id, &a, &old, e) < 0)
		goto out_rollback;
	if (strcmp(status, "active") != 0 && keep_last_admin(tx, &old, e) < 0)
		goto out_rollback;
	struct db_stmt *st = db_prepare(tx, SQL_USER_SET_STATUS);
	if (!st) {
		err_db(e, DB_ERR);
		goto out_rollback;
	}
	db_bind_text(st, 1, status);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, status);
	db_bind_int(st, 4, now_unix());
	db_bind_int(st, 5, id);
	if ((rc = db_run(st)) < 0 ||
	    (strcmp(status, "active") && (rc = end_sessions(tx, id)) < 0)) {
		err_db(e, rc);
		goto out_rollback;
	}
	struct audit_changes ch;
	audit_changes_init(&ch);
	audit_change_str(&ch, "status", old.status, status);
	rc = audit_write(tx, p, p->zone_id, strcmp(status, "active") ? "lock" : "unlock", "user",
	                 id, &ch);
	audit_changes_release(&ch);
	if (rc < 0) {
		err_db(e, rc);
		goto out_rollback;
	}
	arena_release(&a);
	rc = db_tx_end(pool, tx, 1);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	arena_release(&a);
	db_tx_end(pool, tx, 0);
	return -1;
}

int user_set_password(struct db_pool *pool, const struct principal *p, int64_t id,
                      const char *password, int must_change, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct user old;
	int rc;
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	if (user_get(c, p, id, &a, &old, e) < 0)
		goto out_free;
	if (!password || password_check_policy(password, old.username, e) < 0) {
		if (!password)
			err_set(e, ERR_VALIDATION, "password", "请输入密码", "password required");
		goto out_free;
	}
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(password, hash, 1) < 0) {
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
		goto out_free;
	}
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx) {
		err_db(e, rc);
		goto out_free;
	}
	int64_t now = now_unix();
	struct db_stmt *st = db_prepare(tx, SQL_USER_SET_PASSWORD);
	if (!st) {
		rc = DB_ERR;
		goto out_rollback;
	}
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, must_change ? 1 : 0);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, id);
	if ((rc = db_run(st)) < 0 || (rc = end_sessions(tx, id)) < 0 ||
	    (rc = audit_write(tx, p, p->zone_id ? p->zone_id : old.zone_id, "reset_password",
	                      "user", id, NULL)) < 0)
		goto out_rollback;
	rc = db_tx_end(pool, tx, 1);
	arena_release(&a);
	return rc < 0 ? err_db(e, rc) : 0;
out_rollback:
	db_tx_end(pool, tx, 0);
	err_db(e, rc);
out_free:
	arena_release(&a);
	return -1;
}

int user_password_upgrade(struct db *tx, int64_t user_id, const char *password,
                          const char *stored_hash)
{
	static const char SQL_REHASH[] =
	    "UPDATE app_user SET password_hash = ? WHERE id = ? AND password_hash = ?";
	if (!password_needs_rehash(stored_hash))
		return DB_OK;
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(password, hash, 1) < 0)
		return DB_ERR;
	struct db_stmt *st = db_prepare(tx, SQL_REHASH);
	if (!st)
		return DB_ERR;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, stored_hash);
	sodium_memzero(hash, sizeof hash);
	return db_run(st);
}

int user_seal_phones(struct db *tx, int64_t *n)
{
	return crypto_seal_column(tx, "app_user", "phone", n);
}
