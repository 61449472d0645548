/* A second factor's code at login: checked against the user's secret, and its time step spent
 * once (the lower half of mfa.h, which the login in auth.c uses without the enrolment's). */
#ifndef YQ_AUTH_MFA_CODE_H
#define YQ_AUTH_MFA_CODE_H
#include <stdint.h>
#include "db/db.h"

#define MFA_WINDOW 1 /* steps accepted either side of now */

/* Login check of a code against a user's secret (base32) at time now: 1 accepted (sets *step),
 * 0 wrong or already used (step ≤ last_step). Pure function. */
int mfa_code_ok(const char *secret_b32, int64_t last_step, const char *code, int64_t now,
                int64_t *step);
/* Marks step as spent for the user inside tx; 0, or DB_ERR when another login spent it first
 * (a replay racing the original). */
int mfa_spend_step(struct db *tx, int64_t user_id, int64_t step);

#endif
