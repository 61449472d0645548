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
#define N_SCENARIOS 11

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

/* The options both tools take: the data set and what the reads are about. */
struct bench_opts {
	const char *url;
	int64_t zone, dept, ticket;
	int year, threads;
};
/* Takes option k with its value v into o when it is one of them (--db --zone --dept --ticket
 * --year --threads); 1 if taken. */
int bench_opt(struct bench_opts *o, const char *k, const char *v);
/* Fills in the current year when none was given, quiets the log and opens the pool and this
 * thread's connection. Returns the connection, or NULL with the reason printed (tool: its name). */
struct db *bench_open(struct bench_opts *o, const char *tool, struct db_pool **pool);

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
