/* Driver-independent part of the database layer: statement cache, parameters, transactions,
 * connection pool (see db.h). */
#include "db/db_int.h"
#include "lib/alloc.h"
#include "lib/err.h"
#include "lib/log.h"
#include "lib/util.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int db_test_commit_delay_ms;

/* Test hook state of this thread (see db_test_defer_commits): the transaction whose commit
 * was reported but not yet run, and how many transactions are nested in it as savepoints. */
static _Thread_local struct {
	int armed;
	struct db_pool *pool;
	struct db *conn;
	int depth;
} defer;
static atomic_uint_fast64_t db_time_total;

/* Why this thread's last db_prepare failed (a negative enum db_rc), 0 after a success. Callers
 * report a NULL statement as DB_ERR; err_db uses this to answer 503, not 500, when the
 * statement could not be prepared because the database went away. */
static _Thread_local int prepare_rc;
/* set when a statement of this thread found the database gone (see db_unavailable_seen) */
static _Thread_local int unavailable_seen;
/* set when this thread asked a read-only pool for a write (see db_write_refused) */
static _Thread_local int write_refused;

static int seen(int rc)
{
	if (rc == DB_UNAVAILABLE)
		unavailable_seen = 1;
	return rc;
}

int db_unavailable_seen(int reset)
{
	int v = unavailable_seen;
	if (reset)
		unavailable_seen = 0;
	return v;
}

int db_write_refused(int reset)
{
	int v = write_refused;
	if (reset)
		write_refused = 0;
	return v;
}

void db_time_add(uint64_t us)
{
	atomic_fetch_add(&db_time_total, us);
}

uint64_t db_time_us_total(void)
{
	return atomic_load(&db_time_total);
}

void db_set_error(struct db *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
	va_end(ap);
}

enum db_engine db_engine_of_url(const char *url)
{
	if (!url)
		return 0;
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return DB_POSTGRES;
	if (strncmp(url, "sqlite:", 7) == 0 || (url[0] && !strstr(url, "://")))
		return DB_SQLITE;
	return 0;
}

int db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	enum db_engine e = db_engine_of_url(url);
	*out = NULL;
	if (!e) {
		snprintf(err, errlen, "unknown database url (use sqlite:PATH or postgres://...)");
		return -1;
	}
	struct db *c = yq_calloc(1, sizeof *c);
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->drv = e == DB_POSTGRES ? &db_pg_driver : &db_sqlite_driver;
	const char *target = url;
	if (e == DB_SQLITE && strncmp(url, "sqlite:", 7) == 0)
		target = url + 7;
	if (c->drv->open(c, target, err, errlen) < 0) {
		yq_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

static void stmt_free(struct db_stmt *st)
{
	if (!st)
		return;
	st->conn->drv->finalize(st);
	for (int i = 0; i < DB_MAX_PARAMS; i++)
		yq_free(st->params[i].text);
	yq_free((char *)st->key);
	yq_free(st);
}

static void cache_clear(struct db *c)
{
	for (int i = 0; i < DB_STMT_CACHE; i++) {
		stmt_free(c->cache[i]);
		c->cache[i] = NULL;
	}
	c->n_cached = 0;
}

/* Makes room in a full cache: frees every statement not in the middle of an execution (a
 * caller may be stepping one while it prepares another) and rehashes the rest. */
static void cache_evict(struct db *c)
{
	struct db_stmt *keep[DB_STMT_CACHE];
	int n = 0;
	for (int i = 0; i < DB_STMT_CACHE; i++) {
		struct db_stmt *st = c->cache[i];
		c->cache[i] = NULL;
		if (!st)
			continue;
		if (st->in_use)
			keep[n++] = st;
		else
			stmt_free(st);
	}
	c->n_cached = 0;
	for (int i = 0; i < n; i++) {
		unsigned slot = (unsigned)(keep[i]->hash % DB_STMT_CACHE);
		while (c->cache[slot])
			slot = (slot + 1) % DB_STMT_CACHE;
		c->cache[slot] = keep[i];
		c->n_cached++;
	}
}

void db_close(struct db *c)
{
	if (!c)
		return;
	cache_clear(c);
	c->drv->close(c);
	yq_free(c);
}

enum db_engine db_engine_of(const struct db *c)
{
	return c->drv->engine;
}

const char *db_errmsg(struct db *c)
{
	return c->errmsg;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

char *db_translate_placeholders(const char *sql)
{
	size_t n = strlen(sql);
	char *out = yq_malloc(n * 4 + 1); /* "?" becomes at most "$999" */
	if (!out)
		return NULL;
	char *o = out;
	int k = 0, in_str = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			in_str = !in_str;
		if (*p == '?' && !in_str && k < 999) {
			o += snprintf(o, 5, "$%d", ++k);
			continue;
		}
		*o++ = *p;
	}
	*o = 0;
	return out;
}

static int count_params(const char *sql)
{
	int k = 0, in_str = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			in_str = !in_str;
		else if (*p == '?' && !in_str)
			k++;
	}
	return k;
}

static int bulk_sync(struct db *c);

struct db_stmt *db_prepare(struct db *c, const char *sql)
{
	uint64_t h = fnv1a(sql);
	unsigned slot = (unsigned)(h % DB_STMT_CACHE);
	for (unsigned probe = 0; probe < DB_STMT_CACHE; probe++) {
		struct db_stmt *st = c->cache[(slot + probe) % DB_STMT_CACHE];
		if (!st)
			break;
		if (st->hash == h && strcmp(st->key, sql) == 0) {
			if (st->in_use)
				db_reset(st);
			return st;
		}
	}
	if (bulk_sync(c) < 0)
		return NULL;
	int np = count_params(sql);
	if (np > DB_MAX_PARAMS) {
		db_set_error(c, "statement has %d parameters, more than %d", np, DB_MAX_PARAMS);
		prepare_rc = DB_ERR;
		error("db: %s", c->errmsg);
		return NULL;
	}
	if (c->n_cached >= DB_STMT_CACHE * 3 / 4)
		cache_evict(c);
	struct db_stmt *st = yq_calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->conn = c;
	st->hash = h;
	st->nparams = np;
	st->key = yq_strdup(sql);
	if (!st->key) {
		yq_free(st);
		return NULL;
	}
	int rc;
	if (c->drv->engine == DB_POSTGRES) {
		char *t = db_translate_placeholders(sql);
		rc = t ? c->drv->prepare(c, st, t) : -1;
		yq_free(t);
	} else {
		rc = c->drv->prepare(c, st, sql);
	}
	if (rc < 0) {
		prepare_rc = seen(rc);
		if (rc == DB_UNAVAILABLE)
			log_warn("db: prepare failed, database unavailable: %s", c->errmsg);
		else
			error("db: prepare failed: %s: %.200s", c->errmsg, sql);
		yq_free((char *)st->key);
		yq_free(st);
		return NULL;
	}
	prepare_rc = 0;
	while (c->cache[slot])
		slot = (slot + 1) % DB_STMT_CACHE;
	c->cache[slot] = st;
	c->n_cached++;
	return st;
}

static struct db_param *param(struct db_stmt *st, int idx)
{
	if (idx < 1 || idx > st->nparams)
		return NULL;
	struct db_param *p = &st->params[idx - 1];
	yq_free(p->text);
	p->text = NULL;
	return p;
}

int db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	struct db_param *p = param(st, idx);
	if (!p)
		return DB_ERR;
	p->kind = 'i';
	p->i = v;
	return DB_OK;
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
	struct db_param *p = param(st, idx);
	if (!p)
		return DB_ERR;
	p->kind = 'd';
	p->d = v;
	return DB_OK;
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	struct db_param *p = param(st, idx);
	if (!p)
		return DB_ERR;
	if (!s) {
		p->kind = 'n';
		return DB_OK;
	}
	p->text = yq_strdup(s);
	if (!p->text) {
		p->kind = 'x'; /* failed: db_step refuses to run with it rather than bind NULL */
		return DB_ERR;
	}
	p->kind = 't';
	return DB_OK;
}

int db_bind_null(struct db_stmt *st, int idx)
{
	struct db_param *p = param(st, idx);
	if (!p)
		return DB_ERR;
	p->kind = 'n';
	return DB_OK;
}

int db_bind_opt(struct db_stmt *st, int idx, int64_t v)
{
	return v ? db_bind_int(st, idx, v) : db_bind_null(st, idx);
}

/* Reads the replies of the statements sent in bulk mode; the first error. */
static int bulk_sync(struct db *c)
{
	if (!c->n_pending)
		return DB_OK;
	int64_t t0 = now_mono_us();
	int rc = c->drv->sync(c);
	c->n_pending = 0;
	db_time_add((uint64_t)(now_mono_us() - t0));
	return rc;
}

int db_bulk(struct db *c, int on)
{
	int rc = bulk_sync(c);
	c->bulk = on && c->drv->send && c->drv->sync;
	return rc;
}

void (*db_step_hook)(struct db_stmt *st);

int db_step(struct db_stmt *st)
{
	/* a text parameter that could not be copied (out of memory) would otherwise run as NULL
	 * and read as "no such row" or a constraint violation; callers rarely check binds */
	for (int i = 0; i < st->nparams; i++)
		if (st->params[i].kind == 'x') {
			log_error("db: a parameter could not be bound (out of memory)");
			return DB_ERR;
		}
	int64_t t0 = now_mono_us();
	if (db_step_hook && !st->in_use)
		db_step_hook(st);
	st->in_use = 1;
	int rc = bulk_sync(st->conn);
	if (rc < 0)
		return rc;
	rc = st->conn->drv->step(st);
	db_time_add((uint64_t)(now_mono_us() - t0));
	return seen(rc);
}

int db_col_is_null(struct db_stmt *st, int col)
{
	return st->conn->drv->col_is_null(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	return st->conn->drv->col_text(st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	if (st->conn->drv->col_int)
		return st->conn->drv->col_int(st, col);
	const char *t = st->conn->drv->col_text(st, col);
	return t ? strtoll(t, NULL, 10) : 0;
}

double db_col_double(struct db_stmt *st, int col)
{
	return st->conn->drv->col_double(st, col);
}

int db_col_count(struct db_stmt *st)
{
	return st->conn->drv->col_count(st);
}

int64_t db_changes(struct db_stmt *st)
{
	return st->conn->drv->changes(st);
}

void db_reset(struct db_stmt *st)
{
	st->conn->drv->reset(st);
	for (int i = 0; i < st->nparams; i++) {
		yq_free(st->params[i].text);
		st->params[i].text = NULL;
		st->params[i].kind = 'n';
	}
	st->in_use = 0;
}

int db_run(struct db_stmt *st)
{
	struct db *c = st->conn;
	if (c->bulk) {
		/* bounded, so the server never blocks on replies nobody reads */
		int rc = c->n_pending >= 256 ? bulk_sync(c) : DB_OK;
		if (rc == DB_OK) {
			int64_t t0 = now_mono_us();
			rc = c->drv->send(st);
			db_time_add((uint64_t)(now_mono_us() - t0));
			if (rc == DB_OK)
				c->n_pending++;
		}
		db_reset(st);
		return rc;
	}
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

int db_exec(struct db *c, const char *sql)
{
	int rc = bulk_sync(c);
	if (rc < 0)
		return rc;
	int64_t t0 = now_mono_us();
	rc = c->drv->exec(c, sql);
	db_time_add((uint64_t)(now_mono_us() - t0));
	return seen(rc);
}

int db_begin(struct db *c, int write)
{
	int rc = db_exec(c, write && c->drv->engine == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
	if (rc == DB_OK)
		c->in_tx = 1;
	return rc;
}

int db_commit(struct db *c)
{
	int rc = db_exec(c, "COMMIT");
	if (rc != DB_OK)
		db_exec(c, "ROLLBACK");
	c->in_tx = 0;
	return rc;
}

int db_rollback(struct db *c)
{
	bulk_sync(c); /* a deferred error must not keep the ROLLBACK from running */
	int rc = db_exec(c, "ROLLBACK");
	c->in_tx = 0;
	return rc;
}

/* Steps st (its parameters bound) for the first column of its first row into *out (left as it is
 * when there is none) and resets it: DB_ROW, DB_DONE or a negative db rc. */
static int step_int(struct db_stmt *st, int64_t *out)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_col_int(st, 0);
	db_reset(st);
	return rc;
}

/* step_int with DB_OK for a row or none. */
static int first_int(struct db_stmt *st, int64_t *out)
{
	int rc = step_int(st, out);
	return rc < 0 ? rc : DB_OK;
}

void db_bind_args(struct db_stmt *st, const struct db_arg *args, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct db_arg *x = &args[k];
		int idx = (int)k + 1;
		if (x->type == 't')
			db_bind_text(st, idx, x->s);
		else if (x->type == 'T')
			db_bind_text(st, idx, x->s && *x->s ? x->s : NULL);
		else if (x->type == 'f')
			db_bind_double(st, idx, x->f);
		else if (x->type == 'o')
			db_bind_opt(st, idx, x->i);
		else
			db_bind_int(st, idx, x->i);
	}
}

struct db_stmt *db_prepare_args(struct db *c, const char *sql, const struct db_arg *args, size_t n)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (st)
		db_bind_args(st, args, n);
	return st;
}

int db_run_args(struct db *c, const char *sql, const struct db_arg *args, size_t n,
                int64_t *changed)
{
	struct db_stmt *st = db_prepare_args(c, sql, args, n);
	if (changed)
		*changed = 0;
	if (!st)
		return DB_ERR;
	if (!changed)
		return db_run(st);
	int rc = db_step(st);
	if (rc >= 0)
		*changed = db_changes(st);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int db_query_int(struct db *c, const char *sql, int64_t *out, int nparams, ...)
{
	struct db_stmt *st = db_prepare(c, sql);
	*out = 0;
	if (!st)
		return DB_ERR;
	va_list ap;
	va_start(ap, nparams);
	for (int i = 1; i <= nparams; i++)
		db_bind_int(st, i, va_arg(ap, int64_t));
	va_end(ap);
	return first_int(st, out);
}

int db_query_int_text(struct db *c, const char *sql, const char *v, int64_t *out)
{
	struct db_stmt *st = db_prepare(c, sql);
	*out = 0;
	if (!st)
		return DB_ERR;
	db_bind_text(st, 1, v);
	return first_int(st, out);
}

int db_query_int_args(struct db *c, const char *sql, const struct db_arg *args, size_t n,
                      int64_t *out)
{
	struct db_stmt *st = db_prepare_args(c, sql, args, n);
	*out = 0;
	return st ? step_int(st, out) : DB_ERR;
}

int db_query_text(struct db *c, const char *sql, int64_t id, const char *key, char *out, size_t n)
{
	out[0] = '\0';
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	if (key)
		db_bind_text(st, 1, key);
	else
		db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(out, n, "%s", db_col_text(st, 0));
	db_reset(st);
	return rc;
}

/* ---- pool ---- */

#define POOL_MAX_THREADS 256

struct db_pool {
	char *url;
	enum db_engine engine;
	pthread_key_t key;     /* this thread's struct pool_conn* */
	pthread_mutex_t wlock; /* SQLite: one writer at a time */
	struct db *writer;     /* SQLite writer connection, opened lazily under wlock */
	pthread_mutex_t list_lock;
	struct db
	    *conns[POOL_MAX_THREADS]; /* every per-thread connection, closed by db_pool_free */
	int n_conns;
	unsigned maintained; /* db_pool_maintain calls so far */
	int read_only;       /* a standby's pool (db_pool_new_read): no write transactions */
};

/* Creates a pool for url; `read_only`: a standby's, opened without a first connection. */
static int pool_create(const char *url, int read_only, struct db_pool **out, char *err,
                       size_t errlen)
{
	*out = NULL;
	enum db_engine e = db_engine_of_url(url);
	if (!e) {
		snprintf(err, errlen, "unknown database url (use sqlite:PATH or postgres://...)");
		return -1;
	}
	if (read_only && e != DB_POSTGRES) {
		snprintf(err, errlen, "a read replica is a PostgreSQL standby (postgres://...)");
		return -1;
	}
	struct db_pool *p = yq_calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->url = yq_strdup(url);
	p->engine = e;
	pthread_key_create(&p->key, NULL);
	pthread_mutex_init(&p->wlock, NULL);
	pthread_mutex_init(&p->list_lock, NULL);
	p->read_only = read_only;
	if (read_only) {
		*out = p;
		return 0;
	}
	/* open one connection now so a bad URL is reported at start */
	struct db *c;
	if (db_open(url, &c, err, errlen) < 0) {
		db_pool_free(p);
		return -1;
	}
	if (e == DB_SQLITE)
		p->writer = c;
	else
		db_close(c);
	*out = p;
	return 0;
}

int db_pool_new(const char *url, struct db_pool **out, char *err, size_t errlen)
{
	return pool_create(url, 0, out, err, errlen);
}

int db_pool_new_read(const char *url, struct db_pool **out, char *err, size_t errlen)
{
	return pool_create(url, 1, out, err, errlen);
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_conns; i++)
		db_close(p->conns[i]);
	if (p->writer) {
		if (p->engine == DB_SQLITE)
			db_exec(p->writer, "PRAGMA wal_checkpoint(TRUNCATE)");
		db_close(p->writer);
	}
	pthread_key_delete(p->key);
	pthread_mutex_destroy(&p->wlock);
	pthread_mutex_destroy(&p->list_lock);
	yq_free(p->url);
	yq_free(p);
}

enum db_engine db_pool_engine(const struct db_pool *p)
{
	return p->engine;
}

struct db *db_pool_reader(struct db_pool *p)
{
	/* test hook: this thread's uncommitted writes stay visible to it */
	if (defer.conn && defer.pool == p)
		return defer.conn;
	struct db *c = pthread_getspecific(p->key);
	if (c && !c->in_tx && c->drv->broken(c)) {
		/* the server went away: reconnect in place, since a caller may still hold c */
		if (c->drv->reconnect(c) < 0) {
			log_warn("db: cannot reconnect: %s", c->errmsg);
			return NULL;
		}
		log_info("db: reconnected to the database");
	}
	if (c)
		return c;
	char err[256];
	if (db_open(p->url, &c, err, sizeof err) < 0) {
		log_warn("db: cannot open connection: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&p->list_lock);
	if (p->n_conns >= POOL_MAX_THREADS) {
		pthread_mutex_unlock(&p->list_lock);
		db_close(c);
		return NULL;
	}
	p->conns[p->n_conns++] = c;
	pthread_mutex_unlock(&p->list_lock);
	pthread_setspecific(p->key, c);
	return c;
}

/* Test hook: a transaction nested in this thread's deferred one. */
static struct db *defer_nest(int *rc)
{
	*rc = db_exec(defer.conn, "SAVEPOINT yq_deferred");
	if (*rc != DB_OK)
		return NULL;
	defer.depth++;
	return defer.conn;
}

struct db *db_tx_begin(struct db_pool *p, int *rc)
{
	struct db *c;
	if (defer.conn && defer.pool == p)
		return defer_nest(rc);
	if (p->read_only) {
		/* a GET that writes (a summary built on first read) cannot run on a standby */
		write_refused = 1;
		*rc = DB_ERR;
		return NULL;
	}
	if (p->engine == DB_SQLITE) {
		pthread_mutex_lock(&p->wlock);
		c = p->writer;
	} else {
		c = db_pool_reader(p);
		if (!c) {
			*rc = seen(DB_UNAVAILABLE);
			return NULL;
		}
	}
	*rc = db_begin(c, 1);
	if (*rc != DB_OK) {
		if (p->engine == DB_SQLITE)
			pthread_mutex_unlock(&p->wlock);
		return NULL;
	}
	return c;
}

struct db *db_tx_try_begin(struct db_pool *p, int *rc)
{
	if (p->engine != DB_SQLITE || (defer.conn && defer.pool == p))
		return db_tx_begin(p, rc);
	if (pthread_mutex_trylock(&p->wlock) != 0) {
		*rc = DB_UNAVAILABLE;
		return NULL;
	}
	*rc = db_begin(p->writer, 1);
	if (*rc != DB_OK) {
		pthread_mutex_unlock(&p->wlock);
		return NULL;
	}
	return p->writer;
}

int db_tx_end(struct db_pool *p, struct db *c, int commit)
{
	if (defer.conn == c && defer.depth > 0) {
		defer.depth--;
		int rc = commit ? DB_OK : db_exec(c, "ROLLBACK TO yq_deferred");
		int rc2 = db_exec(c, "RELEASE yq_deferred");
		return rc != DB_OK ? rc : rc2;
	}
	if (commit && defer.armed && !defer.conn && db_test_commit_delay_ms > 0) {
		/* test hook: report success now, commit after the answer is sent (the writer
		 * lock of SQLite stays held until then) */
		defer.conn = c;
		defer.pool = p;
		return DB_OK;
	}
	int rc = commit ? db_commit(c) : db_rollback(c);
	if (p->engine == DB_SQLITE)
		pthread_mutex_unlock(&p->wlock);
	return rc;
}

void db_pool_maintain(struct db_pool *p)
{
	if (p->engine != DB_SQLITE)
		return;
	pthread_mutex_lock(&p->wlock);
	db_exec(p->writer, "PRAGMA wal_checkpoint(PASSIVE)");
	/* keep the planner's statistics current: on the first run and then every 120th (hourly at
	 * the server's 30 s period); the limit keeps each run short */
	if (p->maintained++ % 120 == 0)
		db_exec(p->writer, "PRAGMA analysis_limit=400; PRAGMA optimize");
	pthread_mutex_unlock(&p->wlock);
}

int db_pool_try_lock(struct db_pool *p, int64_t key)
{
	if (p->engine != DB_POSTGRES)
		return 1;
	struct db *c = db_pool_reader(p);
	int64_t got = 0;
	if (!c)
		return DB_UNAVAILABLE;
	int rc = db_query_int(c, "SELECT CAST(pg_try_advisory_lock(?) AS INTEGER)", &got, 1, key);
	return rc < 0 ? rc : got != 0;
}

void db_pool_unlock(struct db_pool *p, int64_t key)
{
	struct db *c = p->engine == DB_POSTGRES ? db_pool_reader(p) : NULL;
	int64_t ok;
	/* a connection lost meanwhile took the lock with it */
	if (c)
		db_query_int(c, "SELECT CAST(pg_advisory_unlock(?) AS INTEGER)", &ok, 1, key);
}

void db_test_defer_commits(void)
{
	if (db_test_commit_delay_ms > 0)
		defer.armed = 1;
}

void db_test_flush_commits(void)
{
	defer.armed = 0;
	if (!defer.conn)
		return;
	struct db_pool *p = defer.pool;
	struct db *c = defer.conn;
	defer.conn = NULL;
	defer.pool = NULL;
	defer.depth = 0;
	usleep((useconds_t)db_test_commit_delay_ms * 1000);
	if (db_commit(c) != DB_OK)
		log_warn("db: test hook: a deferred commit failed: %s", c->errmsg);
	if (p->engine == DB_SQLITE)
		pthread_mutex_unlock(&p->wlock);
}

int err_db(struct yq_err *e, int db_rc)
{
	if (db_rc == DB_ERR && prepare_rc == DB_UNAVAILABLE)
		db_rc = DB_UNAVAILABLE; /* a statement that could not be prepared: see prepare_rc */
	prepare_rc = 0;
	switch (db_rc) {
	case DB_CONSTRAINT:
		return err_set(e, ERR_CONFLICT, NULL, "数据冲突", "conflicting data");
	case DB_UNAVAILABLE:
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用，请稍后重试",
		               "database unavailable, retry later");
	default:
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "internal error");
	}
}
