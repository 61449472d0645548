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
#include "auth/auth.h"
#include "lib/field.h"

/* Characters of a request's address, e-mail and picture link (Open311's limits too). */
#define TICKET_ADDRESS_MAX   200
#define TICKET_EMAIL_MAX     100
#define TICKET_MEDIA_URL_MAX 500

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

/* A request: what a creation says of it and what a read gives. The members of the field table
 * (ENTITY_TICKET, ticket.c) come first: they drive the decoding of a body, the rows written and
 * read, the JSON, the audit diff and the export columns. Strings live in an arena (or are
 * borrowed from the caller). */
struct ticket {
	int64_t id;
	const char *no;        /* SQ20261123-0001 */
	int64_t enterprise_id; /* a creation by an enterprise user: its own, whatever is given */
	const char *enterprise_name;
	const char *channel, *category, *priority, *title, *description, *contact_name,
	    *contact_phone; /* the phone is sealed in the 国密 mode */
	/* where and how to reach: what Open311 sends besides the description (NULL or "" when
	 * absent); lat and lon WGS84 degrees, NAN when absent (both given or neither) */
	const char *address;
	double lat, lon;
	const char *email, *media_url;
	const char *state; /* the status's name (JSON "status"); see status below */
	int64_t dept_id;   /* the lead department; 0 while at the service center */
	const char *dept_name;
	const char *answer, *rating, *rating_comment;
	int unrated;
	const char *reject_reason;
	int64_t merged_into;
	int64_t created_at, accepted_at, first_contact_at, resolved_at, closed_at,
	    due_first_contact, due_resolve;
	int overdue;      /* computed: its clock runs and the deadline is past */
	int64_t ext_days; /* a pending extension request: working days, and why */
	const char *ext_reason;
	int escalated; /* 挂牌督办 in force, with its level, note and deadline */
	const char *esc_level, *esc_note, *esc_deadline;
	int64_t updated_at;
	/* beside the table */
	enum ticket_status status;
	int64_t zone_id, created_by, paused_at, rated_at;
	int64_t co_depts[8]; /* co-handling departments (协办) */
	int n_co;
};

/* The field table of a request (ticket.c). */
extern const struct entity ENTITY_TICKET;

/* The rules beyond the table, after a creation's members are decoded or checked: coordinates
 * given both or neither. Pure. */
int ticket_validate(const struct ticket *t, struct yq_err *e);
/* 1 if the request carries coordinates. */
int ticket_has_coords(const struct ticket *t);
/* Clears what the caller is not shown of t (access/disclose.h): every F_INTERNAL field that the
 * disclosure table keeps from it ("ticket.field.<key>") is set to none. Pure. */
void ticket_disclose(const struct principal *p, struct ticket *t);

/* Deadline rule of a category and priority: working hours to first contact, working days to an
 * interim reply and to resolution. */
struct ticket_rule {
	const char *category, *priority;
	int first_contact_hours, interim_days, resolve_days;
};
/* The built-in rule (1 hour / 3 working days / 5 working days; urgent: 1 / 1 / 3). */
void ticket_rule_default(const char *category, const char *priority, struct ticket_rule *r);

#endif
