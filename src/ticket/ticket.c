/* The request state machine and vocabularies (see ticket.h). Pure functions. */
#include "ticket/ticket.h"
#include "db/codes.h"
#include "access/disclose.h"
#include "org/org.h"
#include "work/work.h"
#include "lib/util.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *const STATUS_NAMES[TS__COUNT + 1] = {
    [TS_RECEIVED] = "received", [TS_ASSIGNED] = "assigned", [TS_IN_PROGRESS] = "in_progress",
    [TS_WAITING] = "waiting",   [TS_RESOLVED] = "resolved", [TS_CLOSED] = "closed",
    [TS_REJECTED] = "rejected", [TS_MERGED] = "merged",
};
static const char *const STATUS_LABELS[TS__COUNT + 1] = {
    [TS_RECEIVED] = "待受理",   [TS_ASSIGNED] = "已分派", [TS_IN_PROGRESS] = "办理中",
    [TS_WAITING] = "待补充",    [TS_RESOLVED] = "已办结", [TS_CLOSED] = "已销号",
    [TS_REJECTED] = "不予受理", [TS_MERGED] = "已合并",
};

/* Each event's name, and its Chinese verb for the refusal message. */
static const struct {
	const char *name, *verb_zh;
} events[TE__COUNT] = {
    [TE_SUBMIT] = {"submit", "提交"},         [TE_ACCEPT] = {"accept", "受理"},
    [TE_REJECT] = {"reject", "不予受理"},     [TE_MERGE] = {"merge", "合并"},
    [TE_START] = {"start", "开始办理"},       [TE_WAIT] = {"wait", "要求补充材料"},
    [TE_SUPPLY] = {"supply", "补充材料"},     [TE_RETURN] = {"return", "退回"},
    [TE_RESOLVE] = {"resolve", "办结"},       [TE_RATE_GOOD] = {"rate", "评价"},
    [TE_RATE_BAD] = {"rate", "评价"},         [TE_AUTOCLOSE] = {"autoclose", "自动销号"},
    [TE_COMMENT] = {"comment", "回复"},       [TE_EXTEND] = {"extend", "申请延期"},
    [TE_ESCALATE] = {"escalate", "挂牌督办"},
};

/* What each event does in each state: the new state, or -1 when refused. */
#define X (-1)
static const signed char next[TE__COUNT][TS__COUNT] = {
    /*                received     assigned     in_progress  waiting      resolved     closed
       rejected merged */
    [TE_SUBMIT] = {X, X, X, X, X, X, X, X},
    [TE_ACCEPT] = {TS_ASSIGNED, X, X, X, X, X, X, X},
    [TE_REJECT] = {TS_REJECTED, X, X, X, X, X, X, X},
    [TE_MERGE] = {TS_MERGED, X, X, X, X, X, X, X},
    [TE_START] = {X, TS_IN_PROGRESS, X, X, X, X, X, X},
    [TE_WAIT] = {X, TS_WAITING, TS_WAITING, X, X, X, X, X},
    [TE_SUPPLY] = {X, X, X, TS_IN_PROGRESS, X, X, X, X},
    [TE_RETURN] = {X, TS_RECEIVED, TS_RECEIVED, X, X, X, X, X},
    [TE_RESOLVE] = {X, TS_RESOLVED, TS_RESOLVED, X, X, X, X, X},
    [TE_RATE_GOOD] = {X, X, X, X, TS_CLOSED, X, X, X},
    [TE_RATE_BAD] = {X, X, X, X, TS_IN_PROGRESS, X, X, X},
    [TE_AUTOCLOSE] = {X, X, X, X, TS_CLOSED, X, X, X},
    [TE_COMMENT] = {TS_RECEIVED, TS_ASSIGNED, TS_IN_PROGRESS, TS_WAITING, TS_RESOLVED, X, X, X},
    [TE_EXTEND] = {X, TS_ASSIGNED, TS_IN_PROGRESS, TS_WAITING, X, X, X, X},
    [TE_ESCALATE] = {TS_RECEIVED, TS_ASSIGNED, TS_IN_PROGRESS, TS_WAITING, TS_RESOLVED, X, X, X},
};
#undef X

static char refusal[TS__COUNT][TE__COUNT][96];
static char refusal_en[TS__COUNT][TE__COUNT][96];
static pthread_once_t refusal_once = PTHREAD_ONCE_INIT;

static void build_refusals(void)
{
	for (int s = 0; s < TS__COUNT; s++)
		for (int ev = 0; ev < TE__COUNT; ev++) {
			snprintf(refusal[s][ev], sizeof refusal[s][ev], "%s的诉求不能%s",
			         STATUS_LABELS[s], events[ev].verb_zh);
			snprintf(refusal_en[s][ev], sizeof refusal_en[s][ev],
			         "a request that is %s cannot %s", STATUS_NAMES[s],
			         events[ev].name);
		}
}

int ticket_next(enum ticket_status s, enum ticket_event ev, enum ticket_status *out,
                struct yq_err *e)
{
	if ((unsigned)s >= TS__COUNT || (unsigned)ev >= TE__COUNT)
		return err_set(e, ERR_STATE, NULL, "诉求状态无效", "invalid state");
	int n = next[ev][s];
	if (n < 0) {
		pthread_once(&refusal_once, build_refusals);
		return err_set(e, ERR_STATE, NULL, refusal[s][ev], refusal_en[s][ev]);
	}
	*out = (enum ticket_status)n;
	return 0;
}

int ticket_is_open(enum ticket_status s)
{
	return s == TS_RECEIVED || s == TS_ASSIGNED || s == TS_IN_PROGRESS || s == TS_WAITING ||
	       s == TS_RESOLVED;
}

CODE_NAME(enum ticket_status, ticket_status_name, STATUS_NAMES, TS__COUNT)
CODE_NAME(enum ticket_status, ticket_status_label, STATUS_LABELS, TS__COUNT)
CODE_FROM(enum ticket_status, ticket_status_from_name, STATUS_NAMES, TS__COUNT)

const char *ticket_event_name(enum ticket_event ev)
{
	return (unsigned)ev < TE__COUNT ? events[ev].name : "";
}

static const char *const ratings[] = {"", "satisfied", "basic", "unsatisfied"};

const char *ticket_rating_name(enum ticket_rating r)
{
	return (unsigned)r <= TR_UNSATISFIED ? ratings[r] : "";
}

enum ticket_rating ticket_rating_from_name(const char *s)
{
	for (int i = 1; s && i <= TR_UNSATISFIED; i++)
		if (strcmp(s, ratings[i]) == 0)
			return (enum ticket_rating)i;
	if (s && strcmp(s, "满意") == 0)
		return TR_SATISFIED;
	if (s && strcmp(s, "基本满意") == 0)
		return TR_BASIC;
	if (s && strcmp(s, "不满意") == 0)
		return TR_UNSATISFIED;
	return TR_NONE;
}

const char *const ticket_categories[] = {"融资",   "用地", "用工",     "物流", "审批",
                                         "水电气", "政策", "基础设施", "其他", NULL};
const char *const ticket_channels[] = {"online", "phone", "visit", "hotline", "wechat", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int ticket_category_valid(const char *s)
{
	return in_list(ticket_categories, s);
}

int ticket_channel_valid(const char *s)
{
	return in_list(ticket_channels, s);
}

int ticket_priority_valid(const char *s)
{
	return s && (strcmp(s, "normal") == 0 || strcmp(s, "urgent") == 0);
}

void ticket_rule_default(const char *category, const char *priority, struct ticket_rule *r)
{
	int urgent = priority && strcmp(priority, "urgent") == 0;
	r->category = category;
	r->priority = priority ? priority : "normal";
	r->first_contact_hours = 1;
	r->interim_days = urgent ? 1 : 3;
	r->resolve_days = urgent ? 3 : 5;
}

const char *ticket_notify_event(enum ticket_event ev, int ext_decision)
{
	switch (ev) {
	case TE_SUBMIT:
		return "submitted";
	case TE_ACCEPT:
		return "assigned";
	case TE_ESCALATE:
		return "escalated";
	case TE_RETURN:
		return "returned";
	case TE_EXTEND:
		return ext_decision ? NULL : "extension_request";
	case TE_RESOLVE:
		return "resolved";
	case TE_RATE_BAD:
		return "rated_unsatisfied";
	default:
		return NULL;
	}
}

const char *ticket_notify_enterprise_event(enum ticket_event ev)
{
	switch (ev) {
	case TE_ACCEPT:
		return "accepted";
	case TE_WAIT:
		return "supply_requested";
	case TE_RESOLVE:
		return "answered";
	case TE_RATE_GOOD:
	case TE_AUTOCLOSE:
		return "closed";
	case TE_REJECT:
		return "rejected";
	case TE_MERGE:
		return "merged";
	default:
		return NULL;
	}
}

const char *ticket_event_label(const char *event)
{
	/* event → label */
	static const struct str_map labels[] = {
	    {"submitted", "新诉求待受理"},
	    {"assigned", "新分派诉求"},
	    {"escalated", "诉求被挂牌督办"},
	    {"returned", "诉求被退回"},
	    {"extension_request", "诉求申请延期"},
	    {"resolved", "诉求已办结"},
	    {"rated_unsatisfied", "企业不满意，诉求重办"},
	    {"overdue", "诉求已超期"},
	    /* to the enterprise */
	    {"accepted", "您的诉求已受理"},
	    {"supply_requested", "您的诉求需补充材料"},
	    {"answered", "您的诉求已办结答复，请评价"},
	    {"closed", "您的诉求已销号"},
	    {"rejected", "您的诉求不予受理"},
	    {"merged", "您的诉求已合并办理"},
	};
	return str_map_get(labels, ARRAY_LEN(labels), event);
}

int ticket_event_to_lead(const char *event)
{
	return strcmp(event, "assigned") == 0 || strcmp(event, "escalated") == 0 ||
	       strcmp(event, "rated_unsatisfied") == 0 || strcmp(event, "overdue") == 0;
}

/* ---- the field table ---- */

static const char *const CHANNEL_LABELS[] = {"网上", "电话", "走访", "热线", "微信", NULL};
static const char *const PRIORITIES[] = {"normal", "urgent", NULL};
static const char *const PRIORITY_LABELS[] = {"一般", "紧急", NULL};
static const char *const RATINGS[] = {"satisfied", "basic", "unsatisfied", NULL};
static const char *const RATING_LABELS[] = {"满意", "基本满意", "不满意", NULL};

/* contact_phone: a phone number as an account's (org_check_phone) */
static int check_phone(const char *v, struct yq_err *e)
{
	return org_check_phone(v, e);
}

static int check_email(const char *v, struct yq_err *e)
{
	return !*v || email_ok(v)
	           ? 0
	           : err_set(e, ERR_VALIDATION, NULL, "邮箱格式错误", "invalid email address");
}

static int check_media_url(const char *v, struct yq_err *e)
{
	return !*v || work_link_ok(v)
	           ? 0
	           : err_set(e, ERR_VALIDATION, NULL, "media_url 须为 http(s) 网址",
	                     "media_url must be an http(s) URL");
}

#define T_(m, ft, col, lo, hi, fl, zh, en) FIELD_INIT(struct ticket, m, ft, col, lo, hi, fl, zh, en)
#define TK_(m, k, ft, col, lo, hi, fl, zh, en)                                                     \
	FIELDK_INIT(struct ticket, m, k, ft, col, lo, hi, fl, zh, en)
#define RO F_READONLY
/* In the order of the export's columns (F_EXPORT), then the rest. A creation gives the members
 * that are not F_READONLY; the state machine (ticket_store.c) writes the others. */
static const struct field TICKET_FIELDS[] = {
    {T_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {T_(no, FT_TEXT, "no", 0, 0, RO | F_AUDIT | F_EXPORT, "编号", "Number")},
    {T_(title, FT_TEXT, "title", 1, 100, F_REQUIRED | F_NOUPDATE | F_AUDIT | F_EXPORT, "标题",
        "Title")},
    {T_(enterprise_id, FT_REF, "enterprise_id", 0, 0, F_NOUPDATE | F_FILTER, "企业", "Enterprise")},
    {T_(enterprise_name, FT_TEXT, "en.name", 0, 0, RO | F_EXPORT, "企业", "Enterprise name")},
    {T_(category, FT_ENUM, "category", 0, 0, F_REQUIRED | F_AUDIT | F_EXPORT | F_FILTER, "类别",
        "Category"),
     .values = ticket_categories},
    {T_(channel, FT_ENUM, "channel", 0, 0, F_NOUPDATE | F_EXPORT | F_FILTER, "渠道", "Channel"),
     .values = ticket_channels, .labels = CHANNEL_LABELS},
    {T_(priority, FT_ENUM, "priority", 0, 0, F_AUDIT | F_EXPORT, "优先级", "Priority"),
     .values = PRIORITIES, .labels = PRIORITY_LABELS, .def = "normal"},
    {TK_(state, "status", FT_ENUM, "status", 0, 0, RO | F_AUDIT | F_EXPORT | F_FILTER, "状态",
         "Status"),
     .values = STATUS_NAMES, .labels = STATUS_LABELS},
    {T_(dept_id, FT_REF, "dept_id", 0, 0, RO | F_AUDIT | F_FILTER, "主办部门", "Lead department")},
    {T_(dept_name, FT_TEXT, "d.name", 0, 0, RO | F_EXPORT, "主办部门", "Lead department name")},
    {T_(created_at, FT_TIME, "created_at", 0, 0, RO | F_EXPORT, "提交时间", "Submitted")},
    {T_(accepted_at, FT_TIME, "accepted_at", 0, 0, RO | F_EXPORT, "受理时间", "Accepted")},
    {T_(due_resolve, FT_TIME, "due_resolve", 0, 0, RO | F_AUDIT | F_EXPORT, "期限",
        "Resolution deadline")},
    {T_(resolved_at, FT_TIME, "resolved_at", 0, 0, RO | F_EXPORT, "办结时间", "Resolved")},
    {T_(closed_at, FT_TIME, "closed_at", 0, 0, RO | F_EXPORT, "销号时间", "Closed")},
    {T_(rating, FT_ENUM, "rating", 0, 0, RO | F_AUDIT | F_EXPORT, "满意度", "Rating"),
     .values = RATINGS, .labels = RATING_LABELS},
    {T_(escalated, FT_BOOL, "CASE WHEN x.state = 1 THEN 1 ELSE 0 END", 0, 0, RO | F_EXPORT, "督办",
        "Escalated")},
    {T_(overdue, FT_BOOL, NULL, 0, 0, RO | F_EXPORT, "超期", "Overdue")},
    {T_(contact_name, FT_TEXT, "contact_name", 0, 32, F_NOUPDATE | F_EXPORT, "联系人", "Contact")},
    {T_(contact_phone, FT_TEXT, "contact_phone", 0, 20, F_NOUPDATE | F_SEALED | F_EXPORT,
        "联系电话", "Contact phone"),
     .check = check_phone},
    {T_(description, FT_TEXT, "description", 1, 5000, F_REQUIRED | F_NOUPDATE | F_MULTILINE,
        "诉求内容", "Description")},
    {T_(address, FT_TEXT, "address", 0, TICKET_ADDRESS_MAX, F_NOUPDATE, "地址", "Address")},
    {T_(lat, FT_NUM, "lat", -90, 90, F_NOUPDATE, "纬度", "Latitude (WGS84)")},
    {TK_(lon, "long", FT_NUM, "lon", -180, 180, F_NOUPDATE, "经度", "Longitude (WGS84)")},
    {T_(email, FT_TEXT, "email", 0, TICKET_EMAIL_MAX, F_NOUPDATE, "邮箱", "E-mail"),
     .check = check_email},
    {T_(media_url, FT_TEXT, "media_url", 0, TICKET_MEDIA_URL_MAX, F_NOUPDATE, "图片链接",
        "Media URL"),
     .check = check_media_url},
    {T_(answer, FT_TEXT, "answer", 0, 0, RO | F_AUDIT, "办理答复", "Answer")},
    {T_(rating_comment, FT_TEXT, "rating_comment", 0, 0, RO, "评价意见", "Rating comment")},
    {T_(unrated, FT_BOOL, "unrated", 0, 0, RO, "未评价销号", "Closed unrated")},
    {T_(reject_reason, FT_TEXT, "reject_reason", 0, 0, RO | F_AUDIT, "不予受理理由",
        "Reason for rejection")},
    {T_(merged_into, FT_REF, "merged_into", 0, 0, RO | F_AUDIT, "合并到", "Merged into")},
    {T_(first_contact_at, FT_TIME, "first_contact_at", 0, 0, RO, "首次联系时间", "First contact")},
    {T_(due_first_contact, FT_TIME, "due_first_contact", 0, 0, RO, "首次联系期限",
        "First contact deadline")},
    {TK_(ext_days, "extension_days_pending", FT_INT, "ext_days", 0, 0, RO | F_INTERNAL,
         "待审批延期天数", "Extension days pending")},
    {TK_(ext_reason, "extension_reason", FT_TEXT, "ext_reason", 0, 0, RO | F_INTERNAL, "延期理由",
         "Extension reason"),
     .def = ""},
    {TK_(esc_level, "escalation_level", FT_TEXT, "CASE WHEN x.state = 1 THEN x.level END", 0, 0, RO,
         "督办级别", "Escalation level")},
    {TK_(esc_note, "escalation_note", FT_TEXT,
         "CASE WHEN x.state = 1 AND x.note <> '' THEN x.note END", 0, 0, RO | F_INTERNAL,
         "督办意见", "Escalation note")},
    {TK_(esc_deadline, "escalation_deadline", FT_TEXT, "CASE WHEN x.state = 1 THEN x.deadline END",
         0, 0, RO, "督办期限", "Escalation deadline")},
    {T_(updated_at, FT_TIME, "updated_at", 0, 0, RO, "更新时间", "Updated")},
};
#undef T_
#undef TK_
#undef RO

/* Read with its enterprise, lead department and 督办; a request is in a caller's scope through
 * its lead or co-handling departments (ticket_dept), its registrant and its enterprise. */
const struct entity ENTITY_TICKET = ENTITY(
    "ticket", "ticket", "t", TICKET_FIELDS, "诉求", "Request",
    .joins = " JOIN enterprise en ON en.id = t.enterprise_id LEFT JOIN dept d ON d.id = t.dept_id"
             " LEFT JOIN work_escalation x ON x.kind = 'ticket' AND x.ref_id = t.id",
    .zone_col = "t.zone_id",
    .scope_dept = "t.id IN (SELECT td.ticket_id FROM ticket_dept td WHERE td.dept_id",
    .scope_dept_post = ")", .scope_owner = "t.created_by", .scope_enterprise = "t.enterprise_id");

int ticket_has_coords(const struct ticket *t)
{
	return isfinite(t->lat) && isfinite(t->lon);
}

int ticket_validate(const struct ticket *t, struct yq_err *e)
{
	if (isfinite(t->lat) != isfinite(t->lon))
		return err_set(e, ERR_VALIDATION, isfinite(t->lat) ? "long" : "lat",
		               "lat 和 long 须同时提供", "lat and long must both be sent");
	return 0;
}

void ticket_disclose(const struct principal *p, struct ticket *t)
{
	for (int i = 0; i < ENTITY_TICKET.n_fields; i++) {
		const struct field *f = &ENTITY_TICKET.fields[i];
		char kind[64];
		if (!(f->flags & F_INTERNAL))
			continue;
		snprintf(kind, sizeof kind, "ticket.field.%s", f->key);
		if (disclose_to(p, kind) != DISCLOSE_NONE)
			continue;
		if (f->type == FT_INT)
			*FIELD_PTR(t, f, int64_t) = 0;
		else
			*FIELD_PTR(t, f, const char *) = f->def;
	}
}
