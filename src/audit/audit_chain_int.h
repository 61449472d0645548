/* Internal to the audit module: the canonical form of a chained row (audit_chain.c), used by
 * the writers in audit_store.c and by the verifier. */
#ifndef YQ_AUDIT_CHAIN_INT_H
#define YQ_AUDIT_CHAIN_INT_H
#include <stdint.h>
#include "db/db.h"

enum chain_table { CHAIN_AUDIT = 0, CHAIN_LOGIN = 1 };

/* One row as the MAC sees it. zone_id and user_id 0 stand for SQL NULL. Texts: audit rows have
 * username, ip, action, obj_type, obj_id, changes; login rows username, ip, user_agent, reason
 * (and `success`). */
struct chain_row {
	enum chain_table table;
	int64_t seq, zone_id, at, user_id, success;
	const char *text[6];
};

/* Takes the next chain position inside the write transaction `tx` (locking the head row until
 * the transaction ends), computes the row's MAC into mac_hex and moves the head to it. Sets
 * r->seq. Returns 0 or a negative enum db_rc (DB_ERR when no key is set). */
int audit_chain_take(struct db *tx, struct chain_row *r, char mac_hex[65]);
/* The time to record for a new row: now, plus the test offset. */
int64_t audit_chain_now(void);

#endif
