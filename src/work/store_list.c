/* A store's lists of an entity and its reads of one row (see store_list.h). */
#include "work/store_list.h"
#include "access/scope.h"
#include "lib/arena.h"
#include <string.h>

unsigned store_hide_internal(const struct principal *p)
{
	return scope_as_enterprise(p) ? F_INTERNAL : 0;
}

void store_list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct store_list *l = arg;
	const struct store_query *s = l->q;
	void *row = l->out ? l->out : arena_alloc(a, s->size);
	if (!row)
		return;
	memset(row, 0, s->size);
	entity_read(st, 0, s->en, row, a);
	if (s->after)
		s->after(l, st, row);
	if (l->fn)
		l->fn(l->ctx, row);
}

void store_from(struct qb *q, const struct store_query *s, const struct principal *p, char *like,
                size_t n)
{
	if (s->from)
		s->from(q, p, like, n);
	else
		scope_from(q, p, s->en, s->en->joins, like, n);
	if (s->enterprise_rule && scope_as_enterprise(p)) {
		qb_sql(q, s->enterprise_rule);
		qb_int(q, p->enterprise_id ? p->enterprise_id : -1);
	}
}

/* The FROM and, on the page and the one-row read (head != 0), the select list's parameters. */
static void list_from(struct qb *q, struct store_list *l, int head)
{
	const struct store_query *s = l->q;
	if (head && s->head)
		s->head(q, l);
	if (!head && s->count_bare && !s->from && scope_whole_zone(l->p) &&
	    !(s->enterprise_rule && scope_as_enterprise(l->p)))
		scope_from(q, l->p, s->en, NULL, l->like, sizeof l->like);
	else
		store_from(q, s, l->p, l->like, sizeof l->like);
}

/* Appends the conditions of filter f that are set. */
static void list_conds(struct qb *q, const struct store_cond *c, const void *f)
{
	for (; c && c->sql; c++) {
		const void *m = (const char *)f + c->off;
		if (c->type == 'i' && *(const int64_t *)m) {
			qb_sql(q, c->sql);
			qb_int(q, *(const int64_t *)m);
		} else if (c->type == 't' && *(const char *const *)m) {
			qb_sql(q, c->sql);
			qb_text(q, *(const char *const *)m);
		}
	}
}

static void list_build(struct qb *q, int pass, void *arg)
{
	struct store_list *l = arg;
	const struct store_query *s = l->q;
	qb_init(q, pass ? sql_of(s->select) : "SELECT COUNT(*)");
	list_from(q, l, pass);
	list_conds(q, s->conds, l->f);
	if (s->where)
		s->where(q, l);
	if (!pass)
		return;
	const char *order = l->order ? l->order : s->order;
	if (order)
		qb_sql(q, order);
	if (l->order_arg)
		qb_text(q, l->order_arg);
	if (l->page_size > 0) {
		qb_sql(q, " LIMIT ? OFFSET ?");
		qb_int(q, l->page_size);
		qb_int(q, (l->page - 1) * l->page_size);
	}
}

int store_list_run(struct db *c, struct store_list *l, int64_t *total)
{
	*total = 0;
	if (l->q->begin)
		l->q->begin(l);
	if (l->page < 1)
		l->page = 1;
	return qb_count_page(c, list_build, store_list_row, l, total);
}

int store_list_page(struct db *c, const struct store_query *s, const struct principal *p,
                    const void *f, int64_t page, int64_t page_size, entity_row_fn fn, void *ctx,
                    int64_t *total)
{
	struct store_list l = {
	    .q = s, .p = p, .f = f, .page = page, .page_size = page_size, .fn = fn, .ctx = ctx};
	return store_list_run(c, &l, total);
}

int store_list_one(struct db *c, struct qb *q, struct store_list *l, struct arena *a,
                   struct yq_err *e)
{
	const struct store_query *s = l->q;
	int rc = qb_one(q, c, store_list_row, a, l);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL,
		               s->missing_zh ? s->missing_zh : s->en->missing_zh,
		               s->missing_en ? s->missing_en : s->en->missing_en);
	return 0;
}

int store_list_read(struct db *c, struct store_list *l, int64_t id, struct arena *a,
                    struct yq_err *e)
{
	struct qb q;
	if (l->q->begin)
		l->q->begin(l);
	qb_init(&q, sql_of(l->q->select));
	list_from(&q, l, 1);
	qb_sql(&q, " AND ");
	qb_sql(&q, l->q->en->alias);
	qb_sql(&q, ".id = ?");
	qb_int(&q, id);
	return store_list_one(c, &q, l, a, e);
}

int store_list_get(struct db *c, const struct store_query *s, const struct principal *p, int64_t id,
                   struct arena *a, void *out, struct yq_err *e)
{
	struct store_list l = {.q = s, .p = p, .out = out};
	return store_list_read(c, &l, id, a, e);
}
