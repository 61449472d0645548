/* Audit and login log storage (see audit.h). */
#include "audit/audit.h"
#include "audit/audit_chain_int.h"
#include "access/principal.h"
#include "db/field_sql.h"
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
/* The rows as the lists read and write them (entity_read, entity_json; text valid until the next
 * step). Both logs begin with the same members, named alike in struct audit_row and struct
 * login_row; the zone is for the command line; the changes are an object, "{}" when none. */
#define LOG_(S, m, ft, fl, zh, en)                                                                 \
	{                                                                                          \
		FIELD_INIT(S, m, ft, #m, 0, 0, F_READONLY | fl, zh, en)                            \
	}
#define LOG_HEAD(S)                                                                                \
	LOG_(S, id, FT_INT, 0, "编号", "ID"), LOG_(S, at, FT_TIME, 0, "时间", "At"),               \
	    LOG_(S, user_id, FT_REF, 0, "用户", "User"),                                           \
	    LOG_(S, zone_id, FT_REF, F_OWNJSON, "园区", "Zone"),                                   \
	    LOG_(S, username, FT_TEXT, F_FILTER, "用户名", "Username"),                            \
	    LOG_(S, ip, FT_TEXT, 0, "IP 地址", "IP address")
/* A page of a log, newest first. */
#define LOG_PAGE(table, where)                                                                     \
	"SELECT {select} FROM " table where " ORDER BY id DESC LIMIT ? OFFSET ?"
#define AR_(m, ft, fl, zh, en) LOG_(struct audit_row, m, ft, fl, zh, en)
static const struct field AUDIT_ROW_FIELDS[] = {
    LOG_HEAD(struct audit_row),
    AR_(action, FT_TEXT, F_FILTER, "操作", "Action"),
    AR_(obj_type, FT_TEXT, F_FILTER, "对象类型", "Object type"),
    AR_(obj_id, FT_TEXT, F_FILTER, "对象编号", "Object ID"),
    AR_(changes, FT_JSON, F_OWNJSON, "变更", "Changes"),
};
const struct entity ENTITY_AUDIT_ROW =
    ENTITY("audit_row", "audit_log", "a", AUDIT_ROW_FIELDS, "审计记录", "Audit row");
static struct sql_tmpl SQL_AUDIT_LIST =
    SQL_TMPL(ENTITY_AUDIT_ROW, LOG_PAGE("audit_log a", AUDIT_WHERE));
static const char SQL_AUDIT_COUNT[] = "SELECT COUNT(*) FROM audit_log" AUDIT_WHERE;

/* A zone's view holds the logins of its users only: rows of users without a zone (province) and
 * of names that are no account (zone_id NULL) are for the installation's view (the command
 * line). Parameter 2: 1 for that view (every zone). */
#define LOGIN_WHERE                                                                                \
	" WHERE (zone_id = ? OR ? = 1) AND (CAST(? AS TEXT) IS NULL OR username = ?)"              \
	" AND (? < 0 OR success = ?) AND (CAST(? AS BIGINT) = 0 OR at >= ?) AND (CAST(? AS "       \
	"BIGINT) = 0 OR at < ?)"
#define LR_(m, ft, fl, zh, en) LOG_(struct login_row, m, ft, fl, zh, en)
static const struct field LOGIN_ROW_FIELDS[] = {
    LOG_HEAD(struct login_row),
    LR_(user_agent, FT_TEXT, 0, "浏览器", "User agent"),
    LR_(success, FT_BOOL, F_FILTER, "成功", "Success"),
    LR_(reason, FT_TEXT, 0, "原因", "Reason"),
};
const struct entity ENTITY_LOGIN_ROW =
    ENTITY("login_row", "login_log", "l", LOGIN_ROW_FIELDS, "登录记录", "Login row");
static struct sql_tmpl SQL_LOGIN_LIST =
    SQL_TMPL(ENTITY_LOGIN_ROW, LOG_PAGE("login_log l", LOGIN_WHERE));
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
	db_bind_args(st, DB_ARGS(DB_O(zone_id), DB_I(r.at), DB_O(user_id)));
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
	db_bind_args(st, DB_ARGS(DB_O(zone_id), DB_I(r.at), DB_T(r.text[0]), DB_O(user_id),
	                         DB_T(r.text[1]), DB_T(r.text[2]), DB_I(r.success), DB_T(r.text[3]),
	                         DB_I(r.seq), DB_T(mac)));
	rc = db_step(st);
	db_reset(st);
	return audit_rc(rc);
}

/* What the lists bind: the caller (NULL: the installation's view) and the filter. */
struct audit_where {
	const struct principal *p;
	const struct audit_filter *f;
};

/* An optional filter, "(? IS NULL OR col = ?)" or "(? = 0 OR col >= ?)", takes its value twice:
 * bound from i; returns the next index. */
static int opt_text(struct db_stmt *st, int i, const char *v)
{
	db_bind_text(st, i, v);
	db_bind_text(st, i + 1, v);
	return i + 2;
}

static int opt_int(struct db_stmt *st, int i, int64_t v)
{
	db_bind_int(st, i, v);
	db_bind_int(st, i + 1, v);
	return i + 2;
}

static int bind_audit_where(struct db_stmt *st, const void *arg)
{
	const struct audit_where *a = arg;
	const struct audit_filter *f = a->f;
	db_bind_int(st, 1, a->p->zone_id);
	int i = opt_text(st, 2, f->username);
	i = opt_text(st, i, f->action);
	i = opt_text(st, i, f->obj_type);
	i = opt_text(st, i, f->obj_id);
	i = opt_int(st, i, f->from);
	return opt_int(st, i, f->to);
}

static int bind_login_where(struct db_stmt *st, const void *arg)
{
	const struct audit_where *a = arg;
	const struct audit_filter *f = a->f;
	db_bind_args(st, DB_ARGS(DB_I(a->p ? a->p->zone_id : 0), DB_I(a->p ? 0 : 1)));
	int i = opt_text(st, 3, f->username);
	i = opt_int(st, i, f->success);
	i = opt_int(st, i, f->from);
	return opt_int(st, i, f->to);
}

int audit_page(struct db *c, const struct principal *p, enum audit_log log,
               const struct audit_filter *f, audit_row_fn fn, void *ctx, int64_t *total)
{
	int logins = log == AUDIT_LOG_LOGINS;
	struct audit_where a = {p, f};
	struct db_stmt *st;
	int rc = db_page(c, logins ? SQL_LOGIN_COUNT : SQL_AUDIT_COUNT,
	                 sql_of(logins ? &SQL_LOGIN_LIST : &SQL_AUDIT_LIST),
	                 logins ? bind_login_where : bind_audit_where, &a, f->page, f->page_size,
	                 total, &st);
	union {
		struct audit_row change;
		struct login_row login;
	} row;
	while (rc >= 0 && (rc = entity_next(st, logins ? &ENTITY_LOGIN_ROW : &ENTITY_AUDIT_ROW,
	                                    &row)) == DB_ROW)
		fn(ctx, &row);
	return rc;
}
