/* Enterprise requests (企业诉求, 万人助万企): one desk takes every request in (扎口受理), routes it
 * to a department, chases it, and reports 解决率 and 满意率. Called "ticket" in code because
 * "request" is taken by HTTP.
 *
 * Lifecycle (ticket_next is the whole state machine, pure and unit-tested):
 *
 *   received ──accept──▶ assigned ──start──▶ in_progress ──resolve──▶ resolved ──rate
 * 满意/基本满意──▶ closed │  ▲                 │  ▲                 │    ▲  │                 │
 * └─rate 不满意──▶ in_progress │  └──return─────────┴──┼─────────────────┘    │  └─wait─▶ waiting
 * ─supply─┘         └─7 days──▶ closed (unrated) ├─reject──▶ rejected    └──(assigned also resolves
 * directly) └─merge───▶ merged
 *
 * 挂牌督办 (escalation), replies, internal notes and extension requests do not change the state;
 * every event lands in the timeline with who, when, from and to. */
#ifndef YQ_TICKET_TICKET_H
#define YQ_TICKET_TICKET_H
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"

enum ticket_status {
	TS_RECEIVED,    /* 待受理: waiting for the service center */
	TS_ASSIGNED,    /* 已分派: accepted and routed to a lead department */
	TS_IN_PROGRESS, /* 办理中: the department has made first contact */
	TS_WAITING,     /* 待补充: waiting for the enterprise; the clock pauses */
	TS_RESOLVED,    /* 已办结: answered, waiting for the enterprise's rating */
	TS_CLOSED,      /* 已销号 */
	TS_REJECTED,    /* 不予受理 */
	TS_MERGED,      /* 已合并 into an earlier request */
	TS__COUNT
};

enum ticket_event {
	TE_SUBMIT,
	TE_ACCEPT, /* service center: accept and assign a lead department */
	TE_REJECT,
	TE_MERGE,
	TE_START,     /* department: first contact */
	TE_WAIT,      /* department: ask the enterprise for more */
	TE_SUPPLY,    /* enterprise: answers the department */
	TE_RETURN,    /* department: not ours, back to the service center (退回) */
	TE_RESOLVE,   /* department: answer (办结) */
	TE_RATE_GOOD, /* enterprise: 满意 or 基本满意 → closed */
	TE_RATE_BAD,  /* enterprise: 不满意 → reopened to the same department */
	TE_AUTOCLOSE, /* 7 days without a rating → closed, unrated */
	TE_COMMENT,   /* reply or internal note: no change */
	TE_EXTEND,    /* extension requested / decided: no change */
	TE_ESCALATE,  /* 挂牌督办: no change */
	TE__COUNT
};

enum ticket_rating { TR_NONE = 0, TR_SATISFIED, TR_BASIC, TR_UNSATISFIED };

const char *ticket_status_name(enum ticket_status s);
const char *ticket_status_label(enum ticket_status s);     /* Chinese */
enum ticket_status ticket_status_from_name(const char *s); /* TS__COUNT when unknown */
const char *ticket_event_name(enum ticket_event e);
const char *ticket_rating_name(enum ticket_rating r);
enum ticket_rating ticket_rating_from_name(const char *s); /* TR_NONE when unknown */

/* The state machine: the state after `ev` in state `s`, or -1 with e set to ERR_STATE and a
 * message naming the state ("已办结的诉求不能退回"). Pure. */
int ticket_next(enum ticket_status s, enum ticket_event ev, enum ticket_status *out,
                struct yq_err *e);
/* 1 when a ticket in this state is still open (counts for overdue and escalation). */
int ticket_is_open(enum ticket_status s);

/* Categories and channels. */
extern const char
    *const ticket_categories[]; /* 融资, 用地, 用工, 物流, 审批, 水电气, 政策, 基础设施, 其他 */
extern const char *const ticket_channels[]; /* online, phone, visit, hotline, wechat */
int ticket_category_valid(const char *s);
int ticket_channel_valid(const char *s);
int ticket_priority_valid(const char *s); /* normal, urgent */

/* The notification event of action `ev` for the department that must act (ext_decision: 0 for
 * an extension request), or NULL when the action notifies nobody: submit → "submitted", accept
 * → "assigned", escalate → "escalated", return → "returned", extension request →
 * "extension_request", resolve → "resolved", rated unsatisfied → "rated_unsatisfied". Pure. */
const char *ticket_notify_event(enum ticket_event ev, int ext_decision);
/* What action `ev` tells the requesting enterprise, or NULL: accept → "accepted", wait →
 * "supply_requested" (asked for material), resolve → "answered", 满意/基本满意 (a phone 回访) or
 * the 7-day close → "closed", reject → "rejected", merge → "merged". The caller leaves out the
 * enterprise's own actions. Pure. */
const char *ticket_notify_enterprise_event(enum ticket_event ev);
/* The Chinese title of a notification event ("新分派诉求"); NULL for an unknown one. Pure. */
const char *ticket_event_label(const char *event);
/* 1 when a notification event goes to the lead department (assigned, escalated,
 * rated_unsatisfied, overdue), 0 when to the service center. Pure. */
int ticket_event_to_lead(const char *event);

/* Deadline rule of a category and priority: working hours to first contact, working days to an
 * interim reply and to resolution. */
struct ticket_rule {
	const char *category, *priority;
	int first_contact_hours, interim_days, resolve_days;
};
/* The built-in rule (1 hour / 3 working days / 5 working days; urgent: 1 / 1 / 3). */
void ticket_rule_default(const char *category, const char *priority, struct ticket_rule *r);

#endif
