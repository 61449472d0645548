/* store_list: a store's lists of an entity and its reads of one row, from the entity's field
 * table (lib/field.h). What a list reads is a constant table, one per list of the store: the
 * {select} statement, the FROM of the caller's zone and disclosure rules, the filter's
 * conditions and the order; a run of it adds the caller, the filter, the page and where each
 * row goes (read into a struct of `size` bytes by entity_read, then handed to fn(ctx, row)).
 *
 *	const struct store_query SPACE_UNIT_Q = {
 *	    .en = &ENTITY_SPACE_UNIT, .select = &SQL_UNIT_SELECT,
 *	    .enterprise_rule = " AND (u.status = 'vacant' OR u.enterprise_id = ?)",
 *	    .conds = UNIT_CONDS, .order = " ORDER BY u.id", .hide = store_hide_internal,
 *	    STORE_ROWS(struct space_unit, ENTITY_SPACE_UNIT_QUERY, struct space_unit_filter)};
 *	store_list_page(c, &SPACE_UNIT_Q, p, f, page, page_size, fn, ctx, total);
 *	store_list_get(c, &SPACE_UNIT_Q, p, id, a, &unit, e);
 *
 * The module's header exposes the query; its API answers it with work/item_answer.h
 * store_list_answer and store_item_answer, and exports it with export_query_answer. */
#ifndef YQ_WORK_STORE_LIST_H
#define YQ_WORK_STORE_LIST_H
#include <stddef.h>
#include <stdint.h>
#include "db/field_sql.h"
#include "db/qb.h"
#include "lib/err.h"
#include "lib/field.h"

struct principal;
struct arena;
struct store_list;

/* The bytes a list's run keeps for its query's begin (dates, patterns the statement borrows). */
#define STORE_LIST_SCRATCH 512

/* Appends " FROM … WHERE …" of the caller's rows of the entity (with the entity's joins). */
typedef void (*store_from_fn)(struct qb *q, const struct principal *p, char *like, size_t n);

/* A condition of a list's filter: when the filter's member at `off` is set (an int64_t not 0, a
 * text not NULL), `sql` (" AND u.status = ?") with the member as its one parameter. */
struct store_cond {
	size_t off;
	char type; /* 'i' int64_t, 't' text */
	const char *sql;
};

/* What a list reads. */
struct store_query {
	const struct entity *en;
	struct sql_tmpl *select; /* "SELECT {select}" of the entity (and maybe more columns) */
	store_from_fn from;      /* the FROM; NULL: scope_from with the entity's joins */
	/* for an enterprise reader (access/scope.h scope_as_enterprise), the disclosure rule after
	 * the FROM, its one "?" its enterprise (" AND l.enterprise_id = ?"); or NULL */
	const char *enterprise_rule;
	/* binds the parameters of the select list, in the page and the one-row read; or NULL */
	void (*head)(struct qb *q, const struct store_list *l);
	/* the filter's plain conditions, ended by {0}; or NULL */
	const struct store_cond *conds;
	/* appends the filter's other conditions (" AND …"); or NULL */
	void (*where)(struct qb *q, const struct store_list *l);
	const char *order; /* " ORDER BY …" of the page */
	/* completes the row read from st (columns after the entity's); or NULL */
	void (*after)(const struct store_list *l, struct db_stmt *st, void *row);
	size_t size; /* the size of a row */
	/* what the one-row read says when there is none; NULL: the entity's "not found" */
	const char *missing_zh, *missing_en;
	/* before a list or a one-row read runs (l->f NULL for the read): sets what the run borrows
	 * in l->scratch as l->arg, and the page's l->order and l->order_arg; or NULL */
	void (*begin)(struct store_list *l);
	/* the list's filter: the entity its query string decodes by, and its struct's size (for
	 * the answers of work/item_answer.h and the exports of work/export_file.h); or NULL */
	const struct entity *filter;
	size_t filter_size;
	/* the field flags (F_INTERNAL …) of the fields the caller p is not shown, in the answers
	 * and the exports; or NULL: every field */
	unsigned (*hide)(const struct principal *p);
	/* what its export is called, the sheet and the file ("载体单元"); NULL: the entity's label
	 */
	const char *title;
	/* 1 when the entity's joins neither add nor drop a row (each a to-one join on a foreign
	 * key) and no condition of the filter reads them: the count of a reader whose scope is the
	 * whole zone then runs on the entity's table alone */
	int count_bare;
};

/* A query's row, its filter's entity and its filter:
 * STORE_ROWS(struct space_unit, ENTITY_SPACE_UNIT_QUERY, struct space_unit_filter). */
#define STORE_ROWS(row, filter_en, filter_t)                                                       \
	.size = sizeof(row), .filter = &(filter_en), .filter_size = sizeof(filter_t)

/* A query's hide when an enterprise reader (access/scope.h scope_as_enterprise) is shown none of
 * the zone's notes and bookkeeping: F_INTERNAL for it, 0 for staff. */
unsigned store_hide_internal(const struct principal *p);

/* A run of a list, or of a one-row read. */
struct store_list {
	const struct store_query *q;
	const struct principal *p;
	const void *f;         /* the filter, for where */
	const char *order;     /* the page's order when not the query's, or NULL */
	const char *order_arg; /* the text of the one "?" in the order, or NULL */
	int64_t page;          /* from 1 */
	int64_t page_size;     /* rows a page; 0: all of them */
	entity_row_fn fn;      /* each row, with ctx; or NULL */
	void *ctx;
	void *out; /* the one-row read's row; NULL for a list */
	void *arg; /* the store's own, for where, head and after (dates, patterns) */
	char like[320];
	_Alignas(16) unsigned char scratch[STORE_LIST_SCRATCH]; /* begin's, as l->arg */
};

/* Appends the FROM of query s for the caller p: s->from (or scope_from with the entity's joins)
 * and s->enterprise_rule. */
void store_from(struct qb *q, const struct store_query *s, const struct principal *p, char *like,
                size_t n);
/* Reads the row of st into a row (l->out, or one from a) and hands it to l->fn. */
void store_list_row(struct db_stmt *st, struct arena *a, void *l);
/* Counts the list into *total and reads its page: DB_OK or a negative db rc. */
int store_list_run(struct db *c, struct store_list *l, int64_t *total);
/* store_list_run of query s for the caller p and filter f. */
int store_list_page(struct db *c, const struct store_query *s, const struct principal *p,
                    const void *f, int64_t page, int64_t page_size, entity_row_fn fn, void *ctx,
                    int64_t *total);
/* Reads row `id` of the query's entity (with its from) into l->out: 0, or -1 with e set
 * (ERR_NOT_FOUND when the caller has no such row). */
int store_list_read(struct db *c, struct store_list *l, int64_t id, struct arena *a,
                    struct yq_err *e);
/* store_list_read of query s for the caller p into out. */
int store_list_get(struct db *c, const struct store_query *s, const struct principal *p, int64_t id,
                   struct arena *a, void *out, struct yq_err *e);
/* Runs the assembled statement q, which reads at most one row, into l->out and releases q: 0, or
 * -1 with e set (ERR_NOT_FOUND when there is no row). */
int store_list_one(struct db *c, struct qb *q, struct store_list *l, struct arena *a,
                   struct yq_err *e);

#endif
