/* Applies the numbered migrations compiled into the program (see migrate.h). */
#include "db/migrate.h"
#include "lib/alloc.h"
#include "lib/embedded.h"
#include "lib/log.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_VERSION_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT "
    "NOT NULL)";
static const char SQL_VERSION_GET[] = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
static const char SQL_VERSION_PUT[] =
    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)";

/* The version number of a migration file name "NNNN_*.sql", or 0 if it is not one. A name
 * ending in ".sqlite.sql" or ".pg.sql" is one engine's half of a pair, for what the engines do
 * differently (full-text search). */
static int migration_number(const char *name)
{
	size_t n = strlen(name);
	if (n < 9 || strcmp(name + n - 4, ".sql") != 0 || name[4] != '_')
		return 0;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

/* 1 if a migration file applies to the engine of c. */
static int migration_for(struct db *c, const char *name)
{
	size_t n = strlen(name);
	int sqlite_only = n > 11 && strcmp(name + n - 11, ".sqlite.sql") == 0;
	int pg_only = n > 7 && strcmp(name + n - 7, ".pg.sql") == 0;
	if (sqlite_only)
		return db_engine_of(c) == DB_SQLITE;
	if (pg_only)
		return db_engine_of(c) == DB_POSTGRES;
	return 1;
}

int db_latest_version(void)
{
	int max = 0;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		int v = migration_number(f->name);
		if (v > max)
			max = v;
	}
	return max;
}

int db_schema_version(struct db *c)
{
	if (db_exec(c, SQL_VERSION_TABLE) != DB_OK)
		return -1;
	int64_t v;
	if (db_query_int(c, SQL_VERSION_GET, &v, 0) != DB_OK)
		return -1;
	return (int)v;
}

/* Rewrites the portable DDL for SQLite: "BIGSERIAL PRIMARY KEY" → "INTEGER PRIMARY KEY".
 * Returns a malloc'd copy. */
static char *ddl_for_engine(struct db *c, const char *sql)
{
	static const char from[] = "BIGSERIAL PRIMARY KEY", to[] = "INTEGER PRIMARY KEY";
	size_t n = strlen(sql);
	char *out = yq_malloc(n + 1);
	if (!out)
		return NULL;
	if (db_engine_of(c) != DB_SQLITE) {
		memcpy(out, sql, n + 1);
		return out;
	}
	char *o = out;
	for (const char *p = sql; *p;) {
		if (strncmp(p, from, sizeof from - 1) == 0) {
			memcpy(o, to, sizeof to - 1);
			o += sizeof to - 1;
			p += sizeof from - 1;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

int db_migrate(struct db *c, int *applied)
{
	int count = 0;
	if (applied)
		*applied = 0;
	int current = db_schema_version(c);
	if (current < 0)
		return error("migrate: cannot read the schema version: %s", db_errmsg(c));
	for (int v = current + 1; v <= db_latest_version(); v++) {
		const struct embedded_file *f = NULL;
		for (const struct embedded_file *e = embedded_files; e->name; e++)
			if (migration_number(e->name) == v && migration_for(c, e->name))
				f = e;
		if (!f)
			return error("migrate: migration %04d is missing", v);
		char *sql = ddl_for_engine(c, f->data);
		if (!sql)
			return error("migrate: out of memory");
		if (db_begin(c, 1) != DB_OK)
			goto out_free;
		if (db_exec(c, sql) != DB_OK) {
			error("migrate: %s failed: %s", f->name, db_errmsg(c));
			db_rollback(c);
			goto out_free;
		}
		struct db_stmt *st = db_prepare(c, SQL_VERSION_PUT);
		if (!st) {
			db_rollback(c);
			goto out_free;
		}
		db_bind_int(st, 1, v);
		db_bind_int(st, 2, (int64_t)time(NULL));
		int rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE || db_commit(c) != DB_OK) {
			error("migrate: cannot record version %d: %s", v, db_errmsg(c));
			db_rollback(c);
			goto out_free;
		}
		yq_free(sql);
		log_info("migrate: applied %s", f->name);
		count++;
		continue;
	out_free:
		yq_free(sql);
		return -1;
	}
	if (applied)
		*applied = count;
	return 0;
}
