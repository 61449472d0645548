/* store_write: the writes of an entity's rows inside a change (audit/write_tx.h): the INSERT
 * with its stored fields bound by the field table after the statement's own leading parameters,
 * the generic creation and change of a row (struct store_edit), and the counts a write checks
 * (store_count, store_unique).
 *
 *	if (store_insert(w, &SQL_POLICY_INSERT, &ENTITY_POLICY, pol, &pol->id, e,
 *	                 DB_I(w->who->zone_id), DB_O(w->who->user_id), DB_I(now), DB_I(now)) < 0)
 *		return -1;
 */
#ifndef YQ_WORK_STORE_WRITE_H
#define YQ_WORK_STORE_WRITE_H
#include <stddef.h>
#include <stdint.h>
#include "audit/write_tx.h"
#include "db/db.h"
#include "db/field_sql.h"
#include "lib/err.h"

/* A change of one row by edit `ed`, the arg of its write_fn: a new row `made` (the write sets its
 * id), or row `id` given the members of `in` flagged in `present`. */
struct store_edit;
struct store_change {
	const struct store_edit *ed;
	int64_t id;
	const void *in;
	uint64_t present;
	void *made;
};

/* The rules of a row before it is written (a store_edit's check): on a creation old is NULL and
 * id 0; on a change old is the stored row and row the changed one (both as the edit's query reads
 * them; a member flagged F_NOUPDATE keeps its stored value). The check may set members of row
 * (a default) and may write what follows from the change (a status) in the same transaction.
 * 0, or -1 with e set (a database failure as write_fail sets it). Its arena lasts the change. */
struct arena;
typedef int (*store_check_fn)(struct write_ctx *w, const void *old, void *row, int64_t id,
                              struct arena *a, struct yq_err *e);

/* The creation and the change of an entity's rows (the API's: work/item_answer.h; the demo's:
 * store_create_in): the entity the body decodes by, the row's struct (its size and its int64_t
 * id's offset), and the query that reads a row back.
 * A creation is `create` (a write_fn, arg a struct store_change) when the module writes its own;
 * else the row's `check`, then `insert` (INSERT … RETURNING id whose parameters are the zone, the
 * time as created and updated, then the entity's {insert_vals}) with the audit row "create".
 * A change likewise is `update`, or: the stored row read by the query, the body's members copied
 * over it, the `check`, then `change` (see write_update). */
struct store_query;
struct store_edit {
	const struct entity *en;
	size_t size, id_off;
	const struct store_query *q;
	write_fn create, update;
	struct sql_tmpl *insert, *change;
	store_check_fn check;
};
/* The members every edit names: STORE_ROW(struct space_unit, ENTITY_SPACE_UNIT, SPACE_UNIT_Q). */
#define STORE_ROW(row, entity, query)                                                              \
	.en = &(entity), .size = sizeof(row), .id_off = offsetof(row, id), .q = &(query)

/* The write_fns of a creation and of a change by x->ed (arg: a struct store_change *x). */
int store_create_fn(struct write_ctx *w, void *arg, struct yq_err *e);
int store_update_fn(struct write_ctx *w, void *arg, struct yq_err *e);
/* The creation of row by edit ed inside the open transaction tx, as p, in p's zone (for writers
 * of many rows: the demo, an import). 0, or -1 with e set. */
struct principal;
int store_create_in(struct db *tx, const struct principal *p, const struct store_edit *ed,
                    void *row, struct yq_err *e);

/* Runs the count `sql` (one row, one column) with args (n of them) on c: the count, or a negative
 * db rc. store_count(c, SQL_SAME_NAME, DB_I(zone), DB_T(name), DB_I(id)). */
int64_t store_count_args(struct db *c, const char *sql, const struct db_arg *args, size_t n);
#define store_count(c, sql, ...) store_count_args((c), (sql), DB_ARGS(__VA_ARGS__))
/* 0 when the count `sql` with its args is 0: no other row holds what must be unique. Else -1
 * with ERR_CONFLICT (409) on `field` saying zh / en, or with the database's error as write_fail
 * sets it. store_unique(w, e, "plate", "该车牌号已登记", "a truck has that plate",
 * SQL_TRUCK_SAME_PLATE, DB_I(zone), DB_T(plate), DB_I(id)). */
int store_unique_args(struct write_ctx *w, struct yq_err *e, const char *field, const char *zh,
                      const char *en, const char *sql, const struct db_arg *args, size_t n);
#define store_unique(w, e, field, zh, en, sql, ...)                                                \
	store_unique_args((w), (e), (field), (zh), (en), (sql), DB_ARGS(__VA_ARGS__))
/* 0 when the enterprise `id` is one of the caller's zone; else -1 with ERR_VALIDATION on
 * "enterprise_id" ("企业不存在"), or with the database's error as write_fail sets it. */
int store_enterprise_in_zone(struct write_ctx *w, int64_t id, struct yq_err *e);
/* Runs the change's INSERT … RETURNING id `sql`: args (n of them) as its first parameters, then
 * the stored fields of obj ({insert_vals} of entity en). 0 with *id, or -1 with e set as
 * write_fail does. */
int store_insert_args(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e, const struct db_arg *args,
                      size_t n);
#define store_insert(w, sql, en, obj, id, e, ...)                                                  \
	store_insert_args((w), (sql), (en), (obj), (id), (e), DB_ARGS(__VA_ARGS__))
/* store_insert with the usual first parameters: the caller's zone, then the time of the change
 * as created and updated. */
int store_insert_zone(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e);
/* The change's audit row of the new row obj, `id`: "create" of the entity (its name as the object
 * type) and the audited fields of obj. */
void store_audit_create(struct write_ctx *w, const struct entity *en, int64_t id, const void *obj);
/* store_insert_zone of a new row obj with the change's audit row: "create" of the entity (its
 * name as the object type) and the audited fields of obj. 0, or -1 with e set. */
int store_create_zone(struct write_ctx *w, struct sql_tmpl *sql, const struct entity *en,
                      const void *obj, int64_t *id, struct yq_err *e);

#endif
