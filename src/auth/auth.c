/* Logins, sessions and API tokens (see auth.h). */
#include "auth/auth.h"
#include "auth/mfa_code.h"
#include "lib/totp.h"
#include "access/password.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "lib/arena.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "org/region.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct auth_config auth_config = {
    .session_idle_s = 1800,
    .session_max_s = 43200,
    .lock_after = 5,
    .lock_s = 900,
    .backoff_base_s = 30,
    .backoff_reset_s = 86400,
    .ip_fail_limit = 20,
    .ip_window_s = 900,
    .password_max_age_days = 90,
    .dormant_days = 90,
};

static const char SQL_USER_FOR_LOGIN[] =
    "SELECT id, zone_id, password_hash, status, locked_until, totp_enabled, totp_secret, "
    "totp_last_step, failed_count, failed_at FROM app_user WHERE username = ?";
static const char SQL_USER_FOR_RECHECK[] =
    "SELECT id, zone_id, password_hash, status, locked_until, totp_enabled, totp_secret, "
    "totp_last_step, failed_count, failed_at, username FROM app_user WHERE id = ?";
static const char SQL_THROTTLE_GET[] =
    "SELECT failures, window_start FROM login_throttle WHERE ip = ?";
static const char SQL_THROTTLE_FAIL[] =
    "INSERT INTO login_throttle (ip, window_start, failures) VALUES (?, ?, 1) "
    "ON CONFLICT (ip) DO UPDATE SET "
    "failures = CASE WHEN login_throttle.window_start < ? THEN 1 ELSE login_throttle.failures + 1 "
    "END, "
    "window_start = CASE WHEN login_throttle.window_start < ? THEN ? ELSE "
    "login_throttle.window_start END";
/* a failure: counted since the last success, the count forgotten after backoff_reset_s */
static const char SQL_USER_FAIL[] =
    "UPDATE app_user SET failed_count = CASE WHEN failed_at < ? THEN 1 ELSE failed_count + 1 "
    "END, failed_at = ? WHERE id = ?";
static const char SQL_USER_FAILED_COUNT[] = "SELECT failed_count FROM app_user WHERE id = ?";
static const char SQL_USER_BACKOFF_SET[] = "UPDATE app_user SET locked_until = ? WHERE id = ?";
static const char SQL_NAME_BACKOFF_GET[] =
    "SELECT failures, failed_at, locked_until FROM login_backoff WHERE name_key = ?";
static const char SQL_NAME_FAIL[] =
    "INSERT INTO login_backoff (name_key, failures, failed_at, locked_until) VALUES (?, 1, ?, 0) "
    "ON CONFLICT (name_key) DO UPDATE SET failures = CASE WHEN login_backoff.failed_at < ? THEN "
    "1 ELSE login_backoff.failures + 1 END, failed_at = ?";
static const char SQL_NAME_FAILED_COUNT[] = "SELECT failures FROM login_backoff WHERE name_key = ?";
static const char SQL_NAME_BACKOFF_SET[] =
    "UPDATE login_backoff SET locked_until = ? WHERE name_key = ?";
static const char SQL_USER_LOGIN_OK[] =
    "UPDATE app_user SET failed_count = 0, failed_at = 0, locked_until = 0, last_login_at = ? "
    "WHERE id = ?";
static const char SQL_SESSION_INSERT[] =
    "INSERT INTO session (token_hash, user_id, zone_id, csrf_token, ip, created_at, last_seen) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_SESSION_GET[] =
    "SELECT s.user_id, s.zone_id, s.csrf_token, s.created_at, s.last_seen, u.zone_id, "
    "u.username, u.display_name, u.role, u.data_scope, u.dept_id, d.path, u.enterprise_id, "
    "u.must_change, u.status, u.password_changed_at, u.totp_enabled, "
    "(SELECT COUNT(*) FROM totp_role r WHERE r.zone_id = COALESCE(u.zone_id, 0) AND "
    "r.role = u.role), d.kind, u.region_code, COALESCE(z.region_code, ''), u.contact_access "
    "FROM session s "
    "JOIN app_user u ON u.id = s.user_id LEFT JOIN dept d ON d.id = u.dept_id "
    "LEFT JOIN zone z ON z.id = s.zone_id WHERE s.token_hash = ?";
static const char SQL_TOKEN_GET[] =
    "SELECT t.id, t.zone_id, t.role, t.expires_at, t.revoked_at, t.name, t.last_used_at, "
    "t.data_scope, t.dept_id, d.path, t.enterprise_id, u.status, u.role, d.kind "
    "FROM api_token t JOIN app_user u ON u.id = t.user_id LEFT JOIN dept d ON d.id = t.dept_id "
    "WHERE t.token_hash = ?";
static const char SQL_TOKEN_USED[] =
    "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR "
    "last_used_at <= ?)";
static const char SQL_SESSION_TOUCH[] =
    "UPDATE session SET last_seen = ? WHERE token_hash = ? AND last_seen < ?";
static const char SQL_SESSION_DELETE[] = "DELETE FROM session WHERE token_hash = ?";
static const char SQL_SESSION_DELETE_OTHERS[] =
    "DELETE FROM session WHERE user_id = ? AND token_hash <> ?";
static const char SQL_SESSION_SET_ZONE[] = "UPDATE session SET zone_id = ? WHERE token_hash = ?";
static const char SQL_ZONE_REGION[] = "SELECT region_code FROM zone WHERE id = ?";
static const char SQL_SESSION_EXPIRE[] =
    "DELETE FROM session WHERE last_seen < ? OR created_at < ?";
static const char SQL_THROTTLE_EXPIRE[] = "DELETE FROM login_throttle WHERE window_start < ?";
static const char SQL_BACKOFF_EXPIRE[] =
    "DELETE FROM login_backoff WHERE failed_at < ? AND locked_until < ?";
static const char SQL_DORMANT_LIST[] =
    "SELECT id, COALESCE(zone_id, 0), username, role FROM app_user WHERE status = 'active' AND "
    "COALESCE(last_login_at, created_at) < ? AND updated_at < ? ORDER BY id LIMIT 500";
static const char SQL_DORMANT_DISABLE[] =
    "UPDATE app_user SET status = 'disabled', updated_at = ? WHERE id = ? AND status = 'active'";
static const char SQL_PASSWORD_SET[] =
    "UPDATE app_user SET password_hash = ?, must_change = 0, password_changed_at = ?, "
    "updated_at = ? WHERE id = ?";

/* A hash to verify against when the user name is unknown, so both cases cost the same time. */
static char dummy_hash[PASSWORD_HASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_init(void)
{
	if (password_hash("unknown-user-Passw0rd", dummy_hash, 1) != 0)
		dummy_hash[0] = 0;
}

/* An account (or a name that is none) as the login sees it. */
struct login_user {
	int64_t id, zone_id;
	char hash[PASSWORD_HASH_LEN];
	char status[16];
	int found;
	int totp_enabled;
	char totp_secret[TOTP_B32_MAX];
	int64_t totp_last_step;
	/* the back-off: failures since the last success, the time of the last one, and the end
	 * of the wait they earned; of the account, or (found = 0) of the name's digest */
	int64_t failures, failed_at, locked_until;
	char name_key[AUDIT_NAME_DIGEST_HEX + 1];
	char log_name[AUDIT_UNKNOWN_NAME_LEN + 1]; /* a name that is no account, as logged */
	char username[72];                         /* the account's name (re-checks) */
};

/* Reads the user row of `st` (SQL_USER_FOR_LOGIN / _RECHECK columns) into u. */
static void read_login_user(struct db_stmt *st, struct login_user *u)
{
	u->found = 1;
	u->id = db_col_int(st, 0);
	u->zone_id = db_col_int(st, 1);
	snprintf(u->hash, sizeof u->hash, "%s", db_col_text(st, 2));
	snprintf(u->status, sizeof u->status, "%s", db_col_text(st, 3));
	u->locked_until = db_col_int(st, 4);
	u->totp_enabled = (int)db_col_int(st, 5);
	const char *sec = db_col_text(st, 6);
	snprintf(u->totp_secret, sizeof u->totp_secret, "%s", sec ? sec : "");
	u->totp_last_step = db_col_int(st, 7);
	u->failures = db_col_int(st, 8);
	u->failed_at = db_col_int(st, 9);
}

/* Loads the account named `username`, or else the back-off of that name (found = 0). */
static int load_login_user(struct db *c, const char *username, struct login_user *u)
{
	memset(u, 0, sizeof *u);
	struct db_stmt *st = db_prepare_with(c, SQL_USER_FOR_LOGIN, DB_T(username));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_login_user(st, u);
	db_reset(st);
	if (rc < 0)
		return rc;
	if (u->found)
		return DB_OK;
	audit_name_digest(username, u->name_key);
	audit_unknown_name(username, u->log_name);
	if (!(st = db_prepare_with(c, SQL_NAME_BACKOFF_GET, DB_T(u->name_key))))
		return DB_ERR;
	rc = db_step(st);
	if (rc == DB_ROW) {
		u->failures = db_col_int(st, 0);
		u->failed_at = db_col_int(st, 1);
		u->locked_until = db_col_int(st, 2);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

/* The name to write in the login log: the account's, or the digest form of an unknown one. */
static const char *log_name(const struct login_user *u, const char *username)
{
	return u->found ? username : u->log_name;
}

int64_t auth_backoff_delay(int64_t failures)
{
	if (failures < auth_config.lock_after)
		return 0;
	int64_t shift = failures - auth_config.lock_after;
	int64_t d = auth_config.backoff_base_s;
	while (shift-- > 0 && d < auth_config.lock_s)
		d *= 2;
	return d < auth_config.lock_s ? d : auth_config.lock_s;
}

/* The end of u's back-off at time now (0 when none): failures older than backoff_reset_s are
 * forgotten. */
static int64_t backoff_until(const struct login_user *u, int64_t now)
{
	if (u->failed_at < now - auth_config.backoff_reset_s)
		return 0;
	return u->locked_until > now ? u->locked_until : 0;
}

/* Seconds this address must wait, or 0. */
static int ip_wait(struct db *c, const char *ip, int64_t now, int *rc)
{
	struct db_stmt *st = db_prepare(c, SQL_THROTTLE_GET);
	*rc = DB_ERR;
	if (!st)
		return 0;
	db_bind_text(st, 1, ip);
	int wait = 0;
	*rc = db_step(st);
	if (*rc == DB_ROW) {
		int64_t failures = db_col_int(st, 0), start = db_col_int(st, 1);
		int64_t end = start + auth_config.ip_window_s;
		if (failures >= auth_config.ip_fail_limit && end > now)
			wait = (int)(end - now);
	}
	db_reset(st);
	if (*rc > 0)
		*rc = DB_OK;
	return wait;
}

/* Inside tx: counts one failure against u (the account, or the name's digest) and sets the
 * back-off it earns; *until gets its end (0: none yet). */
static int count_failure(struct db *tx, const struct login_user *u, int64_t now, int64_t *until)
{
	int64_t floor = now - auth_config.backoff_reset_s, n = 0;
	int rc = u->found ? db_do(tx, SQL_USER_FAIL, DB_I(floor), DB_I(now), DB_I(u->id))
	                  : db_do(tx, SQL_NAME_FAIL, DB_T(u->name_key), DB_I(now), DB_I(floor),
	                          DB_I(now));
	if (rc < 0)
		return rc;
	if (u->found)
		rc = db_query_int(tx, SQL_USER_FAILED_COUNT, &n, 1, u->id);
	else
		rc = db_query_int_text(tx, SQL_NAME_FAILED_COUNT, u->name_key, &n);
	if (rc < 0)
		return rc;
	int64_t delay = auth_backoff_delay(n);
	*until = delay ? now + delay : 0;
	return u->found ? db_do(tx, SQL_USER_BACKOFF_SET, DB_I(*until), DB_I(u->id))
	                : db_do(tx, SQL_NAME_BACKOFF_SET, DB_I(*until), DB_T(u->name_key));
}

/* A failed attempt, written as one change (do_attempt): always its line in the login log. */
struct attempt {
	const struct login_user *u;
	const char *username, *ip, *ua;
	const char *reason;      /* the login log's reason */
	int counted;             /* a failure of the account or name, with the back-off it earns */
	int throttled;           /* a failure of the address (the throttle) */
	const char *end_session; /* a session to end when the back-off starts, or NULL */
	int64_t now, until;      /* until: the end of the back-off it earned, 0 if none */
};

static int do_attempt(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct attempt *at = arg;
	const struct login_user *u = at->u;
	int rc;
	at->until = 0;
	if (at->counted && (rc = count_failure(w->tx, u, at->now, &at->until)) < 0)
		return write_fail(w, rc, e);
	if (at->end_session && at->until &&
	    write_sql(w, SQL_SESSION_DELETE, e, DB_T(at->end_session)) < 0)
		return -1;
	int64_t window_floor = at->now - auth_config.ip_window_s;
	if (at->throttled && write_sql(w, SQL_THROTTLE_FAIL, e, DB_T(at->ip), DB_I(at->now),
	                               DB_I(window_floor), DB_I(window_floor), DB_I(at->now)) < 0)
		return -1;
	if ((rc = audit_login(w->tx, u->zone_id, log_name(u, at->username), u->id, at->ip, at->ua,
	                      0, at->reason)) < 0)
		return write_fail(w, rc, e);
	return 0;
}

/* Records a failed login in one transaction: when `counted`, a failure of the account or name
 * (*until: the end of its back-off, 0 if none); the address throttle; the login log with
 * `reason`. 0, or -1 with e set. */
static int record_failure(struct db_pool *pool, const struct login_user *u, const char *username,
                          const char *ip, const char *ua, const char *reason, int counted,
                          int64_t now, int64_t *until, struct yq_err *e)
{
	struct attempt at = {.u = u,
	                     .username = username,
	                     .ip = ip,
	                     .ua = ua,
	                     .reason = reason,
	                     .counted = counted,
	                     .throttled = 1,
	                     .now = now};
	int rc = write_tx(pool, NULL, do_attempt, &at, e);
	*until = at.until;
	return rc;
}

/* Writes the login log's line for an attempt that is neither counted nor throttled; a failure
 * to write it does not change the answer. */
static void log_attempt(struct db_pool *pool, const struct login_user *u, const char *username,
                        const char *ip, const char *ua, const char *reason)
{
	struct attempt at = {.u = u, .username = username, .ip = ip, .ua = ua, .reason = reason};
	struct yq_err ignored = {0};
	write_tx(pool, NULL, do_attempt, &at, &ignored);
}

/* The answer to an attempt on a name in back-off: the same for every name, account or not,
 * whatever was sent. */
static int backoff_error(struct yq_err *e, int64_t until, int64_t now)
{
	err_set(e, ERR_LOCKED, NULL,
	        "登录失败次数过多，请稍后再试；已启用两步验证的用户可输入动态验证码立即登录",
	        "too many failed logins: try again later, or log in now with the code of your "
	        "authenticator app if you use one");
	e->retry_after = until > now ? (long)(until - now) : 1;
	return -1;
}

/* A login that succeeded, written as one change (do_login_ok). */
struct login_ok {
	const struct login_user *u;
	const char *username, *password, *ip, *ua;
	const char *token_hash, *csrf; /* the new session's */
	int64_t now;
	int64_t totp_step; /* the TOTP step the login spent, or -1 */
};

/* Clears the account's back-off, spends the TOTP step, opens the session, upgrades the password
 * hash and logs the login. */
static int do_login_ok(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct login_ok *l = arg;
	const struct login_user *u = l->u;
	int64_t zone = u->zone_id;
	int rc;
	/* a province user starts in the first zone of its region */
	if (!zone && (rc = region_first_zone(w->tx, u->id, &zone)) < 0)
		return write_fail(w, rc, e);
	if (write_sql(w, SQL_USER_LOGIN_OK, e, DB_I(l->now), DB_I(u->id)) < 0)
		return -1;
	if (l->totp_step >= 0 && mfa_spend_step(w->tx, u->id, l->totp_step) < 0)
		/* another login spent this code first */
		return err_set(e, ERR_TOTP_INVALID, "totp", "动态验证码错误或已使用",
		               "wrong or already used code");
	if (write_sql(w, SQL_SESSION_INSERT, e, DB_T(l->token_hash), DB_I(u->id), DB_O(zone),
	              DB_T(l->csrf), DB_T(l->ip), DB_I(l->now), DB_I(l->now)) < 0)
		return -1;
	if ((rc = user_password_upgrade(w->tx, u->id, l->password, u->hash)) < 0)
		return write_fail(w, rc, e);
	if ((rc = audit_login(w->tx, u->zone_id, l->username, u->id, l->ip, l->ua, 1, "")) < 0)
		return write_fail(w, rc, e);
	return 0;
}

int auth_login(struct db_pool *pool, const char *username, const char *password, const char *ip,
               const char *user_agent, struct login_result *out, struct yq_err *e)
{
	return auth_login_totp(pool, username, password, NULL, ip, user_agent, out, e);
}

int auth_login_totp(struct db_pool *pool, const char *username, const char *password,
                    const char *totp, const char *ip, const char *user_agent,
                    struct login_result *out, struct yq_err *e)
{
	int64_t now = now_unix();
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	int rc;
	int wait = ip_wait(c, ip, now, &rc);
	if (rc < 0)
		return err_db(e, rc);
	struct login_user u;
	if ((rc = load_login_user(c, username, &u)) < 0)
		return err_db(e, rc);
	if (wait > 0) {
		/* the attempt is logged, but not counted against the account */
		log_attempt(pool, &u, username, ip, user_agent, "ip_throttled");
		err_set(e, ERR_THROTTLED, NULL, "登录失败次数过多，请稍后再试",
		        "too many failed logins from this address, try later");
		e->retry_after = wait;
		return -1;
	}
	int has_code = totp && *totp;
	int64_t until = backoff_until(&u, now), new_until;
	if (until && !has_code) {
		/* in back-off: nothing is checked (no hash, for an account or not); logged and
		 * counted against the address, so hammering a name gets the address throttled */
		if (record_failure(pool, &u, username, ip, user_agent, "backoff", 0, now,
		                   &new_until, e) < 0)
			return -1;
		return backoff_error(e, until, now);
	}
	int ok;
	if (u.found) {
		ok = password_verify(password, u.hash, 1);
	} else {
		/* a name that is no account costs one hash like an account */
		pthread_once(&dummy_once, dummy_init);
		ok = password_verify(password, dummy_hash, 1);
		if (ok == 1)
			ok = 0;
	}
	if (ok == -2)
		return err_set(e, ERR_BUSY, NULL, "登录请求过多，请稍后重试",
		               "too many logins at once, retry shortly");
	int active = u.found && strcmp(u.status, "active") == 0;
	int64_t totp_step_used = -1;
	if (until) {
		/* in back-off with a code: only the owner's right password and right code pass;
		 * anything else gets the back-off answer */
		if (ok == 1 && active && u.totp_enabled &&
		    mfa_code_ok(u.totp_secret, u.totp_last_step, totp, now, &totp_step_used))
			goto out_success;
		const char *why = !u.found          ? "unknown_user"
		                  : ok != 1         ? "bad_password"
		                  : !active         ? "disabled"
		                  : !u.totp_enabled ? "backoff"
		                                    : "bad_totp";
		/* a right password of an account without TOTP is no guess to count */
		int counted = strcmp(why, "backoff") != 0 && strcmp(why, "disabled") != 0;
		if (record_failure(pool, &u, username, ip, user_agent, why, counted, now,
		                   &new_until, e) < 0)
			return -1;
		return backoff_error(e, new_until > until ? new_until : until, now);
	}
	if (ok == 1 && !active) {
		/* the answer is the same whether or not the attempt could be recorded */
		struct yq_err ignored = {0};
		record_failure(pool, &u, username, ip, user_agent, "disabled", 0, now, &new_until,
		               &ignored);
		return err_set(e, ERR_FORBIDDEN, NULL, "账号已被管理员锁定或停用，请联系管理员",
		               "account locked or disabled by an administrator");
	}
	if (ok != 1) {
		if (record_failure(pool, &u, username, ip, user_agent,
		                   u.found ? "bad_password" : "unknown_user", 1, now, &new_until,
		                   e) < 0)
			return -1;
		if (new_until)
			return backoff_error(e, new_until, now);
		return err_set(e, ERR_BAD_CREDENTIALS, NULL, "用户名或密码错误",
		               "wrong user name or password");
	}

	/* second factor: a right password alone opens no session */
	if (u.totp_enabled) {
		if (!has_code) {
			log_attempt(pool, &u, username, ip, user_agent, "totp_required");
			return err_set(e, ERR_TOTP_REQUIRED, "totp", "请输入动态验证码",
			               "enter the code from your authenticator app");
		}
		if (!mfa_code_ok(u.totp_secret, u.totp_last_step, totp, now, &totp_step_used)) {
			if (record_failure(pool, &u, username, ip, user_agent, "bad_totp", 1, now,
			                   &new_until, e) < 0)
				return -1;
			if (new_until)
				return backoff_error(e, new_until, now);
			return err_set(e, ERR_TOTP_INVALID, "totp", "动态验证码错误或已使用",
			               "wrong or already used code");
		}
	}

out_success:;
	/* a fresh session token every login */
	char token_hash[65];
	random_hex(out->token, 32);
	random_hex(out->csrf, 16);
	sha256_hex(out->token, strlen(out->token), token_hash);
	out->user_id = u.id;
	struct login_ok ok_login = {.u = &u,
	                            .username = username,
	                            .password = password,
	                            .ip = ip,
	                            .ua = user_agent,
	                            .token_hash = token_hash,
	                            .csrf = out->csrf,
	                            .now = now,
	                            .totp_step = totp_step_used};
	return write_tx(pool, NULL, do_login_ok, &ok_login, e);
}

int auth_recheck(struct db_pool *pool, const struct principal *p, const char *user_agent,
                 const char *password, const char *code, const char *field, struct yq_err *e)
{
	if (p->via_token)
		return err_set(e, ERR_FORBIDDEN, NULL, "API令牌不能执行此操作",
		               "API tokens cannot do this");
	int64_t now = now_unix();
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_db(e, DB_UNAVAILABLE);
	struct login_user u;
	memset(&u, 0, sizeof u);
	struct db_stmt *st = db_prepare_with(c, SQL_USER_FOR_RECHECK, DB_I(p->user_id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_login_user(st, &u);
		snprintf(u.username, sizeof u.username, "%s", db_col_text(st, 10));
	}
	db_reset(st);
	if (rc != DB_ROW)
		return err_db(e, rc < 0 ? rc : DB_ERR);
	const char *ip = p->ip ? p->ip : "";
	int64_t until = backoff_until(&u, now), new_until;
	if (until) {
		/* in back-off, as at the login: nothing is checked */
		if (record_failure(pool, &u, u.username, ip, user_agent, "reauth_backoff", 0, now,
		                   &new_until, e) < 0)
			return -1;
		err_set(e, ERR_LOCKED, NULL, "验证失败次数过多，请稍后再试",
		        "too many failed attempts, try later");
		e->retry_after = (long)(until - now);
		return -1;
	}
	int ok, by_password = password && *password;
	int64_t step;
	if (by_password) {
		ok = password_verify(password, u.hash, 1);
		if (ok == -2)
			return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试",
			               "busy, retry shortly");
	} else {
		ok = code && *code && u.totp_enabled &&
		     mfa_code_ok(u.totp_secret, u.totp_last_step, code, now, &step);
	}
	if (ok == 1)
		return 0;
	/* a wrong secret from a live session counts like a wrong login; the session that earns
	 * the back-off is ended with it, so a borrowed session cannot keep guessing */
	struct attempt at = {.u = &u,
	                     .username = u.username,
	                     .ip = ip,
	                     .ua = user_agent,
	                     .reason = by_password ? "reauth_bad_password" : "reauth_bad_totp",
	                     .counted = 1,
	                     .end_session = p->session_hash,
	                     .now = now};
	if (write_tx(pool, NULL, do_attempt, &at, e) < 0)
		return -1;
	new_until = at.until;
	if (new_until) {
		err_set(e, ERR_LOCKED, NULL, "验证失败次数过多，已退出登录，请稍后重新登录",
		        "too many failed attempts: you are logged out, log in again later");
		e->retry_after = (long)(new_until - now);
		return -1;
	}
	if (by_password)
		return err_set(e, ERR_VALIDATION, field,
		               strcmp(field, "old_password") == 0 ? "原密码错误" : "密码错误",
		               "the password is wrong");
	return err_set(e, ERR_VALIDATION, field, "验证码错误", "wrong code");
}

/* Records that a session (`hash`) or a token (`id`) was used `now`, when its time is older than
 * `since` (parameters: now, the key, since). Skipped (0) when another write is under way: a
 * later request records it, well within a session's idle timeout. */
static int touch(struct db_pool *pool, const char *sql, const char *hash, int64_t id, int64_t now,
                 int64_t since)
{
	int rc;
	struct db *tx = db_tx_try_begin(pool, &rc);
	if (!tx)
		return rc == DB_UNAVAILABLE ? DB_OK : rc;
	struct db_stmt *st = db_prepare(tx, sql);
	if (!st) {
		db_tx_end(pool, tx, 0);
		return DB_ERR;
	}
	db_bind_int(st, 1, now);
	if (hash)
		db_bind_text(st, 2, hash);
	else
		db_bind_int(st, 2, id);
	db_bind_int(st, 3, since);
	rc = db_run(st);
	return db_tx_end(pool, tx, rc == DB_OK) < 0 ? DB_ERR : rc;
}

/* Steps `sql` on a reader for the row of the token hash `hash`: the statement on that row (reset
 * it once read), or NULL with e set: the database's error, or `missing` (zh, en) for no row. */
static struct db_stmt *row_of_hash(struct db_pool *pool, const char *sql, const char *hash,
                                   enum err_code missing, const char *zh, const char *en,
                                   struct yq_err *e)
{
	struct db *c = db_pool_reader(pool);
	if (!c) {
		err_db(e, DB_UNAVAILABLE);
		return NULL;
	}
	struct db_stmt *st = db_prepare(c, sql);
	if (!st) {
		err_db(e, DB_ERR);
		return NULL;
	}
	db_bind_text(st, 1, hash);
	int rc = db_step(st);
	if (rc == DB_ROW)
		return st;
	db_reset(st);
	if (rc < 0)
		err_db(e, rc);
	else
		err_set(e, missing, NULL, zh, en);
	return NULL;
}

int auth_session(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
                 struct principal *p, struct yq_err *e)
{
	memset(p, 0, sizeof *p);
	if (strlen(token) != 64)
		return err_set(e, ERR_UNAUTH, NULL, "请先登录", "please log in");
	char hash[65];
	sha256_hex(token, 64, hash);
	struct db_stmt *st =
	    row_of_hash(pool, SQL_SESSION_GET, hash, ERR_SESSION_EXPIRED, "会话已过期，请重新登录",
	                "session expired, please log in again", e);
	if (!st)
		return -1;
	p->user_id = db_col_int(st, 0);
	p->zone_id = db_col_int(st, 1);
	p->csrf = arena_strdup(a, db_col_text(st, 2));
	p->session_created = db_col_int(st, 3);
	p->session_seen = db_col_int(st, 4);
	p->home_zone_id = db_col_int(st, 5);
	p->username = arena_strdup(a, db_col_text(st, 6));
	p->display_name = arena_strdup(a, db_col_text(st, 7));
	p->role = role_from_name(db_col_text(st, 8));
	p->scope = scope_from_name(db_col_text(st, 9));
	p->dept_id = db_col_int(st, 10);
	p->dept_path = arena_strdup(a, db_col_text(st, 11));
	p->enterprise_id = db_col_int(st, 12);
	p->must_change = (int)db_col_int(st, 13);
	int active = strcmp(db_col_text(st, 14), "active") == 0;
	int64_t pw_changed = db_col_int(st, 15);
	p->totp_on = (int)db_col_int(st, 16);
	p->totp_enrol = !p->totp_on && db_col_int(st, 17) > 0;
	p->perms = role_perms(p->role);
	perm_dept_kind_grant(db_col_text(st, 18), p->role, &p->perms, &p->scope);
	p->region = arena_strdup(a, db_col_text(st, 19));
	p->contacts = p->role != ROLE_PROVINCE || db_col_int(st, 21);
	/* a session left in a zone outside the user's region (the region was changed since) reads
	 * nothing until it switches */
	if (p->scope == SCOPE_ALL && !region_within(p->region, db_col_text(st, 20)))
		p->zone_id = 0;
	db_reset(st);
	if (auth_config.password_max_age_days > 0 &&
	    now_unix() - pw_changed > (int64_t)auth_config.password_max_age_days * 86400) {
		p->password_expired = 1;
		p->must_change = 1;
	}
	p->session_hash = arena_strdup(a, hash);
	p->ip = ip;
	int64_t now = now_unix();
	if (!active || !p->csrf || !p->username || p->role == ROLE_NONE ||
	    now - p->session_seen > auth_config.session_idle_s ||
	    now - p->session_created > auth_config.session_max_s) {
		memset(p, 0, sizeof *p);
		return err_set(e, ERR_SESSION_EXPIRED, NULL, "会话已过期，请重新登录",
		               "session expired, please log in again");
	}
	if (now - p->session_seen >= 60 || auth_config.session_idle_s < 120) {
		int rc = touch(pool, SQL_SESSION_TOUCH, hash, 0, now, now);
		if (rc < 0)
			return err_db(e, rc);
	}
	return 0;
}

int auth_api_token(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
                   struct principal *p, struct yq_err *e)
{
	memset(p, 0, sizeof *p);
	if (strncmp(token, "yq_", 3) != 0 || strlen(token) != 67)
		return err_set(e, ERR_UNAUTH, NULL, "API令牌无效", "invalid API token");
	char hash[65];
	sha256_hex(token, strlen(token), hash);
	struct db_stmt *st = row_of_hash(pool, SQL_TOKEN_GET, hash, ERR_UNAUTH, "API令牌无效",
	                                 "invalid API token", e);
	if (!st)
		return -1;
	int64_t now = now_unix();
	/* a token is no user: it acts, and is recorded, as itself */
	p->token_id = db_col_int(st, 0);
	p->zone_id = p->home_zone_id = db_col_int(st, 1);
	p->role = role_from_name(db_col_text(st, 2));
	int64_t expires = db_col_int(st, 3);
	int revoked = !db_col_is_null(st, 4);
	p->username = arena_printf(a, "API令牌#%lld", (long long)p->token_id);
	p->display_name = arena_printf(a, "API令牌：%s", db_col_text(st, 5));
	int64_t last_used = db_col_int(st, 6);
	p->scope = scope_from_name(db_col_text(st, 7));
	p->dept_id = db_col_int(st, 8);
	p->dept_path = arena_strdup(a, db_col_text(st, 9));
	p->enterprise_id = db_col_int(st, 10);
	int active = strcmp(db_col_text(st, 11), "active") == 0;
	enum role owner_role = role_from_name(db_col_text(st, 12));
	/* a token acts with its own role, as a user of that role in its department would (the
	 * service center's desk reads the zone and its figures), never more than its creator */
	p->perms = role_perms(p->role);
	p->contacts = 1; /* a province role has no tokens */
	perm_dept_kind_grant(db_col_text(st, 13), p->role, &p->perms, &p->scope);
	perm_set owner = role_perms(owner_role);
	perm_intersect(&p->perms, &owner);
	db_reset(st);
	p->via_token = 1;
	p->ip = ip;
	if (!active || revoked || (expires && expires < now) || p->role == ROLE_NONE ||
	    p->scope == SCOPE_NONE || !p->username || !p->display_name) {
		memset(p, 0, sizeof *p);
		return err_set(e, ERR_UNAUTH, NULL, "API令牌已失效",
		               "API token expired or revoked");
	}
	int rc;
	if (now - last_used >= 60 &&
	    (rc = touch(pool, SQL_TOKEN_USED, NULL, p->token_id, now, now - 60)) < 0)
		return err_db(e, rc);
	return 0;
}

/* Ends the caller's session; audited in the caller's home zone. */
static int do_logout(struct write_ctx *w, void *arg, struct yq_err *e)
{
	(void)arg;
	const struct principal *p = w->who;
	if (write_sql(w, SQL_SESSION_DELETE, e, DB_T(p->session_hash)) < 0)
		return -1;
	w->zone_id = p->home_zone_id;
	write_audit(w, "logout", "session", p->user_id);
	return 0;
}

int auth_logout(struct db_pool *pool, const struct principal *p, struct yq_err *e)
{
	if (!p->session_hash)
		return 0;
	return write_tx(pool, p, do_logout, NULL, e);
}

/* Sets the caller's password to the hash `arg` and ends the caller's other sessions; audited in
 * the caller's home zone. */
static int do_password_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct principal *p = w->who;
	int64_t now = now_unix();
	if (write_sql(w, SQL_PASSWORD_SET, e, DB_T((const char *)arg), DB_I(now), DB_I(now),
	              DB_I(p->user_id)) < 0 ||
	    write_sql(w, SQL_SESSION_DELETE_OTHERS, e, DB_I(p->user_id),
	              DB_T(p->session_hash ? p->session_hash : "")) < 0)
		return -1;
	w->zone_id = p->home_zone_id;
	write_audit(w, "password_change", "user", p->user_id);
	return 0;
}

int auth_change_password(struct db_pool *pool, const struct principal *p, const char *user_agent,
                         const char *old_pw, const char *new_pw, struct yq_err *e)
{
	if (password_check_policy(new_pw, p->username, e) < 0)
		return -1;
	if (strcmp(old_pw, new_pw) == 0)
		return err_set(e, ERR_VALIDATION, "new_password", "新密码不能与旧密码相同",
		               "the new password must differ from the old one");
	if (auth_recheck(pool, p, user_agent, old_pw, NULL, "old_password", e) < 0)
		return -1;
	char newhash[PASSWORD_HASH_LEN];
	int rc = password_hash(new_pw, newhash, 1);
	if (rc == -2)
		return err_set(e, ERR_BUSY, NULL, "请求过多，请稍后重试", "busy, retry shortly");
	if (rc < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	return write_tx(pool, p, do_password_set, newhash, e);
}

/* Moves the caller's session to the zone `*arg`, which must exist within the caller's region (a
 * zone outside it is as unknown as one that does not exist). */
static int do_set_zone(struct write_ctx *w, void *arg, struct yq_err *e)
{
	int64_t zone_id = *(const int64_t *)arg;
	char region[16];
	int rc = db_query_text(w->tx, SQL_ZONE_REGION, zone_id, NULL, region, sizeof region);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (rc != DB_ROW || !region_within(w->who->region, region))
		return err_set(e, ERR_NOT_FOUND, "zone_id", "园区不存在", "no such zone");
	return write_sql(w, SQL_SESSION_SET_ZONE, e, DB_I(zone_id),
	                 DB_T(w->who->session_hash ? w->who->session_hash : ""));
}

int auth_set_zone(struct db_pool *pool, const struct principal *p, int64_t zone_id,
                  struct yq_err *e)
{
	if (p->scope != SCOPE_ALL)
		return err_set(e, ERR_FORBIDDEN, NULL, "只有省级用户可以切换园区",
		               "only province users can switch zones");
	return write_tx(pool, p, do_set_zone, &zone_id, e);
}

/* Deletes the sessions, address throttles and name back-offs that have run out at `*arg`. */
static int do_expire(struct write_ctx *w, void *arg, struct yq_err *e)
{
	int64_t now = *(const int64_t *)arg;
	if (write_sql(w, SQL_SESSION_EXPIRE, e, DB_I(now - auth_config.session_idle_s),
	              DB_I(now - auth_config.session_max_s)) < 0 ||
	    write_sql(w, SQL_THROTTLE_EXPIRE, e, DB_I(now - auth_config.ip_window_s)) < 0)
		return -1;
	return write_sql(w, SQL_BACKOFF_EXPIRE, e, DB_I(now - auth_config.backoff_reset_s),
	                 DB_I(now));
}

void auth_expire(struct db_pool *pool)
{
	int64_t now = now_unix();
	struct yq_err ignored = {0};
	write_tx(pool, NULL, do_expire, &now, &ignored);
}

/* An account found dormant. */
struct dormant {
	int64_t id, zone_id;
	const char *username;
	int admin;
};

/* A pass over the dormant accounts: its time, the account at hand, how many it disabled. */
struct dormant_pass {
	int64_t now, cutoff;
	const struct dormant *cur;
	int disabled;
};

/* Disables the pass's current account, audited as "dormant_disable" in its zone. */
static int do_disable_dormant(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct dormant_pass *x = arg;
	const struct dormant *d = x->cur;
	if (write_sql(w, SQL_DORMANT_DISABLE, e, DB_I(x->now), DB_I(d->id)) < 0)
		return -1;
	write_audit(w, "dormant_disable", "user", d->id);
	audit_change_str(&w->changes, "status", "active", "disabled");
	audit_change_str(&w->changes, "username", NULL, d->username);
	return 0;
}

/* Lists the dormant accounts (at most 500 a pass) and disables each, skipping a zone's last
 * active administrator. */
static int do_dormant(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct dormant_pass *x = arg;
	struct db_stmt *st =
	    db_prepare_with(w->tx, SQL_DORMANT_LIST, DB_I(x->cutoff), DB_I(x->cutoff));
	if (!st)
		return write_fail(w, DB_ERR, e);
	struct arena a = ARENA_INIT;
	struct dormant *list = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dormant *grown = arena_alloc(&a, (size_t)cap * sizeof *list);
			if (!grown)
				break;
			if (n)
				memcpy(grown, list, (size_t)n * sizeof *list);
			list = grown;
		}
		list[n].id = db_col_int(st, 0);
		list[n].zone_id = db_col_int(st, 1);
		list[n].username = arena_strdup(&a, db_col_text(st, 2));
		list[n].admin = strcmp(db_col_text(st, 3), "admin") == 0;
		n++;
	}
	db_reset(st);
	if (rc < 0)
		goto out_fail;
	for (int i = 0; i < n; i++) {
		/* a zone keeps its last active administrator, dormant or not */
		int last = 0;
		if (list[i].admin &&
		    (rc = user_is_last_admin(w->tx, list[i].zone_id, list[i].id, &last)) < 0)
			goto out_fail;
		if (last)
			continue;
		x->cur = &list[i];
		if (write_in(w->tx, NULL, list[i].zone_id, do_disable_dormant, x, e) < 0) {
			arena_release(&a);
			return -1;
		}
		x->disabled++;
	}
	arena_release(&a);
	return 0;
out_fail:
	arena_release(&a);
	return write_fail(w, rc, e);
}

int auth_disable_dormant(struct db_pool *pool, int64_t now)
{
	if (auth_config.dormant_days <= 0)
		return 0;
	struct dormant_pass x = {.now = now,
	                         .cutoff = now - (int64_t)auth_config.dormant_days * 86400};
	struct yq_err e = {0};
	if (write_tx(pool, NULL, do_dormant, &x, &e) < 0)
		return -1;
	if (x.disabled)
		log_info("auth: disabled %d account(s) without a login for %d days", x.disabled,
		         auth_config.dormant_days);
	return x.disabled;
}
