/* Internal driver interface behind db.h. Each engine fills a `struct db_driver`. */
#ifndef YQ_DB_DB_INT_H
#define YQ_DB_DB_INT_H
#include "db/db.h"

#define DB_MAX_PARAMS 64
#define DB_STMT_CACHE 512 /* statements kept per connection; the cache is emptied when full */

struct db_driver {
	enum db_engine engine;
	int (*open)(struct db *c, const char *target, char *err, size_t errlen);
	void (*close)(struct db *c);
	/* prepares `sql` (already in the engine's placeholder syntax) into st->impl; 0 or a
	 * negative enum db_rc */
	int (*prepare)(struct db *c, struct db_stmt *st, const char *sql);
	void (*finalize)(struct db_stmt *st);
	int (*step)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	int (*col_is_null)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	double (*col_double)(struct db_stmt *st, int col);
	/* optional: the column as an integer without a detour through text (NULL → 0) */
	int64_t (*col_int)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st);
	int64_t (*changes)(struct db_stmt *st);
	int (*exec)(struct db *c, const char *sql);
	/* 1 when the connection is broken and should be reopened */
	int (*broken)(struct db *c);
	/* reopens a broken connection in place (same struct db, so pointers callers hold stay
	 * valid) and bumps c->gen so statements are prepared again on first use; 0 or -1 */
	int (*reconnect)(struct db *c);
	/* bulk mode (db_bulk), optional: send runs st without waiting for its reply; sync waits
	 * for the replies of everything sent and returns the first error */
	int (*send)(struct db_stmt *st);
	int (*sync)(struct db *c);
};

/* A bound parameter, kept by the driver-independent layer. */
struct db_param {
	int is_null;
	char *text; /* malloc'd text form; owned */
	int64_t i;
	double d;
	char kind; /* 'n' null, 'i' int, 'd' double, 't' text, 'x' bind failed (out of memory) */
};

struct db_stmt {
	struct db *conn;
	const char *key; /* the original SQL text (owned copy) */
	uint64_t hash;
	void *impl; /* sqlite3_stmt* or the PostgreSQL statement */
	int nparams;
	struct db_param params[DB_MAX_PARAMS];
	int in_use;
};

struct db {
	const struct db_driver *drv;
	void *impl; /* sqlite3* or PGconn* */
	char errmsg[512];
	struct db_stmt *cache[DB_STMT_CACHE];
	int n_cached;
	int in_tx;
	unsigned stmt_seq; /* PostgreSQL statement names */
	unsigned gen;      /* bumped on each reconnect: statements prepared before are gone */
	int bulk;          /* db_bulk is on */
	int n_pending;     /* statements sent in bulk mode whose replies are not read yet */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

void db_set_error(struct db *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Translates `?` placeholders to `$n` outside string literals; malloc'd result. */
char *db_translate_placeholders(const char *sql);
void db_time_add(uint64_t us);
/* Benchmark hook (bench/raw.c): when set, called with each statement as its execution starts,
 * parameters bound. Set before any thread uses the database. */
extern void (*db_step_hook)(struct db_stmt *st);

#endif
