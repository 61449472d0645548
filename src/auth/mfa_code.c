/* A second factor's code at login (see mfa_code.h). */
#include "auth/mfa_code.h"
#include "lib/totp.h"
#include <sodium.h>

static const char SQL_TOTP_SPEND[] =
    "UPDATE app_user SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?";

int mfa_code_ok(const char *secret_b32, int64_t last_step, const char *code, int64_t now,
                int64_t *step)
{
	uint8_t key[40];
	int n = secret_b32 && *secret_b32 ? base32_decode(secret_b32, key, sizeof key) : -1;
	if (n <= 0)
		return 0;
	/* accept the earliest unspent step in the window the code matches */
	for (int64_t s = totp_step(now) - MFA_WINDOW; s <= totp_step(now) + MFA_WINDOW; s++) {
		if (s <= last_step)
			continue;
		if (totp_verify(key, (size_t)n, code, s * TOTP_STEP_S, 0) == s) {
			sodium_memzero(key, sizeof key);
			*step = s;
			return 1;
		}
	}
	sodium_memzero(key, sizeof key);
	return 0;
}

int mfa_spend_step(struct db *tx, int64_t user_id, int64_t step)
{
	int64_t n;
	int rc =
	    db_run_args(tx, SQL_TOTP_SPEND, DB_ARGS(DB_I(step), DB_I(user_id), DB_I(step)), &n);
	if (rc < 0)
		return rc;
	return n == 1 ? DB_OK : DB_ERR;
}
