/* 用工 rules: the field tables and the pure rules beside them (see jobs.h). */
#include "jobs/jobs.h"
#include "db/codes.h"
#include <math.h>
#include <string.h>

static const char *const STATUSES[] = {"open", "filled", "closed", "expired", NULL};
static const char *const STATUS_LABELS[] = {"招聘中", "已招满", "已关闭", "已过期", NULL};
static const char *const CHANNELS[] = {"fair", "school", "referral", "online", "other", NULL};
static const char *const CHANNEL_LABELS[] = {"招聘会",   "校企合作", "内部推荐",
                                             "网络招聘", "其他",     NULL};
static const char *const EDUCATIONS[] = {"any",      "middle", "high", "college",
                                         "bachelor", "master", NULL};
static const char *const EDUCATION_LABELS[] = {"不限", "初中",       "高中/中专", "大专",
                                               "本科", "硕士及以上", NULL};
static const char *const MODES[] = {"offline", "online", NULL};
static const char *const MODE_LABELS[] = {"现场招聘会", "网络招聘会", NULL};

CODE_NAME(enum jobs_status, jobs_status_name, STATUSES, JOBS__STATUS_COUNT)
CODE_NAME(enum jobs_status, jobs_status_label, STATUS_LABELS, JOBS__STATUS_COUNT)
CODE_FROM(enum jobs_status, jobs_status_from_name, STATUSES, JOBS__STATUS_COUNT)
CODE_NAME(enum jobs_channel, jobs_channel_name, CHANNELS, JOBS__CHANNEL_COUNT)
CODE_NAME(enum jobs_channel, jobs_channel_label, CHANNEL_LABELS, JOBS__CHANNEL_COUNT)
CODE_FROM(enum jobs_channel, jobs_channel_from_name, CHANNELS, JOBS__CHANNEL_COUNT)

enum jobs_status jobs_status_read(const char *stored, const char *deadline, const char *today)
{
	enum jobs_status s = jobs_status_from_name(stored);
	if (s == JOBS_OPEN && deadline && today && *deadline && strcmp(deadline, today) < 0)
		return JOBS_EXPIRED;
	return s;
}

/* The transition table: the stored state after each event, or a refusal naming the state. */
struct move {
	enum jobs_status to; /* JOBS__STATUS_COUNT: refused */
	const char *zh, *en;
};
static const struct move
    MOVES[JOBS__STATUS_COUNT]
         [JOBS__EV_COUNT] = {
             [JOBS_OPEN] =
                 {
                     [JOBS_EV_HIRE] = {JOBS_OPEN, NULL, NULL},
                     [JOBS_EV_FILL] = {JOBS_FILLED, NULL, NULL},
                     [JOBS_EV_CLOSE] = {JOBS_CLOSED, NULL, NULL},
                     [JOBS_EV_REOPEN] = {JOBS__STATUS_COUNT, "需求正在招聘中，无需重新开放",
                                         "the demand is open"},
                 },
             [JOBS_FILLED] =
                 {
                     [JOBS_EV_HIRE] = {JOBS__STATUS_COUNT, "需求已招满，不能再登记招用",
                                       "the demand is filled"},
                     [JOBS_EV_FILL] = {JOBS__STATUS_COUNT, "需求已招满", "the demand is filled"},
                     [JOBS_EV_CLOSE] = {JOBS_CLOSED, NULL, NULL},
                     [JOBS_EV_REOPEN] = {JOBS__STATUS_COUNT, "需求已招满，不能重新开放",
                                         "the demand is filled"},
                 },
             [JOBS_CLOSED] =
                 {
                     [JOBS_EV_HIRE] = {JOBS__STATUS_COUNT, "需求已关闭，不能再登记招用",
                                       "the demand is closed"},
                     [JOBS_EV_FILL] = {JOBS__STATUS_COUNT, "需求已关闭", "the demand is closed"},
                     [JOBS_EV_CLOSE] = {JOBS__STATUS_COUNT, "需求已关闭", "the demand is closed"},
                     [JOBS_EV_REOPEN] = {JOBS_OPEN, NULL, NULL},
                 },
             [JOBS_EXPIRED] =
                 {
                     [JOBS_EV_HIRE] = {JOBS__STATUS_COUNT,
                                       "需求已过截止日期，请先修改截止日期再登记招用",
                                       "the demand is past its deadline"},
                     [JOBS_EV_FILL] = {JOBS__STATUS_COUNT, "需求已过截止日期",
                                       "the demand is past its deadline"},
                     [JOBS_EV_CLOSE] = {JOBS_CLOSED, NULL, NULL},
                     [JOBS_EV_REOPEN] =
                         {JOBS__STATUS_COUNT, "需求已过截止日期，请修改截止日期后继续招聘",
                          "the demand is past its deadline: change the deadline"},
                 },
};

int jobs_next(enum jobs_status from, enum jobs_event ev, enum jobs_status *to, struct yq_err *e)
{
	if (from >= JOBS__STATUS_COUNT || ev >= JOBS__EV_COUNT)
		return err_set(e, ERR_STATE, "status", "需求状态无效", "invalid state");
	const struct move *m = &MOVES[from][ev];
	if (m->to == JOBS__STATUS_COUNT)
		return err_set(e, ERR_STATE, "status", m->zh, m->en);
	*to = m->to;
	return 0;
}

int jobs_check_demand(const struct jobs_demand *d, const char *today, struct yq_err *e)
{
	if (d->pay_min > d->pay_max)
		return err_set(e, ERR_VALIDATION, "pay_max", "最高月薪不能低于最低月薪",
		               "the pay range's top is below its bottom");
	if (d->headcount < 1)
		return err_set(e, ERR_VALIDATION, "headcount", "招聘人数至少1人",
		               "at least one person");
	if (today && d->deadline && strcmp(d->deadline, today) < 0)
		return err_set(e, ERR_VALIDATION, "deadline", "截止日期不能早于今天",
		               "the deadline is in the past");
	return 0;
}

int jobs_check_hire(const struct jobs_hire *h, int64_t headcount, int64_t hired,
                    enum jobs_status state, struct yq_err *e)
{
	enum jobs_status to;
	if (h->headcount < 1)
		return err_set(e, ERR_VALIDATION, "headcount", "招用人数至少1人",
		               "at least one person");
	enum jobs_channel ch = jobs_channel_from_name(h->channel);
	if (ch == JOBS__CHANNEL_COUNT)
		return err_set(e, ERR_VALIDATION, "channel", "招用渠道无效", "invalid channel");
	if (ch == JOBS_CH_FAIR && !h->fair_id)
		return err_set(e, ERR_VALIDATION, "fair_id", "招聘会渠道请选择招聘会",
		               "name the job fair");
	if (ch != JOBS_CH_FAIR && h->fair_id)
		return err_set(e, ERR_VALIDATION, "fair_id", "只有招聘会渠道关联招聘会",
		               "only the fair channel names a fair");
	if (ch == JOBS_CH_SCHOOL && !h->partnership_id)
		return err_set(e, ERR_VALIDATION, "partnership_id", "校企合作渠道请选择合作项目",
		               "name the school partnership");
	if (ch != JOBS_CH_SCHOOL && h->partnership_id)
		return err_set(e, ERR_VALIDATION, "partnership_id", "只有校企合作渠道关联合作项目",
		               "only the school channel names a partnership");
	if (jobs_next(state, JOBS_EV_HIRE, &to, e) < 0)
		return -1;
	if (h->headcount > headcount - hired)
		return err_set(e, ERR_CONFLICT, "headcount", "招用人数超过该需求剩余的招聘人数",
		               "more people than the demand has left");
	return 0;
}

int jobs_check_partnership(const struct jobs_partnership *p, struct yq_err *e)
{
	if (p->arrived > p->planned)
		return err_set(e, ERR_VALIDATION, "arrived", "到岗实习生不能多于计划人数",
		               "more interns arrived than planned");
	return 0;
}

int jobs_check_join(int as_enterprise, const char *fair_date, const char *today, struct yq_err *e)
{
	if (as_enterprise && fair_date && today && strcmp(fair_date, today) < 0)
		return err_set(e, ERR_STATE, NULL, "招聘会已举办，不能再报名或退出",
		               "the fair is over");
	return 0;
}

double jobs_fill_rate(int64_t demanded, int64_t filled)
{
	if (demanded <= 0)
		return 0;
	return round((double)filled * 1000.0 / (double)demanded) / 10.0;
}

/* ---- the field tables ---- */

#define RO        F_READONLY
#define AU        F_AUDIT
#define IN        F_INTERNAL
#define EX        F_EXPORT
#define SQL_HIRED "(SELECT COALESCE(SUM(h.headcount), 0) FROM job_hire h WHERE h.demand_id = d.id)"

#define D_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct jobs_demand, m, ft, col, lo, hi, fl, zh, en)
static const struct field DEMAND_FIELDS[] = {
    {D_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {D_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_NOUPDATE | F_FILTER, "企业",
        "Enterprise")},
    {D_(enterprise_name, FT_TEXT, "e.name", 0, 0, RO | EX, "企业名称", "Enterprise's name")},
    {D_(title, FT_TEXT, "title", 1, JOBS_TITLE_MAX, F_REQUIRED | AU | EX, "岗位名称", "Post")},
    {D_(headcount, FT_INT, "headcount", 1, JOBS_COUNT_MAX, F_REQUIRED | AU | EX, "招聘人数",
        "People wanted")},
    {D_(pay_min, FT_INT, "pay_min", 0, JOBS_PAY_MAX, F_REQUIRED | AU | EX, "最低月薪（元）",
        "Monthly pay from (yuan)")},
    {D_(pay_max, FT_INT, "pay_max", 0, JOBS_PAY_MAX, F_REQUIRED | AU | EX, "最高月薪（元）",
        "Monthly pay to (yuan)")},
    {D_(skills, FT_TEXT, "skills", 0, JOBS_TEXT_MAX, AU | EX | F_MULTILINE, "技能与任职要求",
        "Skills and requirements")},
    {D_(education, FT_ENUM, "education", 0, 0, AU | EX, "学历要求", "Education"),
     .values = EDUCATIONS, .labels = EDUCATION_LABELS, .def = "any"},
    {D_(location, FT_TEXT, "location", 0, JOBS_PLACE_MAX, AU | EX, "工作地点", "Place of work")},
    {D_(deadline, FT_DATE, "deadline", 0, 0, F_REQUIRED | AU | EX, "截止日期", "Deadline")},
    {D_(contact, FT_TEXT, "contact", 0, JOBS_NAME_MAX, AU | EX, "联系人及电话", "Contact")},
    {D_(posted_on, FT_DATE, "posted_on", 0, 0, RO | EX, "发布日期", "Posted on")},
    {D_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"), .values = STATUSES,
     .labels = STATUS_LABELS},
    {D_(hired, FT_INT, SQL_HIRED, 0, 0, RO | EX, "已招用人数", "Hired")},
    {D_(remaining, FT_INT, "(d.headcount - " SQL_HIRED ")", 0, 0, RO | EX, "剩余人数",
        "Still wanted")},
    {D_(notes, FT_TEXT, "notes", 0, JOBS_TEXT_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {D_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {D_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef D_
const struct entity ENTITY_JOBS_DEMAND =
    ENTITY("job_demand", "job_demand", "d", DEMAND_FIELDS, "用工需求", "Job demand",
           .joins = " JOIN enterprise e ON e.id = d.enterprise_id", .zone_col = "d.zone_id",
           .scope_enterprise = "d.enterprise_id");

#define H_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct jobs_hire, m, ft, col, lo, hi, fl, zh, en)
static const struct field HIRE_FIELDS[] = {
    {H_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {H_(demand_id, FT_REF, "demand_id", 0, 0, F_REQUIRED | AU | F_FILTER, "用工需求",
        "Job demand")},
    {H_(enterprise_id, FT_REF, "h.enterprise_id", 0, 0, RO | F_FILTER, "企业", "Enterprise")},
    {H_(demand_title, FT_TEXT, "d.title", 0, 0, RO | EX, "岗位名称", "Post")},
    {H_(enterprise_name, FT_TEXT, "e.name", 0, 0, RO | EX, "企业名称", "Enterprise's name")},
    {H_(headcount, FT_INT, "headcount", 1, JOBS_COUNT_MAX, F_REQUIRED | AU | EX, "招用人数",
        "People hired")},
    {H_(hired_on, FT_DATE, "hired_on", 0, 0, F_REQUIRED | AU | EX, "招用日期", "Hired on")},
    {H_(channel, FT_ENUM, "channel", 0, 0, F_REQUIRED | AU | EX | F_FILTER, "招用渠道", "Channel"),
     .values = CHANNELS, .labels = CHANNEL_LABELS},
    {H_(fair_id, FT_REF, "fair_id", 0, 0, AU | F_FILTER, "招聘会", "Job fair")},
    {H_(fair_title, FT_TEXT, "(SELECT f.title FROM job_fair f WHERE f.id = h.fair_id)", 0, 0,
        RO | EX, "招聘会名称", "Job fair's title")},
    {H_(partnership_id, FT_REF, "partnership_id", 0, 0, AU | F_FILTER, "校企合作",
        "School partnership")},
    {H_(school, FT_TEXT,
        "(SELECT ps.school FROM job_partnership ps WHERE ps.id = h.partnership_id)", 0, 0, RO | EX,
        "合作院校", "School")},
    {H_(notes, FT_TEXT, "notes", 0, JOBS_TEXT_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {H_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "登记时间", "Recorded")},
};
#undef H_
const struct entity ENTITY_JOBS_HIRE =
    ENTITY("job_hire", "job_hire", "h", HIRE_FIELDS, "招用记录", "Hire",
           .joins = " JOIN job_demand d ON d.id = h.demand_id JOIN enterprise e ON e.id = "
                    "h.enterprise_id",
           .zone_col = "h.zone_id", .scope_enterprise = "h.enterprise_id");

#define F_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct jobs_fair, m, ft, col, lo, hi, fl, zh, en)
static const struct field FAIR_FIELDS[] = {
    {F_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {F_(title, FT_TEXT, "title", 1, JOBS_TITLE_MAX, F_REQUIRED | AU | EX, "招聘会名称", "Title")},
    {F_(fair_date, FT_DATE, "fair_date", 0, 0, F_REQUIRED | AU | EX, "举办日期", "Date")},
    {F_(venue, FT_TEXT, "venue", 0, JOBS_PLACE_MAX, AU | EX, "地点", "Venue")},
    {F_(mode, FT_ENUM, "mode", 0, 0, AU | EX | F_FILTER, "形式", "Mode"), .values = MODES,
     .labels = MODE_LABELS, .def = "offline"},
    {F_(notes, FT_TEXT, "notes", 0, JOBS_TEXT_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {F_(enterprises, FT_INT,
        "(SELECT COUNT(*) FROM job_fair_enterprise fe WHERE fe.fair_id = f.id)", 0, 0, RO | EX,
        "参会企业数", "Enterprises")},
    {F_(hires, FT_INT,
        "(SELECT COALESCE(SUM(h.headcount), 0) FROM job_hire h WHERE h.fair_id = f.id)", 0, 0,
        RO | IN | EX, "招用人数", "Hires")},
    {F_(joined, FT_INT, "(0)", 0, 0, RO, "本企业已报名", "Joined by the caller's enterprise")},
    {F_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {F_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef F_
/* Fairs are the zone's, offered to every enterprise of it: the zone alone scopes them. */
const struct entity ENTITY_JOBS_FAIR =
    ENTITY("job_fair", "job_fair", "f", FAIR_FIELDS, "招聘会", "Job fair", .zone_col = "f.zone_id");

#define FE_(m, ft, col, lo, hi, fl, zh, en)                                                        \
	FIELD_INIT(struct jobs_fair_ent, m, ft, col, lo, hi, fl, zh, en)
static const struct field FAIR_ENT_FIELDS[] = {
    {FE_(fair_id, FT_REF, "fair_id", 0, 0, RO, "招聘会", "Job fair")},
    {FE_(enterprise_id, FT_REF, "enterprise_id", 0, 0, RO, "企业", "Enterprise")},
    {FE_(enterprise_name, FT_TEXT, "e.name", 0, 0, RO, "企业名称", "Enterprise's name")},
    {FE_(open_demands, FT_INT,
         "(SELECT COUNT(*) FROM job_demand d WHERE d.enterprise_id = fe.enterprise_id AND "
         "d.status = 'open' AND d.deadline >= fa.fair_date)",
         0, 0, RO, "招聘中的需求", "Open demands")},
    {FE_(open_headcount, FT_INT,
         "(SELECT COALESCE(SUM(d.headcount), 0) FROM job_demand d WHERE d.enterprise_id = "
         "fe.enterprise_id AND d.status = 'open' AND d.deadline >= fa.fair_date)",
         0, 0, RO, "招聘人数", "People wanted")},
    {FE_(hires, FT_INT,
         "(SELECT COALESCE(SUM(h.headcount), 0) FROM job_hire h WHERE h.fair_id = fe.fair_id AND "
         "h.enterprise_id = fe.enterprise_id)",
         0, 0, RO, "在会招用人数", "Hired at the fair")},
    {FE_(joined_at, FT_TIME, "joined_at", 0, 0, RO, "报名时间", "Joined")},
};
#undef FE_
const struct entity ENTITY_JOBS_FAIR_ENT =
    ENTITY("job_fair_enterprise", "job_fair_enterprise", "fe", FAIR_ENT_FIELDS, "参会企业",
           "Enterprise at a fair",
           .joins = " JOIN enterprise e ON e.id = fe.enterprise_id JOIN job_fair fa ON fa.id = "
                    "fe.fair_id",
           .zone_col = "fe.zone_id", .scope_enterprise = "fe.enterprise_id");

#define P_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct jobs_partnership, m, ft, col, lo, hi, fl, zh, en)
static const struct field PARTNERSHIP_FIELDS[] = {
    {P_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {P_(enterprise_id, FT_REF, "enterprise_id", 0, 0, F_REQUIRED | AU | F_NOUPDATE | F_FILTER,
        "企业", "Enterprise")},
    {P_(enterprise_name, FT_TEXT, "e.name", 0, 0, RO | EX, "企业名称", "Enterprise's name")},
    {P_(school, FT_TEXT, "school", 1, JOBS_NAME_MAX, F_REQUIRED | AU | EX, "合作院校", "School")},
    {P_(major, FT_TEXT, "major", 1, JOBS_NAME_MAX, F_REQUIRED | AU | EX, "专业", "Major")},
    {P_(year, FT_INT, "year", 2000, 2100, F_REQUIRED | AU | EX | F_FILTER, "年度", "Year")},
    {P_(planned, FT_INT, "planned", 0, JOBS_COUNT_MAX, F_REQUIRED | AU | EX, "计划实习人数",
        "Interns planned")},
    {P_(arrived, FT_INT, "arrived", 0, JOBS_COUNT_MAX, AU | EX, "已到岗人数", "Interns arrived")},
    {P_(signed_on, FT_DATE, "signed_on", 0, 0, AU | EX, "签约日期", "Signed on")},
    {P_(notes, FT_TEXT, "notes", 0, JOBS_TEXT_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {P_(hires, FT_INT,
        "(SELECT COALESCE(SUM(h.headcount), 0) FROM job_hire h WHERE h.partnership_id = ps.id)", 0,
        0, RO | EX, "招用人数", "Hires")},
    {P_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {P_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef P_
const struct entity ENTITY_JOBS_PARTNERSHIP =
    ENTITY("job_partnership", "job_partnership", "ps", PARTNERSHIP_FIELDS, "校企合作",
           "School partnership", .joins = " JOIN enterprise e ON e.id = ps.enterprise_id",
           .zone_col = "ps.zone_id", .scope_enterprise = "ps.enterprise_id");

/* The lists' query parameters. */
#define QD_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct jobs_demand_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field DEMAND_QUERY_FIELDS[] = {
    {QD_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = STATUSES, .labels = STATUS_LABELS},
    {QD_(enterprise_id, FT_REF, 0, 0, "企业", "Enterprise")},
    {QD_(fair_id, FT_REF, 0, 0, "招聘会（参会企业的招聘中需求）",
         "Job fair: the open demands of the enterprises taking part")},
    {QD_(year, FT_INT, 2000, 2100, "发布年度", "Year posted")},
    {QD_(q, FT_TEXT, 1, JOBS_TITLE_MAX, "岗位或企业名称", "Post or enterprise name contains")},
};
#undef QD_
const struct entity ENTITY_JOBS_DEMAND_QUERY =
    ENTITY("job_demand_query", "job_demand", "d", DEMAND_QUERY_FIELDS, "用工需求查询", "Query");

#define QH_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct jobs_hire_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field HIRE_QUERY_FIELDS[] = {
    {QH_(demand_id, FT_REF, 0, 0, "用工需求", "Job demand")},
    {QH_(enterprise_id, FT_REF, 0, 0, "企业", "Enterprise")},
    {QH_(fair_id, FT_REF, 0, 0, "招聘会", "Job fair")},
    {QH_(partnership_id, FT_REF, 0, 0, "校企合作", "School partnership")},
    {QH_(year, FT_INT, 2000, 2100, "招用年度", "Year hired")},
    {QH_(channel, FT_ENUM, 0, 0, "招用渠道", "Channel"), .values = CHANNELS,
     .labels = CHANNEL_LABELS},
};
#undef QH_
const struct entity ENTITY_JOBS_HIRE_QUERY =
    ENTITY("job_hire_query", "job_hire", "h", HIRE_QUERY_FIELDS, "招用记录查询", "Query");

#define QF_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct jobs_fair_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field FAIR_QUERY_FIELDS[] = {
    {QF_(year, FT_INT, 2000, 2100, "举办年度", "Year held")},
    {QF_(joined, FT_INT, 0, 1, "本企业已报名（企业用户）",
         "1: the fairs the caller's enterprise joined (enterprise users)")},
    {QF_(mode, FT_ENUM, 0, 0, "形式", "Mode"), .values = MODES, .labels = MODE_LABELS},
};
#undef QF_
const struct entity ENTITY_JOBS_FAIR_QUERY =
    ENTITY("job_fair_query", "job_fair", "f", FAIR_QUERY_FIELDS, "招聘会查询", "Query");

#define QP_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct jobs_partnership_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field PARTNERSHIP_QUERY_FIELDS[] = {
    {QP_(enterprise_id, FT_REF, 0, 0, "企业", "Enterprise")},
    {QP_(year, FT_INT, 2000, 2100, "年度", "Year")},
};
#undef QP_
const struct entity ENTITY_JOBS_PARTNERSHIP_QUERY =
    ENTITY("job_partnership_query", "job_partnership", "ps", PARTNERSHIP_QUERY_FIELDS,
           "校企合作查询", "Query");
#undef RO
#undef AU
#undef IN
#undef EX
