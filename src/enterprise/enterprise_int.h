/* Internal to the enterprise module: the pieces the store shares with import. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_INT_H
#define YQ_ENTERPRISE_ENTERPRISE_INT_H
#include "enterprise/enterprise.h"

/* Today's date, YYYY-MM-DD, local time. */
void ent_today(char out[11]);
/* Inserts a validated input inside tx (links checked, flags written, audited). */
int ent_insert(struct db *tx, const struct principal *p, struct ent_input *in, int64_t *id,
               struct yq_err *e);
/* Updates `old` (read with ent_get, flags included) to a validated input inside tx; *changed
 * says whether anything differed (nothing is written or audited otherwise). */
int ent_apply(struct db *tx, const struct principal *p, const struct enterprise *old,
              struct ent_input *in, int *changed, struct yq_err *e);
/* Finds the enterprise with the normalised code `uscc` in the caller's zone: *id gets its id (0
 * when there is none) and *in_scope whether the caller's data scope reaches it (what ent_get
 * would allow, without reading the row). Returns 0 or a negative enum db_rc. */
int ent_find_uscc(struct db *c, const struct principal *p, const char *uscc, int64_t *id,
                  int *in_scope);
/* Calls fn for every enterprise of the caller's zone with its code, its id and whether the
 * caller's data scope reaches it (ent_find_uscc for all at once, in one statement); fn returns 0,
 * or -1 to stop (then DB_ERR). Returns 0 or a negative enum db_rc. */
typedef int (*code_fn)(void *ctx, const char *uscc, int64_t id, int in_scope);
int ent_each_code(struct db *c, const struct principal *p, code_fn fn, void *ctx);

#endif
