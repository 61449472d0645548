/* Audit and login log storage (see audit.h). */
#include "audit/audit.h"
#include "audit/audit_chain_int.h"
#include "access/principal.h"
#include "lib/field.h"
#include "lib/gm.h"
#include "lib/jsonw.h"
#include "lib/util.h"
#include <stdio.h>
#include <string.h>

static const char SQL_AUDIT_INSERT[] =
    "INSERT INTO audit_log (zone_id, at, user_id, username, ip, action, obj_type, obj_id, "
    "changes, seq, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_LOGIN_INSERT[] =
    "INSERT INTO login_log (zone_id, at, username, user_id, ip, user_agent, success, reason, "
    "seq, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* The filter part shared by the audit list and its count; parameters 1..9. */
#define AUDIT_WHERE                                                                                \
	" WHERE zone_id = ? AND (CAST(? AS TEXT) IS NULL OR username = ?)"                         \
	" AND (CAST(? AS TEXT) IS NULL OR action = ?) AND (CAST(? AS TEXT) IS NULL OR obj_type = " \
	"?)"                                                                                       \
	" AND (CAST(? AS TEXT) IS NULL OR obj_id = ?) AND (CAST(? AS BIGINT) = 0 OR at >= ?) AND " \
	"(CAST(? AS BIGINT) = 0 OR at < ?)"
static const char SQL_AUDIT_LIST[] =
    "SELECT id, at, user_id, zone_id, username, ip, action, obj_type, obj_id, changes "
    "FROM audit_log" AUDIT_WHERE " ORDER BY id DESC LIMIT ? OFFSET ?";
static const char SQL_AUDIT_COUNT[] = "SELECT COUNT(*) FROM audit_log" AUDIT_WHERE;

/* A zone's view holds the logins of its users only: rows of users without a zone (province) and
 * of names that are no account (zone_id NULL) are for the installation's view (the command
 * line). Parameter 2: 1 for that view (every zone). */
#define LOGIN_WHERE                                                                                \
	" WHERE (zone_id = ? OR ? = 1) AND (CAST(? AS TEXT) IS NULL OR username = ?)"              \
	" AND (? < 0 OR success = ?) AND (CAST(? AS BIGINT) = 0 OR at >= ?) AND (CAST(? AS "       \
	"BIGINT) = 0 OR at < ?)"
static const char SQL_LOGIN_LIST[] =
    "SELECT id, at, user_id, zone_id, username, ip, user_agent, success, reason FROM "
    "login_log" LOGIN_WHERE " ORDER BY id DESC LIMIT ? OFFSET ?";
static const char SQL_LOGIN_COUNT[] = "SELECT COUNT(*) FROM login_log" LOGIN_WHERE;

void audit_changes_init(struct audit_changes *c)
{
	strbuf_init(&c->sb, 256 * 1024);
	strbuf_addch(&c->sb, '{');
	c->n = 0;
}

void audit_changes_release(struct audit_changes *c)
{
	strbuf_release(&c->sb);
}

static void change_key(struct audit_changes *c, const char *field)
{
	if (c->n++)
		strbuf_addch(&c->sb, ',');
	strbuf_addch(&c->sb, '"');
	json_escape_into(&c->sb, field, strlen(field));
	strbuf_adds(&c->sb, "\":[");
}

static void change_val(struct audit_changes *c, const char *v)
{
	if (!v) {
		strbuf_adds(&c->sb, "null");
		return;
	}
	strbuf_addch(&c->sb, '"');
	json_escape_into(&c->sb, v, strlen(v));
	strbuf_addch(&c->sb, '"');
}

void audit_change_str(struct audit_changes *c, const char *field, const char *before,
                      const char *after)
{
	if (before && after && strcmp(before, after) == 0)
		return;
	if (!before && !after)
		return;
	change_key(c, field);
	change_val(c, before);
	strbuf_addch(&c->sb, ',');
	change_val(c, after);
	strbuf_addch(&c->sb, ']');
}

void audit_change_int(struct audit_changes *c, const char *field, int64_t before, int64_t after)
{
	if (before == after)
		return;
	change_key(c, field);
	strbuf_addf(&c->sb, "%lld,%lld]", (long long)before, (long long)after);
}

/* Maps the result of an audit insert: a constraint or trigger refusing the row is a failure of
 * the audit write (HTTP 500), not a conflict in the caller's data. */
static int audit_rc(int rc)
{
	if (rc == DB_DONE || rc == DB_OK)
		return DB_OK;
	return rc == DB_UNAVAILABLE ? rc : DB_ERR;
}

void audit_change_secret(struct audit_changes *c, const char *field, const char *before,
                         const char *after)
{
	if (!gm_enabled() || (before && after && strcmp(before, after) == 0)) {
		audit_change_str(c, field, before, after);
		return;
	}
	struct strbuf b = STRBUF_INIT(0), a = STRBUF_INIT(0);
	if (before)
		gm_seal(before, &b);
	if (after)
		gm_seal(after, &a);
	if (b.failed || a.failed)
		c->sb.failed = 1; /* the audit write then fails, and so does the change */
	else
		audit_change_str(c, field, before ? (b.buf ? b.buf : "") : NULL,
		                 after ? (a.buf ? a.buf : "") : NULL);
	strbuf_release(&b);
	strbuf_release(&a);
}

void audit_change_json_secret(struct audit_changes *c, const char *field, const char *before,
                              const char *after, const char *member)
{
	if (!gm_enabled() || (before && after && strcmp(before, after) == 0)) {
		audit_change_str(c, field, before, after);
		return;
	}
	struct strbuf b = STRBUF_INIT(0), a = STRBUF_INIT(0);
	if ((before && gm_json_field(before, member, 1, &b) < 0) ||
	    (after && gm_json_field(after, member, 1, &a) < 0) || b.failed || a.failed)
		c->sb.failed = 1;
	else
		audit_change_str(c, field, before ? (b.buf ? b.buf : "") : NULL,
		                 after ? (a.buf ? a.buf : "") : NULL);
	strbuf_release(&b);
	strbuf_release(&a);
}

void audit_change_entity(struct audit_changes *c, const struct entity *en, const void *before,
                         const void *after)
{
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		if (!(f->flags & F_AUDIT) || (before && field_equal(f, before, after)))
			continue;
		if (!before && (f->flags & F_SEALED))
			continue; /* personal data is recorded when it changes, never at creation */
		if (f->type == FT_INT || f->type == FT_REF || f->type == FT_TIME) {
			audit_change_int(c, f->key, before ? *FIELD_CPTR(before, f, int64_t) : 0,
			                 *FIELD_CPTR(after, f, int64_t));
			continue;
		}
		char b1[48], b2[48];
		const char *vb = before ? field_text_of(f, before, b1, sizeof b1) : NULL;
		const char *va = field_text_of(f, after, b2, sizeof b2);
		if (!(f->flags & F_SEALED))
			audit_change_str(c, f->key, vb, va);
		else if (f->type == FT_JSON && f->seal_member)
			audit_change_json_secret(c, f->key, vb, va, f->seal_member);
		else
			audit_change_secret(c, f->key, vb, va);
	}
}

static int write_row(struct db *tx, int64_t zone_id, int64_t user_id, const char *username,
                     const char *ip, const char *action, const char *obj_type, int64_t obj_id,
                     const struct audit_changes *changes)
{
	char id[24] = "";
	if (obj_id)
		snprintf(id, sizeof id, "%lld", (long long)obj_id);
	const char *ch = "{}";
	struct strbuf tmp = STRBUF_INIT(0);
	if (changes) {
		if (changes->sb.failed)
			return DB_ERR;
		strbuf_add(&tmp, changes->sb.buf, changes->sb.len);
		strbuf_addch(&tmp, '}');
		if (tmp.failed) {
			strbuf_release(&tmp);
			return DB_ERR;
		}
		ch = tmp.buf;
	}
	struct chain_row r = {
	    .table = CHAIN_AUDIT,
	    .zone_id = zone_id,
	    .at = audit_chain_now(),
	    .user_id = user_id,
	    .text = {username ? username : "", ip ? ip : "", action, obj_type, id, ch},
	};
	char mac[65];
	int rc = audit_chain_take(tx, &r, mac);
	struct db_stmt *st = rc == DB_OK ? db_prepare(tx, SQL_AUDIT_INSERT) : NULL;
	if (!st) {
		strbuf_release(&tmp);
		return audit_rc(rc == DB_OK ? DB_ERR : rc);
	}
	if (zone_id)
		db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, r.at);
	if (user_id)
		db_bind_int(st, 3, user_id);
	for (int i = 0; i < 6; i++)
		db_bind_text(st, 4 + i, r.text[i]);
	db_bind_int(st, 10, r.seq);
	db_bind_text(st, 11, mac);
	rc = db_step(st);
	db_reset(st);
	strbuf_release(&tmp);
	return audit_rc(rc);
}

int audit_write(struct db *tx, const struct principal *who, int64_t zone_id, const char *action,
                const char *obj_type, int64_t obj_id, const struct audit_changes *changes)
{
	return write_row(tx, zone_id, who->user_id, who->username, who->ip, action, obj_type,
	                 obj_id, changes);
}

int audit_login(struct db *tx, int64_t zone_id, const char *username, int64_t user_id,
                const char *ip, const char *user_agent, int success, const char *reason)
{
	char name[129];
	snprintf(name, sizeof name, "%s", username ? username : "");
	char ua[257];
	snprintf(ua, sizeof ua, "%s", user_agent ? user_agent : "");
	struct chain_row r = {
	    .table = CHAIN_LOGIN,
	    .zone_id = zone_id,
	    .at = audit_chain_now(),
	    .user_id = user_id,
	    .success = success ? 1 : 0,
	    .text = {name, ip ? ip : "", ua, reason ? reason : ""},
	};
	char mac[65];
	int rc = audit_chain_take(tx, &r, mac);
	struct db_stmt *st = rc == DB_OK ? db_prepare(tx, SQL_LOGIN_INSERT) : NULL;
	if (!st)
		return audit_rc(rc == DB_OK ? DB_ERR : rc);
	if (zone_id)
		db_bind_int(st, 1, zone_id);
	db_bind_int(st, 2, r.at);
	db_bind_text(st, 3, r.text[0]);
	if (user_id)
		db_bind_int(st, 4, user_id);
	db_bind_text(st, 5, r.text[1]);
	db_bind_text(st, 6, r.text[2]);
	db_bind_int(st, 7, r.success);
	db_bind_text(st, 8, r.text[3]);
	db_bind_int(st, 9, r.seq);
	db_bind_text(st, 10, mac);
	rc = db_step(st);
	db_reset(st);
	return audit_rc(rc);
}

static void bind_audit_where(struct db_stmt *st, const struct principal *p,
                             const struct audit_filter *f)
{
	db_bind_int(st, 1, p->zone_id);
	db_bind_text(st, 2, f->username);
	db_bind_text(st, 3, f->username);
	db_bind_text(st, 4, f->action);
	db_bind_text(st, 5, f->action);
	db_bind_text(st, 6, f->obj_type);
	db_bind_text(st, 7, f->obj_type);
	db_bind_text(st, 8, f->obj_id);
	db_bind_text(st, 9, f->obj_id);
	db_bind_int(st, 10, f->from);
	db_bind_int(st, 11, f->from);
	db_bind_int(st, 12, f->to);
	db_bind_int(st, 13, f->to);
}

static int count(struct db *c, const char *sql,
                 void (*bind)(struct db_stmt *, const struct principal *,
                              const struct audit_filter *),
                 const struct principal *p, const struct audit_filter *f, int64_t *total)
{
	struct db_stmt *st = db_prepare(c, sql);
	if (!st)
		return DB_ERR;
	bind(st, p, f);
	int rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int audit_list(struct db *c, const struct principal *p, const struct audit_filter *f,
               audit_row_fn fn, void *ctx, int64_t *total)
{
	int rc = count(c, SQL_AUDIT_COUNT, bind_audit_where, p, f, total);
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_prepare(c, SQL_AUDIT_LIST);
	if (!st)
		return DB_ERR;
	bind_audit_where(st, p, f);
	db_bind_int(st, 14, f->page_size);
	db_bind_int(st, 15, (f->page - 1) * f->page_size);
	while ((rc = db_step(st)) == DB_ROW) {
		struct audit_row r = {
		    .id = db_col_int(st, 0),
		    .at = db_col_int(st, 1),
		    .user_id = db_col_int(st, 2),
		    .zone_id = db_col_int(st, 3),
		    .username = db_col_text(st, 4),
		    .ip = db_col_text(st, 5),
		    .action = db_col_text(st, 6),
		    .obj_type = db_col_text(st, 7),
		    .obj_id = db_col_text(st, 8),
		    .changes = db_col_text(st, 9),
		};
		fn(ctx, &r);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

static void bind_login_where(struct db_stmt *st, const struct principal *p,
                             const struct audit_filter *f)
{
	db_bind_int(st, 1, p ? p->zone_id : 0);
	db_bind_int(st, 2, p ? 0 : 1);
	db_bind_text(st, 3, f->username);
	db_bind_text(st, 4, f->username);
	db_bind_int(st, 5, f->success);
	db_bind_int(st, 6, f->success);
	db_bind_int(st, 7, f->from);
	db_bind_int(st, 8, f->from);
	db_bind_int(st, 9, f->to);
	db_bind_int(st, 10, f->to);
}

int audit_logins(struct db *c, const struct principal *p, const struct audit_filter *f,
                 login_row_fn fn, void *ctx, int64_t *total)
{
	int rc = count(c, SQL_LOGIN_COUNT, bind_login_where, p, f, total);
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_prepare(c, SQL_LOGIN_LIST);
	if (!st)
		return DB_ERR;
	bind_login_where(st, p, f);
	db_bind_int(st, 11, f->page_size);
	db_bind_int(st, 12, (f->page - 1) * f->page_size);
	while ((rc = db_step(st)) == DB_ROW) {
		struct login_row r = {
		    .id = db_col_int(st, 0),
		    .at = db_col_int(st, 1),
		    .user_id = db_col_int(st, 2),
		    .zone_id = db_col_int(st, 3),
		    .username = db_col_text(st, 4),
		    .ip = db_col_text(st, 5),
		    .user_agent = db_col_text(st, 6),
		    .success = (int)db_col_int(st, 7),
		    .reason = db_col_text(st, 8),
		};
		fn(ctx, &r);
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}
