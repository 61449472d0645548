/* Project rules: the field table and the pure rules beside it (see project.h). */
#include "project/project.h"
#include "db/codes.h"
#include "enterprise/industry.h"
#include "enterprise/uscc.h"
#include "lib/arena.h"
#include "lib/util.h"
#include "work/work.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const STAGES[] = {"lead",     "negotiating", "signed",    "registered",
                                     "land",     "started",     "completed", "producing",
                                     "capacity", "dropped",     NULL};
static const char *const STAGE_LABELS[] = {"线索", "在谈", "签约", "注册", "供地", "开工",
                                           "竣工", "投产", "达产", "终止", NULL};
static const char *const ORIGINS[] = {"domestic", "foreign", "hmt", NULL};
static const char *const ORIGIN_LABELS[] = {"内资", "外资", "港澳台", NULL};
static const char *const INVESTOR_TYPES[] = {"central_soe", "local_soe", "private",
                                             "foreign",     "hmt",       NULL};
static const char *const INVESTOR_TYPE_LABELS[] = {"央企", "国企", "民企", "外资", "港澳台", NULL};
static const char *const CURRENCIES[] = {"CNY", "USD", NULL};
static const char *const CURRENCY_LABELS[] = {"人民币", "美元", NULL};
static const char *const SOURCES[] = {"business", "resident", "expo", "cloud", "agent", NULL};
static const char *const SOURCE_LABELS[] = {"以商招商", "驻点招商", "展会", "云招商", "中介", NULL};
static const char *const LEVELS[] = {"province", "city", "district", NULL};
static const char *const LEVEL_LABELS[] = {"省重点", "市重点", "区重点", NULL};

CODE_NAME(enum proj_stage, proj_stage_name, STAGES, PS__COUNT)
CODE_NAME(enum proj_stage, proj_stage_label, STAGE_LABELS, PS__COUNT)
CODE_FROM(enum proj_stage, proj_stage_from_name, STAGES, PS__COUNT)

int proj_dispatched(enum proj_stage s)
{
	return s >= PS_SIGNED && s <= PS_PRODUCING;
}

/* 1 when a move may pass over stage s without stopping: 在谈 (a lead signed at once, at an
 * expo's 集中签约), 注册 (a renovation by an enterprise already registered, or a project whose
 * company is already linked) and 供地 (a renovation, or a project that needs no new land). */
static int skippable(const struct project *p, enum proj_stage s)
{
	switch (s) {
	case PS_NEGOTIATING:
		return 1;
	case PS_REGISTERED:
		return p->renovation || p->enterprise_id > 0;
	case PS_LAND:
		return p->renovation || !(p->land_mu > 0);
	default:
		return 0;
	}
}

/* A text of the move: present, at most `max` characters. */
static int need_text(const char *s, size_t max, const char *field, const char *zh, const char *en,
                     struct yq_err *e)
{
	if (!s || !*s)
		return err_set(e, ERR_VALIDATION, field, zh, en);
	return work_check_text(s, field, max, 1, e);
}

static int check_evidence(const struct project *p, enum proj_stage to, const struct proj_move *m,
                          struct yq_err *e)
{
	(void)p;
	switch (to) {
	case PS_SIGNED:
		if (need_text(m->contract_no, 64, "contract_no", "签约需填写合同编号",
		              "a signing needs the contract number", e) < 0)
			return -1;
		if (m->attachment_id <= 0 && !m->imported)
			return err_set(e, ERR_VALIDATION, "attachment_id", "签约需上传合同扫描件",
			               "a signing needs the contract's scan");
		return 0;
	case PS_REGISTERED: {
		char norm[USCC_LEN + 1];
		if (!m->uscc || !*m->uscc)
			return err_set(e, ERR_VALIDATION, "uscc", "注册需填写统一社会信用代码",
			               "a registration needs the company's USCC");
		if (uscc_check(m->uscc, norm) != USCC_OK)
			return err_set(e, ERR_VALIDATION, "uscc", "统一社会信用代码无效",
			               "invalid USCC");
		return 0;
	}
	case PS_STARTED:
		if ((!m->start_permit_no || !*m->start_permit_no) && m->attachment_id <= 0 &&
		    !m->imported)
			return err_set(
			    e, ERR_VALIDATION, "start_permit_no",
			    "开工需填写施工许可证号或上传现场照片",
			    "a start needs the construction permit number or a site photo");
		return m->start_permit_no && *m->start_permit_no
		           ? work_check_text(m->start_permit_no, "start_permit_no", 64, 1, e)
		           : 0;
	case PS_PRODUCING: {
		const char *mo = m->first_output_month;
		char d[11];
		if (!mo || !*mo)
			return err_set(e, ERR_VALIDATION, "first_output_month",
			               "投产需填写首月产出月份",
			               "a start of production needs its first month");
		if (strlen(mo) != 7 || snprintf(d, sizeof d, "%s-01", mo) != 10 || !valid_date(d))
			return err_set(e, ERR_VALIDATION, "first_output_month",
			               "月份格式应为 YYYY-MM", "month must be YYYY-MM");
		if (strncmp(mo, m->date, 7) > 0)
			return err_set(e, ERR_VALIDATION, "first_output_month",
			               "首月产出不能晚于投产日期",
			               "the first month of output is after the date");
		return 0;
	}
	case PS_DROPPED:
		return need_text(m->reason, 500, "reason", "终止需填写原因",
		                 "dropping a project needs a reason", e);
	default:
		return 0;
	}
}

int proj_move_check(const struct project *p, const struct proj_move *m, const char *today,
                    struct arena *a, struct yq_err *e)
{
	enum proj_stage from = proj_stage_from_name(p->stage);
	enum proj_stage to = proj_stage_from_name(m->to);
	if (to == PS__COUNT)
		return err_set(e, ERR_VALIDATION, "to", "目标阶段无效", "no such stage");
	if (from == PS__COUNT)
		return err_set(e, ERR_STATE, "stage", "项目阶段无效", "invalid project stage");
	if (from == PS_DROPPED)
		return err_set(e, ERR_STATE, "stage", "项目已终止，不能再变更阶段",
		               "the project is dropped");
	if (to == PS_DROPPED) {
		if (from >= PS_PRODUCING)
			return err_set(e, ERR_STATE, "stage",
			               from == PS_PRODUCING ? "项目已投产，不能终止"
			                                    : "项目已达产，不能终止",
			               "a producing project cannot be dropped");
	} else if (to <= from) {
		/* "项目已签约，不能退回在谈" / "项目已处于签约阶段" */
		const char *s = to == from ? arena_printf(a, "项目已处于%s阶段", STAGE_LABELS[from])
		                           : arena_printf(a, "项目已%s，不能退回%s",
		                                          STAGE_LABELS[from], STAGE_LABELS[to]);
		return err_set(e, ERR_STATE, "to", s ? s : "项目阶段只能向前推进",
		               "stages only move forward");
	} else {
		for (int s = (int)from + 1; s < (int)to; s++)
			if (!skippable(p, (enum proj_stage)s)) {
				/* "项目处于签约阶段，需先注册" */
				const char *t = arena_printf(a, "项目处于%s阶段，需先%s",
				                             STAGE_LABELS[from], STAGE_LABELS[s]);
				return err_set(e, ERR_STATE, "to", t ? t : "项目阶段不能跳过",
				               "a stage cannot be skipped");
			}
	}
	if (!m->date || !*m->date)
		return err_set(e, ERR_VALIDATION, "date", "请填写日期", "the date is required");
	if (!valid_date(m->date))
		return err_set(e, ERR_VALIDATION, "date", "日期无效", "invalid date");
	if (today && strcmp(m->date, today) > 0)
		return err_set(e, ERR_VALIDATION, "date", "日期不能晚于今天",
		               "the date is in the future");
	if (m->note && work_check_text(m->note, "note", 2000, 0, e) < 0)
		return -1;
	return check_evidence(p, to, m, e);
}

const char *proj_colour(const struct proj_rules *r, int64_t days_late, double plan, double actual)
{
	int64_t red = (int64_t)llround(r->red_ratio * 1000),
	        amber = (int64_t)llround(r->amber_ratio * 1000);
	int low_red = plan > 0 && actual * 1000 < (double)red * plan;
	int low_amber = plan > 0 && actual * 1000 < (double)amber * plan;
	if (days_late > r->amber_days || low_red)
		return "red";
	if (days_late > 0 || low_amber)
		return "amber";
	return "green";
}

/* ---- the field table ---- */

static int check_industry(const char *v, struct yq_err *e)
{
	if (industry_init() < 0 || !industry_find(v))
		return err_set(e, ERR_VALIDATION, NULL, "行业代码不存在",
		               "no such GB/T 4754-2017 code");
	return 0;
}

static int check_uscc(const char *v, struct yq_err *e)
{
	char norm[USCC_LEN + 1];
	if (uscc_check(v, norm) != USCC_OK)
		return err_set(e, ERR_VALIDATION, NULL, "统一社会信用代码无效", "invalid USCC");
	return 0;
}

#define P_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct project, m, ft, col, lo, hi, fl, zh, en)
#define RO F_READONLY
#define AU F_AUDIT
#define EX F_EXPORT
#define IN F_INTERNAL
#define DATE(m, zh, en)                                                                            \
	{                                                                                          \
		P_(m, FT_DATE, #m, 0, 0, AU | EX, zh, en)                                          \
	}
#define DATE_RO(m, zh, en)                                                                         \
	{                                                                                          \
		P_(m, FT_DATE, #m, 0, 0, RO | EX, zh, en)                                          \
	}
#define MONEY(m, zh, en, fl)                                                                       \
	{                                                                                          \
		P_(m, FT_MONEY, #m, 0, 0, AU | EX | (fl), zh, en)                                  \
	}
static const struct field PROJ_FIELDS[] = {
    {P_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {P_(no, FT_TEXT, "no", 0, 0, RO | EX, "项目编号", "Number")},
    {P_(name, FT_TEXT, "name", 1, PROJ_NAME_MAX, F_REQUIRED | AU | EX, "项目名称", "Name")},
    {P_(investor, FT_TEXT, "investor", 0, PROJ_TEXT_MAX, AU | EX, "投资方", "Investor")},
    {P_(investor_origin, FT_ENUM, "investor_origin", 0, 0, AU | EX | F_FILTER, "资金来源",
        "Origin"),
     .values = ORIGINS, .labels = ORIGIN_LABELS, .def = "domestic"},
    {P_(investor_region, FT_TEXT, "investor_region", 0, 100, AU | EX, "投资方所在地",
        "Investor's province, city or country")},
    {P_(investor_type, FT_ENUM, "investor_type", 0, 0, AU | EX | F_FILTER, "投资方类型",
        "Investor type"),
     .values = INVESTOR_TYPES, .labels = INVESTOR_TYPE_LABELS},
    {P_(industry_code, FT_TEXT, "industry_code", 0, 4, AU | EX, "行业代码", "Industry (GB/T 4754)"),
     .check = check_industry},
    {P_(currency, FT_ENUM, "currency", 0, 0, AU | EX, "币种", "Currency"), .values = CURRENCIES,
     .labels = CURRENCY_LABELS, .def = "CNY"},
    MONEY(total_investment, "总投资", "Total investment", 0),
    {P_(fx_rate, FT_NUM, "fx_rate", 0, 100, AU | EX, "汇率（签约日）",
        "Exchange rate (signing date)")},
    {P_(amount_wan, FT_MONEY, "amount_wan", 0, 0, RO | EX, "总投资折人民币",
        "Total investment in CNY")},
    MONEY(fixed_investment, "固定资产投资", "Fixed-asset investment", 0),
    MONEY(registered_capital, "注册资本", "Registered capital", 0),
    {P_(land_mu, FT_NUM, "land_mu", 0, 1000000, AU | EX, "用地（亩）", "Land (mu)")},
    MONEY(expected_output, "达产产值", "Output at capacity", IN),
    MONEY(expected_tax, "达产税收", "Tax at capacity", IN),
    {P_(expected_jobs, FT_INT, "expected_jobs", 0, 10000000, AU | EX | IN, "达产用工",
        "Jobs at capacity")},
    {P_(dept_id, FT_REF, "dept_id", 0, 0, AU | F_FILTER, "责任单位", "Bureau")},
    /* names as scalar subqueries, not joins: PostgreSQL reads them for a page's rows only, after
     * its sort and LIMIT */
    {P_(dept_name, FT_TEXT, "(SELECT d.name FROM dept d WHERE d.id = p.dept_id)", 0, 0, RO | EX,
        "责任单位名称", "Bureau name")},
    {P_(owner_user_id, FT_REF, "owner_user_id", 0, 0, AU | IN | F_FILTER, "招商专员", "Owner")},
    {P_(owner_name, FT_TEXT, "(SELECT u.display_name FROM app_user u WHERE u.id = p.owner_user_id)",
        0, 0, RO | IN | EX, "招商专员姓名", "Owner's name")},
    {P_(source, FT_ENUM, "source", 0, 0, AU | EX | IN | F_FILTER, "项目来源", "Source"),
     .values = SOURCES, .labels = SOURCE_LABELS},
    {P_(level, FT_ENUM, "level", 0, 0, AU | EX | F_FILTER, "重点级别", "Level"), .values = LEVELS,
     .labels = LEVEL_LABELS},
    {P_(special_team, FT_BOOL, "special_team", 0, 0, AU | EX, "专班推进", "Special team")},
    {P_(renovation, FT_BOOL, "renovation", 0, 0, AU | EX, "技改项目", "Renovation")},
    {P_(stage, FT_ENUM, "stage", 0, 0, RO | EX | F_FILTER, "阶段", "Stage"), .values = STAGES,
     .labels = STAGE_LABELS},
    {P_(enterprise_id, FT_REF, "enterprise_id", 0, 0, RO, "项目企业", "Enterprise")},
    {P_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = p.enterprise_id)",
        0, 0, RO | EX, "项目企业名称", "Enterprise name")},
    {P_(uscc, FT_TEXT, "uscc", 0, 18, RO | EX, "统一社会信用代码", "USCC"), .check = check_uscc},
    {P_(contract_no, FT_TEXT, "contract_no", 0, 64, RO | EX | IN, "合同编号", "Contract no.")},
    {P_(start_permit_no, FT_TEXT, "start_permit_no", 0, 64, RO | EX, "施工许可证号",
        "Construction permit no.")},
    {P_(first_output_month, FT_TEXT, "first_output_month", 0, 7, RO | EX, "首月产出",
        "First month of output")},
    {P_(drop_reason, FT_TEXT, "drop_reason", 0, 500, RO | EX | IN, "终止原因", "Reason dropped")},
    {P_(dropped_from, FT_ENUM, "dropped_from", 0, 0, RO | IN, "终止前阶段", "Dropped from"),
     .values = STAGES, .labels = STAGE_LABELS},
    {P_(notes, FT_TEXT, "notes", 0, PROJ_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    DATE(lead_date, "线索日期", "Lead date"),
    DATE(plan_sign_date, "计划签约", "Planned signing"),
    DATE_RO(sign_date, "签约日期", "Signed"),
    DATE(plan_register_date, "计划注册", "Planned registration"),
    DATE_RO(register_date, "注册日期", "Registered"),
    DATE(plan_land_date, "计划供地", "Planned land delivery"),
    DATE_RO(land_date, "供地日期", "Land delivered"),
    DATE(plan_start_date, "计划开工", "Planned start"),
    DATE_RO(start_date, "开工日期", "Started"),
    DATE(plan_complete_date, "计划竣工", "Planned completion"),
    DATE_RO(complete_date, "竣工日期", "Completed"),
    DATE(plan_produce_date, "计划投产", "Planned production"),
    DATE_RO(produce_date, "投产日期", "Producing"),
    DATE(plan_capacity_date, "计划达产", "Planned capacity"),
    DATE_RO(capacity_date, "达产日期", "At capacity"),
    DATE_RO(drop_date, "终止日期", "Dropped"),
    {P_(next_due, FT_DATE, "next_due", 0, 0, RO | IN, "下一节点计划日期", "Next milestone due")},
    {P_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {P_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef P_
#undef RO
#undef AU
#undef EX
#undef IN
#undef DATE
#undef DATE_RO
#undef MONEY

/* A project's data scope: its owning bureau, its 招商专员 and its enterprise (project.h). */
const struct entity ENTITY_PROJECT =
    ENTITY("project", "project", "p", PROJ_FIELDS, "项目", "Project", .zone_col = "p.zone_id",
           .scope_dept = "p.dept_id", .scope_owner = "p.owner_user_id",
           .scope_enterprise = "p.enterprise_id");
_Static_assert(sizeof PROJ_FIELDS / sizeof PROJ_FIELDS[0] <= 64, "a present bit per field");

/* The list's query parameters: one row each (the API reference lists them, the handler reads
 * exactly these). */
static const char *const LIST_STAGES[] = {
    "lead",      "negotiating", "signed",  "registered", "land",       "started", "completed",
    "producing", "capacity",    "dropped", "active",     "dispatched", NULL};
static const char *const COLOURS[] = {"green", "amber", "red", NULL};
static const char *const SORTS[] = {"id", "sign_date", "amount", NULL};
#define Q_(m, ft, lo, hi, zh, en) FIELD_INIT(struct proj_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field PROJ_QUERY_FIELDS[] = {
    {Q_(q, FT_TEXT, 0, 100, "关键词", "Name or investor contains")},
    {Q_(stage, FT_ENUM, 0, 0, "阶段",
        "A stage, active (not dropped) or dispatched (signed to producing)"),
     .values = LIST_STAGES},
    {Q_(colour, FT_ENUM, 0, 0, "状态颜色", "green, amber or red (under dispatch)"),
     .values = COLOURS},
    {Q_(level, FT_ENUM, 0, 0, "重点级别", "Level"), .values = LEVELS, .labels = LEVEL_LABELS},
    {Q_(source, FT_ENUM, 0, 0, "项目来源", "Source"), .values = SOURCES, .labels = SOURCE_LABELS},
    {Q_(year, FT_INT, 1990, 2100, "签约年度", "Signed that year")},
    {Q_(dept_id, FT_REF, 0, 0, "责任单位", "Bureau")},
    {Q_(owner_user_id, FT_REF, 0, 0, "招商专员", "Owner")},
    {Q_(enterprise_id, FT_REF, 0, 0, "项目企业", "Enterprise")},
    {Q_(special_team, FT_BOOL, 0, 0, "专班", "1: 专班 projects only")},
    {Q_(sort, FT_ENUM, 0, 0, "排序", "id (newest first), sign_date or amount (largest first)"),
     .values = SORTS},
};
#undef Q_
const struct entity ENTITY_PROJ_QUERY =
    ENTITY("project_query", "project", "p", PROJ_QUERY_FIELDS, "项目查询", "Project query");
