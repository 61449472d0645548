/* PostgreSQL driver (libpq): statements prepared once per connection, parameters and results in
 * text format. */
#include "db/db_int.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pg_stmt {
	char name[24];
	char *sql;     /* the statement text in PostgreSQL syntax, to prepare it again */
	unsigned gen;  /* the connection generation it was prepared on (struct db.gen) */
	int plan_each; /* DB_PLAN_EACH: sent with its text at each execution, never prepared */
	PGresult *res; /* result of the current execution, NULL before the first step */
	int row;       /* current row, -1 before the first */
	int nrows;
	int64_t changes;
};

static void notice_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* Every session: UTF-8, times in UTC, and no parallel plans — the server answers many short
 * requests at once on a few cores, where starting workers for one query costs more time than
 * the query (a search's page: 8.8 ms with two workers, 4.3 without) and takes the cores the
 * other requests need. */
static const char SESSION_SETUP[] =
    "SET client_encoding='UTF8'; SET TIME ZONE 'UTC'; SET max_parallel_workers_per_gather = 0";

static int pg_open(struct db *c, const char *target, char *err, size_t errlen)
{
	PGconn *h = PQconnectdb(target);
	if (!h || PQstatus(h) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to postgres: %s",
		         h ? PQerrorMessage(h) : "out of memory");
		/* trim the newline libpq ends messages with */
		size_t n = strlen(err);
		while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
			err[--n] = 0;
		PQfinish(h);
		return -1;
	}
	PQsetNoticeProcessor(h, notice_quiet, NULL);
	PGresult *r = PQexec(h, SESSION_SETUP);
	PQclear(r);
	c->impl = h;
	return 0;
}

/* Reconnects with the same parameters. The server forgot every prepared statement with the old
 * session: bumping c->gen makes pg_step prepare each again on its next execution. */
static int pg_reconnect(struct db *c)
{
	PQreset(c->impl);
	c->gen++;
	if (PQstatus(c->impl) != CONNECTION_OK) {
		db_set_error(c, "%s", PQerrorMessage(c->impl));
		size_t n = strlen(c->errmsg);
		while (n && (c->errmsg[n - 1] == '\n' || c->errmsg[n - 1] == ' '))
			c->errmsg[--n] = 0;
		return -1;
	}
	PQclear(PQexec(c->impl, SESSION_SETUP));
	return 0;
}

static void pg_close(struct db *c)
{
	PQfinish(c->impl);
	c->impl = NULL;
}

static int map_result(struct db *c, PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	db_set_error(c, "%s", r ? PQresultErrorMessage(r) : PQerrorMessage(c->impl));
	size_t n = strlen(c->errmsg);
	while (n && c->errmsg[n - 1] == '\n')
		c->errmsg[--n] = 0;
	if (PQstatus(c->impl) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	if (state && strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	/* 08: connection, 53: insufficient resources, 57: operator intervention, 40001
	 * serialization */
	if (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
	              strncmp(state, "57", 2) == 0 || strcmp(state, "40001") == 0 ||
	              strcmp(state, "40P01") == 0))
		return DB_UNAVAILABLE;
	log_warn("db: postgres: %s", c->errmsg);
	return DB_ERR;
}

/* Prepares ps->sql under ps->name on the current session. 0 or a negative enum db_rc. */
static int pg_prepare_on_server(struct db *c, struct pg_stmt *ps)
{
	PGresult *r = PQprepare(c->impl, ps->name, ps->sql, 0, NULL);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = map_result(c, r);
		PQclear(r);
		return rc < 0 ? rc : DB_ERR;
	}
	PQclear(r);
	ps->gen = c->gen;
	return DB_OK;
}

static int pg_prepare(struct db *c, struct db_stmt *st, const char *sql)
{
	struct pg_stmt *ps = yq_calloc(1, sizeof *ps);
	if (!ps)
		return -1;
	snprintf(ps->name, sizeof ps->name, "s%u", ++c->stmt_seq);
	ps->sql = yq_strdup(sql);
	ps->plan_each = strncmp(sql, DB_PLAN_EACH, sizeof DB_PLAN_EACH - 1) == 0;
	int rc = !ps->sql ? DB_ERR : ps->plan_each ? DB_OK : pg_prepare_on_server(c, ps);
	if (rc < 0) {
		yq_free(ps->sql);
		yq_free(ps);
		return rc;
	}
	ps->row = -1;
	st->impl = ps;
	return 0;
}

static void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	if (!ps)
		return;
	PQclear(ps->res);
	/* the prepared statement itself dies with the connection; deallocate if it lives on */
	if (!ps->plan_each && st->conn->impl && ps->gen == st->conn->gen &&
	    PQstatus(st->conn->impl) == CONNECTION_OK &&
	    PQtransactionStatus(st->conn->impl) == PQTRANS_IDLE) {
		char q[48];
		snprintf(q, sizeof q, "DEALLOCATE %s", ps->name);
		PQclear(PQexec(st->conn->impl, q));
	}
	yq_free(ps->sql);
	yq_free(ps);
	st->impl = NULL;
}

/* The text form of st's parameters; nums holds the numbers' text. */
static void pg_values(struct db_stmt *st, const char **values, char (*nums)[32])
{
	for (int i = 0; i < st->nparams; i++) {
		struct db_param *p = &st->params[i];
		switch (p->kind) {
		case 'i':
			snprintf(nums[i], sizeof nums[i], "%lld", (long long)p->i);
			values[i] = nums[i];
			break;
		case 'd':
			snprintf(nums[i], sizeof nums[i], "%.17g", p->d);
			values[i] = nums[i];
			break;
		case 't':
			values[i] = p->text;
			break;
		default:
			values[i] = NULL;
		}
	}
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	if (!ps->res) {
		if (!ps->plan_each && ps->gen != st->conn->gen) {
			/* prepared on a session that is gone (see pg_reconnect) */
			int rc = pg_prepare_on_server(st->conn, ps);
			if (rc < 0)
				return rc;
		}
		const char *values[DB_MAX_PARAMS];
		char nums[DB_MAX_PARAMS][32];
		pg_values(st, values, nums);
		PGresult *r = ps->plan_each ? PQexecParams(st->conn->impl, ps->sql, st->nparams,
		                                           NULL, values, NULL, NULL, 0)
		                            : PQexecPrepared(st->conn->impl, ps->name, st->nparams,
		                                             values, NULL, NULL, 0);
		ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			int rc = map_result(st->conn, r);
			PQclear(r);
			return rc;
		}
		ps->res = r;
		ps->row = -1;
		ps->nrows = s == PGRES_TUPLES_OK ? PQntuples(r) : 0;
		const char *ct = PQcmdTuples(r);
		ps->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
	}
	if (ps->row + 1 < ps->nrows) {
		ps->row++;
		return DB_ROW;
	}
	ps->row = ps->nrows;
	return DB_DONE;
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	PQclear(ps->res);
	ps->res = NULL;
	ps->row = -1;
	ps->nrows = 0;
}

static int pg_col_is_null(struct db_stmt *st, int col)
{
	struct pg_stmt *ps = st->impl;
	if (!ps->res || ps->row < 0 || ps->row >= ps->nrows || col >= PQnfields(ps->res))
		return 1;
	return PQgetisnull(ps->res, ps->row, col);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	struct pg_stmt *ps = st->impl;
	if (pg_col_is_null(st, col))
		return NULL;
	return PQgetvalue(ps->res, ps->row, col);
}

static double pg_col_double(struct db_stmt *st, int col)
{
	const char *t = pg_col_text(st, col);
	return t ? strtod(t, NULL) : 0;
}

static int pg_col_count(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	return ps->res ? PQnfields(ps->res) : 0;
}

static int64_t pg_changes(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	return ps->changes;
}

static int pg_exec(struct db *c, const char *sql)
{
	PGresult *r = PQexec(c->impl, sql);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		int rc = map_result(c, r);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	return DB_OK;
}

/* A connection whose server went away (PostgreSQL restarted, the backend terminated) only shows
 * it when next used, as one more failed request. Between transactions nothing should arrive on
 * it: look without blocking, and report it broken when the server closed its end, so the pool
 * reconnects before a request uses it. */
static int pg_broken(struct db *c)
{
	PGconn *h = c->impl;
	if (PQstatus(h) != CONNECTION_OK)
		return 1;
	if (PQtransactionStatus(h) != PQTRANS_IDLE)
		return 0;
	for (int i = 0; i < 2; i++) {
		struct pollfd pfd = {.fd = PQsocket(h), .events = POLLIN | POLLRDHUP};
		if (pfd.fd < 0)
			return 1;
		if (poll(&pfd, 1, 0) <= 0)
			return 0;
		if (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))
			return 1;
		/* a message while idle (a notice, a parameter change): take it and look again */
		if (!PQconsumeInput(h))
			return 1;
		PQisBusy(h);
	}
	return PQstatus(h) != CONNECTION_OK;
}

/* Bulk mode: queues st in libpq's pipeline (entered on the first statement) without waiting. */
static int pg_send(struct db_stmt *st)
{
	struct pg_stmt *ps = st->impl;
	PGconn *h = st->conn->impl;
	if (!ps->plan_each && ps->gen != st->conn->gen) {
		/* prepared on a session that is gone (see pg_reconnect) */
		int rc = pg_prepare_on_server(st->conn, ps);
		if (rc < 0)
			return rc;
	}
	if (PQpipelineStatus(h) == PQ_PIPELINE_OFF && !PQenterPipelineMode(h))
		return map_result(st->conn, NULL);
	const char *values[DB_MAX_PARAMS];
	char nums[DB_MAX_PARAMS][32];
	pg_values(st, values, nums);
	if (!(ps->plan_each
	          ? PQsendQueryParams(h, ps->sql, st->nparams, NULL, values, NULL, NULL, 0)
	          : PQsendQueryPrepared(h, ps->name, st->nparams, values, NULL, NULL, 0)))
		return map_result(st->conn, NULL);
	return DB_OK;
}

/* Ends the pipeline: sends a Sync, reads every reply up to it and leaves pipeline mode. After an
 * error the server skips the rest of the pipeline; the first error is returned. */
static int pg_sync(struct db *c)
{
	PGconn *h = c->impl;
	if (PQpipelineStatus(h) == PQ_PIPELINE_OFF)
		return DB_OK;
	if (!PQpipelineSync(h))
		return map_result(c, NULL);
	int rc = DB_OK, nulls = 0;
	for (;;) {
		PGresult *r = PQgetResult(h);
		if (!r) {
			/* one NULL ends each statement's replies; more means the stream is broken
			 */
			if (PQstatus(h) != CONNECTION_OK || ++nulls > c->n_pending + 1) {
				if (rc == DB_OK)
					rc = map_result(c, NULL);
				return rc;
			}
			continue;
		}
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_PIPELINE_ABORTED &&
		    rc == DB_OK)
			rc = map_result(c, r);
		PQclear(r);
	}
	if (!PQexitPipelineMode(h) && rc == DB_OK)
		rc = map_result(c, NULL);
	return rc;
}

const struct db_driver db_pg_driver = {
    .engine = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .step = pg_step,
    .reset = pg_reset,
    .col_is_null = pg_col_is_null,
    .col_text = pg_col_text,
    .col_double = pg_col_double,
    .col_count = pg_col_count,
    .changes = pg_changes,
    .exec = pg_exec,
    .broken = pg_broken,
    .reconnect = pg_reconnect,
    .send = pg_send,
    .sync = pg_sync,
};
