/* TOTP enrolment, confirmation, disabling, admin reset and the per-role rule (see mfa.h). */
#include "auth/mfa.h"
#include "auth/auth.h"
#include "access/password.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "org/org.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char SQL_TOTP_GET[] =
    "SELECT totp_secret, totp_enabled, totp_last_step, password_hash, role, "
    "COALESCE(zone_id, 0) FROM app_user WHERE id = ?";
static const char SQL_TOTP_SET_PENDING[] =
    "UPDATE app_user SET totp_secret = ?, totp_enabled = 0, updated_at = ? WHERE id = ?";
static const char SQL_TOTP_ENABLE[] =
    "UPDATE app_user SET totp_enabled = 1, totp_last_step = ?, updated_at = ? "
    "WHERE id = ? AND totp_secret = ? AND totp_enabled = 0";
static const char SQL_TOTP_CLEAR[] =
    "UPDATE app_user SET totp_secret = '', totp_enabled = 0, totp_last_step = 0, updated_at = ? "
    "WHERE id = ?";
static const char SQL_TOTP_ROLE_HAS[] =
    "SELECT COUNT(*) FROM totp_role WHERE zone_id = ? AND role = ?";
static const char SQL_TOTP_ROLES[] = "SELECT role FROM totp_role WHERE zone_id = ?";
static const char SQL_TOTP_ROLES_CLEAR[] = "DELETE FROM totp_role WHERE zone_id = ?";
static const char SQL_TOTP_ROLE_ADD[] =
    "INSERT INTO totp_role (zone_id, role, updated_at) VALUES (?, ?, ?)";

/* A user's stored TOTP fields. */
struct totp_row {
	char secret[TOTP_B32_MAX];
	int enabled;
	int64_t last_step, zone_id;
	char hash[PASSWORD_HASH_LEN];
	char role[32];
};

static int load_row(struct db *c, int64_t user_id, struct totp_row *t)
{
	memset(t, 0, sizeof *t);
	struct db_stmt *st = db_prepare_with(c, SQL_TOTP_GET, DB_I(user_id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		snprintf(t->secret, sizeof t->secret, "%s", s ? s : "");
		t->enabled = (int)db_col_int(st, 1);
		t->last_step = db_col_int(st, 2);
		snprintf(t->hash, sizeof t->hash, "%s", db_col_text(st, 3));
		snprintf(t->role, sizeof t->role, "%s", db_col_text(st, 4));
		t->zone_id = db_col_int(st, 5);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? DB_OK : DB_ERR;
}

int mfa_status_get(struct db *c, const struct principal *p, struct mfa_status *out)
{
	memset(out, 0, sizeof *out);
	struct totp_row t;
	int rc = load_row(c, p->user_id, &t);
	if (rc < 0)
		return rc;
	out->enabled = t.enabled;
	out->pending = !t.enabled && t.secret[0];
	struct db_stmt *st = db_prepare_with(c, SQL_TOTP_ROLE_HAS, DB_I(t.zone_id), DB_T(t.role));
	if (!st)
		return DB_ERR;
	rc = db_step(st);
	out->required = rc == DB_ROW && db_col_int(st, 0) > 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* Percent-encodes s (UTF-8 bytes) as a URI component into out (cap bytes, truncating). */
static void uri_escape(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < cap; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = 0;
}

/* An update of user `id` by `sql` with its n parameters, audited as `action` in zone `zone_id`.
 * With `stale` the update must change the row, or the write is refused (the enrolment changed
 * meanwhile). */
struct totp_update {
	int64_t zone_id, id;
	const char *action, *sql;
	int stale, n;
	struct db_arg v[4];
};

static int do_update(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct totp_update *u = arg;
	int64_t changed;
	int rc = db_run_args(w->tx, u->sql, u->v, (size_t)u->n, &changed);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (u->stale && changed != 1)
		return err_set(e, ERR_STATE, NULL, "绑定已变更，请重新开始",
		               "the enrolment changed meanwhile; start again");
	w->zone_id = u->zone_id;
	write_audit(w, u->action, "user", u->id);
	return 0;
}

/* Clears the TOTP fields of user `id`, audited as `action`. */
static int clear_totp(struct db_pool *pool, const struct principal *p, int64_t zone_id, int64_t id,
                      const char *action, struct yq_err *e)
{
	struct totp_update u = {
	    zone_id, id, action, SQL_TOTP_CLEAR, 0, 2, {DB_I(now_unix()), DB_I(id)}};
	return write_tx(pool, p, do_update, &u, e);
}

/* The caller's stored TOTP fields, read before the write: 0, or -1 with e set. */
static int load_own(struct db_pool *pool, const struct principal *p, struct totp_row *t,
                    struct yq_err *e)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	int rc = load_row(c, p->user_id, t);
	return rc < 0 ? err_db(e, rc) : 0;
}

int mfa_enrol(struct db_pool *pool, const struct principal *p, const char *user_agent,
              const char *password, char *secret, char *uri, struct yq_err *e)
{
	if (p->via_token)
		return err_set(e, ERR_FORBIDDEN, NULL, "API令牌不能设置两步验证",
		               "API tokens cannot enrol a second factor");
	if (!password || !*password)
		return err_set(e, ERR_VALIDATION, "password", "请输入登录密码",
		               "give your password");
	struct totp_row t;
	if (load_own(pool, p, &t, e) < 0)
		return -1;
	if (t.enabled)
		return err_set(e, ERR_STATE, NULL, "两步验证已启用，请先停用",
		               "TOTP is already enabled; disable it first");
	/* whoever holds the session must also know the password to bind a new authenticator */
	if (auth_recheck(pool, p, user_agent, password, NULL, "password", e) < 0)
		return -1;
	uint8_t key[TOTP_SECRET_LEN];
	randombytes_buf(key, sizeof key);
	base32_encode(key, sizeof key, secret, TOTP_B32_MAX);
	sodium_memzero(key, sizeof key);
	char issuer[96], account[200];
	uri_escape(MFA_ISSUER, issuer, sizeof issuer);
	uri_escape(p->username ? p->username : "", account, sizeof account);
	snprintf(uri, MFA_URI_MAX,
	         "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
	         issuer, account, secret, issuer);
	struct totp_update u = {p->home_zone_id,
	                        p->user_id,
	                        "totp_enrol",
	                        SQL_TOTP_SET_PENDING,
	                        0,
	                        3,
	                        {DB_T(secret), DB_I(now_unix()), DB_I(p->user_id)}};
	return write_tx(pool, p, do_update, &u, e);
}

int mfa_confirm(struct db_pool *pool, const struct principal *p, const char *code, struct yq_err *e)
{
	struct totp_row t;
	if (load_own(pool, p, &t, e) < 0)
		return -1;
	if (t.enabled)
		return err_set(e, ERR_STATE, NULL, "两步验证已启用", "TOTP is already enabled");
	if (!t.secret[0])
		return err_set(e, ERR_STATE, NULL, "请先开始绑定", "start an enrolment first");
	int64_t step, now = now_unix();
	if (!mfa_code_ok(t.secret, t.last_step, code, now, &step))
		return err_set(e, ERR_VALIDATION, "code", "验证码错误", "wrong code");
	struct totp_update u = {p->home_zone_id,
	                        p->user_id,
	                        "totp_enable",
	                        SQL_TOTP_ENABLE,
	                        1,
	                        4,
	                        {DB_I(step), DB_I(now), DB_I(p->user_id), DB_T(t.secret)}};
	return write_tx(pool, p, do_update, &u, e);
}

int mfa_disable(struct db_pool *pool, const struct principal *p, const char *user_agent,
                const char *password, const char *code, struct yq_err *e)
{
	if (p->via_token)
		return err_set(e, ERR_FORBIDDEN, NULL, "API令牌不能停用两步验证",
		               "API tokens cannot disable the second factor");
	if ((!password || !*password) && (!code || !*code))
		return err_set(e, ERR_VALIDATION, "password", "请输入密码或当前验证码",
		               "give the password or a current code");
	struct totp_row t;
	if (load_own(pool, p, &t, e) < 0)
		return -1;
	if (!t.enabled && !t.secret[0])
		return err_set(e, ERR_STATE, NULL, "两步验证未启用", "TOTP is not enabled");
	int by_password = password && *password;
	if (auth_recheck(pool, p, user_agent, by_password ? password : NULL,
	                 by_password ? NULL : code, by_password ? "password" : "code", e) < 0)
		return -1;
	return clear_totp(pool, p, p->home_zone_id, p->user_id, "totp_disable", e);
}

int mfa_admin_reset(struct db_pool *pool, const struct principal *p, int64_t user_id,
                    struct yq_err *e)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	/* the accounts the caller manages: a platform administrator's only by another */
	if (user_may_manage(c, p, user_id, e) < 0)
		return -1;
	return clear_totp(pool, p, p->zone_id, user_id, "totp_reset", e);
}

int mfa_roles_get(struct db *c, const struct principal *p, unsigned *roles)
{
	*roles = 0;
	struct db_stmt *st = db_prepare_with(c, SQL_TOTP_ROLES, DB_I(p->zone_id));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		enum role r = role_from_name(db_col_text(st, 0));
		if (r != ROLE_NONE)
			*roles |= 1u << r;
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* Appends ",name" (or "name" to an empty list) to the list text in buf. */
static void list_add(char *buf, size_t cap, const char *name)
{
	size_t n = strlen(buf);
	snprintf(buf + n, cap - n, "%s%s", n ? "," : "", name);
}

/* Replaces the roles of the caller's zone that must use a second factor. */
struct totp_roles {
	unsigned old, roles;
};

static int do_roles(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct totp_roles *x = arg;
	int64_t zone = w->who->zone_id;
	if (write_sql(w, SQL_TOTP_ROLES_CLEAR, e, DB_I(zone)) < 0)
		return -1;
	int64_t now = now_unix();
	char before[160] = "", after[160] = "";
	for (int r = 1; r < ROLE__COUNT; r++) {
		if (x->old & (1u << r))
			list_add(before, sizeof before, role_name(r));
		if (!(x->roles & (1u << r)))
			continue;
		list_add(after, sizeof after, role_name(r));
		if (write_sql(w, SQL_TOTP_ROLE_ADD, e, DB_I(zone), DB_T(role_name(r)), DB_I(now)) <
		    0)
			return -1;
	}
	audit_change_str(&w->changes, "totp_roles", before, after);
	write_audit(w, "totp_roles", "setting", zone);
	return 0;
}

int mfa_roles_set(struct db_pool *pool, const struct principal *p, unsigned roles, struct yq_err *e)
{
	for (int r = 0; r < 32; r++)
		if ((roles & (1u << r)) && (r >= ROLE__COUNT || !role_may_grant(p->role, r)))
			return err_set(e, ERR_VALIDATION, "roles", "角色无效", "invalid role");
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	unsigned old;
	int rc = mfa_roles_get(c, p, &old);
	if (rc < 0)
		return err_db(e, rc);
	struct totp_roles x = {old, roles};
	return write_tx(pool, p, do_roles, &x, e);
}
