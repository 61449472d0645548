/* Statements assembled from constant fragments (see qb.h). */
#include "db/qb.h"
#include "lib/arena.h"
#include <stdio.h>

void qb_init(struct qb *q, const char *head)
{
	strbuf_init(&q->sql, 64 * 1024);
	q->n = 0;
	q->failed = 0;
	strbuf_adds(&q->sql, head);
}

void qb_sql(struct qb *q, const char *fragment)
{
	strbuf_adds(&q->sql, fragment);
}

void qb_ids(struct qb *q, const int64_t *ids, size_t n)
{
	char num[24];
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%s%lld", i ? "," : "", (long long)ids[i]);
		qb_sql(q, num);
	}
}

void qb_int(struct qb *q, int64_t v)
{
	if (q->n >= QB_MAX_PARAMS) {
		q->failed = 1;
		return;
	}
	q->p[q->n].kind = 'i';
	q->p[q->n++].i = v;
}

void qb_text(struct qb *q, const char *s)
{
	if (q->n >= QB_MAX_PARAMS) {
		q->failed = 1;
		return;
	}
	q->p[q->n].kind = 't';
	q->p[q->n++].t = s;
}

const char *qb_text_of(const struct qb *q)
{
	return q->failed || q->sql.failed ? NULL : q->sql.buf;
}

int qb_bind(const struct qb *q, struct db_stmt *st, int start)
{
	for (int k = 0; k < q->n; k++) {
		if (q->p[k].kind == 'i')
			db_bind_int(st, start + k, q->p[k].i);
		else
			db_bind_text(st, start + k, q->p[k].t);
	}
	return start + q->n;
}

struct db_stmt *qb_prepare(const struct qb *q, struct db *c)
{
	struct db_stmt *st = qb_text_of(q) ? db_prepare(c, qb_text_of(q)) : NULL;
	if (st)
		qb_bind(q, st, 1);
	return st;
}

int qb_count(const struct qb *q, struct db *c, int64_t *total)
{
	struct db_stmt *st = qb_prepare(q, c);
	*total = 0;
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

void qb_release(struct qb *q)
{
	strbuf_release(&q->sql);
}

int qb_count_page(struct db *c, qb_build_fn build, qb_row_fn row, void *ctx, int64_t *total)
{
	*total = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct qb q;
		build(&q, pass, ctx);
		struct db_stmt *st = qb_prepare(&q, c);
		int rc = DB_ERR;
		if (st) {
			struct arena a = ARENA_INIT;
			while ((rc = db_step(st)) == DB_ROW) {
				if (!pass) {
					*total = db_col_int(st, 0);
					continue;
				}
				arena_reset(&a);
				row(st, &a, ctx);
			}
			db_reset(st);
			arena_release(&a);
		}
		qb_release(&q);
		if (rc < 0)
			return rc;
	}
	return DB_OK;
}

int qb_one(struct qb *q, struct db *c, qb_row_fn row, struct arena *a, void *ctx)
{
	struct db_stmt *st = qb_prepare(q, c);
	int rc = DB_ERR;
	if (st) {
		if ((rc = db_step(st)) == DB_ROW)
			row(st, a, ctx);
		db_reset(st);
	}
	qb_release(q);
	return rc;
}

void qb_add(struct qb *q, const struct qb *src)
{
	strbuf_adds(&q->sql, src->sql.buf ? src->sql.buf : "");
	if (src->failed || src->sql.failed)
		q->failed = 1;
	for (int k = 0; k < src->n; k++) {
		if (q->n >= QB_MAX_PARAMS) {
			q->failed = 1;
			return;
		}
		q->p[q->n++] = src->p[k];
	}
}
