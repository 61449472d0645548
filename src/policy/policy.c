/* 惠企政策 rules: the field tables and the pure rules beside them (see policy.h). */
#include "policy/policy.h"
#include "db/codes.h"
#include "enterprise/industry.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "lib/utf8.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const STATUSES[] = {"draft", "published", "closed", NULL};
static const char *const STATUS_LABELS[] = {"草稿", "已发布", "已截止", NULL};
static const char *const APP_STATUSES[] = {"draft",    "submitted", "reviewing", "approved",
                                           "rejected", "paid",      NULL};
static const char *const APP_STATUS_LABELS[] = {"待提交", "已提交", "审核中", "已通过",
                                                "未通过", "已兑现", NULL};
/* the enterprise types of the enterprise module (enterprise.c ENT_TYPES) */
static const char *const ENT_TYPES[] = {"domestic", "foreign", "hk_mo_tw", NULL};

CODE_NAME(enum policy_status, policy_status_name, STATUSES, POLICY__STATUS_COUNT)
CODE_NAME(enum policy_status, policy_status_label, STATUS_LABELS, POLICY__STATUS_COUNT)
CODE_FROM(enum policy_status, policy_status_from_name, STATUSES, POLICY__STATUS_COUNT)
CODE_NAME(enum app_status, app_status_name, APP_STATUSES, APP__STATUS_COUNT)
CODE_NAME(enum app_status, app_status_label, APP_STATUS_LABELS, APP__STATUS_COUNT)
CODE_FROM(enum app_status, app_status_from_name, APP_STATUSES, APP__STATUS_COUNT)

/* ---- the state machines ---- */

#define NONE POLICY__STATUS_COUNT
static const enum policy_status POLICY_MOVES[POLICY__STATUS_COUNT][POLICY__EV_COUNT] = {
    [POLICY_DRAFT] = {[POLICY_EV_PUBLISH] = POLICY_PUBLISHED,
                      [POLICY_EV_CLOSE] = NONE,
                      [POLICY_EV_EDIT] = POLICY_DRAFT},
    [POLICY_PUBLISHED] =
        {[POLICY_EV_PUBLISH] = NONE, [POLICY_EV_CLOSE] = POLICY_CLOSED, [POLICY_EV_EDIT] = NONE},
    [POLICY_CLOSED] =
        {[POLICY_EV_PUBLISH] = NONE, [POLICY_EV_CLOSE] = NONE, [POLICY_EV_EDIT] = NONE},
};
#undef NONE

int policy_next(enum policy_status from, enum policy_event ev, enum policy_status *to,
                struct yq_err *e)
{
	if (from >= POLICY__STATUS_COUNT || ev >= POLICY__EV_COUNT)
		return err_set(e, ERR_STATE, "status", "政策状态无效", "invalid policy state");
	enum policy_status t = POLICY_MOVES[from][ev];
	if (t != POLICY__STATUS_COUNT) {
		*to = t;
		return 0;
	}
	static const char *const why[POLICY__STATUS_COUNT][POLICY__EV_COUNT] = {
	    [POLICY_DRAFT] = {[POLICY_EV_CLOSE] = "政策尚未发布，不能截止"},
	    [POLICY_PUBLISHED] =
	        {[POLICY_EV_PUBLISH] = "政策已发布", [POLICY_EV_EDIT] = "政策已发布，不能再修改"},
	    [POLICY_CLOSED] = {[POLICY_EV_PUBLISH] = "政策已截止，不能再发布",
	                       [POLICY_EV_CLOSE] = "政策已截止",
	                       [POLICY_EV_EDIT] = "政策已截止，不能再修改"},
	};
	return err_set(e, ERR_STATE, "status", why[from][ev], "the policy's state forbids that");
}

#define NO APP__STATUS_COUNT
static const enum app_status APP_MOVES[APP__STATUS_COUNT][APP__EV_COUNT] = {
    [APP_DRAFT] = {[APP_EV_SUBMIT] = APP_SUBMITTED,
                   [APP_EV_ACCEPT] = NO,
                   [APP_EV_APPROVE] = NO,
                   [APP_EV_REJECT] = NO,
                   [APP_EV_PAY] = NO,
                   [APP_EV_EDIT] = APP_DRAFT},
    [APP_SUBMITTED] = {[APP_EV_SUBMIT] = NO,
                       [APP_EV_ACCEPT] = APP_REVIEWING,
                       [APP_EV_APPROVE] = NO,
                       [APP_EV_REJECT] = APP_REJECTED,
                       [APP_EV_PAY] = NO,
                       [APP_EV_EDIT] = NO},
    [APP_REVIEWING] = {[APP_EV_SUBMIT] = NO,
                       [APP_EV_ACCEPT] = NO,
                       [APP_EV_APPROVE] = APP_APPROVED,
                       [APP_EV_REJECT] = APP_REJECTED,
                       [APP_EV_PAY] = NO,
                       [APP_EV_EDIT] = NO},
    [APP_APPROVED] = {[APP_EV_SUBMIT] = NO,
                      [APP_EV_ACCEPT] = NO,
                      [APP_EV_APPROVE] = NO,
                      [APP_EV_REJECT] = NO,
                      [APP_EV_PAY] = APP_APPROVED,
                      [APP_EV_EDIT] = NO},
    [APP_REJECTED] = {[APP_EV_SUBMIT] = NO,
                      [APP_EV_ACCEPT] = NO,
                      [APP_EV_APPROVE] = NO,
                      [APP_EV_REJECT] = NO,
                      [APP_EV_PAY] = NO,
                      [APP_EV_EDIT] = NO},
    [APP_PAID] = {[APP_EV_SUBMIT] = NO,
                  [APP_EV_ACCEPT] = NO,
                  [APP_EV_APPROVE] = NO,
                  [APP_EV_REJECT] = NO,
                  [APP_EV_PAY] = NO,
                  [APP_EV_EDIT] = NO},
};
#undef NO

int app_next(enum app_status from, enum app_event ev, enum app_status *to, struct yq_err *e)
{
	if (from >= APP__STATUS_COUNT || ev >= APP__EV_COUNT)
		return err_set(e, ERR_STATE, "status", "申报状态无效", "invalid application state");
	enum app_status t = APP_MOVES[from][ev];
	if (t != APP__STATUS_COUNT) {
		*to = t;
		return 0;
	}
	static const char *const state_zh[APP__STATUS_COUNT] = {
	    [APP_DRAFT] = "申报尚未提交",      [APP_SUBMITTED] = "申报已提交，等待受理",
	    [APP_REVIEWING] = "申报正在审核",  [APP_APPROVED] = "申报已审核通过",
	    [APP_REJECTED] = "申报未通过审核", [APP_PAID] = "申报已兑现完毕",
	};
	const char *m = state_zh[from];
	return err_set(e, ERR_STATE, "status", m, "the application's state forbids that");
}

/* ---- matching ---- */

/* The items of a JSON array of strings, kept in a: the count, or -1 when v is not one. */
static int str_items(const char *v, struct arena *a, const char **out, int max)
{
	if (!v || !*v)
		return 0;
	json_t *j = json_loads(v, 0, NULL);
	if (!json_is_array(j) || (int)json_array_size(j) > max) {
		json_decref(j);
		return -1;
	}
	int n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(j, i, x)
	{
		if (!json_is_string(x)) {
			json_decref(j);
			return -1;
		}
		out[n++] = arena_strdup(a, json_string_value(x));
	}
	json_decref(j);
	return n;
}

int policy_cond_parse(const struct policy *p, struct arena *a, struct policy_cond *c,
                      struct yq_err *e)
{
	memset(c, 0, sizeof *c);
	const char *flags[POLICY_LIST_MAX];
	int nf;
	if ((c->n_industries = str_items(p->industries, a, c->industries, POLICY_LIST_MAX)) < 0)
		return err_set(e, ERR_VALIDATION, "industries", "行业条件格式错误",
		               "industries: a list of codes");
	if ((nf = str_items(p->flags, a, flags, POLICY_LIST_MAX)) < 0)
		return err_set(e, ERR_VALIDATION, "flags", "资质条件格式错误",
		               "flags: a list of flags");
	for (int i = 0; i < nf; i++) {
		enum ent_flag_kind k = ent_flag_from_name(flags[i]);
		if (k == FLAG__COUNT)
			return err_set(e, ERR_VALIDATION, "flags", "资质条件中有未知的资质",
			               "unknown flag");
		c->flags[k] = 1;
		c->any_flag = 1;
	}
	if ((c->n_ent_types = str_items(p->ent_types, a, c->ent_types, 4)) < 0)
		return err_set(e, ERR_VALIDATION, "ent_types", "企业类型条件格式错误",
		               "ent_types: a list of types");
	if ((c->n_buildings = str_items(p->buildings, a, c->buildings, POLICY_LIST_MAX)) < 0)
		return err_set(e, ERR_VALIDATION, "buildings", "楼宇条件格式错误",
		               "buildings: a list of buildings");
	c->min_capital = p->min_capital;
	c->min_age = p->min_age;
	c->max_age = p->max_age;
	return 0;
}

int policy_years(const char *from, const char *day)
{
	if (!from || !day || !valid_date(from) || !valid_date(day) || strcmp(from, day) > 0)
		return -1;
	int fy, fm, fd, y, m, d;
	if (sscanf(from, "%4d-%2d-%2d", &fy, &fm, &fd) != 3 ||
	    sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	int years = y - fy;
	if (m < fm || (m == fm && d < fd))
		years--;
	return years;
}

unsigned policy_match(const struct policy_cond *c, const struct policy_subject *s, const char *day)
{
	unsigned miss = 0;
	if (c->n_industries) {
		int ok = 0;
		for (int i = 0; !ok && i < c->n_industries; i++)
			ok = s->industry_code &&
			     industry_is_under(s->industry_code, c->industries[i]);
		if (!ok)
			miss |= MISS_INDUSTRY;
	}
	if (c->any_flag) {
		int ok = 0;
		for (int i = 0; !ok && i < FLAG__COUNT; i++)
			ok = c->flags[i] && s->flags[i];
		if (!ok)
			miss |= MISS_FLAG;
	}
	if (c->n_ent_types) {
		int ok = 0;
		for (int i = 0; !ok && i < c->n_ent_types; i++)
			ok = s->ent_type && strcmp(s->ent_type, c->ent_types[i]) == 0;
		if (!ok)
			miss |= MISS_TYPE;
	}
	if (!isnan(c->min_capital) && c->min_capital > 0 &&
	    (isnan(s->registered_capital) || s->registered_capital < c->min_capital))
		miss |= MISS_CAPITAL;
	if (c->min_age > 0 || c->max_age > 0) {
		int y = policy_years(s->established_on, day);
		if (y < 0 || (c->min_age > 0 && y < c->min_age) ||
		    (c->max_age > 0 && y > c->max_age))
			miss |= MISS_AGE;
	}
	if (c->n_buildings) {
		int ok = 0;
		for (int i = 0; !ok && i < c->n_buildings; i++)
			ok = s->building && *s->building &&
			     strcmp(s->building, c->buildings[i]) == 0;
		if (!ok)
			miss |= MISS_BUILDING;
	}
	return miss;
}

int policy_check(const struct policy *p, struct yq_err *e)
{
	if (p->apply_from && *p->apply_from && p->deadline && *p->deadline &&
	    strcmp(p->deadline, p->apply_from) < 0)
		return err_set(e, ERR_VALIDATION, "deadline", "截止日期不能早于申报开始日期",
		               "the deadline is before the start");
	if (p->min_age > 0 && p->max_age > 0 && p->min_age > p->max_age)
		return err_set(e, ERR_VALIDATION, "max_age", "成立年限上限不能小于下限",
		               "max_age is below min_age");
	struct arena a = ARENA_INIT;
	struct policy_cond c;
	int rc = policy_cond_parse(p, &a, &c, e);
	for (int i = 0; rc == 0 && i < c.n_industries; i++)
		if (industry_init() < 0 || !industry_find(c.industries[i]))
			rc = err_set(e, ERR_VALIDATION, "industries",
			             "行业条件中有不存在的国民经济行业代码",
			             "no such GB/T 4754-2017 code");
	for (int i = 0; rc == 0 && i < c.n_ent_types; i++) {
		int ok = 0;
		for (int k = 0; ENT_TYPES[k]; k++)
			ok |= strcmp(c.ent_types[i], ENT_TYPES[k]) == 0;
		if (!ok)
			rc = err_set(e, ERR_VALIDATION, "ent_types", "企业类型条件中有未知的类型",
			             "unknown enterprise type");
	}
	arena_release(&a);
	return rc;
}

int policy_open_on(const struct policy *p, const char *day)
{
	if (p->apply_from && *p->apply_from && strcmp(day, p->apply_from) < 0)
		return 0;
	if (p->deadline && *p->deadline && strcmp(day, p->deadline) > 0)
		return 0;
	return 1;
}

int policy_check_approve(double amount, double max_amount, struct yq_err *e)
{
	if (isnan(amount) || amount <= 0)
		return err_set(e, ERR_VALIDATION, "amount", "请填写核定金额",
		               "the amount is required");
	if (!isnan(max_amount) && max_amount > 0 && amount > max_amount + 1e-9)
		return err_set(e, ERR_VALIDATION, "amount", "核定金额不能超过政策的最高金额",
		               "the amount is above the policy's maximum");
	return 0;
}

int policy_check_payment(double amount, double paid, double approved, struct yq_err *e)
{
	if (isnan(amount) || amount <= 0)
		return err_set(e, ERR_VALIDATION, "amount", "请填写兑现金额",
		               "the amount is required");
	if (isnan(approved) || paid + amount > approved + 1e-9)
		return err_set(e, ERR_VALIDATION, "amount", "兑现总额不能超过核定金额",
		               "the payments would pass the approved amount");
	return 0;
}

int policy_check_submit(int64_t n_materials, int64_t n_attachments, struct yq_err *e)
{
	if (n_materials > 0 && n_attachments < 1)
		return err_set(e, ERR_VALIDATION, "attachments", "请先上传政策要求的申报材料",
		               "attach the materials the policy asks for");
	return 0;
}

/* ---- the field tables ---- */

/* a list: a JSON array of at most POLICY_LIST_MAX strings of 1..POLICY_ITEM_MAX characters */
static int check_list(const char *v, struct yq_err *e)
{
	json_t *j = json_loads(v, 0, NULL);
	int ok = json_is_array(j) && json_array_size(j) <= POLICY_LIST_MAX;
	size_t i;
	json_t *x;
	if (ok)
		json_array_foreach(j, i, x)
		{
			const char *s = json_string_value(x);
			size_t n = s && utf8_valid(s, strlen(s)) ? utf8_count(s) : 0;
			if (!s || n < 1 || n > POLICY_ITEM_MAX)
				ok = 0;
		}
	json_decref(j);
	if (!ok)
		return err_set(e, ERR_VALIDATION, NULL, "应为文字列表（最多50项，每项不超过100字）",
		               "a list of at most 50 texts of up to 100 characters");
	return 0;
}

#define RO F_READONLY
#define AU F_AUDIT
#define IN F_INTERNAL
#define EX F_EXPORT
#define ML F_MULTILINE

#define APPS_OF                            "FROM policy_application x WHERE x.policy_id = p.id"
#define P_(m, ft, col, lo, hi, fl, zh, en) FIELD_INIT(struct policy, m, ft, col, lo, hi, fl, zh, en)
static const struct field POLICY_FIELDS[] = {
    {P_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {P_(title, FT_TEXT, "title", 1, POLICY_TITLE_MAX, F_REQUIRED | AU | EX, "政策名称", "Title")},
    {P_(issuer, FT_TEXT, "issuer", 1, 100, F_REQUIRED | AU | EX, "发文单位", "Issuer")},
    {P_(doc_no, FT_TEXT, "doc_no", 0, 100, AU | EX, "文号", "Document number")},
    {P_(summary, FT_TEXT, "summary", 0, POLICY_TEXT_MAX, AU | ML, "政策内容", "Summary")},
    {P_(benefit, FT_TEXT, "benefit", 1, 500, F_REQUIRED | AU | EX | ML, "支持内容", "Benefit")},
    {P_(max_amount, FT_MONEY, "max_amount", 0, POLICY_AMOUNT_MAX, AU | EX, "最高支持金额",
        "Maximum amount (万元)")},
    {P_(apply_from, FT_DATE, "apply_from", 0, 0, AU | EX, "申报开始日期", "Applications from")},
    {P_(deadline, FT_DATE, "deadline", 0, 0, AU | EX, "申报截止日期", "Deadline")},
    {P_(materials, FT_JSON, "materials", 0, 8000, AU, "申报材料", "Required materials"),
     .def = "[]", .check = check_list},
    {P_(industries, FT_JSON, "industries", 0, 8000, AU, "行业条件",
        "Industries (GB/T 4754 codes: a section letter, division, group or class)"),
     .def = "[]", .check = check_list},
    {P_(flags, FT_JSON, "flags", 0, 8000, AU, "资质条件",
        "Flags, one of which the enterprise holds (above_size, high_tech, specialized, "
        "little_giant)"),
     .def = "[]", .check = check_list},
    {P_(ent_types, FT_JSON, "ent_types", 0, 8000, AU, "企业类型条件",
        "Enterprise types (domestic, foreign, hk_mo_tw)"),
     .def = "[]", .check = check_list},
    {P_(min_capital, FT_MONEY, "min_capital", 0, POLICY_AMOUNT_MAX, AU, "注册资本下限",
        "Registered capital at least (万元)")},
    {P_(min_age, FT_INT, "min_age", 0, POLICY_AGE_MAX, AU, "成立年限下限",
        "Established at least this many years")},
    {P_(max_age, FT_INT, "max_age", 0, POLICY_AGE_MAX, AU, "成立年限上限",
        "Established at most this many years")},
    {P_(buildings, FT_JSON, "buildings", 0, 8000, AU, "所在楼宇条件", "Buildings of the zone"),
     .def = "[]", .check = check_list},
    {P_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"), .values = STATUSES,
     .labels = STATUS_LABELS},
    {P_(published_at, FT_TIME, "published_at", 0, 0, RO | EX, "发布时间", "Published")},
    {P_(closed_at, FT_TIME, "closed_at", 0, 0, RO | IN, "截止时间", "Closed")},
    {P_(eligible, FT_INT, "(SELECT COUNT(*) FROM policy_match m WHERE m.policy_id = p.id)", 0, 0,
        RO | IN | EX, "符合条件企业数", "Eligible enterprises")},
    {P_(applied, FT_INT, "(SELECT COUNT(*) " APPS_OF " AND x.status <> 'draft')", 0, 0,
        RO | IN | EX, "申报数", "Applications")},
    {P_(approved, FT_INT, "(SELECT COUNT(*) " APPS_OF " AND x.status IN ('approved', 'paid'))", 0,
        0, RO | IN | EX, "通过数", "Approved")},
    {P_(approved_amount, FT_MONEY,
        "(SELECT COALESCE(SUM(x.approved_amount), 0) " APPS_OF
        " AND x.status IN ('approved', 'paid'))",
        0, 0, RO | IN | EX, "核定金额", "Approved amount (万元)")},
    {P_(paid_amount, FT_MONEY,
        "(SELECT COALESCE(SUM(y.amount), 0) FROM policy_payment y WHERE y.policy_id = p.id)", 0, 0,
        RO | IN | EX, "已兑现金额", "Paid (万元)")},
    {P_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {P_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef P_
const struct entity ENTITY_POLICY =
    ENTITY("policy", "policy", "p", POLICY_FIELDS, "政策", "Policy", .zone_col = "p.zone_id");

#define A_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct policy_app, m, ft, col, lo, hi, fl, zh, en)
static const struct field APP_FIELDS[] = {
    {A_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {A_(policy_id, FT_REF, "policy_id", 0, 0, F_REQUIRED | AU | F_NOUPDATE | F_FILTER, "政策",
        "Policy")},
    {A_(policy_title, FT_TEXT, "p.title", 0, 0, RO | EX, "政策名称", "Policy")},
    {A_(enterprise_id, FT_REF, "pa.enterprise_id", 0, 0, RO | F_FILTER, "申报企业", "Enterprise")},
    {A_(enterprise_name, FT_TEXT, "e.name", 0, 0, RO | EX, "企业名称", "Enterprise's name")},
    {A_(max_amount, FT_MONEY, "p.max_amount", 0, 0, RO, "最高支持金额", "Policy's maximum (万元)")},
    {A_(amount_requested, FT_MONEY, "amount_requested", 0, POLICY_AMOUNT_MAX, AU | EX, "申请金额",
        "Amount requested (万元)")},
    {A_(note, FT_TEXT, "note", 0, 1000, AU | ML, "申报说明", "Note")},
    {A_(status, FT_ENUM, "pa.status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = APP_STATUSES, .labels = APP_STATUS_LABELS},
    {A_(approved_amount, FT_MONEY, "approved_amount", 0, 0, RO | EX, "核定金额",
        "Approved amount (万元)")},
    {A_(paid_amount, FT_MONEY,
        "(SELECT COALESCE(SUM(y.amount), 0) FROM policy_payment y WHERE y.application_id = "
        "pa.id)",
        0, 0, RO | EX, "已兑现金额", "Paid (万元)")},
    {A_(review_note, FT_TEXT, "review_note", 0, 0, RO | IN, "审核意见", "Review note")},
    {A_(reject_reason, FT_TEXT, "reject_reason", 0, 0, RO | EX, "退回原因", "Reason")},
    {A_(attachments, FT_INT,
        "(SELECT COUNT(*) FROM work_attachment t WHERE t.kind = 'policy_application' AND t.ref_id "
        "= "
        "pa.id AND t.deleted_at IS NULL)",
        0, 0, RO, "附件数", "Files")},
    {A_(submitted_at, FT_TIME, "submitted_at", 0, 0, RO | EX, "提交时间", "Submitted")},
    {A_(reviewed_at, FT_TIME, "reviewed_at", 0, 0, RO | EX, "审核时间", "Reviewed")},
    {A_(created_at, FT_TIME, "pa.created_at", 0, 0, RO, "创建时间", "Created")},
    {A_(updated_at, FT_TIME, "pa.updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef A_
const struct entity ENTITY_POLICY_APP =
    ENTITY("policy_application", "policy_application", "pa", APP_FIELDS, "申报", "Application",
           .joins = " JOIN policy p ON p.id = pa.policy_id JOIN enterprise e ON e.id = "
                    "pa.enterprise_id",
           .zone_col = "pa.zone_id");

#define Y_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct policy_payment, m, ft, col, lo, hi, fl, zh, en)
static const struct field PAYMENT_FIELDS[] = {
    {Y_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {Y_(application_id, FT_REF, "application_id", 0, 0, RO, "申报", "Application")},
    {Y_(amount, FT_MONEY, "amount", 0, 0, RO, "兑现金额", "Amount (万元)")},
    {Y_(paid_on, FT_DATE, "paid_on", 0, 0, RO, "兑现日期", "Paid on")},
    {Y_(note, FT_TEXT, "note", 0, 0, RO, "备注", "Note")},
    {Y_(created_at, FT_TIME, "created_at", 0, 0, RO, "登记时间", "Recorded")},
};
#undef Y_
const struct entity ENTITY_POLICY_PAYMENT =
    ENTITY("policy_payment", "policy_payment", "py", PAYMENT_FIELDS, "兑现记录", "Payment",
           .zone_col = "py.zone_id");

#define QP_(m, ft, lo, hi, zh, en) FIELD_INIT(struct policy_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field POLICY_QUERY_FIELDS[] = {
    {QP_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = STATUSES, .labels = STATUS_LABELS},
    {QP_(q, FT_TEXT, 0, 100, "关键词", "Title, issuer or document number contains")},
};
#undef QP_
const struct entity ENTITY_POLICY_QUERY =
    ENTITY("policy_query", "policy", "p", POLICY_QUERY_FIELDS, "政策查询", "Query");

#define QA_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct policy_app_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field APP_QUERY_FIELDS[] = {
    {QA_(policy_id, FT_REF, 0, 0, "政策", "Policy")},
    {QA_(enterprise_id, FT_REF, 0, 0, "申报企业", "Enterprise")},
    {QA_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = APP_STATUSES,
     .labels = APP_STATUS_LABELS},
};
#undef QA_
const struct entity ENTITY_POLICY_APP_QUERY = ENTITY(
    "policy_application_query", "policy_application", "pa", APP_QUERY_FIELDS, "申报查询", "Query");
#undef RO
#undef AU
#undef IN
#undef EX
#undef ML
