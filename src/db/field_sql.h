/* SQL from field tables (lib/field.h): the column lists of an entity's statements, expanded once
 * from a template written in the store file, and binding and reading rows by the table.
 *
 *	static struct sql_tmpl SQL_ENT_INSERT = SQL_TMPL(ENTITY_ENTERPRISE,
 *		"INSERT INTO enterprise (zone_id, created_at, updated_at, {insert_cols}) "
 *		"VALUES (?, ?, ?, {insert_vals}) RETURNING id");
 *	st = db_prepare(tx, sql_of(&SQL_ENT_INSERT));
 *	idx = entity_bind(st, 4, &ENTITY_ENTERPRISE, &ent, 0);
 *
 * Markers, each replaced by the entity's columns in table order:
 *	{select}       every field with a column, prefixed with the entity's alias ("e.name");
 *	               an expression column (with '.' or '(') as written
 *	{insert_cols}  the stored columns: fields with a plain column that are not F_READONLY
 *	{insert_vals}  as many "?"
 *	{update_sets}  "col = ?" for the stored columns that are not F_NOUPDATE
 * The expanded text is built on first use and kept for the life of the process, so statements
 * stay prepared once per connection (their text pointer and hash do not change). */
#ifndef YQ_DB_FIELD_SQL_H
#define YQ_DB_FIELD_SQL_H
#include "db/db.h"
#include "lib/field.h"

struct arena;

struct sql_tmpl {
	const struct entity *en;
	const char *text;
	const char *sql; /* expanded; NULL until first use */
};
#define SQL_TMPL(en, text)                                                                         \
	{                                                                                          \
		&(en), (text), NULL                                                                \
	}

/* The expanded statement text, or NULL when memory runs out (db_prepare(c, NULL) fails). */
const char *sql_of(struct sql_tmpl *t);

/* 1 if field f is a stored column (written by {insert_cols}); 2 if it is also updated. */
int field_stored(const struct field *f);

/* Binds the stored fields of obj from parameter idx, in {insert_cols} order (update != 0:
 * {update_sets} order). Text of F_SEALED fields is sealed in the 国密 mode. None is stored as
 * the field's `def`, else as '' for text and enums (the schema's text columns are NOT NULL
 * DEFAULT '') and NULL for the other types. Returns the next free index, or -1 when memory
 * runs out. */
int entity_bind(struct db_stmt *st, int idx, const struct entity *en, const void *obj, int update);
/* Reads the {select} columns of the current row from column `col` into obj; strings copied into
 * `a` (sealed ones opened). Returns the next column. */
int entity_read(struct db_stmt *st, int col, const struct entity *en, void *obj, struct arena *a);
/* Steps st and reads its next row into obj by the entity's table (entity_read with no arena: text
 * valid until the next step): DB_ROW; at the end, or on an error, st is reset and DB_OK or the
 * negative db rc returned.
 *
 *	while ((rc = entity_next(st, &ENTITY_X, &row)) == DB_ROW)
 *		fn(ctx, &row);
 */
int entity_next(struct db_stmt *st, const struct entity *en, void *obj);
/* Runs `sql`, whose one parameter is a zone, for zone_id and calls fn(ctx, row) with each row
 * read into `row` as entity_next does. DB_OK or a negative db rc. */
int entity_list_zone(struct db *c, const char *sql, int64_t zone_id, const struct entity *en,
                     void *row, entity_row_fn fn, void *ctx);

/* Binds the parameters of a statement from index 1; returns the next free index. */
typedef int (*db_bind_fn)(struct db_stmt *st, const void *arg);
/* One page of a list, and the count of all its rows: `count_sql` and `page_sql` take the same
 * parameters, bound by bind(st, arg), and `page_sql` ends in "LIMIT ? OFFSET ?" (page from 1).
 * *total gets the count and *page_st the page's statement, to step with entity_next. Returns
 * DB_OK or a negative db rc (*page_st NULL). */
int db_page(struct db *c, const char *count_sql, const char *page_sql, db_bind_fn bind,
            const void *arg, int64_t page, int64_t page_size, int64_t *total,
            struct db_stmt **page_st);
/* The stored value of one field (sealed in the 国密 mode) bound at idx: 0 or -1. */
int field_bind(struct db_stmt *st, int idx, const struct field *f, const void *obj);
/* The {select} list of an entity, expanded once for the life of the process (as sql_of), or
 * NULL when memory runs out. */
const char *entity_select(const struct entity *en);

#endif
