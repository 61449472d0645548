/* Authentication: who is calling. Logins with lockout and per-address throttling, sessions kept
 * in the database (so several servers can share them), API tokens, and the principal every
 * domain call receives to apply permissions and data scope. */
#ifndef YQ_AUTH_AUTH_H
#define YQ_AUTH_AUTH_H
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"

/* Limits, set once at start from flags and environment. */
struct auth_config {
	int session_idle_s;  /* idle timeout, default 1800 */
	int session_max_s;   /* absolute lifetime, default 43200 */
	int lock_after;      /* failures of a name before its back-off begins, default 5 */
	int lock_s;          /* the longest back-off, default 900 */
	int backoff_base_s;  /* the first back-off, default 30; doubles with each failure after */
	int backoff_reset_s; /* failures older than this are forgotten, default 86400 */
	int ip_fail_limit;   /* failed logins from one address within ip_window_s → 429 */
	int ip_window_s;     /* default 900 */
	int password_max_age_days; /* a password older than this must be changed; 0 = never */
	int dormant_days; /* accounts without a login for this long are disabled; 0 = off */
};
extern struct auth_config auth_config;

struct arena;

/* Result of a successful login: the raw session token for the cookie and the CSRF token. */
struct login_result {
	char token[65];
	char csrf[33];
	int64_t user_id;
};

/* Checks a user name and password and opens a session. Applies the per-name back-off and the
 * address throttle, writes a login-log row for every attempt. On failure e says why:
 * ERR_BAD_CREDENTIALS, ERR_LOCKED (the name is in back-off) / ERR_THROTTLED (retry_after set),
 * ERR_BUSY (hash slots full), ERR_FORBIDDEN (account disabled), ERR_UNAVAILABLE.
 *
 * The back-off: each failure (wrong password or code) counts against the name, an account's or
 * not, alike; from the lock_after-th on, the name waits auth_backoff_delay(failures) seconds,
 * during which attempts are answered ERR_LOCKED unchecked (no hash either way), except that a
 * right password with a right TOTP code of an account that has TOTP on opens a session. A
 * success clears the count; a count older than backoff_reset_s is forgotten. A name that is no
 * account is hashed against a dummy hash and its count is kept under a digest of the name
 * (audit_name_digest), so answers, their timing and the back-off do not tell names apart. */
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
/* Changes the caller's own password after checking the old one (auth_recheck); ends the
 * user's other sessions. */
int auth_change_password(struct db_pool *pool, const struct principal *p, const char *user_agent,
                         const char *old_pw, const char *new_pw, struct yq_err *e);
/* A live session proves again who it is, before a sensitive change: the caller's password
 * (when not empty) or else a current TOTP code. 0 when right. A wrong one counts toward the
 * account's back-off like a wrong login and is written to the login log ("reauth_bad_password",
 * "reauth_bad_totp"): ERR_VALIDATION on `field`, or ERR_LOCKED (retry_after) when it starts the
 * back-off, which also ends this session; during a back-off nothing is checked (ERR_LOCKED).
 * ERR_FORBIDDEN for API tokens, ERR_BUSY when no hashing slot is free. */
int auth_recheck(struct db_pool *pool, const struct principal *p, const char *user_agent,
                 const char *password, const char *code, const char *field, struct yq_err *e);
/* Seconds a name waits after `failures` failures in a row: 0 below auth_config.lock_after, then
 * backoff_base_s, doubling with each further failure, at most lock_s. Pure. */
int64_t auth_backoff_delay(int64_t failures);
/* Sets the zone a province session looks at. */
int auth_set_zone(struct db_pool *pool, const struct principal *p, int64_t zone_id,
                  struct yq_err *e);
/* Deletes sessions past their lifetime and stale throttle rows. */
void auth_expire(struct db_pool *pool);
/* Disables active accounts with no login (nor administrator change) for
 * auth_config.dormant_days, writing an audit row "dormant_disable" for each; an administrator
 * re-enables them with unlock. The last active administrator of a zone is skipped. Returns how many
 * were disabled, or -1 when the pass could not be written (rolled back). */
int auth_disable_dormant(struct db_pool *pool, int64_t now);

#endif
