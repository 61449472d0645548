/* store_write: the INSERT of an entity's row inside a change (audit/write_tx.h), its stored
 * fields bound by the field table after the statement's own leading parameters.
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

/* A change of one row, the arg of its module's write_fn: a new row `made` (the write sets its id),
 * or row `id` given the members of `in` flagged in `present`. */
struct store_change {
	int64_t id;
	const void *in;
	uint64_t present;
	void *made;
};

/* The creation and the change of an entity's rows that the API answers (work/item_answer.h): the
 * entity the body decodes by, the row's struct (its size and its int64_t id's offset), the query
 * that reads the row back for the answer, and the write_fns (arg: a struct store_change) of a
 * creation and of a change; NULL when none. */
struct store_query;
struct store_edit {
	const struct entity *en;
	size_t size, id_off;
	const struct store_query *q;
	write_fn create, update;
};
/* STORE_EDIT(struct space_unit, ENTITY_SPACE_UNIT, SPACE_UNIT_Q, do_unit_create, NULL) */
#define STORE_EDIT(row, entity, query, create_fn, update_fn)                                       \
	{                                                                                          \
		&(entity), sizeof(row), offsetof(row, id), &(query), (create_fn), (update_fn)      \
	}

/* Runs the count `sql` (one row, one column) with args (n of them) on c: the count, or a negative
 * db rc. store_count(c, SQL_SAME_NAME, DB_I(zone), DB_T(name), DB_I(id)). */
int64_t store_count_args(struct db *c, const char *sql, const struct db_arg *args, size_t n);
#define store_count(c, sql, ...) store_count_args((c), (sql), DB_ARGS(__VA_ARGS__))
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
