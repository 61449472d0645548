/* API tokens for integrations: a bearer secret ("yq_" + 64 hex digits) stored hashed, acting for
 * the user who made it with a role no stronger than that user's. Revoked, never deleted. */
#ifndef YQ_AUTH_TOKEN_H
#define YQ_AUTH_TOKEN_H
#include <stdint.h>
#include "auth/auth.h"

struct api_token {
	int64_t id, user_id, created_at, expires_at, revoked_at, last_used_at;
	const char *name, *role, *username;
};
typedef void (*token_fn)(void *ctx, const struct api_token *t);

/* Creates a token in the caller's zone; the secret (68 bytes with NUL) is written to `secret`
 * and shown once. expires_at 0 = never. */
int token_create(struct db_pool *pool, const struct principal *p, const char *name,
                 const char *role, int64_t expires_at, int64_t *id, char secret[68],
                 struct yq_err *e);
/* Lists the zone's tokens (never their secrets). */
int token_list(struct db *c, const struct principal *p, token_fn fn, void *ctx);
/* Revokes a token of the zone. */
int token_revoke(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

#endif
