/* SQLite driver: WAL, synchronous=FULL, busy timeout, foreign keys on. */
#include "db/db_int.h"
#include "db/fts_sqlite.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int map_rc(struct db *c, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return DB_UNAVAILABLE;
	default:
		return DB_ERR;
	}
	(void)c;
}

static int sq_open(struct db *c, const char *target, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(
	    target, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", target, h ? sqlite3_errmsg(h) : "?");
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 5000);
	sqlite3_extended_result_codes(h, 1);
	char *msg = NULL;
	rc =
	    sqlite3_exec(h,
	                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	                 "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
	                 NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot configure %s: %s", target, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(h);
		return -1;
	}
	/* tokenizers are registered per connection */
	if (fts_sqlite_register(h) != 0) {
		snprintf(err, errlen, "cannot register the cjk tokenizer on %s", target);
		sqlite3_close(h);
		return -1;
	}
	c->impl = h;
	return 0;
}

static void sq_close(struct db *c)
{
	sqlite3_close(c->impl);
	c->impl = NULL;
}

static int sq_prepare(struct db *c, struct db_stmt *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(c->impl, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		db_set_error(c, "%s", sqlite3_errmsg(c->impl));
		int m = map_rc(c, rc);
		return m < 0 ? m : DB_ERR;
	}
	st->impl = s;
	return 0;
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->impl);
	st->impl = NULL;
}

static int sq_step(struct db_stmt *st)
{
	sqlite3_stmt *s = st->impl;
	if (!sqlite3_stmt_busy(s)) {
		/* first step of an execution: bind the parameters */
		for (int i = 0; i < st->nparams; i++) {
			struct db_param *p = &st->params[i];
			int rc;
			switch (p->kind) {
			case 'i':
				rc = sqlite3_bind_int64(s, i + 1, p->i);
				break;
			case 'd':
				rc = sqlite3_bind_double(s, i + 1, p->d);
				break;
			case 't':
				rc = sqlite3_bind_text(s, i + 1, p->text, -1, SQLITE_STATIC);
				break;
			default:
				rc = sqlite3_bind_null(s, i + 1);
			}
			if (rc != SQLITE_OK) {
				db_set_error(st->conn, "%s", sqlite3_errmsg(st->conn->impl));
				return DB_ERR;
			}
		}
	}
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_set_error(st->conn, "%s", sqlite3_errmsg(st->conn->impl));
	int m = map_rc(st->conn, rc);
	if (m != DB_CONSTRAINT)
		log_warn("db: sqlite step: %s", st->conn->errmsg);
	return m;
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(st->impl);
	sqlite3_clear_bindings(st->impl);
}

static int sq_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->impl, col) == SQLITE_NULL;
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->impl, col);
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->impl, col);
}

static double sq_col_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->impl, col);
}

static int sq_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->impl);
}

static int64_t sq_changes(struct db_stmt *st)
{
	return sqlite3_changes64(st->conn->impl);
}

static int sq_exec(struct db *c, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->impl, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db_set_error(c, "%s", msg ? msg : sqlite3_errmsg(c->impl));
		sqlite3_free(msg);
		log_warn("db: sqlite exec: %s", c->errmsg);
		return map_rc(c, rc);
	}
	return DB_OK;
}

static int sq_broken(struct db *c)
{
	(void)c;
	return 0;
}

static int sq_reconnect(struct db *c)
{
	(void)c;
	return 0; /* a file does not go away */
}

const struct db_driver db_sqlite_driver = {
    .engine = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .step = sq_step,
    .reset = sq_reset,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_count = sq_col_count,
    .changes = sq_changes,
    .exec = sq_exec,
    .broken = sq_broken,
    .reconnect = sq_reconnect,
};
