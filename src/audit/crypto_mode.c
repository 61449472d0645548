/* The recorded crypto mode (see crypto_mode.h). */
#include "audit/crypto_mode.h"
#include "lib/field.h"
#include "lib/gm.h"
#include "lib/strbuf.h"
#include <stdio.h>
#include <string.h>

static const char SQL_SETTING_GET[] = "SELECT value FROM crypto_setting WHERE name = ?";
static const char SQL_SETTING_PUT[] =
    "INSERT INTO crypto_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";

static int setting_get(struct db *c, const char *name, char *out, size_t n)
{
	int rc = db_query_text(c, SQL_SETTING_GET, 0, name, out, n);
	return rc < 0 ? rc : DB_OK;
}

static int setting_put(struct db *c, const char *name, const char *value)
{
	return db_do(c, SQL_SETTING_PUT, DB_T(name), DB_T(value));
}

int crypto_mode_resolve(struct db *c, const char *want, int *gm, char *err, size_t errlen)
{
	if (want && *want && strcmp(want, "std") != 0 && strcmp(want, "gm") != 0) {
		snprintf(err, errlen, "--crypto (YUANQU_CRYPTO) must be std or gm, not '%s'", want);
		return -1;
	}
	char mode[16];
	if (setting_get(c, "mode", mode, sizeof mode) < 0) {
		snprintf(err, errlen, "cannot read the crypto mode: %s", db_errmsg(c));
		return -1;
	}
	if (!mode[0]) {
		const char *m = want && *want ? want : "std";
		if (setting_put(c, "mode", m) < 0 ||
		    setting_get(c, "mode", mode, sizeof mode) < 0) {
			snprintf(err, errlen, "cannot record the crypto mode: %s", db_errmsg(c));
			return -1;
		}
	}
	if (want && *want && strcmp(want, mode) != 0) {
		snprintf(err, errlen,
		         "this database was initialised with --crypto %s; it cannot be opened with "
		         "--crypto %s",
		         mode, want);
		return -1;
	}
	*gm = strcmp(mode, "gm") == 0;
	return 0;
}

int crypto_gm_check_get(struct db *c, char out[65])
{
	return setting_get(c, "gm_key_check", out, 65);
}

int crypto_gm_check_put(struct db *c, const char *check)
{
	return setting_put(c, "gm_key_check", check);
}

int crypto_mode_switch_to_gm(struct db *c)
{
	static const char SQL_SET_GM[] =
	    "UPDATE crypto_setting SET value = 'gm' WHERE name = 'mode' AND value = 'std'";
	struct db_stmt *st = db_prepare(c, SQL_SET_GM);
	if (!st)
		return DB_ERR;
	int rc = db_run(st);
	return rc < 0 ? rc : (db_changes(st) == 1 ? DB_OK : DB_ERR);
}

/* Opens the member `member` of the JSON text and seals it again into `sealed`: 0, or 1 when the
 * text cannot be read or sealed. */
static int reseal_json(const char *text, const char *member, struct strbuf *sealed)
{
	struct strbuf plain = STRBUF_INIT(256 * 1024);
	int bad = gm_json_field(text, member, 0, &plain) < 0 || plain.failed ||
	          gm_json_field(plain.buf ? plain.buf : "[]", member, 1, sealed) < 0;
	strbuf_release(&plain);
	return bad;
}

/* Seals column `col` of every row of `table`, one row at a time; *n gets the count of rows
 * rewritten. member NULL: the text of every non-empty value not sealed yet; else the member
 * `member` of the JSON text of every row that has a non-empty one (opened, then sealed again:
 * values sealed already stay readable). */
static int seal_rows(struct db *tx, const char *table, const char *col, const char *member,
                     int64_t *n)
{
	char sql_next[256], sql_set[256], pattern[96] = "";
	if (member) {
		snprintf(sql_next, sizeof sql_next,
		         "SELECT id, %s FROM %s WHERE id > ? AND %s LIKE ? ORDER BY id LIMIT 1",
		         col, table, col);
		snprintf(pattern, sizeof pattern, "%%\"%s\":\"_%%", member);
	} else
		snprintf(sql_next, sizeof sql_next,
		         "SELECT id, %s FROM %s WHERE %s <> '' AND %s NOT LIKE 'sm4:%%' AND id > ? "
		         "ORDER BY id LIMIT 1",
		         col, table, col, col);
	snprintf(sql_set, sizeof sql_set, "UPDATE %s SET %s = ? WHERE id = ?", table, col);
	*n = 0;
	int64_t after = 0;
	for (;;) {
		struct db_stmt *st = db_prepare_with(tx, sql_next, DB_I(after));
		if (!st)
			return DB_ERR;
		if (member)
			db_bind_text(st, 2, pattern);
		int rc = db_step(st);
		struct strbuf sealed = STRBUF_INIT(member ? 256 * 1024 : 1024);
		int bad = 0;
		if (rc == DB_ROW) {
			after = db_col_int(st, 0);
			if (member)
				bad = reseal_json(db_col_text(st, 1), member, &sealed);
			else
				gm_seal(db_col_text(st, 1), &sealed);
		}
		db_reset(st);
		if (rc != DB_ROW) {
			strbuf_release(&sealed);
			return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
		}
		if (bad || sealed.failed || !(st = db_prepare(tx, sql_set))) {
			strbuf_release(&sealed);
			return DB_ERR;
		}
		db_bind_args(st, DB_ARGS(DB_T(sealed.buf), DB_I(after)));
		strbuf_release(&sealed);
		if ((rc = db_run(st)) < 0)
			return rc;
		(*n)++;
	}
}

int crypto_seal_column(struct db *tx, const char *table, const char *col, int64_t *n)
{
	return seal_rows(tx, table, col, NULL, n);
}

int crypto_seal_entity(struct db *tx, const struct entity *en, int64_t *n)
{
	*n = 0;
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if (!(f->flags & F_SEALED) || !f->column)
			continue;
		int64_t k = 0;
		int rc = seal_rows(tx, en->table, f->column,
		                   f->type == FT_JSON ? f->seal_member : NULL, &k);
		if (rc < 0)
			return rc;
		*n += k;
	}
	return DB_OK;
}
