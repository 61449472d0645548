/* bench/raw: the database's own limit for the reads `make bench` times over HTTP.
 *
 * For each read (a department's open requests, one request with its timeline, the enterprise
 * list with filters and its plain first page, a two-character search, the zone-year statistics) it
 * calls the store function the HTTP handler calls, once, as the zone's administrator, and records
 * every statement the store runs with its bound parameters (db_step_hook). It then replays exactly
 * those statements as prepared statements through the same driver (src/db: sqlite3 or libpq,
 * one pooled connection per thread, as the server has) on THREADS threads for SECONDS seconds
 * (after an unmeasured warm-up):
 * bind, step every row, read every column as text, reset. What the replay leaves out is what
 * the server adds: HTTP, the session lookup, JSON and the computation in C (the statistics'
 * working-time arithmetic).
 *
 * usage: raw --db URL [--zone Z] [--dept D] [--ticket T] [--year YYYY] [--seconds S]
 *            [--threads N] [--warmup S] [--only NAME] [--show 1]
 * (--warmup: seconds each read runs unmeasured first, default 1)
 * (--show 1 prints the recorded statements and their parameters to stderr)
 * prints one line per read:
 *   RAW name=tickets_dept_open qps=… p50_ms=… p99_ms=… stmts=2 rows=21 errors=0
 */
#include "db/db.h"
#include "db/db_int.h"
#include "enterprise/enterprise.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "ticket/ticket_store.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_STMTS 32

struct rec_stmt {
	char *sql;
	int n;
	struct db_param p[DB_MAX_PARAMS];
};

struct scenario {
	const char *name;
	struct rec_stmt st[MAX_STMTS];
	int n, overflow;
};

static struct scenario *recording;

static void record(struct db_stmt *st)
{
	struct scenario *s = recording;
	if (!s)
		return;
	if (s->n >= MAX_STMTS) {
		s->overflow = 1;
		return;
	}
	struct rec_stmt *r = &s->st[s->n++];
	r->sql = strdup(st->key);
	r->n = st->nparams;
	for (int i = 0; i < st->nparams; i++) {
		r->p[i] = st->params[i];
		r->p[i].text = st->params[i].text ? strdup(st->params[i].text) : NULL;
	}
}

/* Runs the recorded statements once; adds the rows read. Returns 0 or -1. */
static int replay(struct db *c, const struct scenario *s, long *rows)
{
	for (int k = 0; k < s->n; k++) {
		const struct rec_stmt *r = &s->st[k];
		struct db_stmt *st = db_prepare(c, r->sql);
		if (!st)
			return -1;
		for (int i = 0; i < r->n; i++) {
			const struct db_param *p = &r->p[i];
			switch (p->kind) {
			case 'i':
				db_bind_int(st, i + 1, p->i);
				break;
			case 'd':
				db_bind_double(st, i + 1, p->d);
				break;
			case 't':
				db_bind_text(st, i + 1, p->text);
				break;
			default:
				db_bind_null(st, i + 1);
			}
		}
		int rc;
		while ((rc = db_step(st)) == DB_ROW) {
			int nc = db_col_count(st);
			for (int col = 0; col < nc; col++)
				(void)db_col_text(st, col);
			(*rows)++;
		}
		db_reset(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

struct worker {
	pthread_t th;
	struct db_pool *pool;
	const struct scenario *s;
	int64_t until_us;
	int64_t *lat; /* microseconds per execution */
	size_t n, cap;
	long errors, rows;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct db *c = db_pool_reader(w->pool);
	if (!c) {
		w->errors++;
		return NULL;
	}
	for (;;) {
		int64_t t0 = now_mono_us();
		if (t0 >= w->until_us)
			break;
		if (replay(c, w->s, &w->rows) < 0)
			w->errors++;
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 4096;
			int64_t *p = realloc(w->lat, cap * sizeof *p);
			if (!p)
				break;
			w->lat = p;
			w->cap = cap;
		}
		w->lat[w->n++] = now_mono_us() - t0;
	}
	return NULL;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Runs s on `threads` threads for `seconds`; prints the line unless quiet (the warm-up). */
static void run(struct db_pool *pool, const struct scenario *s, int threads, double seconds,
                int quiet)
{
	struct worker w[64];
	memset(w, 0, sizeof w);
	int64_t t0 = now_mono_us(), until = t0 + (int64_t)(seconds * 1e6);
	for (int i = 0; i < threads; i++) {
		w[i].pool = pool;
		w[i].s = s;
		w[i].until_us = until;
		pthread_create(&w[i].th, NULL, work, &w[i]);
	}
	size_t total = 0;
	long errors = 0, rows = 0;
	for (int i = 0; i < threads; i++) {
		pthread_join(w[i].th, NULL);
		total += w[i].n;
		errors += w[i].errors;
		rows += w[i].rows;
	}
	double elapsed = (double)(now_mono_us() - t0) / 1e6;
	int64_t *all = malloc((total ? total : 1) * sizeof *all);
	size_t k = 0;
	for (int i = 0; i < threads; i++) {
		if (all && w[i].n)
			memcpy(all + k, w[i].lat, w[i].n * sizeof *all);
		k += w[i].n;
		free(w[i].lat);
	}
	double p50 = 0, p99 = 0;
	if (all && total) {
		qsort(all, total, sizeof *all, cmp_i64);
		p50 = (double)all[(total - 1) * 50 / 100] / 1000.0;
		p99 = (double)all[(total - 1) * 99 / 100] / 1000.0;
	}
	free(all);
	if (quiet)
		return;
	printf("RAW name=%s qps=%.0f p50_ms=%.3f p99_ms=%.3f stmts=%d rows=%ld errors=%ld\n",
	       s->name, (double)total / elapsed, p50, p99, s->n, total ? rows / (long)total : 0,
	       errors);
	fflush(stdout);
}

static void no_ticket(void *ctx, const struct ticket *t)
{
	(void)ctx;
	(void)t;
}

static void no_event(void *ctx, const struct work_event *ev)
{
	(void)ctx;
	(void)ev;
}

static void no_ent(void *ctx, const struct enterprise *e)
{
	(void)ctx;
	(void)e;
}

/* Runs the store call for scenario `i` as the HTTP handler would, recording its statements. */
static int capture(struct db *c, const struct principal *p, int i, int64_t dept, int64_t ticket,
                   int year, struct scenario *s)
{
	struct yq_err e = {0};
	struct arena a = ARENA_INIT;
	int64_t total = 0;
	int rc = -1;
	recording = s;
	switch (i) {
	case 0: {
		struct ticket_filter f = {.status = "open",
		                          .dept_id = dept,
		                          .sort = "due_resolve",
		                          .page = 1,
		                          .page_size = 20};
		s->name = "tickets_dept_open";
		rc = ticket_list(c, p, &f, no_ticket, NULL, &total);
		break;
	}
	case 1: {
		struct ticket t;
		s->name = "ticket_get";
		rc = ticket_get(c, p, ticket, &a, &t, &e);
		if (rc >= 0)
			rc = work_timeline_rows(c, p, &ticket_kind, ticket, no_event, NULL, &e);
		break;
	}
	case 2: {
		struct ent_filter f = {.q = "光电",
		                       .industry = "C",
		                       .flag = (int)ent_flag_from_name("above_size"),
		                       .sort = "-registered_capital",
		                       .page = 1,
		                       .page_size = 20};
		s->name = "enterprises_filtered";
		rc = ent_list(c, p, &f, no_ent, NULL, &total);
		break;
	}
	case 5: {
		struct ent_filter f = {.flag = -1, .page = 1, .page_size = 20};
		s->name = "enterprises_page";
		rc = ent_list(c, p, &f, no_ent, NULL, &total);
		break;
	}
	case 3: {
		struct ticket_filter f = {.q = "贷款", .page = 1, .page_size = 20};
		s->name = "tickets_search_2char";
		rc = ticket_list(c, p, &f, no_ticket, NULL, &total);
		break;
	}
	case 4: {
		/* from/to as the handler reads them: China Standard Time days, `to` exclusive */
		char d[16];
		struct tm tm = {0};
		snprintf(d, sizeof d, "%04d-01-01", year % 10000);
		strptime(d, "%Y-%m-%d", &tm);
		int64_t from = (int64_t)timegm(&tm) - 8 * 3600;
		snprintf(d, sizeof d, "%04d-12-31", year % 10000);
		memset(&tm, 0, sizeof tm);
		strptime(d, "%Y-%m-%d", &tm);
		int64_t to = (int64_t)timegm(&tm) - 8 * 3600 + 86400;
		struct ticket_stats st;
		s->name = "tickets_stats_year";
		rc = ticket_stats(c, p, from, to, "dept", &st, &e);
		if (rc >= 0)
			ticket_stats_release(&st);
		break;
	}
	}
	recording = NULL;
	arena_release(&a);
	if (rc < 0 || !s->n || s->overflow) {
		fprintf(stderr, "raw: %s: the store call failed (%s) or ran %d statements\n",
		        s->name ? s->name : "?", e.message_en ? e.message_en : "database error",
		        s->n);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *url = NULL, *only = NULL;
	int show = 0;
	int64_t zone = 1, dept = 0, ticket = 1;
	int threads = 2, year = 0;
	double seconds = 10, warmup = 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--db") == 0)
			url = v;
		else if (strcmp(k, "--zone") == 0)
			zone = strtoll(v, NULL, 10);
		else if (strcmp(k, "--dept") == 0)
			dept = strtoll(v, NULL, 10);
		else if (strcmp(k, "--ticket") == 0)
			ticket = strtoll(v, NULL, 10);
		else if (strcmp(k, "--year") == 0)
			year = (int)strtol(v, NULL, 10);
		else if (strcmp(k, "--seconds") == 0)
			seconds = strtod(v, NULL);
		else if (strcmp(k, "--threads") == 0)
			threads = (int)strtol(v, NULL, 10);
		else if (strcmp(k, "--only") == 0)
			only = v;
		else if (strcmp(k, "--warmup") == 0)
			warmup = strtod(v, NULL);
		else if (strcmp(k, "--show") == 0)
			show = (int)strtol(v, NULL, 10);
		else
			url = NULL, i = argc;
	}
	if (!url || threads < 1 || threads > 64 || seconds <= 0) {
		fprintf(stderr,
		        "usage: raw --db URL [--zone Z] [--dept D] [--ticket T] [--year YYYY] "
		        "[--seconds S] [--threads N] [--warmup S] [--only NAME] [--show 1]\n");
		return 2;
	}
	if (!year) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	log_set_level(LOG_WARN);
	struct db_pool *pool;
	char err[256];
	if (db_pool_new(url, &pool, err, sizeof err) < 0) {
		fprintf(stderr, "raw: %s\n", err);
		return 1;
	}
	struct db *c = db_pool_reader(pool);
	if (!c) {
		fprintf(stderr, "raw: cannot open the database\n");
		db_pool_free(pool);
		return 1;
	}
	struct principal p;
	org_cli_principal(&p, zone);
	static struct scenario sc[6];
	int ret = 0;
	db_step_hook = record;
	for (int i = 0; i < 6; i++)
		if (capture(c, &p, i, dept, ticket, year, &sc[i]) < 0)
			ret = 1;
	db_step_hook = NULL;
	for (int i = 0; i < 6; i++) {
		if (!sc[i].n || (only && strcmp(only, sc[i].name)))
			continue;
		for (int k = 0; show && k < sc[i].n; k++) {
			fprintf(stderr, "%s [%d]: %s\n  params:", sc[i].name, k, sc[i].st[k].sql);
			for (int j = 0; j < sc[i].st[k].n; j++) {
				const struct db_param *q = &sc[i].st[k].p[j];
				if (q->kind == 'i')
					fprintf(stderr, " %lld", (long long)q->i);
				else if (q->kind == 'd')
					fprintf(stderr, " %g", q->d);
				else if (q->kind == 't')
					fprintf(stderr, " '%s'", q->text);
				else
					fprintf(stderr, " NULL");
			}
			fprintf(stderr, "\n");
		}
		if (warmup > 0)
			run(pool, &sc[i], threads, warmup, 1);
		run(pool, &sc[i], threads, seconds, 0);
	}
	for (int i = 0; i < 6; i++)
		for (int k = 0; k < sc[i].n; k++) {
			free(sc[i].st[k].sql);
			for (int j = 0; j < sc[i].st[k].n; j++)
				free(sc[i].st[k].p[j].text);
		}
	db_pool_free(pool);
	return ret;
}
