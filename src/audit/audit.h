/* Audit log (操作日志) and login log (登录日志). Every state change writes an audit row in the same
 * transaction as the change; nothing updates or deletes these rows. */
#ifndef YQ_AUDIT_AUDIT_H
#define YQ_AUDIT_AUDIT_H
#include <stdint.h>
#include "db/db.h"
#include "lib/strbuf.h"

struct principal;

/* The before/after of changed fields, built as a JSON object {"field":[before,after],…}. */
struct audit_changes {
	struct strbuf sb;
	int n;
};
void audit_changes_init(struct audit_changes *c);
void audit_changes_release(struct audit_changes *c);
/* Records a text field if it changed (or always, when before is NULL and after is not). */
void audit_change_str(struct audit_changes *c, const char *field, const char *before,
                      const char *after);
void audit_change_int(struct audit_changes *c, const char *field, int64_t before, int64_t after);
/* Like audit_change_str for personal data: in the 国密 mode the values are recorded sealed
 * (lib/gm.h), so the audit log holds no plain phone number. */
void audit_change_secret(struct audit_changes *c, const char *field, const char *before,
                         const char *after);
/* For a JSON array of objects whose member `member` is personal data (enterprise contacts):
 * records the change with that member sealed in the 国密 mode. */
void audit_change_json_secret(struct audit_changes *c, const char *field, const char *before,
                              const char *after, const char *member);
struct entity;
/* Records every F_AUDIT field of an entity (lib/field.h) whose value differs between before and
 * after (before NULL: a creation, every audited field that has a value but the F_SEALED ones:
 * a row written in the standard mode keeps its values for ever, and personal data should not
 * enter the log just because an object was made); F_SEALED fields as with audit_change_secret /
 * audit_change_json_secret. */
void audit_change_entity(struct audit_changes *c, const struct entity *en, const void *before,
                         const void *after);

/* Writes one audit row inside the caller's transaction `tx`. Returns 0 or a negative enum db_rc;
 * the caller must roll back if it fails (an audit write that fails fails the request). */
int audit_write(struct db *tx, const struct principal *who, int64_t zone_id, const char *action,
                const char *obj_type, int64_t obj_id, const struct audit_changes *changes);
/* Writes a login-log row. */
int audit_login(struct db *tx, int64_t zone_id, const char *username, int64_t user_id,
                const char *ip, const char *user_agent, int success, const char *reason);

/* A name that is no account (often a password typed into the name box) is never stored: the
 * login log and the login back-off keep this digest of it instead, the first 128 bits of
 * HMAC-SHA256(audit key, "login-name" NUL name) in hex (SHA-256 when no key is set). Equal
 * names give equal digests, so attempts on one name can still be counted and found
 * (yuanqu audit logins --user NAME). */
#define AUDIT_NAME_DIGEST_HEX 32
void audit_name_digest(const char *name, char out[AUDIT_NAME_DIGEST_HEX + 1]);
/* The login-log form of a name that is no account: "?" and its digest. */
#define AUDIT_UNKNOWN_NAME_LEN (AUDIT_NAME_DIGEST_HEX + 1)
void audit_unknown_name(const char *name, char out[AUDIT_UNKNOWN_NAME_LEN + 1]);

/* Filters for the log lists; NULL/0 fields do not filter. */
struct audit_filter {
	const char *username;
	const char *action;
	const char *obj_type;
	const char *obj_id;
	int64_t from, to; /* unix seconds, 0 = open */
	int success;      /* login log: -1 any, 0, 1 */
	int64_t page, page_size;
};
/* One audit row as read back. Strings belong to the store until the callback returns. */
struct audit_row {
	int64_t id, at, user_id, zone_id;
	const char *username, *ip, *action, *obj_type, *obj_id;
	const char *changes; /* JSON object text */
};
struct login_row {
	int64_t id, at, user_id, zone_id;
	const char *username, *ip, *user_agent, *reason;
	int success;
};
/* Their field tables: how the lists read them and the API writes them. */
extern const struct entity ENTITY_AUDIT_ROW, ENTITY_LOGIN_ROW;
/* The two logs, which share one HMAC chain. */
enum audit_log { AUDIT_LOG_CHANGES, AUDIT_LOG_LOGINS };
/* A row of a log: a struct audit_row (AUDIT_LOG_CHANGES) or a struct login_row. */
typedef void (*audit_row_fn)(void *ctx, const void *row);

/* Lists one page of a log of the principal's zone, newest first; *total gets the count of all
 * matching rows. The login log holds the rows of the zone's users; with p NULL every row of the
 * installation (users without a zone, names that are no account; the command line). Returns 0
 * or a negative enum db_rc. */
int audit_page(struct db *c, const struct principal *p, enum audit_log log,
               const struct audit_filter *f, audit_row_fn fn, void *ctx, int64_t *total);

/* ---- the HMAC chain over audit and login-log rows (audit_chain.c) ----
 *
 * Every row written by audit_write or audit_login takes the next position `seq` of one chain
 * shared by both tables (strictly increasing per database) and
 * mac = HMAC-SHA256(key, previous mac || canonical form of the row's fields). The position is
 * taken by `UPDATE audit_head SET seq = seq + 1 … RETURNING`, which locks the head row until the
 * transaction ends, so concurrent writers (PostgreSQL) are serialised and a rolled-back
 * transaction leaves no gap. Retention purges delete the oldest positions and keep an anchor
 * (seq, mac and time of the last purged row, itself MAC'd), from which verification starts. */

#define AUDIT_KEY_LEN 32
/* The minimum, and default, number of days audit rows are kept. */
#define AUDIT_RETENTION_MIN_DAYS 180

/* Sets the process-wide chain key. Call once before any thread writes; without a key every
 * audit write fails (and so does the request). */
void audit_chain_set_key(const uint8_t key[AUDIT_KEY_LEN]);
int audit_chain_has_key(void);
/* Test hook: seconds added to the time of the rows written (YUANQU_TEST_AUDIT_TIME_OFFSET), so a
 * test can make rows old enough to purge. 0 in production. */
extern int64_t audit_test_time_offset;
/* Test hook: rows read per batch by the verifier and the purge (YUANQU_TEST_AUDIT_BATCH), so a
 * test crosses batch boundaries with few rows. 0 = the defaults. */
extern int audit_test_batch;

/* A chain batch, for a transaction that writes many audit rows (an import). Rows written in
 * `tx` between audit_batch_begin and audit_batch_end chain from a head held in memory: the head
 * row is locked and read once and written once, instead of being updated twice per row (which on
 * PostgreSQL makes a long transaction quadratic: every update walks the row's versions).
 * Call audit_batch_begin right after the transaction begins and audit_batch_end(tx, commit)
 * before it ends, on every path: with commit != 0 it writes the head (its failure fails the
 * transaction); with 0 it only forgets the batch. One batch per thread. Return 0 or a negative
 * enum db_rc. */
int audit_batch_begin(struct db *tx);
int audit_batch_end(struct db *tx, int commit);

/* Checks the key against the database's check value, storing it on first use. When the chain
 * still has no row, also chains the rows written before the chain existed (seq NULL), in table
 * and id order. Returns 0; -1 with a message in err (key mismatch, database error). */
int audit_chain_init(struct db *c, char *err, size_t errlen);
/* The number of rows in the chain so far (the head position); -1 on a database error. */
int64_t audit_chain_length(struct db *c);

/* The outcome of audit_chain_verify. */
struct audit_verify {
	int ok;
	int64_t rows;       /* rows checked */
	int64_t first_seq;  /* first position checked (anchor + 1) */
	int64_t head_seq;   /* the head position */
	int64_t anchor_seq; /* last purged position, 0 if none */
	int64_t broken_seq; /* first bad position (0 when the fault is not one row's) */
	char head_mac[65];  /* hex mac of the head */
	char why[160];      /* "row changed", "row missing", "reordered", … */
};
/* Walks the chain from the anchor to the head. Returns 0 (result in *v, v->ok says whether the
 * chain holds) or a negative enum db_rc. */
int audit_chain_verify(struct db *c, struct audit_verify *v);

/* Deletes the rows older than `cutoff` (unix seconds) from the start of the chain, at most
 * `batch` positions per transaction, and moves the anchor past them. *purged gets the count.
 * Returns 0 or a negative enum db_rc. */
struct db_pool;
int audit_purge(struct db_pool *pool, int64_t cutoff, int batch, int64_t *purged);
/* The retention in days used by the server's maintenance (AUDIT_RETENTION_MIN_DAYS by default;
 * set from serve --audit-retention-days). */
extern int audit_retention_days;
/* The maintenance step: purges rows older than audit_retention_days. */
void audit_maintain(struct db_pool *pool);

#endif
