/* The statements of the benchmark's reads, recorded once from the store calls the HTTP handlers
 * make and replayed as prepared statements: shared by bench/raw (the database's limit) and
 * bench/limit_http (the limit of a minimal HTTP server running the same statements). */
#ifndef YQ_BENCH_CAPTURE_H
#define YQ_BENCH_CAPTURE_H
#include "access/principal.h"
#include "db/db.h"
#include "db/db_int.h"
#include <stdint.h>

#define MAX_STMTS   32
#define N_SCENARIOS 6

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

/* Called with each row a replay reads (NULL: rows only counted). */
typedef void (*row_fn)(void *ctx, struct db_stmt *st);

/* Records the statements scenario i (0 … N_SCENARIOS-1) runs as principal p: the store call its
 * handler makes. Returns 0, or -1 with the reason printed. */
int capture(struct db *c, const struct principal *p, int i, int64_t dept, int64_t ticket, int year,
            struct scenario *s);
/* Records the statements `fn(arg)` runs into s (appended). */
void capture_begin(struct scenario *s);
void capture_end(void);
/* Runs the recorded statements once on c, every column of every row read as text; rows are
 * counted into *rows and handed to `row` when given. Returns 0 or -1. */
int replay(struct db *c, const struct scenario *s, long *rows, row_fn row, void *ctx);
void scenario_free(struct scenario *s);

#endif
