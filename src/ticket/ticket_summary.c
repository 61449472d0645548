/* Request figures kept as summaries (see ticket_summary.h). */
#include "ticket/ticket_summary.h"
#include "db/qb.h"
#include "db/db.h"
#include "lib/alloc.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const stat_dim_names[SD__COUNT] = {"dept", "category", "channel"};

/* The levels of the periods, and the first day of the period of day z at each. */
static const char *const LEVELS[3] = {"y", "m", "d"};

static int64_t period_start(int level, int64_t z)
{
	return level == 0 ? calendar_year_start(z) : level == 1 ? calendar_month_start(z) : z;
}

static const char SQL_LOAD[] = "SELECT " STAT_IN_COLS " FROM ticket t WHERE t.id = ?";
static const char SQL_ZONE_ROWS[] =
    "SELECT " STAT_IN_COLS " FROM ticket t WHERE t.zone_id = ? ORDER BY t.created_at";
static const char SQL_ADD[] =
    "INSERT INTO ticket_stat (zone_id, dim, lvl, day0, gkey, received, accepted, resolved, "
    "on_time, rated, satisfied, unrated, handled, work_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?) ON CONFLICT (zone_id, dim, lvl, day0, gkey) DO UPDATE SET received = "
    "ticket_stat.received + excluded.received, accepted = ticket_stat.accepted + "
    "excluded.accepted, resolved = ticket_stat.resolved + excluded.resolved, on_time = "
    "ticket_stat.on_time + excluded.on_time, rated = ticket_stat.rated + excluded.rated, "
    "satisfied = ticket_stat.satisfied + excluded.satisfied, unrated = ticket_stat.unrated + "
    "excluded.unrated, handled = ticket_stat.handled + excluded.handled, work_s = "
    "ticket_stat.work_s + excluded.work_s";
static const char SQL_HIST_ADD[] =
    "INSERT INTO ticket_stat_hist (zone_id, dim, lvl, day0, gkey, tenths, n) VALUES (?, ?, ?, ?, "
    "?, ?, ?) ON CONFLICT (zone_id, dim, lvl, day0, gkey, tenths) DO UPDATE SET n = "
    "ticket_stat_hist.n + excluded.n";
/* The zone's state, held against a rebuild until the transaction ends (PostgreSQL: a rebuild
 * takes the row for update; SQLite has one writer at a time). */
static const char SQL_ZONE_STATE_PG[] =
    "SELECT cal_hash FROM ticket_stat_zone WHERE zone_id = ? FOR SHARE";
static const char SQL_ZONE_STATE[] = "SELECT cal_hash FROM ticket_stat_zone WHERE zone_id = ?";
static const char SQL_ZONE_ADD[] =
    "INSERT INTO ticket_stat_zone (zone_id) VALUES (?) ON CONFLICT (zone_id) DO NOTHING";
static const char SQL_ZONE_STALE[] =
    "INSERT INTO ticket_stat_zone (zone_id) VALUES (?) ON CONFLICT (zone_id) DO UPDATE SET "
    "cal_hash = ''";
/* the same without writing a row already marked (a load marks its zone once per request) */
static const char SQL_ZONE_MARK[] =
    "INSERT INTO ticket_stat_zone (zone_id) VALUES (?) ON CONFLICT (zone_id) DO UPDATE SET "
    "cal_hash = '' WHERE ticket_stat_zone.cal_hash <> ''";
static const char SQL_ZONE_BUILT[] =
    "UPDATE ticket_stat_zone SET cal_hash = ?, built_at = ? WHERE zone_id = ?";
static const char SQL_CLEAR[] = "DELETE FROM ticket_stat WHERE zone_id = ?";
static const char SQL_HIST_CLEAR[] = "DELETE FROM ticket_stat_hist WHERE zone_id = ?";

static void copy_text(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

void stat_in_read(struct db_stmt *st, int col, struct stat_in *in)
{
	in->zone_id = db_col_int(st, col);
	in->created_at = db_col_int(st, col + 1);
	in->dept_id = db_col_int(st, col + 2);
	copy_text(in->category, sizeof in->category, db_col_text(st, col + 3));
	copy_text(in->channel, sizeof in->channel, db_col_text(st, col + 4));
	in->status = ticket_status_from_name(db_col_text(st, col + 5));
	in->accepted_at = db_col_int(st, col + 6);
	in->resolved_at = db_col_int(st, col + 7);
	in->due_resolve = db_col_int(st, col + 8);
	copy_text(in->rating, sizeof in->rating, db_col_text(st, col + 9));
	in->unrated = db_col_int(st, col + 10);
}

void stat_in_of_ticket(const struct ticket *t, struct stat_in *in)
{
	in->zone_id = t->zone_id;
	in->created_at = t->created_at;
	in->dept_id = t->dept_id;
	copy_text(in->category, sizeof in->category, t->category);
	copy_text(in->channel, sizeof in->channel, t->channel);
	in->status = t->status;
	in->accepted_at = t->accepted_at;
	in->resolved_at = t->resolved_at;
	in->due_resolve = t->due_resolve;
	copy_text(in->rating, sizeof in->rating, t->rating);
	in->unrated = t->unrated;
}

void stat_contrib_of(const struct stat_in *in, struct stat_contrib *out)
{
	memset(out, 0, sizeof *out);
	out->day = calendar_day_of(in->created_at);
	snprintf(out->key[SD_DEPT], sizeof out->key[SD_DEPT], "%lld", (long long)in->dept_id);
	copy_text(out->key[SD_CATEGORY], sizeof out->key[SD_CATEGORY], in->category);
	copy_text(out->key[SD_CHANNEL], sizeof out->key[SD_CHANNEL], in->channel);
	enum ticket_status s = in->status;
	int64_t acc = in->accepted_at, res = in->resolved_at, due = in->due_resolve;
	out->c[SC_RECEIVED] = 1;
	out->c[SC_ACCEPTED] = acc && s != TS_REJECTED && s != TS_MERGED && s != TS_RECEIVED;
	if ((s == TS_RESOLVED || s == TS_CLOSED) && res) {
		out->c[SC_RESOLVED] = 1;
		out->c[SC_ON_TIME] = due && res <= due;
		if (acc) {
			out->c[SC_HANDLED] = 1;
			out->acc = acc;
			out->res = res;
		}
	}
	if (in->rating[0]) {
		out->c[SC_RATED] = 1;
		out->c[SC_SATISFIED] =
		    strcmp(in->rating, "satisfied") == 0 || strcmp(in->rating, "basic") == 0;
	}
	out->c[SC_UNRATED] = in->unrated;
}

void stat_contrib_time(struct stat_contrib *c, const struct calendar *cal)
{
	if (!c->c[SC_HANDLED])
		return;
	c->work_s = calendar_work_seconds_between(cal, c->acc, c->res);
	c->tenths = (int64_t)llround((double)c->work_s / STAT_OFFICE_DAY * 10);
}

int ticket_summary_load(struct db *tx, int64_t id, struct stat_in *in)
{
	struct db_stmt *st = db_prepare_with(tx, SQL_LOAD, DB_I(id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		stat_in_read(st, 0, in);
	db_reset(st);
	return rc == DB_ROW ? DB_OK : rc;
}

/* Runs sql with its one integer parameter v. */
static int run_int(struct db *tx, const char *sql, int64_t v)
{
	struct db_stmt *st = db_prepare_with(tx, sql, DB_I(v));
	if (!st)
		return DB_ERR;
	return db_run(st);
}

static void fingerprint_text(const struct calendar *cal, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)calendar_fingerprint(cal));
}

/* Adds the counters and the office seconds to the group `key` of the period (dim, level,
 * day0). */
static int add_row(struct db *tx, int64_t zone, int dim, int level, int64_t day0, const char *key,
                   const int64_t *counters, int64_t work_s)
{
	struct db_stmt *st = db_prepare(tx, SQL_ADD);
	if (!st)
		return DB_ERR;
	int i = 1;
	db_bind_int(st, i++, zone);
	db_bind_text(st, i++, stat_dim_names[dim]);
	db_bind_text(st, i++, LEVELS[level]);
	db_bind_int(st, i++, day0);
	db_bind_text(st, i++, key);
	for (int k = 0; k < SC__COUNT; k++)
		db_bind_int(st, i++, counters[k]);
	db_bind_int(st, i++, work_s);
	return db_run(st);
}

static int add_hist(struct db *tx, int64_t zone, int dim, int level, int64_t day0, const char *key,
                    int64_t tenths, int64_t n)
{
	struct db_stmt *st =
	    db_prepare_with(tx, SQL_HIST_ADD, DB_I(zone), DB_T(stat_dim_names[dim]),
	                    DB_T(LEVELS[level]), DB_I(day0), DB_T(key), DB_I(tenths), DB_I(n));
	if (!st)
		return DB_ERR;
	return db_run(st);
}

/* Writes new − old (either may be NULL) into the zone's rows: per dimension and level one row
 * when both fall in the same group and period, else −old in old's and +new in new's. */
static int apply(struct db *tx, int64_t zone, const struct stat_contrib *old,
                 const struct stat_contrib *new)
{
	int rc;
	for (int dim = 0; dim < SD__COUNT; dim++)
		for (int lv = 0; lv < 3; lv++) {
			int64_t p_old = old ? period_start(lv, old->day) : 0;
			int64_t p_new = new ? period_start(lv, new->day) : 0;
			int same =
			    old && new &&p_old == p_new &&strcmp(old->key[dim], new->key[dim]) == 0;
			int64_t d[SC__COUNT];
			if (same) {
				int any = new->work_s != old->work_s;
				for (int k = 0; k < SC__COUNT; k++)
					any |= (d[k] = new->c[k] - old->c[k]) != 0;
				if (any && (rc = add_row(tx, zone, dim, lv, p_new, new->key[dim], d,
				                         new->work_s - old->work_s)) < 0)
					return rc;
			} else {
				if (old) {
					for (int k = 0; k < SC__COUNT; k++)
						d[k] = -old->c[k];
					if ((rc = add_row(tx, zone, dim, lv, p_old, old->key[dim],
					                  d, -old->work_s)) < 0)
						return rc;
				}
				if (new && (rc = add_row(tx, zone, dim, lv, p_new, new->key[dim],
				                         new->c, new->work_s)) < 0)
					return rc;
			}
			int h_old = old && old->c[SC_HANDLED], h_new = new &&new->c[SC_HANDLED];
			if (same && h_old && h_new && old->tenths == new->tenths)
				continue;
			if (h_old && (rc = add_hist(tx, zone, dim, lv, p_old, old->key[dim],
			                            old->tenths, -1)) < 0)
				return rc;
			if (h_new && (rc = add_hist(tx, zone, dim, lv, p_new, new->key[dim],
			                            new->tenths, 1)) < 0)
				return rc;
		}
	return DB_OK;
}

/* The zone's calendar fingerprint as its summaries hold it, the row held until tx ends, into
 * hash ("" : not built); made when missing, so that a rebuild waits for this transaction. */
static int zone_state(struct db *tx, int64_t zone, char hash[17])
{
	const char *sql = db_engine_of(tx) == DB_POSTGRES ? SQL_ZONE_STATE_PG : SQL_ZONE_STATE;
	for (int pass = 0; pass < 2; pass++) {
		int rc = db_query_text(tx, sql, zone, NULL, hash, 17);
		if (rc != DB_DONE)
			return rc == DB_ROW ? DB_OK : rc;
		if (pass == 0 && (rc = run_int(tx, SQL_ZONE_ADD, zone)) < 0)
			return rc;
	}
	hash[0] = '\0';
	return DB_OK;
}

/* 1 when a and b add the same to the same rows. */
static int same_contrib(const struct stat_contrib *a, const struct stat_contrib *b)
{
	return a->day == b->day && memcmp(a->c, b->c, sizeof a->c) == 0 &&
	       (!a->c[SC_HANDLED] || (a->acc == b->acc && a->res == b->res)) &&
	       memcmp(a->key, b->key, sizeof a->key) == 0;
}

int ticket_summary_change(struct db *tx, const struct stat_in *old, const struct stat_in *new,
                          const struct calendar *cal)
{
	struct stat_contrib co, cn;
	if (old)
		stat_contrib_of(old, &co);
	if (new)
		stat_contrib_of(new, &cn);
	if ((!old && !new) || (old && new &&same_contrib(&co, &cn)))
		return DB_OK;
	int64_t zone = new ? new->zone_id : old->zone_id;
	char hash[17];
	int rc = zone_state(tx, zone, hash);
	if (rc < 0 || !hash[0])
		return rc; /* not built: the first read builds them */
	struct calendar *own = NULL;
	if ((old && co.c[SC_HANDLED]) || (new &&cn.c[SC_HANDLED])) {
		/* handling times: with the calendar the summaries were computed with, or none */
		char have[17] = "";
		if (cal)
			fingerprint_text(cal, have);
		if (strcmp(have, hash) != 0) {
			if ((rc = work_calendar(tx, &own)) < 0)
				return rc;
			fingerprint_text(own, have);
			cal = own;
		}
		if (strcmp(have, hash) != 0) {
			/* the calendar changed since they were built: the next read rebuilds them
			 */
			calendar_free(own);
			return DB_OK;
		}
		if (old)
			stat_contrib_time(&co, cal);
		if (new)
			stat_contrib_time(&cn, cal);
	}
	rc = apply(tx, zone, old ? &co : NULL, new ? &cn : NULL);
	calendar_free(own);
	return rc;
}

int ticket_summary_invalidate(struct db *tx, int64_t zone_id)
{
	return run_int(tx, SQL_ZONE_MARK, zone_id);
}

/* ---- rebuilding: the zone's requests in creation order, one period of each level at a time,
 * added up in memory and written when the period ends ---- */

struct agg {
	int used, dim;
	int64_t tenths; /* -1: the counters of the group; else its histogram bar */
	char key[STAT_KEY_MAX];
	int64_t c[SC__COUNT], work_s;
};

struct aggmap {
	struct agg *e;
	size_t cap, n;
	int64_t day0; /* the period being added up, -1 none */
};

static uint64_t agg_hash(int dim, int64_t tenths, const char *key)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)dim ^ ((uint64_t)tenths << 8);
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h * 1099511628211ULL;
}

static struct agg *agg_find(struct aggmap *m, int dim, int64_t tenths, const char *key)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct agg *e = yq_calloc(cap, sizeof *e);
		if (!e)
			return NULL;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->e[i].used)
				continue;
			size_t j = agg_hash(m->e[i].dim, m->e[i].tenths, m->e[i].key) & (cap - 1);
			while (e[j].used)
				j = (j + 1) & (cap - 1);
			e[j] = m->e[i];
		}
		yq_free(m->e);
		m->e = e;
		m->cap = cap;
	}
	size_t j = agg_hash(dim, tenths, key) & (m->cap - 1);
	while (m->e[j].used) {
		struct agg *a = &m->e[j];
		if (a->dim == dim && a->tenths == tenths && strcmp(a->key, key) == 0)
			return a;
		j = (j + 1) & (m->cap - 1);
	}
	struct agg *a = &m->e[j];
	a->used = 1;
	a->dim = dim;
	a->tenths = tenths;
	copy_text(a->key, sizeof a->key, key);
	m->n++;
	return a;
}

static int agg_flush(struct db *tx, int64_t zone, int level, struct aggmap *m)
{
	int rc = DB_OK;
	for (size_t i = 0; i < m->cap && rc >= 0; i++) {
		struct agg *a = &m->e[i];
		if (!a->used)
			continue;
		rc = a->tenths < 0
		         ? add_row(tx, zone, a->dim, level, m->day0, a->key, a->c, a->work_s)
		         : add_hist(tx, zone, a->dim, level, m->day0, a->key, a->tenths, a->c[0]);
		memset(a, 0, sizeof *a);
	}
	m->n = 0;
	return rc;
}

static int agg_add(struct aggmap *m, const struct stat_contrib *c)
{
	for (int dim = 0; dim < SD__COUNT; dim++) {
		struct agg *a = agg_find(m, dim, -1, c->key[dim]);
		if (!a)
			return DB_ERR;
		for (int k = 0; k < SC__COUNT; k++)
			a->c[k] += c->c[k];
		a->work_s += c->work_s;
		if (!c->c[SC_HANDLED])
			continue;
		if (!(a = agg_find(m, dim, c->tenths, c->key[dim])))
			return DB_ERR;
		a->c[0]++;
	}
	return DB_OK;
}

int ticket_summary_rebuild(struct db *tx, int64_t zone_id, const struct calendar *cal)
{
	struct calendar *own = NULL;
	struct aggmap m[3] = {{.day0 = -1}, {.day0 = -1}, {.day0 = -1}};
	int rc;
	if (!cal) {
		if ((rc = work_calendar(tx, &own)) < 0)
			return rc;
		cal = own;
	}
	/* first the zone's row, for update: writers in flight end before, the next ones wait */
	if ((rc = run_int(tx, SQL_ZONE_STALE, zone_id)) < 0 ||
	    (rc = run_int(tx, SQL_CLEAR, zone_id)) < 0 ||
	    (rc = run_int(tx, SQL_HIST_CLEAR, zone_id)) < 0)
		goto out;
	struct db_stmt *st = db_prepare(tx, SQL_ZONE_ROWS);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_int(st, 1, zone_id);
	db_bulk(tx, 1);
	while ((rc = db_step(st)) == DB_ROW) {
		struct stat_in in;
		struct stat_contrib c;
		stat_in_read(st, 0, &in);
		stat_contrib_of(&in, &c);
		stat_contrib_time(&c, cal);
		for (int lv = 0; lv < 3 && rc >= 0; lv++) {
			int64_t p = period_start(lv, c.day);
			if (p != m[lv].day0) {
				if (m[lv].n && (rc = agg_flush(tx, zone_id, lv, &m[lv])) < 0)
					break;
				m[lv].day0 = p;
			}
			rc = agg_add(&m[lv], &c);
		}
		if (rc < 0)
			break;
	}
	db_reset(st);
	for (int lv = 0; lv < 3 && rc == DB_DONE; lv++)
		if (m[lv].n && agg_flush(tx, zone_id, lv, &m[lv]) < 0)
			rc = DB_ERR;
	int brc = db_bulk(tx, 0);
	if (rc != DB_DONE || brc < 0) {
		rc = rc < 0 ? rc : brc < 0 ? brc : DB_ERR;
		goto out;
	}
	char hash[17];
	fingerprint_text(cal, hash);
	st = db_prepare(tx, SQL_ZONE_BUILT);
	if (!st) {
		rc = DB_ERR;
		goto out;
	}
	db_bind_args(st, DB_ARGS(DB_T(hash), DB_I(now_unix()), DB_I(zone_id)));
	rc = db_run(st);
out:
	for (int lv = 0; lv < 3; lv++)
		yq_free(m[lv].e);
	calendar_free(own);
	return rc;
}

int ticket_summary_fresh(struct db *c, int64_t zone_id, const struct calendar *cal)
{
	struct db_stmt *st = db_prepare_with(c, SQL_ZONE_STATE, DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	char want[17];
	fingerprint_text(cal, want);
	int fresh = rc == DB_ROW && strcmp(db_col_text(st, 0), want) == 0;
	db_reset(st);
	return rc < 0 ? rc : fresh;
}

int ticket_summary_fresh_zones(struct db *c, const int64_t *zone_ids, size_t n,
                               const struct calendar *cal, int *fresh)
{
	char want[17];
	fingerprint_text(cal, want);
	for (size_t z = 0; z < n; z++)
		fresh[z] = 0;
	if (!n)
		return DB_OK;
	struct qb q;
	qb_init(&q, "SELECT zone_id, cal_hash FROM ticket_stat_zone WHERE zone_id IN (");
	qb_ids(&q, zone_ids, n);
	qb_sql(&q, ")");
	struct db_stmt *st = qb_prepare(&q, c);
	int rc = st ? DB_OK : DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		const char *h = db_col_text(st, 1);
		for (size_t z = 0; z < n; z++)
			if (zone_ids[z] == id)
				fresh[z] = h && strcmp(h, want) == 0;
	}
	if (st)
		db_reset(st);
	qb_release(&q);
	return rc < 0 ? rc : DB_OK;
}
