/* Recording and replaying the benchmark's statements (see capture.h). */
#include "capture.h"
#include "project/project.h"
#include "project/project_stats.h"
#include "enterprise/enterprise.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/log.h"
#include "ticket/ticket_store.h"
#include "ticket/ticket_summary.h"
#include "work/timeline.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
int replay(struct db *c, const struct scenario *s, long *rows, row_fn row, void *ctx)
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
			if (row) {
				row(ctx, st);
			} else {
				int nc = db_col_count(st);
				for (int col = 0; col < nc; col++)
					(void)db_col_text(st, col);
			}
			(*rows)++;
		}
		db_reset(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int bench_opt(struct bench_opts *o, const char *k, const char *v)
{
	if (strcmp(k, "--db") == 0)
		o->url = v;
	else if (strcmp(k, "--zone") == 0)
		o->zone = strtoll(v, NULL, 10);
	else if (strcmp(k, "--dept") == 0)
		o->dept = strtoll(v, NULL, 10);
	else if (strcmp(k, "--ticket") == 0)
		o->ticket = strtoll(v, NULL, 10);
	else if (strcmp(k, "--year") == 0)
		o->year = (int)strtol(v, NULL, 10);
	else if (strcmp(k, "--threads") == 0)
		o->threads = (int)strtol(v, NULL, 10);
	else
		return 0;
	return 1;
}

struct db *bench_open(struct bench_opts *o, const char *tool, struct db_pool **pool)
{
	if (!o->year) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		o->year = tm.tm_year + 1900;
	}
	log_set_level(LOG_WARN);
	char err[256];
	if (db_pool_new(o->url, pool, err, sizeof err) < 0) {
		fprintf(stderr, "%s: %s\n", tool, err);
		return NULL;
	}
	struct db *c = db_pool_reader(*pool);
	if (!c) {
		fprintf(stderr, "%s: cannot open the database\n", tool);
		db_pool_free(*pool);
	}
	return c;
}

void capture_begin(struct scenario *s)
{
	recording = s;
	db_step_hook = record;
}

void capture_end(void)
{
	recording = NULL;
	db_step_hook = NULL;
}

void scenario_free(struct scenario *s)
{
	for (int k = 0; k < s->n; k++) {
		free(s->st[k].sql);
		for (int j = 0; j < s->st[k].n; j++)
			free(s->st[k].p[j].text);
	}
	s->n = 0;
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

static void no_project(void *ctx, const struct project *p)
{
	(void)ctx;
	(void)p;
}

/* Runs the store call for scenario `i` as the HTTP handler would, recording its statements. */
int capture(struct db *c, const struct principal *p, int i, int64_t dept, int64_t ticket, int year,
            struct scenario *s)
{
	struct yq_err e = {0};
	struct arena a = ARENA_INIT;
	int64_t total = 0;
	int rc = -1;
	capture_begin(s);
	switch (i) {
	case 0: {
		struct ticket_filter f = {.status = "open",
		                          .dept_id = dept,
		                          .sort = "due_resolve",
		                          .page = 1,
		                          .page_size = 20};
		s->name = "tickets_dept_open";
		rc = ticket_list(c, p, &f, no_ticket, NULL, &total, NULL);
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
	case 3:
	case 6:
	case 7: {
		/* 贷款 is in about one request in ten, 园区 (zone) in every one, 龘 in none */
		struct ticket_filter f = {.q = i == 3   ? "贷款"
		                               : i == 6 ? "园区"
		                                        : "龘",
		                          .page = 1,
		                          .page_size = 20};
		s->name = i == 3   ? "tickets_search_2char"
		          : i == 6 ? "tickets_search_all"
		                   : "tickets_search_none";
		rc = ticket_list(c, p, &f, no_ticket, NULL, &total, NULL);
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
		/* the zone's summaries as the server's first read leaves them (built), not recorded
		 */
		capture_end();
		if (db_begin(c, 1) < 0 || ticket_summary_rebuild(c, p->zone_id, NULL) < 0 ||
		    db_commit(c) < 0) {
			db_rollback(c);
			fprintf(stderr, "raw: cannot build the statistics summaries\n");
		}
		capture_begin(s);
		rc = ticket_stats(c, p, from, to, "dept", &st, &e);
		if (rc >= 0)
			ticket_stats_release(&st);
		break;
	}
	case 8: {
		/* the dispatch list, largest first: GET /api/projects?stage=dispatched&sort=amount */
		struct proj_filter f = {.stage = "dispatched", .sort = "amount", .page = 1, .page_size = 20};
		s->name = "projects_filtered";
		rc = proj_list(c, p, &f, no_project, NULL, &total);
		break;
	}
	case 9: {
		struct proj_stats st;
		s->name = "projects_stats_year";
		rc = proj_stats(c, p, year, &st, &e);
		break;
	}
	case 10: {
		char week[16], end[11];
		int n = 0;
		struct proj_board_row *rows = arena_alloc(&a, sizeof *rows * PROJ_BOARD_MAX);
		snprintf(week, sizeof week, "%04d-W20", year % 10000);
		s->name = "projects_leaderboard";
		rc = rows ? proj_leaderboard(c, p, week, 0, &a, rows, &n, end, &e) : -1;
		break;
	}
	}
	capture_end();
	arena_release(&a);
	if (rc < 0 || !s->n || s->overflow) {
		fprintf(stderr, "raw: %s: the store call failed (%s) or ran %d statements\n",
		        s->name ? s->name : "?", e.message_en ? e.message_en : "database error",
		        s->n);
		return -1;
	}
	return 0;
}
