/* db: one driver interface, two engines (SQLite and PostgreSQL).
 *
 * Domain code writes each statement once, with `?` placeholders, in the SQL subset both engines
 * share (ON CONFLICT, RETURNING, integer epoch times, 'YYYY-MM-DD' text dates, 0/1 integers for
 * booleans, CAST(? AS TEXT) where PostgreSQL cannot infer a parameter's type). The driver
 * translates placeholders, prepares each distinct statement text once per connection and keeps it.
 *
 * A `struct db` is one connection and is used by one thread at a time. The `struct db_pool` hands
 * each worker thread its own reading connection and serialises writers (see db_tx_begin).
 *
 * Usage:
 *	struct db_stmt *st = db_prepare(c, SQL_USER_GET);
 *	db_bind_int(st, 1, zone_id);
 *	while ((rc = db_step(st)) == DB_ROW) { ... db_col_text(st, 0) ... }
 *	db_reset(st);          // always, before the statement is used again
 *	if (rc != DB_DONE) goto out_err;
 */
#ifndef YQ_DB_DB_H
#define YQ_DB_DB_H
#include <stddef.h>
#include <stdint.h>

enum db_engine { DB_SQLITE = 1, DB_POSTGRES = 2 };

/* Results of db_step and the other calls. Negative values are errors. */
enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,          /* a row is available */
	DB_DONE = 2,         /* no more rows; statement finished */
	DB_ERR = -1,         /* any other failure (logged) */
	DB_CONSTRAINT = -2,  /* a UNIQUE / CHECK / foreign key constraint refused the write */
	DB_UNAVAILABLE = -3, /* the database is gone, full or busy: retry later (HTTP 503) */
};

struct db;
struct db_stmt;
struct db_pool;

/* Opens a connection. `url` is "sqlite:PATH" (or a plain path) or "postgres://…" /
 * "postgresql://…". On failure returns -1 with a message in err. */
int db_open(const char *url, struct db **out, char *err, size_t errlen);
/* Closes a connection and finalises its statements. db_close(NULL) is a no-op. */
void db_close(struct db *c);
enum db_engine db_engine_of(const struct db *c);
/* The engine a URL names, or 0 if it names none. */
enum db_engine db_engine_of_url(const char *url);
/* The last error message on this connection. */
const char *db_errmsg(struct db *c);

/* Returns the prepared statement for `sql`, preparing it on first use on this connection.
 * NULL on error (logged). The statement belongs to the connection. */
struct db_stmt *db_prepare(struct db *c, const char *sql);
/* Put at the start of a statement whose best plan depends on its values (a search: a word in
 * every request, or in three): PostgreSQL then plans it at each execution instead of settling
 * on one generic plan after a few; SQLite reads it as a comment. */
#define DB_PLAN_EACH "/* plan each */ "
/* Binds parameter `idx` (1-based). Text is copied. db_bind_text(st, i, NULL) binds NULL. */
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_null(struct db_stmt *st, int idx);
/* Binds v, or NULL when v is 0 (an optional reference or time). */
int db_bind_opt(struct db_stmt *st, int idx, int64_t v);
/* Runs the statement or moves to its next row: DB_ROW, DB_DONE or a negative enum db_rc. */
int db_step(struct db_stmt *st);
/* Column accessors for the current row (0-based). Text stays valid until the next step/reset. */
int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
int db_col_count(struct db_stmt *st);
/* Ends the current execution and clears bindings; the statement can be run again. */
void db_reset(struct db_stmt *st);
/* Rows changed by the last INSERT/UPDATE/DELETE of this statement. */
int64_t db_changes(struct db_stmt *st);

/* Steps a statement once and resets it: for INSERT/UPDATE/DELETE. Returns DB_OK or a negative
 * enum db_rc. */
int db_run(struct db_stmt *st);

/* A statement's parameters given in one call (db_run_args, write_sql): DB_I(v) an integer,
 * DB_T(s) text (NULL binds NULL), DB_O(v) an integer or NULL when 0 (an optional reference or
 * time), DB_TO(s) text or NULL when NULL or empty, DB_F(v) a double. DB_ARGS(...) passes such a
 * list as (array, count). The arguments of one list are evaluated in no fixed order (an initializer
 * list): no side effects whose order matters, such as drawing random numbers, belong in them. */
struct db_arg {
	char type; /* 'i', 't', 'o', 'T' (text or NULL when empty) or 'f' */
	int64_t i;
	double f;
	const char *s;
};
#define DB_I(v)  ((struct db_arg){'i', (int64_t)(v), 0, NULL})
#define DB_T(v)  ((struct db_arg){'t', 0, 0, (v)})
#define DB_O(v)  ((struct db_arg){'o', (int64_t)(v), 0, NULL})
#define DB_TO(v) ((struct db_arg){'T', 0, 0, (v)})
#define DB_F(v)  ((struct db_arg){'f', 0, (double)(v), NULL})
#define DB_ARGS(...)                                                                               \
	(const struct db_arg[]){__VA_ARGS__},                                                      \
	    (sizeof((const struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg))
/* Binds args[0..n) as the parameters 1..n of st. */
void db_bind_args(struct db_stmt *st, const struct db_arg *args, size_t n);
/* Prepares sql on c, binds args and runs it once (db_run): for INSERT/UPDATE/DELETE. Returns
 * DB_OK or a negative enum db_rc; *changed (when not NULL) gets the rows it changed. */
int db_run_args(struct db *c, const char *sql, const struct db_arg *args, size_t n,
                int64_t *changed);
/* Prepares sql on c with args bound, ready to step: the statement, or NULL (logged). */
struct db_stmt *db_prepare_args(struct db *c, const char *sql, const struct db_arg *args, size_t n);
#define db_prepare_with(c, sql, ...) db_prepare_args((c), (sql), DB_ARGS(__VA_ARGS__))
/* db_run_args(c, sql, DB_ARGS(...), NULL): db_do(c, SQL, DB_I(id), DB_T(name)). */
#define db_do(c, sql, ...) db_run_args((c), (sql), DB_ARGS(__VA_ARGS__), NULL)

/* Runs one or more statements without parameters (DDL, PRAGMA). */
int db_exec(struct db *c, const char *sql);
/* Transactions on a single connection. db_begin(c, 1) starts a write transaction
 * (BEGIN IMMEDIATE on SQLite). */
int db_begin(struct db *c, int write);
int db_commit(struct db *c);
int db_rollback(struct db *c);

/* Bulk loading (yuanqu gen): while on, db_run on PostgreSQL sends the statement without waiting
 * for its reply (libpq pipeline mode), so a run of INSERTs costs one round trip. The replies are
 * read, and the first error returned, by the next call that needs an answer (db_step, db_exec,
 * db_commit, preparing a new statement) or by db_bulk(c, 0). db_changes is not meaningful for
 * statements run this way. No effect on SQLite, where a statement costs no round trip. Turn it
 * off before the transaction ends. Returns DB_OK or the first deferred error. */
int db_bulk(struct db *c, int on);

/* Convenience: runs `sql` with the int parameters given and returns the first column of the
 * first row in *out (0 if no row). Returns 0, or a negative enum db_rc. */
int db_query_int(struct db *c, const char *sql, int64_t *out, int nparams, ...);
/* As db_query_int for a statement whose one parameter is the text `v` (a name, a code). */
int db_query_int_text(struct db *c, const char *sql, const char *v, int64_t *out);
/* Runs sql with args bound: DB_ROW with *out the first column of its first row, DB_DONE with *out
 * 0 when it gives no row, or a negative enum db_rc. db_int_with(c, &n, SQL, DB_I(id), DB_T(s)). */
int db_query_int_args(struct db *c, const char *sql, const struct db_arg *args, size_t n,
                      int64_t *out);
#define db_int_with(c, out, sql, ...) db_query_int_args((c), (sql), DB_ARGS(__VA_ARGS__), (out))
/* Runs sql with one parameter, the integer `id` or (when `key` is not NULL) the text `key`, and
 * copies the first column of its first row into out (n bytes, cut at n - 1). Returns DB_ROW, or
 * DB_DONE with out "" when there is no row, or a negative enum db_rc. */
int db_query_text(struct db *c, const char *sql, int64_t id, const char *key, char *out, size_t n);

/* Test hook, deliberately wrong: when set (only by tests, through YUANQU_TEST_ACK_BEFORE_COMMIT),
 * a write transaction ended by db_tx_end on a thread between db_test_defer_commits and
 * db_test_flush_commits reports success at once, so the request is answered 2xx, and is committed
 * only by db_test_flush_commits, which first sleeps this many milliseconds. A crash in that window
 * loses an acknowledged write: the crash tests (tests/faults/) must notice. In the meantime the
 * thread keeps the transaction open (on SQLite, with the writer lock), sees its own writes through
 * db_pool_reader, and runs further transactions nested in it as savepoints. */
extern int db_test_commit_delay_ms;
/* Starts deferring commits on this thread (no-op unless the hook is set): called before a
 * request is handled. */
void db_test_defer_commits(void);
/* Stops deferring on this thread and runs the deferred commit, if any, after the delay: called
 * once the answer has been sent. */
void db_test_flush_commits(void);

struct yq_err;
/* 1 if a statement of this thread met the database gone (DB_UNAVAILABLE) since the last reset;
 * reset when asked. The server resets it before each request and answers a failed one that met
 * it 503, whatever error the handler made of it. */
int db_unavailable_seen(int reset);
/* Maps a negative enum db_rc to a domain error (409, 503 or 500) and returns -1. */
int err_db(struct yq_err *e, int db_rc);

/* ---- pool: what the server uses ---- */

/* Creates a pool for `url`. Connections are opened lazily, one reader per thread; on SQLite
 * writes go through one writer connection guarded by a mutex. */
int db_pool_new(const char *url, struct db_pool **out, char *err, size_t errlen);
/* Creates a read-only pool for a PostgreSQL standby (yuanqu serve --db-read): connections are
 * opened lazily as db_pool_new's, none at creation (the standby may be down then), and
 * db_tx_begin on it refuses (NULL, *rc = DB_ERR) and marks the thread (db_write_refused), so
 * the server runs that request again on the primary. -1 with err set unless url is
 * PostgreSQL's. */
int db_pool_new_read(const char *url, struct db_pool **out, char *err, size_t errlen);
/* 1 if this thread asked a read-only pool for a write transaction since the last reset; reset
 * when asked (the server, before and after each request it runs on the standby). */
int db_write_refused(int reset);
/* Closes every connection. db_pool_free(NULL) is a no-op. Call after all threads stopped. */
void db_pool_free(struct db_pool *p);
enum db_engine db_pool_engine(const struct db_pool *p);
/* This thread's reading connection; NULL if it cannot be opened (DB unavailable). */
struct db *db_pool_reader(struct db_pool *p);
/* Starts a write transaction and returns the connection to use inside it (NULL on failure, with
 * *rc set to a negative enum db_rc). Must be ended by db_tx_end on the same thread. */
struct db *db_tx_begin(struct db_pool *p, int *rc);
/* Like db_tx_begin, but gives up at once (NULL, *rc = DB_UNAVAILABLE) when another thread of
 * this process is writing: for writes that may be skipped, such as refreshing a session's
 * last-seen time. */
struct db *db_tx_try_begin(struct db_pool *p, int *rc);
/* Commits (commit != 0) or rolls back the transaction from db_tx_begin and releases the writer.
 * Returns 0, or a negative enum db_rc if the commit failed (then nothing was written). */
int db_tx_end(struct db_pool *p, struct db *c, int commit);
/* Runs a passive WAL checkpoint and refreshes the planner's statistics (SQLite); safe from any
 * thread. */
void db_pool_maintain(struct db_pool *p);
/* Work that one process of several on the same database should do at a time (the server's
 * maintenance: N servers behind nginx would each send the same reminder): on PostgreSQL takes
 * the session advisory lock `key` on this thread's connection without waiting and returns 1 if
 * taken, 0 if another connection holds it, or a negative enum db_rc; on SQLite always 1 (one
 * process writes at a time anyway). Release it with db_pool_unlock on the same thread. */
int db_pool_try_lock(struct db_pool *p, int64_t key);
void db_pool_unlock(struct db_pool *p, int64_t key);
/* Microseconds spent in the database by all threads since start (for /metrics). */
uint64_t db_time_us_total(void);

#endif
