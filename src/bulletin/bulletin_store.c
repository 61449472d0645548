/* 定时简报 storage and generation (see bulletin.h). Reads take the caller's zone and the kinds
 * its permissions read; every write goes through write_tx. */
#include "bulletin/bulletin.h"
#include "access/perm.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/db.h"
#include "db/field_sql.h"
#include "db/qb.h"
#include "economy/economy_bulletin.h"
#include "lib/arena.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "project/project_bulletin.h"
#include "ticket/briefing.h"
#include "ticket/ticket_briefing.h"
#include "work/attachment.h"
#include "work/notify.h"
#include "work/webhook.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sql_tmpl SQL_BULLETIN_SELECT = SQL_TMPL(ENTITY_BULLETIN, "SELECT {select}");
static struct sql_tmpl SQL_SCHEDULE_SELECT = SQL_TMPL(
    ENTITY_BULLETIN_SCHEDULE, "SELECT {select} FROM bulletin_schedule s WHERE s.zone_id = ?");
static const char SQL_SCHEDULE_UPSERT[] =
    "INSERT INTO bulletin_schedule (zone_id, kind, enabled, at_time, day, updated_at) VALUES (?, "
    "?, ?, ?, ?, ?) ON CONFLICT (zone_id, kind) DO UPDATE SET enabled = excluded.enabled, "
    "at_time = excluded.at_time, day = excluded.day, updated_at = excluded.updated_at";
static const char SQL_FIND[] =
    "SELECT id FROM bulletin WHERE zone_id = ? AND kind = ? AND period = ?";
static const char SQL_INSERT[] =
    "INSERT INTO bulletin (zone_id, kind, period, title, file_name, sha256, size, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_LEADERS[] =
    "SELECT id, dept_id FROM app_user WHERE zone_id = ? AND role = 'leader' AND status = "
    "'active' AND dept_id IS NOT NULL ORDER BY id LIMIT 50";
static const char SQL_ENABLED[] =
    "SELECT zone_id, kind, enabled, at_time, day FROM bulletin_schedule WHERE enabled = 1 ORDER "
    "BY zone_id, kind LIMIT 3000";

/* The default schedule of a kind: off; the briefing at 08:00 about the day before, the weekly
 * bulletin on Monday at 08:30, the monthly one on the 15th at 09:00. */
static void schedule_default(enum bulletin_kind k, struct bulletin_schedule *s)
{
	static const char *const at[BULLETIN__KIND_COUNT] = {"08:00", "08:30", "09:00"};
	static const int64_t day[BULLETIN__KIND_COUNT] = {1, 1, 15};
	*s = (struct bulletin_schedule){
	    .kind = bulletin_kind_name(k), .enabled = 0, .at_time = at[k], .day = day[k]};
}

/* 1 when p reads bulletins of kind k: the kind's permission and the whole zone (a bulletin is
 * the zone's document; a department's staff read their own figures live). */
static int may_read(const struct principal *p, enum bulletin_kind k)
{
	if (p->role == ROLE_ENTERPRISE || p->scope == SCOPE_ENTERPRISE)
		return 0;
	if (p->scope != SCOPE_ALL && p->scope != SCOPE_ZONE)
		return 0;
	return perm_has(&p->perms, (enum perm)bulletin_kind_perm(k));
}

/* FROM the caller's zone's bulletins of the kinds it reads (none: nothing). */
static void bulletin_from(struct qb *q, const struct principal *p, char *like, size_t n)
{
	scope_from(q, p, &ENTITY_BULLETIN, NULL, like, n);
	qb_sql(q, " AND b.kind IN ('-'");
	for (int k = 0; k < BULLETIN__KIND_COUNT; k++)
		if (may_read(p, (enum bulletin_kind)k)) {
			qb_sql(q, ", ?");
			qb_text(q, bulletin_kind_name((enum bulletin_kind)k));
		}
	qb_sql(q, ")");
}

struct list_run {
	const struct principal *p;
	const char *kind;
	int64_t page, page_size;
	bulletin_fn fn;
	void *ctx;
	struct bulletin *out;
	char like[320];
};

static void list_build(struct qb *q, int pass, void *arg)
{
	struct list_run *l = arg;
	qb_init(q, pass ? sql_of(&SQL_BULLETIN_SELECT) : "SELECT COUNT(*)");
	bulletin_from(q, l->p, l->like, sizeof l->like);
	if (l->kind) {
		qb_sql(q, " AND b.kind = ?");
		qb_text(q, l->kind);
	}
	if (pass) {
		qb_sql(q, " ORDER BY b.created_at DESC, b.id DESC LIMIT ? OFFSET ?");
		qb_int(q, l->page_size);
		qb_int(q, (l->page - 1) * l->page_size);
	}
}

static void list_row(struct db_stmt *st, struct arena *a, void *arg)
{
	struct list_run *l = arg;
	struct bulletin one;
	struct bulletin *b = l->out ? l->out : &one;
	memset(b, 0, sizeof *b);
	entity_read(st, 0, &ENTITY_BULLETIN, b, a);
	if (l->fn)
		l->fn(l->ctx, b);
}

int bulletin_list(struct db *c, const struct principal *p, const char *kind, int64_t page,
                  int64_t page_size, bulletin_fn fn, void *ctx, int64_t *total)
{
	struct list_run l = {
	    .p = p, .kind = kind, .page = page, .page_size = page_size, .fn = fn, .ctx = ctx};
	*total = 0;
	return qb_count_page(c, list_build, list_row, &l, total);
}

int bulletin_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                 struct bulletin *out, struct yq_err *e)
{
	struct list_run l = {.p = p, .out = out};
	struct qb q;
	qb_init(&q, sql_of(&SQL_BULLETIN_SELECT));
	bulletin_from(&q, p, l.like, sizeof l.like);
	qb_sql(&q, " AND b.id = ?");
	qb_int(&q, id);
	int rc = qb_one(&q, c, list_row, a, &l);
	if (rc < 0)
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用", "database unavailable");
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "简报不存在", "no such bulletin");
	return 0;
}

/* ---- the schedule ---- */

static int schedule_read(struct db *c, int64_t zone_id, struct arena *a,
                         struct bulletin_schedule out[BULLETIN__KIND_COUNT])
{
	for (int k = 0; k < BULLETIN__KIND_COUNT; k++)
		schedule_default((enum bulletin_kind)k, &out[k]);
	struct db_stmt *st = db_prepare_with(c, sql_of(&SQL_SCHEDULE_SELECT), DB_I(zone_id));
	if (!st)
		return DB_ERR;
	int rc;
	struct bulletin_schedule s;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&s, 0, sizeof s);
		entity_read(st, 0, &ENTITY_BULLETIN_SCHEDULE, &s, a);
		enum bulletin_kind k = bulletin_kind_from_name(s.kind);
		if (k < BULLETIN__KIND_COUNT) {
			s.kind = bulletin_kind_name(k);
			out[k] = s;
		}
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int bulletin_schedule_get(struct db *c, const struct principal *p, struct arena *a,
                          struct bulletin_schedule out[BULLETIN__KIND_COUNT])
{
	return schedule_read(c, p->zone_id, a, out);
}

static int do_schedule_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	const struct bulletin_schedule *s = arg;
	enum bulletin_kind k = bulletin_kind_from_name(s->kind);
	struct arena ar = ARENA_INIT;
	struct bulletin_schedule old[BULLETIN__KIND_COUNT];
	int rc = schedule_read(w->tx, w->who->zone_id, &ar, old);
	if (rc < 0) {
		arena_release(&ar);
		return write_fail(w, rc, e);
	}
	rc = write_sql(w, SQL_SCHEDULE_UPSERT, e, DB_I(w->who->zone_id), DB_T(s->kind),
	               DB_I(s->enabled ? 1 : 0), DB_T(s->at_time), DB_I(s->day), DB_I(now_unix()));
	if (rc == 0) {
		write_audit(w, "update", "bulletin_schedule", w->who->zone_id);
		audit_change_str(&w->changes, "kind", s->kind, s->kind);
		audit_change_entity(&w->changes, &ENTITY_BULLETIN_SCHEDULE, &old[k], s);
	}
	arena_release(&ar);
	return rc;
}

int bulletin_schedule_set(struct db_pool *pool, const struct principal *p,
                          const struct bulletin_schedule *s, struct yq_err *e)
{
	enum bulletin_kind k = bulletin_kind_from_name(s->kind);
	if (bulletin_schedule_check(k, s, e) < 0)
		return -1;
	return write_tx(pool, p, do_schedule_set, (void *)s, e);
}

/* ---- generation ---- */

/* The id of the zone's bulletin of kind k for period into *id (0: none). DB_OK or a negative
 * enum db_rc. */
static int find(struct db *c, int64_t zone_id, enum bulletin_kind k, const char *period,
                int64_t *id)
{
	*id = 0;
	struct db_stmt *st =
	    db_prepare_with(c, SQL_FIND, DB_I(zone_id), DB_T(bulletin_kind_name(k)), DB_T(period));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

int bulletin_find(struct db *c, int64_t zone_id, enum bulletin_kind k, const char *period,
                  int64_t *id)
{
	return find(c, zone_id, k, period, id);
}

static const char *event_label(const char *event)
{
	return strcmp(event, "generated") == 0 ? "新简报" : NULL;
}

const struct work_kind bulletin_kind = {
    .name = "bulletin",
    .id_key = "bulletin_id",
    .no_key = "bulletin_period",
    .label_zh = "简报",
    .label_en = "bulletin",
    .event_label = event_label,
};

/* Renders the document of kind k for `period` as the zone's system: a malloc'd PDF. */
static int render(struct db *c, const struct principal *sys, enum bulletin_kind k,
                  const char *period, struct arena *a, unsigned char **pdf, size_t *len,
                  struct yq_err *e)
{
	char err[256] = "";
	int rc;
	if (k == BULLETIN_BRIEFING) {
		struct briefing b;
		if (ticket_briefing(c, sys, period, a, &b, e) < 0)
			return -1;
		rc = briefing_render_pdf_mem(&b, pdf, len, err, sizeof err);
	} else if (k == BULLETIN_PROJECTS) {
		struct proj_bulletin b;
		if (proj_bulletin(c, sys, period, a, &b, e) < 0)
			return -1;
		rc = proj_bulletin_pdf(&b, NULL, pdf, len, err, sizeof err);
	} else {
		struct econ_bulletin b;
		if (econ_bulletin(c, sys, period, a, &b, e) < 0)
			return -1;
		rc = econ_bulletin_pdf(&b, NULL, pdf, len, err, sizeof err);
	}
	if (rc < 0) {
		log_warn("bulletin: %s", err);
		return err_set(e, ERR_INTERNAL, NULL, "简报生成失败", "cannot render the bulletin");
	}
	return 0;
}

struct store {
	enum bulletin_kind k;
	const char *period, *title, *file_name, *sha, *public_url;
	int64_t size, id;
	struct arena *a;
};

static int do_store(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct store *x = arg;
	int64_t zone = w->who->zone_id, now = now_unix(), there = 0;
	/* made meanwhile (another server, a reader's older snapshot): that one stands */
	int frc = find(w->tx, zone, x->k, x->period, &there);
	if (frc < 0)
		return write_fail(w, frc, e);
	if (there) {
		x->id = 0;
		return 0;
	}
	struct db_stmt *st = db_prepare_with(
	    w->tx, SQL_INSERT, DB_I(zone), DB_T(bulletin_kind_name(x->k)), DB_T(x->period),
	    DB_T(x->title), DB_T(x->file_name), DB_T(x->sha), DB_I(x->size), DB_I(now));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (write_insert(w, st, &x->id, e) < 0)
		return -1;
	struct work_item it = {
	    .id = x->id,
	    .zone_id = zone,
	    .no = "", /* "新简报：经济运行月报 2026-11" */
	    .title = x->title,
	    .state = "generated",
	    .closed = 1,
	    .closed_zh = "简报不带附件",
	    .closed_en = "bulletins carry no attachments",
	    .link =
	        arena_printf(x->a, "%s/api/bulletins/%lld/file", x->public_url, (long long)x->id),
	};
	/* the zone's leaders; the request briefing to the service center too, with the webhooks
	 * (notify_item queues them), the others to the webhooks alone */
	int rc = x->k == BULLETIN_BRIEFING
	             ? notify_item(w->tx, &bulletin_kind, &it, "generated")
	             : webhook_queue(w->tx, &bulletin_kind, &it, "generated", "新简报");
	if (rc < 0)
		return write_fail(w, rc, e);
	int64_t users[50], depts[50];
	int n = 0;
	st = db_prepare_with(w->tx, SQL_LEADERS, DB_I(zone));
	if (!st)
		return write_fail(w, DB_ERR, e);
	while ((rc = db_step(st)) == DB_ROW && n < 50) {
		users[n] = db_col_int(st, 0);
		depts[n++] = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc < 0)
		return write_fail(w, rc, e);
	for (int i = 0; i < n; i++)
		if ((rc = notify_user(w->tx, &bulletin_kind, &it, depts[i], users[i],
		                      "generated")) < 0)
			return write_fail(w, rc, e);
	write_audit(w, "generate", "bulletin", x->id);
	audit_change_str(&w->changes, "kind", NULL, bulletin_kind_name(x->k));
	audit_change_str(&w->changes, "period", NULL, x->period);
	return 0;
}

int bulletin_generate(struct db_pool *pool, const char *data_dir, int64_t zone_id,
                      enum bulletin_kind k, const char *period, int64_t *id, struct yq_err *e)
{
	*id = 0;
	if (k >= BULLETIN__KIND_COUNT)
		return err_set(e, ERR_VALIDATION, "kind", "简报类型不存在", "no such kind");
	struct db *c = db_pool_reader(pool);
	if (!c)
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用", "database unavailable");
	int64_t n = 0;
	if (find(c, zone_id, k, period, &n) < 0)
		return err_set(e, ERR_UNAVAILABLE, NULL, "数据库暂不可用", "database unavailable");
	if (n)
		return 0;
	struct principal sys;
	org_cli_principal(&sys, zone_id);
	sys.username = "system";
	sys.display_name = "系统";
	struct arena a = ARENA_INIT;
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = -1;
	char sha[65];
	if (render(c, &sys, k, period, &a, &pdf, &len, e) < 0 ||
	    attachment_file_put(data_dir, pdf, len, sha, e) < 0)
		goto out;
	const char *pub = getenv("YUANQU_PUBLIC_URL");
	size_t pl = pub ? strlen(pub) : 0;
	struct store x = {
	    .k = k,
	    .period = period,
	    .title = arena_printf(&a, "%s %s", bulletin_kind_label(k), period),
	    .file_name = arena_printf(&a, "%s-%s.pdf", bulletin_kind_label(k), period),
	    .sha = sha,
	    .size = (int64_t)len,
	    /* the server's public address, without a trailing slash: the link a robot shows */
	    .public_url =
	        pl ? arena_printf(&a, "%.*s", (int)(pub[pl - 1] == '/' ? pl - 1 : pl), pub) : "",
	    .a = &a,
	};
	if (write_tx(pool, &sys, do_store, &x, e) < 0)
		goto out;
	*id = x.id;
	rc = 0;
out:
	free(pdf);
	arena_release(&a);
	return rc;
}

int bulletin_run_due(struct db_pool *pool, const char *data_dir, int64_t now)
{
	struct db *c = db_pool_reader(pool);
	if (!c)
		return -1;
	struct due {
		int64_t zone_id;
		enum bulletin_kind k;
		char period[16];
	};
	static struct due due[3000]; /* only the maintenance thread calls this */
	int n = 0, rc;
	struct db_stmt *st = db_prepare(c, SQL_ENABLED);
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && n < 3000) {
		struct bulletin_schedule s = {.kind = db_col_text(st, 1),
		                              .enabled = db_col_int(st, 2),
		                              .at_time = db_col_text(st, 3),
		                              .day = db_col_int(st, 4)};
		enum bulletin_kind k = bulletin_kind_from_name(s.kind);
		if (k < BULLETIN__KIND_COUNT && bulletin_due(k, &s, now, due[n].period) == 0) {
			due[n].zone_id = db_col_int(st, 0);
			due[n++].k = k;
		}
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	int made = 0;
	for (int i = 0; i < n; i++) {
		struct yq_err e = {0};
		int64_t id = 0;
		if (bulletin_generate(pool, data_dir, due[i].zone_id, due[i].k, due[i].period, &id,
		                      &e) < 0)
			log_warn("bulletin: zone %lld %s %s: %s", (long long)due[i].zone_id,
			         bulletin_kind_name(due[i].k), due[i].period,
			         e.message_en ? e.message_en : "failed");
		else if (id)
			made++;
	}
	return made;
}
