/* The read replica: its pool, the monitor thread that checks it, its state and counters (see
 * db_replica.h). */
#include "db/db_replica.h"
#include "db/db.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Whether the standby replays, and how far behind: nothing to replay (received = replayed) is no
 * lag, else the time since the last transaction it replayed was committed on the primary. On a
 * server that is no standby the lag is NULL (read as none, with a warning). */
static const char SQL_LAG[] =
    "SELECT CAST(pg_is_in_recovery() AS INTEGER), CASE WHEN pg_last_wal_receive_lsn() = "
    "pg_last_wal_replay_lsn() THEN 0 ELSE EXTRACT(EPOCH FROM now() - "
    "pg_last_xact_replay_timestamp()) END";

struct db_replica {
	char *url;
	struct db_pool *pool; /* the requests' connections, one per thread */
	struct db *mon;       /* the monitor's own connection, NULL while the standby is away */
	atomic_int up;        /* reads may go to the standby (lag permitting) */
	atomic_llong lag_us;  /* replay lag at the last successful check, -1 unknown */
	long long max_lag_us; /* the bound */
	int warned_primary;   /* the "not a standby" warning was logged */
	atomic_int told_down; /* the standby's being down was logged since it was last up */
	atomic_ullong checks_ok;
	atomic_ullong requests[DB_READ_N];
	pthread_t thread;
	pthread_mutex_t lock; /* guards stop, with cond */
	pthread_cond_t cond;
	int stop;
	int started;
};

const char *db_read_route_name(enum db_read_route k)
{
	static const char *const names[DB_READ_N] = {"replica", "down", "lag", "failed", "write"};
	return k < DB_READ_N ? names[k] : "?";
}

/* Sets the state; logs the change (and the first failure after a start or a recovery). */
static void set_up(struct db_replica *r, int up, const char *why)
{
	int was = atomic_exchange(&r->up, up);
	if (!up && (was || !atomic_exchange(&r->told_down, 1)))
		log_warn("db-read: the read replica is down (%s); reads go to the primary",
		         why && *why ? why : "connection lost");
	else if (!was && up)
		log_info("db-read: the read replica answers; read-only routes read from it");
	if (up)
		atomic_store(&r->told_down, 0);
	else
		atomic_store(&r->told_down, 1);
}

/* One check on the monitor's connection (opened again when gone): 0 with the lag stored, or -1
 * with the standby marked down. */
static int check(struct db_replica *r)
{
	char err[300] = "";
	if (!r->mon && db_open(r->url, &r->mon, err, sizeof err) < 0) {
		r->mon = NULL;
		atomic_store(&r->lag_us, -1);
		set_up(r, 0, err);
		return -1;
	}
	struct db_stmt *st = db_prepare(r->mon, SQL_LAG);
	int rc = st ? db_step(st) : DB_ERR;
	if (rc != DB_ROW) {
		snprintf(err, sizeof err, "%s", db_errmsg(r->mon));
		if (st)
			db_reset(st);
		db_close(r->mon); /* opened again at the next check */
		r->mon = NULL;
		atomic_store(&r->lag_us, -1);
		set_up(r, 0, err);
		return -1;
	}
	int standby = db_col_int(st, 0) != 0;
	double lag = db_col_is_null(st, 1) ? 0 : db_col_double(st, 1);
	db_reset(st);
	if (!standby && !r->warned_primary) {
		r->warned_primary = 1;
		log_warn("db-read: the read database is not a standby (pg_is_in_recovery() is "
		         "false): its lag reads as 0");
	}
	atomic_store(&r->lag_us, (long long)(lag < 0 ? 0 : lag * 1e6));
	atomic_fetch_add(&r->checks_ok, 1);
	set_up(r, 1, NULL);
	return 0;
}

static void *monitor(void *arg)
{
	struct db_replica *r = arg;
	pthread_mutex_lock(&r->lock);
	while (!r->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += (long)(DB_REPLICA_CHECK_MS % 1000) * 1000000L;
		ts.tv_sec += DB_REPLICA_CHECK_MS / 1000 + ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&r->cond, &r->lock, &ts);
		if (r->stop)
			break;
		pthread_mutex_unlock(&r->lock);
		check(r);
		pthread_mutex_lock(&r->lock);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

int db_replica_new(const char *url, double max_lag_s, struct db_replica **out, char *err,
                   size_t errlen)
{
	*out = NULL;
	struct db_replica *r = yq_calloc(1, sizeof *r);
	if (!r || !(r->url = yq_strdup(url))) {
		snprintf(err, errlen, "out of memory");
		yq_free(r);
		return -1;
	}
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	atomic_init(&r->lag_us, -1);
	r->max_lag_us = (long long)(max_lag_s * 1e6);
	if (db_pool_new_read(url, &r->pool, err, errlen) < 0) {
		db_replica_free(r);
		return -1;
	}
	check(r); /* a standby that does not answer yet is logged down, and checked again */
	if (pthread_create(&r->thread, NULL, monitor, r) != 0) {
		snprintf(err, errlen, "cannot start the read replica's monitor thread");
		db_replica_free(r);
		return -1;
	}
	r->started = 1;
	*out = r;
	return 0;
}

void db_replica_free(struct db_replica *r)
{
	if (!r)
		return;
	if (r->started) {
		pthread_mutex_lock(&r->lock);
		r->stop = 1;
		pthread_cond_signal(&r->cond);
		pthread_mutex_unlock(&r->lock);
		pthread_join(r->thread, NULL);
	}
	db_close(r->mon);
	db_pool_free(r->pool);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->cond);
	yq_free(r->url);
	yq_free(r);
}

struct db_pool *db_replica_pool(struct db_replica *r, enum db_read_route *why)
{
	if (!atomic_load(&r->up)) {
		*why = DB_READ_DOWN;
		return NULL;
	}
	long long lag = atomic_load(&r->lag_us);
	if (lag > r->max_lag_us) {
		*why = DB_READ_LAG;
		return NULL;
	}
	*why = DB_READ_REPLICA;
	return r->pool;
}

void db_replica_down(struct db_replica *r)
{
	atomic_store(&r->lag_us, -1);
	set_up(r, 0, NULL);
}

void db_replica_count(struct db_replica *r, enum db_read_route k)
{
	if (k < DB_READ_N)
		atomic_fetch_add(&r->requests[k], 1);
}

void db_replica_stats(struct db_replica *r, struct db_replica_stats *out)
{
	memset(out, 0, sizeof *out);
	out->up = atomic_load(&r->up);
	long long lag = atomic_load(&r->lag_us);
	out->lag_s = lag < 0 ? -1 : (double)lag / 1e6;
	out->max_lag_s = (double)r->max_lag_us / 1e6;
	out->checks_ok = atomic_load(&r->checks_ok);
	for (int i = 0; i < DB_READ_N; i++)
		out->requests[i] = atomic_load(&r->requests[i]);
}
