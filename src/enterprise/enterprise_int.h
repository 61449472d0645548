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

#endif
