/* Authentication: who is calling. Logins with lockout and per-address throttling, sessions kept
 * in the database (so several servers can share them), API tokens, and the principal every
 * domain call receives to apply permissions and data scope. */
#ifndef YQ_AUTH_AUTH_H
#define YQ_AUTH_AUTH_H
#include <stdint.h>
#include "auth/perm.h"
#include "db/db.h"
#include "lib/err.h"

/* Limits, set once at start from flags and environment. */
struct auth_config {
	int session_idle_s;        /* idle timeout, default 1800 */
	int session_max_s;         /* absolute lifetime, default 43200 */
	int lock_after;            /* failed logins that lock an account, default 5 */
	int lock_s;                /* lock duration, default 900 */
	int ip_fail_limit;         /* failed logins from one address within ip_window_s → 429 */
	int ip_window_s;           /* default 900 */
	int password_max_age_days; /* a password older than this must be changed; 0 = never */
	int dormant_days; /* accounts without a login for this long are disabled; 0 = off */
};
extern struct auth_config auth_config;

/* The caller of a request, resolved from a session cookie or an API token.
 * Strings point into the request arena. */
struct principal {
	int64_t user_id;
	int64_t zone_id;      /* the zone the caller is looking at (province: chosen zone) */
	int64_t home_zone_id; /* the user's own zone; 0 for province users */
	enum role role;
	enum data_scope scope;
	int64_t dept_id;       /* 0 if none */
	const char *dept_path; /* "/1/4/" materialised path of the department, or NULL */
	int64_t enterprise_id; /* enterprise users: their enterprise */
	const char *username;
	const char *display_name;
	perm_set perms;
	int must_change; /* set by the flag or by an expired password */
	int password_expired;
	int totp_enrol; /* the role requires TOTP and the user has none: may only enrol */
	int totp_on;    /* the user logs in with a TOTP code */
	int via_token;
	int64_t token_id; /* the API token acting (user_id is then 0: a token is no user) */
	const char *csrf; /* session's CSRF token; NULL for API tokens */
	const char *session_hash;
	const char *ip;
	int64_t session_created, session_seen;
};

struct arena;

/* Result of a successful login: the raw session token for the cookie and the CSRF token. */
struct login_result {
	char token[65];
	char csrf[33];
	int64_t user_id;
};

/* Checks a user name and password and opens a session. Applies the account lock and address
 * throttle, writes a login-log row for every attempt. On failure e says why:
 * ERR_BAD_CREDENTIALS, ERR_LOCKED / ERR_THROTTLED (retry_after set), ERR_BUSY (hash slots
 * full), ERR_FORBIDDEN (account disabled), ERR_UNAVAILABLE. */
int auth_login(struct db_pool *pool, const char *username, const char *password, const char *ip,
               const char *user_agent, struct login_result *out, struct yq_err *e);
/* The same with a TOTP code (NULL when none was sent). When the user has TOTP on, a right
 * password without a code gives ERR_TOTP_REQUIRED and a wrong or reused code ERR_TOTP_INVALID
 * (counted toward the account lock like a wrong password); no session is opened then. */
int auth_login_totp(struct db_pool *pool, const char *username, const char *password,
                    const char *totp, const char *ip, const char *user_agent,
                    struct login_result *out, struct yq_err *e);
/* Resolves a raw session token into *p (allocated strings from `a`). Expired or unknown
 * sessions give ERR_SESSION_EXPIRED / ERR_UNAUTH. Refreshes last_seen at most once a minute. */
int auth_session(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
                 struct principal *p, struct yq_err *e);
/* Resolves an API token ("yq_…") into *p: the token's role (capped by its creator's), data
 * scope, department and enterprise; user_id 0, token_id set, username "API令牌#<id>" and
 * display name "API令牌：<name>", so what it does is recorded as the token. Updates the token's
 * last_used_at, at most once a minute. */
int auth_api_token(struct db_pool *pool, struct arena *a, const char *token, const char *ip,
                   struct principal *p, struct yq_err *e);
/* Ends the session with this token hash. */
int auth_logout(struct db_pool *pool, const struct principal *p, struct yq_err *e);
/* Changes the caller's own password after checking the old one; ends the user's other sessions. */
int auth_change_password(struct db_pool *pool, const struct principal *p, const char *old_pw,
                         const char *new_pw, struct yq_err *e);
/* Sets the zone a province session looks at. */
int auth_set_zone(struct db_pool *pool, const struct principal *p, int64_t zone_id,
                  struct yq_err *e);
/* Deletes sessions past their lifetime and stale throttle rows. */
void auth_expire(struct db_pool *pool);
/* Disables active accounts with no login (nor administrator change) for
 * auth_config.dormant_days, writing an audit row "dormant_disable" for each; an administrator
 * re-enables them with unlock. Returns how many were disabled, or a negative enum db_rc. */
int auth_disable_dormant(struct db_pool *pool, int64_t now);

/* 1 if the principal has permission p. */
static inline int principal_can(const struct principal *p, enum perm perm)
{
	return perm_allows(p->perms, perm);
}

#endif
