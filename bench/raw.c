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
#include "capture.h"
#include "db/db.h"
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
		if (replay(c, w->s, &w->rows, NULL, NULL) < 0)
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

int main(int argc, char **argv)
{
	const char *only = NULL;
	int show = 0;
	struct bench_opts o = {.zone = 1, .ticket = 1, .threads = 2};
	double seconds = 10, warmup = 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (bench_opt(&o, k, v))
			continue;
		if (strcmp(k, "--seconds") == 0)
			seconds = strtod(v, NULL);
		else if (strcmp(k, "--only") == 0)
			only = v;
		else if (strcmp(k, "--warmup") == 0)
			warmup = strtod(v, NULL);
		else if (strcmp(k, "--show") == 0)
			show = (int)strtol(v, NULL, 10);
		else
			o.url = NULL, i = argc;
	}
	if (!o.url || o.threads < 1 || o.threads > 64 || seconds <= 0) {
		fprintf(stderr,
		        "usage: raw --db URL [--zone Z] [--dept D] [--ticket T] [--year YYYY] "
		        "[--seconds S] [--threads N] [--warmup S] [--only NAME] [--show 1]\n");
		return 2;
	}
	struct db_pool *pool;
	struct db *c = bench_open(&o, "raw", &pool);
	if (!c)
		return 1;
	struct principal p;
	org_cli_principal(&p, o.zone);
	static struct scenario sc[N_SCENARIOS];
	int ret = 0;
	for (int i = 0; i < N_SCENARIOS; i++)
		if (capture(c, &p, i, o.dept, o.ticket, o.year, &sc[i]) < 0)
			ret = 1;
	for (int i = 0; i < N_SCENARIOS; i++) {
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
			run(pool, &sc[i], o.threads, warmup, 1);
		run(pool, &sc[i], o.threads, seconds, 0);
	}
	for (int i = 0; i < N_SCENARIOS; i++)
		scenario_free(&sc[i]);
	db_pool_free(pool);
	return ret;
}
