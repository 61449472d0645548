/* A read replica: a PostgreSQL streaming standby that answers the read-only routes
 * (yuanqu serve --db-read URL) while the primary takes the rest.
 *
 * A monitor thread asks the standby every DB_REPLICA_CHECK_MS whether it answers and how far its
 * replay is behind (the lag); the server asks db_replica_pool() before each such request and
 * gets the standby's pool only while it is up and within the lag bound. A request that fails on
 * the standby (its connection lost, a statement it refuses, a write the handler needed) is run
 * again on the primary by the server, which marks the standby down (db_replica_down) when the
 * connection was the cause; the next successful check brings it back. The counters and the
 * state are what /metrics shows.
 *
 * Usage (the server):
 *	struct db_replica *rep;
 *	if (db_replica_new(url, 30, &rep, err, sizeof err) < 0) ...
 *	enum db_read_route why;
 *	struct db_pool *p = db_replica_pool(rep, &why);   // NULL: run on the primary
 *	...
 *	db_replica_count(rep, why);
 *	db_replica_free(rep);
 */
#ifndef YQ_DB_DB_REPLICA_H
#define YQ_DB_DB_REPLICA_H
#include <stddef.h>
#include <stdint.h>

#define DB_REPLICA_CHECK_MS 2000 /* period of the monitor's check */

struct db_pool;
struct db_replica;

/* Where a request of a replica route went, and why (the counters of /metrics). */
enum db_read_route {
	DB_READ_REPLICA = 0, /* answered by the standby */
	DB_READ_DOWN,        /* on the primary: the standby was down (not tried) */
	DB_READ_LAG,         /* on the primary: the standby's lag was past the bound */
	DB_READ_FAILED,      /* run again on the primary: it failed on the standby */
	DB_READ_WRITE,       /* run again on the primary: the handler needed a write */
	DB_READ_N
};

/* Name of a route kind for the metrics' labels: "replica", "down", "lag", "failed", "write". */
const char *db_read_route_name(enum db_read_route k);

/* Opens the standby's read-only pool (db_pool_new_read), checks it once and starts the monitor.
 * A standby that does not answer yet is no error: it is down until a check succeeds (logged).
 * max_lag_s: reads go to the primary while the lag is larger. -1 with err set when the URL is
 * not PostgreSQL's or the thread cannot start. */
int db_replica_new(const char *url, double max_lag_s, struct db_replica **out, char *err,
                   size_t errlen);
/* Stops the monitor and closes every connection. db_replica_free(NULL) is a no-op. Call after
 * the threads that used the pool stopped. */
void db_replica_free(struct db_replica *r);
/* The standby's pool when a read may go there now; NULL with *why (DB_READ_DOWN or DB_READ_LAG)
 * otherwise. */
struct db_pool *db_replica_pool(struct db_replica *r, enum db_read_route *why);
/* Marks the standby down after a request found its connection gone: reads go to the primary
 * until the monitor's next successful check. */
void db_replica_down(struct db_replica *r);
/* Counts one request of a replica route by where it was answered. */
void db_replica_count(struct db_replica *r, enum db_read_route k);

struct db_replica_stats {
	int up;             /* answered the last check and not marked down since */
	double lag_s;       /* replay lag at the last successful check; negative when unknown */
	double max_lag_s;   /* the bound (--db-read-max-lag) */
	uint64_t checks_ok; /* successful checks so far */
	uint64_t requests[DB_READ_N];
};
void db_replica_stats(struct db_replica *r, struct db_replica_stats *out);

#endif
