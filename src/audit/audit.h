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

/* Writes one audit row inside the caller's transaction `tx`. Returns 0 or a negative enum db_rc;
 * the caller must roll back if it fails (an audit write that fails fails the request). */
int audit_write(struct db *tx, const struct principal *who, int64_t zone_id, const char *action,
                const char *obj_type, int64_t obj_id, const struct audit_changes *changes);
/* Writes a login-log row. */
int audit_login(struct db *tx, int64_t zone_id, const char *username, int64_t user_id,
                const char *ip, const char *user_agent, int success, const char *reason);

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
typedef void (*audit_row_fn)(void *ctx, const struct audit_row *row);
typedef void (*login_row_fn)(void *ctx, const struct login_row *row);

/* Lists audit rows of the principal's zone, newest first, one page; *total gets the count of all
 * matching rows. Returns 0 or a negative enum db_rc. */
int audit_list(struct db *c, const struct principal *p, const struct audit_filter *f,
               audit_row_fn fn, void *ctx, int64_t *total);
/* Same for the login log (rows of the zone, plus failed attempts for unknown user names). */
int audit_logins(struct db *c, const struct principal *p, const struct audit_filter *f,
                 login_row_fn fn, void *ctx, int64_t *total);

#endif
