/* 会审, permits and site checks of projects (see project_review.h). */
#include "project/project_review.h"
#include "project/project_int.h"
#include "access/disclose.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/field_sql.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include "work/store_write.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* 1 when the caller is shown the zone's own work on projects of `kind`. */
static int shown(const struct principal *p, const char *kind)
{
	return disclose_to(p, kind) == DISCLOSE_ALL;
}

/* Reads project `id` with the caller's scope (404 outside), into a scratch arena. */
static int project_seen(struct db *c, const struct principal *p, int64_t id, struct project *pr,
                        struct arena *a, struct yq_err *e)
{
	return proj_get(c, p, id, a, pr, e);
}

/* ---- 会审 ---- */

static const char *const DECISIONS[] = {"advance", "supplement", "defer", "reject", NULL};
static const char *const DECISION_LABELS[] = {"推进", "补充材料", "暂缓", "否决", NULL};

const char *review_decision_label(const char *decision)
{
	for (int i = 0; decision && DECISIONS[i]; i++)
		if (strcmp(decision, DECISIONS[i]) == 0)
			return DECISION_LABELS[i];
	return NULL;
}

#define R_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct proj_review, m, ft, col, lo, hi, fl, zh, en)
static const struct field REVIEW_FIELDS[] = {
    {R_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {R_(on_date, FT_DATE, "on_date", 0, 0, F_REQUIRED | F_AUDIT, "会审日期", "Date")},
    {R_(title, FT_TEXT, "title", 1, 100, F_REQUIRED | F_AUDIT, "会议名称", "Title")},
    {R_(minutes, FT_TEXT, "minutes", 0, 0, F_READONLY, "会议纪要", "Minutes")},
    {R_(status, FT_TEXT, "status", 0, 0, F_READONLY, "状态", "Status")},
    {R_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间", "Created")},
    {R_(closed_at, FT_TIME, "closed_at", 0, 0, F_READONLY, "结束时间", "Closed")},
    {R_(projects, FT_INT, "(SELECT COUNT(*) FROM project_review_item i WHERE i.review_id = r.id)",
        0, 0, F_READONLY, "上会项目数", "Projects")},
    {R_(decided, FT_INT,
        "(SELECT COUNT(*) FROM project_review_item i WHERE i.review_id = r.id AND i.decision <> "
        "'')",
        0, 0, F_READONLY, "已决定项目数", "Decided")},
};
#undef R_
const struct entity ENTITY_REVIEW = ENTITY("project_review", "project_review", "r", REVIEW_FIELDS,
                                           "会审", "Review meeting", .zone_col = "r.zone_id");

static struct sql_tmpl SQL_REVIEW_PAGE =
    SQL_TMPL(ENTITY_REVIEW, "SELECT {select} FROM project_review r WHERE r.zone_id = ? ORDER BY "
                            "r.on_date DESC, r.id DESC LIMIT ? OFFSET ?");
static struct sql_tmpl SQL_REVIEW_ONE = SQL_TMPL(
    ENTITY_REVIEW, "SELECT {select} FROM project_review r WHERE r.zone_id = ? AND r.id = ?");
static const char SQL_REVIEW_COUNT[] = "SELECT COUNT(*) FROM project_review WHERE zone_id = ?";
static const char SQL_REVIEW_ITEMS[] =
    "SELECT i.project_id, p.no, p.name, p.stage, i.dept_id, COALESCE(d.name, ''), i.decision, "
    "i.note FROM project_review_item i JOIN project p ON p.id = i.project_id LEFT JOIN dept d "
    "ON d.id = i.dept_id WHERE i.review_id = ? ORDER BY i.seq, i.project_id";

int review_list(struct db *c, const struct principal *p, int64_t page, int64_t page_size,
                review_fn fn, void *ctx, int64_t *total)
{
	*total = 0;
	if (!shown(p, "project.review"))
		return DB_OK;
	int rc = db_query_int(c, SQL_REVIEW_COUNT, total, 1, p->zone_id);
	if (rc < 0)
		return rc;
	struct db_stmt *st = db_prepare_with(c, sql_of(&SQL_REVIEW_PAGE), DB_I(p->zone_id),
	                                     DB_I(page_size), DB_I((page - 1) * page_size));
	if (!st)
		return DB_ERR;
	struct proj_review r;
	while ((rc = entity_next(st, &ENTITY_REVIEW, &r)) == DB_ROW)
		fn(ctx, &r);
	return rc;
}

/* Reads meeting `id` of the caller's zone into out (strings in a). */
static int review_row(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                      struct proj_review *out, struct yq_err *e)
{
	if (!shown(p, "project.review"))
		return err_set(e, ERR_NOT_FOUND, NULL, "会审不存在", "no such review meeting");
	struct db_stmt *st =
	    db_prepare_with(c, sql_of(&SQL_REVIEW_ONE), DB_I(p->zone_id), DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		entity_read(st, 0, &ENTITY_REVIEW, out, a);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc);
	if (rc != DB_ROW)
		return err_set(e, ERR_NOT_FOUND, NULL, "会审不存在", "no such review meeting");
	return 0;
}

int review_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
               struct proj_review *out, review_item_fn fn, void *ctx, struct yq_err *e)
{
	if (review_row(c, p, id, a, out, e) < 0)
		return -1;
	if (!fn)
		return 0;
	struct db_stmt *st = db_prepare_with(c, SQL_REVIEW_ITEMS, DB_I(id));
	if (!st)
		return err_db(e, DB_ERR);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct proj_review_item it = {
		    .project_id = db_col_int(st, 0),
		    .project_no = db_col_text(st, 1),
		    .project_name = db_col_text(st, 2),
		    .stage = db_col_text(st, 3),
		    .dept_id = db_col_int(st, 4),
		    .dept_name = db_col_text(st, 5),
		    .decision = db_col_text(st, 6),
		    .note = db_col_text(st, 7),
		};
		fn(ctx, &it);
	}
	db_reset(st);
	return rc < 0 ? err_db(e, rc) : 0;
}

static const char SQL_REVIEW_INSERT[] =
    "INSERT INTO project_review (zone_id, on_date, title, status, created_at) VALUES (?, ?, ?, "
    "'open', ?) RETURNING id";

static int do_review_create(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct proj_review *r = arg;
	struct db_stmt *st = db_prepare_with(w->tx, SQL_REVIEW_INSERT, DB_I(w->who->zone_id),
	                                     DB_T(r->on_date), DB_T(r->title), DB_I(now_unix()));
	if (!st)
		return write_fail(w, DB_ERR, e);
	if (write_insert(w, st, &r->id, e) < 0)
		return -1;
	store_audit_create(w, &ENTITY_REVIEW, r->id, r);
	return 0;
}

int review_create(struct db_pool *pool, const struct principal *p, struct proj_review *r,
                  struct yq_err *e)
{
	return write_tx(pool, p, do_review_create, r, e);
}

struct review_change {
	int64_t id, project_id;
	const char *decision, *text;
	struct arena *a;
};

/* The meeting, open, in the write's transaction. */
static int open_review(struct write_ctx *w, int64_t id, struct arena *a, struct proj_review *r,
                       struct yq_err *e)
{
	if (review_row(w->tx, w->who, id, a, r, e) < 0)
		return -1;
	if (strcmp(r->status, "open") != 0)
		return err_set(e, ERR_STATE, "status", "会审已结束，不能再变更",
		               "the meeting is closed");
	return 0;
}

static const char SQL_ITEM_ADD[] =
    "INSERT INTO project_review_item (review_id, project_id, zone_id, dept_id, decision, note, "
    "seq) VALUES (?, ?, ?, ?, '', '', (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
    "project_review_item WHERE review_id = ?))";

static int do_review_add(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct review_change *x = arg;
	struct arena a = ARENA_INIT;
	struct proj_review r;
	struct project pr;
	int rc = -1;
	if (open_review(w, x->id, &a, &r, e) < 0 ||
	    project_seen(w->tx, w->who, x->project_id, &pr, &a, e) < 0)
		goto out;
	if (strcmp(pr.stage, "dropped") == 0) {
		rc = err_set(e, ERR_STATE, "project_id", "项目已终止，不能上会",
		             "the project is dropped");
		goto out;
	}
	struct db_stmt *st = db_prepare(w->tx, SQL_ITEM_ADD);
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_args(st, DB_ARGS(DB_I(x->id), DB_I(x->project_id), DB_I(w->who->zone_id),
	                         DB_O(pr.dept_id), DB_I(x->id)));
	int64_t n;
	if ((rc = write_run(w, st, &n, e)) < 0) {
		if (e->code == ERR_CONFLICT)
			rc = err_set(e, ERR_CONFLICT, "project_id", "该项目已在本次会审议程中",
			             "the project is on the agenda already");
		goto out;
	}
	write_audit(w, "agenda", "project_review", x->id);
	audit_change_int(&w->changes, "project_id", 0, x->project_id);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int review_add(struct db_pool *pool, const struct principal *p, int64_t id, int64_t project_id,
               struct yq_err *e)
{
	struct review_change x = {.id = id, .project_id = project_id};
	return write_tx(pool, p, do_review_add, &x, e);
}

static const char SQL_ITEM_DECIDE[] =
    "UPDATE project_review_item SET decision = ?, note = ? WHERE review_id = ? AND project_id = ?";

static int do_review_decide(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct review_change *x = arg;
	struct proj_review r;
	struct project pr;
	const char *label = review_decision_label(x->decision);
	if (!label)
		return err_set(e, ERR_VALIDATION, "decision",
		               "会审决定应为推进、补充材料、暂缓或否决",
		               "decision: advance, supplement, defer or reject");
	if (open_review(w, x->id, x->a, &r, e) < 0 ||
	    project_seen(w->tx, w->who, x->project_id, &pr, x->a, e) < 0)
		return -1;
	int64_t n;
	if (write_sql_n(w, SQL_ITEM_DECIDE, &n, e, DB_T(x->decision), DB_T(x->text ? x->text : ""),
	                DB_I(x->id), DB_I(x->project_id)) < 0)
		return -1;
	if (n != 1)
		return err_set(e, ERR_VALIDATION, "project_id", "该项目不在本次会审议程中",
		               "the project is not on the agenda");
	const char *body = arena_printf(x->a, "%s 会审决定：%s%s%s", r.on_date, label,
	                                x->text && *x->text ? "。" : "", x->text ? x->text : "");
	int rc = proj_event(w, x->project_id, 0, "review", pr.stage, pr.stage, body);
	if (rc < 0)
		return write_fail(w, rc, e);
	write_audit(w, "decide", "project_review", x->id);
	audit_change_int(&w->changes, "project_id", 0, x->project_id);
	audit_change_str(&w->changes, "decision", NULL, x->decision);
	return 0;
}

int review_decide(struct db_pool *pool, const struct principal *p, int64_t id, int64_t project_id,
                  const char *decision, const char *note, struct arena *a, struct yq_err *e)
{
	struct review_change x = {
	    .id = id, .project_id = project_id, .decision = decision, .text = note, .a = a};
	return write_tx(pool, p, do_review_decide, &x, e);
}

static const char SQL_REVIEW_CLOSE[] =
    "UPDATE project_review SET status = 'closed', minutes = ?, closed_at = ? WHERE id = ? AND "
    "status = 'open'";

static int do_review_close(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct review_change *x = arg;
	struct proj_review r;
	if (open_review(w, x->id, x->a, &r, e) < 0)
		return -1;
	if (r.projects == 0)
		return err_set(e, ERR_STATE, "status", "会审议程中还没有项目",
		               "the agenda is empty");
	if (r.decided < r.projects)
		return err_set(e, ERR_STATE, "status",
		               arena_printf(x->a, "还有 %lld 个项目未作会审决定",
		                            (long long)(r.projects - r.decided)),
		               "some projects have no decision");
	int64_t n;
	if (write_sql_n(w, SQL_REVIEW_CLOSE, &n, e, DB_T(x->text), DB_I(now_unix()), DB_I(x->id)) <
	    0)
		return -1;
	write_audit(w, "close", "project_review", x->id);
	audit_change_str(&w->changes, "status", "open", "closed");
	return 0;
}

int review_close(struct db_pool *pool, const struct principal *p, int64_t id, const char *minutes,
                 struct arena *a, struct yq_err *e)
{
	struct review_change x = {.id = id, .text = minutes, .a = a};
	return write_tx(pool, p, do_review_close, &x, e);
}

/* ---- 审批 ---- */

static const char *const DEFAULT_PERMITS[] = {"用地规划许可证", "工程规划许可证", "施工许可证",
                                              "不动产权证",     "环评批复",       "能评批复",
                                              "安评批复"};
#define MAX_PERMITS 30
static const char SQL_PERMIT_TYPES[] = "SELECT permits FROM project_setting WHERE zone_id = ?";

int permit_types(struct db *c, int64_t zone_id, struct arena *a, const char ***out, int *n)
{
	const char **list = arena_alloc(a, sizeof *list * MAX_PERMITS);
	*out = list;
	*n = 0;
	if (!list)
		return DB_ERR;
	json_t *arr, *v;
	size_t k;
	int rc = proj_setting_json(c, SQL_PERMIT_TYPES, zone_id, &arr);
	if (json_is_array(arr))
		json_array_foreach(arr, k, v) if (json_is_string(v) && *n < MAX_PERMITS)
		    list[(*n)++] = arena_strdup(a, json_string_value(v));
	json_decref(arr);
	if (rc < 0)
		return rc;
	if (*n == 0)
		for (size_t i = 0; i < sizeof DEFAULT_PERMITS / sizeof DEFAULT_PERMITS[0]; i++)
			list[(*n)++] = DEFAULT_PERMITS[i];
	return DB_OK;
}

static const char SQL_PERMITS[] =
    "SELECT x.permit, x.applied_date, x.approved_date, x.permit_no, x.notes, "
    "COALESCE(x.secretary_user_id, 0), COALESCE(u.display_name, '') FROM project_permit x LEFT "
    "JOIN app_user u ON u.id = x.secretary_user_id WHERE x.project_id = ? ORDER BY x.id";

int permit_list(struct db *c, const struct principal *p, int64_t id, permit_fn fn, void *ctx,
                int64_t *land_to_start, struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct project pr;
	const char **types;
	int n, rc = -1;
	*land_to_start = -1;
	if (project_seen(c, p, id, &pr, &a, e) < 0)
		goto out;
	if (!shown(p, "project.permit")) {
		rc = 0;
		goto out;
	}
	struct calendar *cal = NULL;
	if (permit_types(c, p->zone_id, &a, &types, &n) < 0 || work_calendar(c, &cal) < 0) {
		rc = err_db(e, DB_ERR);
		goto out;
	}
	if (pr.land_date && pr.start_date)
		*land_to_start = calendar_workdays_between(cal, pr.land_date, pr.start_date);
	/* the recorded permits, then every type of the list not recorded */
	struct proj_permit rows[MAX_PERMITS * 2];
	int nrows = 0;
	struct db_stmt *st = db_prepare(c, SQL_PERMITS);
	if (!st) {
		calendar_free(cal);
		rc = err_db(e, DB_ERR);
		goto out;
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && nrows < MAX_PERMITS * 2) {
		struct proj_permit *x = &rows[nrows++];
		x->permit = arena_strdup(&a, db_col_text(st, 0));
		x->applied_date =
		    db_col_is_null(st, 1) ? NULL : arena_strdup(&a, db_col_text(st, 1));
		x->approved_date =
		    db_col_is_null(st, 2) ? NULL : arena_strdup(&a, db_col_text(st, 2));
		x->permit_no = arena_strdup(&a, db_col_text(st, 3));
		x->notes = arena_strdup(&a, db_col_text(st, 4));
		x->secretary_user_id = db_col_int(st, 5);
		x->secretary_name = arena_strdup(&a, db_col_text(st, 6));
		x->workdays =
		    x->applied_date && x->approved_date
		        ? calendar_workdays_between(cal, x->applied_date, x->approved_date)
		        : -1;
	}
	db_reset(st);
	calendar_free(cal);
	if (rc < 0) {
		rc = err_db(e, rc);
		goto out;
	}
	for (int t = 0; t < n; t++) {
		int found = 0;
		for (int i = 0; i < nrows; i++)
			found |= strcmp(rows[i].permit, types[t]) == 0;
		if (!found) {
			struct proj_permit empty = {.permit = types[t],
			                            .permit_no = "",
			                            .notes = "",
			                            .secretary_name = "",
			                            .workdays = -1};
			fn(ctx, &empty);
		} else {
			for (int i = 0; i < nrows; i++)
				if (strcmp(rows[i].permit, types[t]) == 0)
					fn(ctx, &rows[i]);
		}
	}
	for (int i = 0; i < nrows; i++) {
		int listed = 0;
		for (int t = 0; t < n; t++)
			listed |= strcmp(rows[i].permit, types[t]) == 0;
		if (!listed)
			fn(ctx, &rows[i]);
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static const char SQL_PERMIT_UPSERT[] =
    "INSERT INTO project_permit (zone_id, project_id, permit, applied_date, approved_date, "
    "secretary_user_id, permit_no, notes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
    "CONFLICT (project_id, permit) DO UPDATE SET applied_date = excluded.applied_date, "
    "approved_date = excluded.approved_date, secretary_user_id = excluded.secretary_user_id, "
    "permit_no = excluded.permit_no, notes = excluded.notes, updated_at = excluded.updated_at";
static const char SQL_SECRETARY_OK[] =
    "SELECT 1 FROM app_user WHERE id = ? AND zone_id = ? AND role <> 'enterprise'";

struct permit_change {
	int64_t id;
	const struct proj_permit *x;
};

static int do_permit_set(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct permit_change *c = arg;
	const struct proj_permit *x = c->x;
	struct arena a = ARENA_INIT;
	struct project pr;
	const char **types;
	int n, rc = -1, known = 0;
	int64_t ok = 0;
	if (project_seen(w->tx, w->who, c->id, &pr, &a, e) < 0)
		goto out;
	if ((rc = permit_types(w->tx, w->who->zone_id, &a, &types, &n)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	for (int t = 0; t < n; t++)
		known |= strcmp(types[t], x->permit) == 0;
	if (!known) {
		rc = err_set(e, ERR_VALIDATION, "permit", "审批事项不在本园区的审批清单中",
		             "the permit is not in the zone's list");
		goto out;
	}
	if (x->approved_date &&
	    (!x->applied_date || strcmp(x->approved_date, x->applied_date) < 0)) {
		rc = err_set(e, ERR_VALIDATION, "approved_date", "批复日期不能早于申报日期",
		             "approved before applied");
		goto out;
	}
	if (x->secretary_user_id &&
	    ((rc = db_query_int(w->tx, SQL_SECRETARY_OK, &ok, 2, x->secretary_user_id,
	                        w->who->zone_id)) < 0 ||
	     !ok)) {
		rc = rc < 0 ? write_fail(w, rc, e)
		            : err_set(e, ERR_VALIDATION, "secretary_user_id", "审批秘书不存在",
		                      "no such user");
		goto out;
	}
	struct db_stmt *st = db_prepare(w->tx, SQL_PERMIT_UPSERT);
	if (!st) {
		rc = write_fail(w, DB_ERR, e);
		goto out;
	}
	db_bind_args(st, DB_ARGS(DB_I(w->who->zone_id), DB_I(c->id), DB_T(x->permit),
	                         DB_T(x->applied_date), DB_T(x->approved_date),
	                         DB_O(x->secretary_user_id), DB_T(x->permit_no ? x->permit_no : ""),
	                         DB_T(x->notes ? x->notes : ""), DB_I(now_unix())));
	int64_t changed;
	if ((rc = write_run(w, st, &changed, e)) < 0)
		goto out;
	if (x->approved_date && (rc = proj_event(w, c->id, 0, "permit", pr.stage, pr.stage,
	                                         arena_printf(&a, "%s 已批复（%s）", x->permit,
	                                                      x->approved_date))) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	write_audit(w, "permit", "project", c->id);
	audit_change_str(&w->changes, "permit", NULL, x->permit);
	audit_change_str(&w->changes, "applied_date", NULL, x->applied_date);
	audit_change_str(&w->changes, "approved_date", NULL, x->approved_date);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int permit_set(struct db_pool *pool, const struct principal *p, int64_t id,
               const struct proj_permit *x, struct yq_err *e)
{
	struct permit_change c = {id, x};
	return write_tx(pool, p, do_permit_set, &c, e);
}

/* ---- 每日检查 ---- */

#define C_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct proj_check, m, ft, col, lo, hi, fl, zh, en)
static const struct field CHECK_FIELDS[] = {
    {C_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {C_(project_id, FT_INT, "project_id", 0, 0, F_READONLY, "项目", "Project")},
    {C_(on_date, FT_DATE, "on_date", 0, 0, F_REQUIRED | F_AUDIT, "检查日期", "Date")},
    {C_(checker, FT_TEXT, "checker", 1, 50, F_REQUIRED | F_AUDIT, "检查人", "Checker")},
    {C_(progress, FT_INT, "progress", 0, 100, F_AUDIT, "形象进度（%）", "Progress (%)")},
    {C_(notes, FT_TEXT, "notes", 0, 5000, F_AUDIT | F_MULTILINE, "现场情况", "Notes")},
    {C_(problems, FT_TEXT, "problems", 0, 5000, F_AUDIT | F_MULTILINE, "发现问题",
        "Problems found")},
    {C_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "记录时间", "Recorded")},
};
#undef C_
const struct entity ENTITY_CHECK = ENTITY("project_check", "project_check", "k", CHECK_FIELDS,
                                          "现场检查", "Site check", .zone_col = "k.zone_id");
static struct sql_tmpl SQL_CHECKS =
    SQL_TMPL(ENTITY_CHECK, "SELECT {select} FROM project_check k WHERE k.project_id = ? ORDER BY "
                           "k.on_date DESC, k.id DESC LIMIT 500");
static struct sql_tmpl SQL_CHECK_INSERT =
    SQL_TMPL(ENTITY_CHECK, "INSERT INTO project_check (zone_id, project_id, user_id, created_at, "
                           "{insert_cols}) VALUES (?, ?, ?, ?, {insert_vals}) RETURNING id");

static const char SQL_CHECK_PHOTOS[] =
    "SELECT f.check_id, a.id, a.name, a.content_type FROM project_check_photo f "
    "JOIN project_check k ON k.id = f.check_id JOIN work_attachment a ON a.id = f.attachment_id "
    "WHERE k.project_id = ? AND a.deleted_at IS NULL ORDER BY f.check_id, a.id";

struct check_photos {
	int n;
	int64_t *check_id; /* ascending */
	struct proj_check_photo *photo;
};

/* The photos of every check of project `id` still held as attachments, into a. */
static int check_photos(struct db *c, int64_t id, struct arena *a, struct check_photos *out)
{
	int cap = 0, rc;
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_prepare_with(c, SQL_CHECK_PHOTOS, DB_I(id));
	if (!st)
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW) {
		if (out->n == cap) {
			int ncap = cap ? cap * 2 : 16;
			int64_t *ids = arena_alloc(a, sizeof *ids * (size_t)ncap);
			struct proj_check_photo *ph = arena_alloc(a, sizeof *ph * (size_t)ncap);
			if (!ids || !ph) {
				db_reset(st);
				return DB_ERR;
			}
			if (out->n) {
				memcpy(ids, out->check_id, sizeof *ids * (size_t)out->n);
				memcpy(ph, out->photo, sizeof *ph * (size_t)out->n);
			}
			out->check_id = ids, out->photo = ph, cap = ncap;
		}
		out->check_id[out->n] = db_col_int(st, 0);
		out->photo[out->n].id = db_col_int(st, 1);
		out->photo[out->n].name = arena_strdup(a, db_col_text(st, 2));
		out->photo[out->n].content_type = arena_strdup(a, db_col_text(st, 3));
		out->n++;
	}
	return rc < 0 ? rc : 0;
}

/* Points x at its photos in l (l sorted by check). */
static void photos_of(const struct check_photos *l, struct proj_check *x)
{
	int lo = 0, hi = l->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (l->check_id[mid] < x->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	x->photos = l->n ? l->photo + lo : NULL;
	x->n_photos = 0;
	while (lo + x->n_photos < l->n && l->check_id[lo + x->n_photos] == x->id)
		x->n_photos++;
}

int check_list(struct db *c, const struct principal *p, int64_t id, check_fn fn, void *ctx,
               struct yq_err *e)
{
	struct arena a = ARENA_INIT;
	struct check_photos photos;
	int rc = proj_check(c, p, id, e);
	if (rc < 0 || !shown(p, "project.check"))
		goto out;
	if ((rc = check_photos(c, id, &a, &photos)) < 0) {
		rc = err_db(e, rc);
		goto out;
	}
	struct db_stmt *st = db_prepare(c, sql_of(&SQL_CHECKS));
	if (!st) {
		rc = err_db(e, DB_ERR);
		goto out;
	}
	db_bind_int(st, 1, id);
	struct proj_check x;
	memset(&x, 0, sizeof x);
	while ((rc = entity_next(st, &ENTITY_CHECK, &x)) == DB_ROW) {
		photos_of(&photos, &x);
		fn(ctx, &x);
	}
	rc = rc < 0 ? err_db(e, rc) : 0;
out:
	arena_release(&a);
	return rc < 0 ? -1 : 0;
}

struct check_change {
	int64_t id;
	struct proj_check *x;
};

static const char SQL_PHOTO_OK[] =
    "SELECT content_type FROM work_attachment WHERE id = ? AND kind = 'project' AND ref_id = ? "
    "AND deleted_at IS NULL";
static const char SQL_PHOTO_LINK[] =
    "INSERT INTO project_check_photo (check_id, attachment_id) VALUES (?, ?)";

/* Links the photos x->photo_ids to check x->id: each an image attachment of project `id`. */
static int link_photos(struct write_ctx *w, int64_t id, const struct proj_check *x,
                       struct yq_err *e)
{
	for (int i = 0; i < x->n_photos; i++) {
		for (int j = 0; j < i; j++)
			if (x->photo_ids[j] == x->photo_ids[i])
				return err_set(e, ERR_VALIDATION, "photo_ids", "照片重复",
				               "a photo is listed twice");
		struct db_stmt *st =
		    db_prepare_with(w->tx, SQL_PHOTO_OK, DB_I(x->photo_ids[i]), DB_I(id));
		if (!st)
			return write_fail(w, DB_ERR, e);
		int rc = db_step(st), image = 0;
		if (rc == DB_ROW)
			image = db_col_text(st, 0) && strncmp(db_col_text(st, 0), "image/", 6) == 0;
		db_reset(st);
		if (rc < 0)
			return write_fail(w, rc, e);
		if (rc != DB_ROW)
			return err_set(e, ERR_VALIDATION, "photo_ids", "照片不是该项目的附件",
			               "a photo is not an attachment of this project");
		if (!image)
			return err_set(e, ERR_VALIDATION, "photo_ids",
			               "现场照片应为图片（JPG、PNG）",
			               "a site photo must be an image");
		if (!(st = db_prepare_with(w->tx, SQL_PHOTO_LINK, DB_I(x->id),
		                           DB_I(x->photo_ids[i]))))
			return write_fail(w, DB_ERR, e);
		int64_t changed;
		if (write_run(w, st, &changed, e) < 0)
			return -1;
	}
	return 0;
}

static int do_check_add(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct check_change *c = arg;
	struct arena a = ARENA_INIT;
	struct project pr;
	int rc = -1;
	int64_t now = now_unix();
	if (project_seen(w->tx, w->who, c->id, &pr, &a, e) < 0)
		goto out;
	if ((rc = store_insert(w, &SQL_CHECK_INSERT, &ENTITY_CHECK, c->x, &c->x->id, e,
	                       DB_I(w->who->zone_id), DB_I(c->id), DB_O(w->who->user_id),
	                       DB_I(now))) < 0)
		goto out;
	const char *body = arena_printf(
	    &a, "%s 现场检查（%s），形象进度 %lld%%%s%s%s", c->x->on_date, c->x->checker,
	    (long long)c->x->progress, c->x->problems && *c->x->problems ? "；发现问题：" : "",
	    c->x->problems ? c->x->problems : "",
	    c->x->n_photos ? arena_printf(&a, "；现场照片 %d 张", c->x->n_photos) : "");
	if ((rc = proj_event(w, c->id, now, "check", pr.stage, pr.stage, body)) < 0) {
		rc = write_fail(w, rc, e);
		goto out;
	}
	if ((rc = link_photos(w, c->id, c->x, e)) < 0)
		goto out;
	store_audit_create(w, &ENTITY_CHECK, c->x->id, c->x);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int check_add(struct db_pool *pool, const struct principal *p, int64_t id, struct proj_check *x,
              struct yq_err *e)
{
	struct check_change c = {id, x};
	return write_tx(pool, p, do_check_add, &c, e);
}
