/* Second factor: TOTP (RFC 6238) per user, and the roles an administrator requires it for.
 * A user enrols (a fresh secret, pending), confirms with a first code (enabled), and may
 * disable it with the password or a current code; an administrator may reset it. Each code
 * is accepted once: the last accepted time step is kept per user. Every change is audited. */
#ifndef YQ_AUTH_MFA_H
#define YQ_AUTH_MFA_H
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "auth/mfa_code.h"
#include "lib/totp.h"

#define MFA_ISSUER  "园区通 Yuanqu"
#define MFA_URI_MAX 512

/* The caller's TOTP state. */
struct mfa_status {
	int enabled;  /* confirmed: logins ask for a code */
	int pending;  /* enrolled but not confirmed */
	int required; /* the user's role must use TOTP */
};

/* Reads the state of user p->user_id. Returns 0 or a negative enum db_rc. */
int mfa_status_get(struct db *c, const struct principal *p, struct mfa_status *out);
/* Starts an enrolment after checking the caller's password (auth_recheck: counted, logged):
 * a new 20-byte secret (replacing any pending one) stored as pending; writes its base32 text
 * into secret (TOTP_B32_MAX) and the otpauth:// URI into uri (MFA_URI_MAX). ERR_STATE when TOTP
 * is already enabled; ERR_VALIDATION on "password" when it is missing or wrong. */
int mfa_enrol(struct db_pool *pool, const struct principal *p, const char *user_agent,
              const char *password, char *secret, char *uri, struct yq_err *e);
/* Confirms a pending enrolment with a code from the app; the code's step is spent. */
int mfa_confirm(struct db_pool *pool, const struct principal *p, const char *code,
                struct yq_err *e);
/* Turns TOTP off for the caller after checking `password` (when not empty) or else `code`
 * (auth_recheck: counted toward the back-off, logged). ERR_BUSY when no hashing slot is free. */
int mfa_disable(struct db_pool *pool, const struct principal *p, const char *user_agent,
                const char *password, const char *code, struct yq_err *e);
/* Clears another user's TOTP (lost phone); the user must be within the administrator's scope. */
int mfa_admin_reset(struct db_pool *pool, const struct principal *p, int64_t user_id,
                    struct yq_err *e);
/* Roles of the caller's zone that must use TOTP, as a bit set of 1 << enum role. */
int mfa_roles_get(struct db *c, const struct principal *p, unsigned *roles);
/* Replaces that set (validated: admin-grantable roles only). */
int mfa_roles_set(struct db_pool *pool, const struct principal *p, unsigned roles,
                  struct yq_err *e);
#endif
