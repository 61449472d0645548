/* The request state machine and vocabularies (see ticket.h). Pure functions. */
#include "ticket/ticket.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *label;
} statuses[TS__COUNT] = {
    [TS_RECEIVED] = {"received", "待受理"},       [TS_ASSIGNED] = {"assigned", "已分派"},
    [TS_IN_PROGRESS] = {"in_progress", "办理中"}, [TS_WAITING] = {"waiting", "待补充"},
    [TS_RESOLVED] = {"resolved", "已办结"},       [TS_CLOSED] = {"closed", "已销号"},
    [TS_REJECTED] = {"rejected", "不予受理"},     [TS_MERGED] = {"merged", "已合并"},
};

static const char *const events[TE__COUNT] = {
    [TE_SUBMIT] = "submit",   [TE_ACCEPT] = "accept", [TE_REJECT] = "reject",
    [TE_MERGE] = "merge",     [TE_START] = "start",   [TE_WAIT] = "wait",
    [TE_SUPPLY] = "supply",   [TE_RETURN] = "return", [TE_RESOLVE] = "resolve",
    [TE_RATE_GOOD] = "rate",  [TE_RATE_BAD] = "rate", [TE_AUTOCLOSE] = "autoclose",
    [TE_COMMENT] = "comment", [TE_EXTEND] = "extend", [TE_ESCALATE] = "escalate",
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

/* Chinese verbs for the refusal message. */
static const char *const verbs[TE__COUNT] = {
    [TE_SUBMIT] = "提交",     [TE_ACCEPT] = "受理",     [TE_REJECT] = "不予受理",
    [TE_MERGE] = "合并",      [TE_START] = "开始办理",  [TE_WAIT] = "要求补充材料",
    [TE_SUPPLY] = "补充材料", [TE_RETURN] = "退回",     [TE_RESOLVE] = "办结",
    [TE_RATE_GOOD] = "评价",  [TE_RATE_BAD] = "评价",   [TE_AUTOCLOSE] = "自动销号",
    [TE_COMMENT] = "回复",    [TE_EXTEND] = "申请延期", [TE_ESCALATE] = "挂牌督办",
};

static char refusal[TS__COUNT][TE__COUNT][96];
static char refusal_en[TS__COUNT][TE__COUNT][96];
static pthread_once_t refusal_once = PTHREAD_ONCE_INIT;

static void build_refusals(void)
{
	for (int s = 0; s < TS__COUNT; s++)
		for (int ev = 0; ev < TE__COUNT; ev++) {
			snprintf(refusal[s][ev], sizeof refusal[s][ev], "%s的诉求不能%s",
			         statuses[s].label, verbs[ev]);
			snprintf(refusal_en[s][ev], sizeof refusal_en[s][ev],
			         "a request that is %s cannot %s", statuses[s].name, events[ev]);
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

const char *ticket_status_name(enum ticket_status s)
{
	return (unsigned)s < TS__COUNT ? statuses[s].name : "";
}

const char *ticket_status_label(enum ticket_status s)
{
	return (unsigned)s < TS__COUNT ? statuses[s].label : "";
}

enum ticket_status ticket_status_from_name(const char *s)
{
	for (int i = 0; s && i < TS__COUNT; i++)
		if (strcmp(s, statuses[i].name) == 0)
			return (enum ticket_status)i;
	return TS__COUNT;
}

const char *ticket_event_name(enum ticket_event ev)
{
	return (unsigned)ev < TE__COUNT ? events[ev] : "";
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
	static const struct {
		const char *event, *label;
	} labels[] = {
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
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].event, event) == 0)
			return labels[i].label;
	return NULL;
}

int ticket_event_to_lead(const char *event)
{
	return strcmp(event, "assigned") == 0 || strcmp(event, "escalated") == 0 ||
	       strcmp(event, "rated_unsatisfied") == 0 || strcmp(event, "overdue") == 0;
}
