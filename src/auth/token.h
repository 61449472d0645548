/* API tokens for integrations: a bearer secret ("yq_" + 64 hex digits) stored hashed. A token is
 * not a user: it acts with its own role (no stronger than its creator's, and never more than the
 * creator's role still allows) and its own data scope, bound to a department or an enterprise
 * exactly as a user of its role would be, so an enterprise token sees its enterprise and a
 * department's token its department. What it does is recorded as the token ("API令牌#12") in the
 * audit log and the request timelines; each use updates last_used_at (at most once a minute).
 * Revoked, never deleted. */
#ifndef YQ_AUTH_TOKEN_H
#define YQ_AUTH_TOKEN_H
#include <stdint.h>
#include "auth/auth.h"
#include "lib/field.h"

struct api_token {
	int64_t id, user_id, created_at, expires_at, revoked_at, last_used_at;
	int64_t dept_id, enterprise_id; /* 0 when not bound */
	const char *name, *role, *username, *data_scope, *dept_name, *enterprise_name;
};
/* Its field table: how the list reads it and the API writes it. */
struct entity;
extern const struct entity ENTITY_API_TOKEN;

/* What a token is made with. data_scope NULL: the role's default (enterprise → enterprise,
 * staff and dept_head → dept, admin and leader → zone); "zone", "dept" and "enterprise" are the
 * scopes a token may have. staff and dept_head tokens need dept_id, enterprise tokens
 * enterprise_id (and only they take one), a dept scope needs dept_id; each in the caller's zone.
 * expires_at 0 = never. */
struct token_input {
	const char *name, *role, *data_scope;
	int64_t dept_id, enterprise_id, expires_at;
};

/* Checks a token input against those rules inside tx (ERR_VALIDATION naming the field,
 * ERR_FORBIDDEN on role for a role the caller may not grant). */
int token_check(struct db *tx, const struct principal *p, const struct token_input *in,
                struct yq_err *e);
/* Creates a token in the caller's zone; the secret (68 bytes with NUL) is written to `secret`
 * and shown once. */
int token_create(struct db_pool *pool, const struct principal *p, const struct token_input *in,
                 int64_t *id, char secret[68], struct yq_err *e);
/* Lists the zone's tokens (never their secrets). */
int token_list(struct db *c, const struct principal *p, entity_row_fn fn, void *ctx);
/* Revokes a token of the zone. */
int token_revoke(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

#endif
