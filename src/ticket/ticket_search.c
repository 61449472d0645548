/* Full-text search of requests on both engines (see ticket_search.h). */
#include "ticket/ticket_search.h"
#include "db/fts_sqlite.h"
#include "db/qb.h"
#include "lib/alloc.h"
#include "lib/cjk_tok.h"
#include "lib/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_TITLE[] =
    "SELECT title, description, answer, zone_id FROM ticket WHERE id = ?";
static const char SQL_REPLIES[] =
    "SELECT body FROM work_event WHERE kind = 'ticket' AND ref_id = ? AND internal = 0 AND "
    "action IN ('reply', 'supply') ORDER BY id";
static const char SQL_FTS_DELETE[] = "DELETE FROM ticket_fts WHERE rowid = ?";
static const char SQL_FTS_INSERT[] = "INSERT INTO ticket_fts (rowid, title, body) VALUES (?, ?, ?)";
static const char SQL_PG_UPSERT[] =
    "INSERT INTO ticket_search (ticket_id, tokens) VALUES (?, CAST(? AS TEXT[])) ON CONFLICT "
    "(ticket_id) DO UPDATE SET tokens = excluded.tokens";

/* The rowid of a request in the SQLite index: its zone in the high 32 bits (0015). */
#define ZONE_KEY(zone) ((int64_t)(zone)*4294967296LL)

/* Collects tokens, each qualified by its zone ("17:贷款"), into a sorted, de-duplicated array
 * literal {"a","b"}. */
struct tokset {
	char **toks;
	size_t n, cap;
	int failed;
	char zone[24]; /* "17:" */
};

static int collect(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct tokset *t = ctx;
	(void)start;
	(void)end;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		if (cap > 200000) {
			t->failed = 1;
			return 1; /* stop: a document this long is indexed by its first tokens */
		}
		char **p = yq_realloc(t->toks, cap * sizeof *p);
		if (!p) {
			t->failed = 1;
			return 1;
		}
		t->toks = p;
		t->cap = cap;
	}
	size_t zl = strlen(t->zone);
	char *s = yq_malloc(zl + len + 1);
	if (!s) {
		t->failed = 1;
		return 1;
	}
	memcpy(s, t->zone, zl);
	memcpy(s + zl, tok, len);
	s[zl + len] = 0;
	t->toks[t->n++] = s;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void tokset_literal(struct tokset *t, struct strbuf *out)
{
	qsort(t->toks, t->n, sizeof *t->toks, cmp_str);
	strbuf_addch(out, '{');
	size_t w = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (i && strcmp(t->toks[i], t->toks[i - 1]) == 0)
			continue;
		/* tokens are a zone number and Han characters or [a-z0-9] words: nothing to escape
		 */
		strbuf_addf(out, "%s\"%s\"", w++ ? "," : "", t->toks[i]);
	}
	strbuf_addch(out, '}');
}

static void tokset_free(struct tokset *t)
{
	for (size_t i = 0; i < t->n; i++)
		yq_free(t->toks[i]);
	yq_free(t->toks);
}

int ticket_search_index(struct db *tx, int64_t id)
{
	struct strbuf title = STRBUF_INIT(4096), body = STRBUF_INIT(1u << 20);
	struct db_stmt *st = db_prepare(tx, SQL_TITLE);
	int rc = DB_ERR;
	int64_t zone = 0;
	if (!st)
		goto out;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		strbuf_adds(&title, db_col_text(st, 0));
		strbuf_adds(&body, db_col_text(st, 1));
		strbuf_addch(&body, '\n');
		strbuf_adds(&body, db_col_text(st, 2));
		zone = db_col_int(st, 3);
	}
	db_reset(st);
	if (rc != DB_ROW)
		goto out;
	if (!(st = db_prepare(tx, SQL_REPLIES))) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		strbuf_addch(&body, '\n');
		strbuf_adds(&body, db_col_text(st, 0));
	}
	db_reset(st);
	if (rc < 0)
		goto out;
	body.failed = 0; /* an over-long body is indexed by its first megabyte */
	if (db_engine_of(tx) == DB_SQLITE) {
		if (!(st = db_prepare(tx, SQL_FTS_DELETE))) {
			rc = DB_ERR;
			goto out;
		}
		db_bind_int(st, 1, ZONE_KEY(zone) + id);
		if ((rc = db_run(st)) < 0 || !(st = db_prepare(tx, SQL_FTS_INSERT))) {
			rc = rc < 0 ? rc : DB_ERR;
			goto out;
		}
		db_bind_args(st,
		             DB_ARGS(DB_I(ZONE_KEY(zone) + id), DB_T(title.buf ? title.buf : ""),
		                     DB_T(body.buf ? body.buf : "")));
		rc = db_run(st);
	} else {
		struct tokset ts = {0};
		struct strbuf lit = STRBUF_INIT(8u << 20);
		snprintf(ts.zone, sizeof ts.zone, "%lld:", (long long)zone);
		cjk_tokenize(title.buf ? title.buf : "", title.len, collect, &ts);
		cjk_tokenize(body.buf ? body.buf : "", body.len, collect, &ts);
		tokset_literal(&ts, &lit);
		tokset_free(&ts);
		if (lit.failed || !(st = db_prepare(tx, SQL_PG_UPSERT))) {
			strbuf_release(&lit);
			rc = DB_ERR;
			goto out;
		}
		db_bind_args(st, DB_ARGS(DB_I(id), DB_T(lit.buf)));
		rc = db_run(st);
		strbuf_release(&lit);
	}
out:
	strbuf_release(&title);
	strbuf_release(&body);
	return rc < 0 ? rc : DB_OK;
}

int ticket_search_param(struct db *c, int64_t zone_id, const char *q, struct strbuf *out)
{
	size_t n = strlen(q);
	int r;
	if (db_engine_of(c) == DB_SQLITE) {
		char *buf = yq_malloc(FTS_MATCH_EXPR_SIZE(n));
		if (!buf)
			return -1;
		r = fts_sqlite_match_expr(q, buf, FTS_MATCH_EXPR_SIZE(n));
		if (r == 0)
			strbuf_adds(out, buf);
		yq_free(buf);
	} else {
		struct tokset ts = {0};
		snprintf(ts.zone, sizeof ts.zone, "%lld:", (long long)zone_id);
		cjk_query_tokens(q, n, collect, &ts);
		r = ts.n && !ts.failed ? 0 : -1;
		if (r == 0)
			tokset_literal(&ts, out);
		tokset_free(&ts);
	}
	return r == 0 && !out->failed ? 0 : -1;
}

/* The match of the zone's index: the FTS table or the token table is `f`. */
static void match_cond(struct db *c, struct qb *q, int64_t zone, const char *match)
{
	if (db_engine_of(c) == DB_SQLITE) {
		qb_sql(q, "f.ticket_fts MATCH ? AND f.rowid BETWEEN ? AND ?");
		qb_text(q, match);
		qb_int(q, ZONE_KEY(zone));
		qb_int(q, ZONE_KEY(zone) + 4294967295LL);
	} else {
		qb_sql(q, "f.tokens @> CAST(? AS TEXT[])");
		qb_text(q, match);
	}
}

void ticket_search_where(struct db *c, struct qb *q, int64_t zone, const char *match,
                         const char *text)
{
	int lite = db_engine_of(c) == DB_SQLITE;
	qb_sql(q, lite ? " AND t.id IN (SELECT f.rowid - ? FROM ticket_fts f WHERE "
	               : " AND t.id IN (SELECT f.ticket_id FROM ticket_search f WHERE ");
	if (lite)
		qb_int(q, ZONE_KEY(zone));
	match_cond(c, q, zone, match);
	qb_sql(q, " UNION ALL SELECT id FROM ticket WHERE zone_id = ? AND no = ?)");
	qb_int(q, zone);
	qb_text(q, text);
}

void ticket_search_count(struct db *c, struct qb *q, int64_t zone, const char *match)
{
	qb_sql(q, db_engine_of(c) == DB_SQLITE ? " FROM ticket_fts f WHERE "
	                                       : " FROM ticket_search f WHERE ");
	match_cond(c, q, zone, match);
}

const char *ticket_search_lead(struct db *c)
{
	return db_engine_of(c) == DB_SQLITE ? "ticket_fts f CROSS JOIN "
	                                    : "ticket_search f CROSS JOIN ";
}

void ticket_search_join(struct db *c, struct qb *q, int64_t zone, const char *match)
{
	if (db_engine_of(c) == DB_SQLITE) {
		qb_sql(q, " AND t.id = f.rowid - ? AND ");
		qb_int(q, ZONE_KEY(zone));
	} else {
		qb_sql(q, " AND t.id = f.ticket_id AND ");
	}
	match_cond(c, q, zone, match);
}

int ticket_search_walks(struct db *c, int few)
{
	return db_engine_of(c) != DB_SQLITE && !few;
}

void ticket_search_walk(struct qb *q, const char *match)
{
	/* a scalar subquery is never turned into a join: PostgreSQL tests it row by row as it
	 * walks the zone newest first, and stops at the page's end (as a join, it believed the
	 * zone-qualified tokens and the zone independent, expected a few dozen matches and read
	 * them all) */
	qb_sql(q, " AND (SELECT f.tokens @> CAST(? AS TEXT[]) FROM ticket_search f WHERE "
	          "f.ticket_id = t.id)");
	qb_text(q, match);
}

const char *ticket_search_order(struct db *c, int few)
{
	if (db_engine_of(c) == DB_SQLITE)
		return " ORDER BY f.rowid DESC";
	/* PostgreSQL: many matches are met soon walking the zone's requests newest first
	 * (ticket_zone_created backwards); a few are fetched from the GIN index and sorted (the
	 * + 0 keeps the planner off the walk, which would cross the whole zone to find them) */
	return few ? " ORDER BY t.created_at + 0 DESC, t.id DESC"
	           : " ORDER BY t.created_at DESC, t.id DESC";
}

const char *ticket_search_page_order(struct db *c)
{
	return db_engine_of(c) == DB_SQLITE ? " ORDER BY t.id DESC"
	                                    : " ORDER BY t.created_at DESC, t.id DESC";
}

/* The first query token, for locating and marking matches. */
struct first_tok {
	char tok[80];
	int found;
};

static int take_first(void *ctx, const char *tok, size_t len, int start, int end)
{
	struct first_tok *f = ctx;
	(void)start;
	(void)end;
	if (len >= sizeof f->tok)
		len = sizeof f->tok - 1;
	memcpy(f->tok, tok, len);
	f->tok[len] = 0;
	f->found = 1;
	return 1;
}

void ticket_search_snippet(const char *text, const char *q, size_t max_chars, struct strbuf *out)
{
	struct first_tok f = {0};
	cjk_query_tokens(q, strlen(q), take_first, &f);
	size_t n = strlen(text);
	const char *hit = f.found ? strcasestr(text, f.tok) : NULL;
	/* start a few characters before the hit, on a character boundary */
	const char *start = text;
	if (hit) {
		start = hit;
		for (int k = 0; k < 12 && start > text; k++) {
			start--;
			while (start > text && ((unsigned char)*start & 0xc0) == 0x80)
				start--;
		}
	}
	if (start > text)
		strbuf_adds(out, "…");
	size_t chars = 0;
	const char *p = start, *end = text + n;
	size_t tl = f.found ? strlen(f.tok) : 0;
	while (p < end && chars < max_chars) {
		if (tl && (size_t)(end - p) >= tl && strncasecmp(p, f.tok, tl) == 0) {
			strbuf_adds(out, "<mark>");
			strbuf_add_html(out, p, tl);
			strbuf_adds(out, "</mark>");
			p += tl;
			chars += utf8_count(f.tok);
			continue;
		}
		size_t cl = 1;
		while (p + cl < end && ((unsigned char)p[cl] & 0xc0) == 0x80)
			cl++;
		strbuf_add_html(out, p, cl);
		p += cl;
		chars++;
	}
	if (p < end)
		strbuf_adds(out, "…");
}
