/* Internal to the enterprise module: the pieces the store shares with import. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_INT_H
#define YQ_ENTERPRISE_ENTERPRISE_INT_H
#include "audit/write_tx.h"
#include "enterprise/enterprise.h"

/* Inside a write (audit/write_tx.h): inserts a validated enterprise and its spans in the caller's
 * zone, checks its department and cadres, refuses it (ERR_FORBIDDEN on dept_id) unless it is in
 * the caller's data scope as written, and names the audit row with every audited field. en->id
 * gets its id. */
int ent_insert(struct write_ctx *w, struct enterprise *en, struct yq_err *e);
/* Inside a write: updates `old` (read with ent_get in the same transaction, spans included) to
 * the validated en, with the same checks. *changed says whether anything differed: nothing is
 * written or audited otherwise. Both lists of spans are sorted. */
int ent_apply(struct write_ctx *w, struct enterprise *old, struct enterprise *en, int *changed,
              struct yq_err *e);
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
