/* 惠企政策: the zone's policy library and the enterprises' applications.
 *
 * A policy (专精特新奖励, 稳岗补贴, 技改补助 …) names its issuer and document number (文号), what
 *it gives (a text and a maximum amount in 万元), when it may be applied for (apply_from, deadline),
 * the materials an application carries, and who is eligible: conditions on the enterprise's
 * record in the enterprise module —
 *
 *	industries   GB/T 4754 codes (a section letter, a division, group or class): the
 *	             enterprise's industry_code lies under one of them;
 *	flags        the enterprise flags (above_size 规上, high_tech 高新, specialized 专精特新,
 *	             little_giant 小巨人): it holds at least one of them on the day of the match;
 *	ent_types    the enterprise type (domestic 内资, foreign 外资, hk_mo_tw 港澳台): one of
 *them; min_capital  registered capital at least this many 万元 (the record has no revenue or head
 *count: size is the 规上 flag and the capital); min_age,     whole years from established_on to the
 *day of the match (an enterprise with no max_age      founding date fails an age condition);
 *	buildings    the enterprise's building (所在楼宇) is one of them.
 *
 * An empty condition holds for every enterprise. The policy moves draft → published → closed;
 * publishing it matches it against every enterprise of the zone (policy_match, pure) and stores
 * one policy_match row per eligible enterprise, each notified in the same transaction.
 *
 * An application (policy_application) is an eligible enterprise's: draft (files are added) →
 * submitted → reviewing → approved (an amount ≤ the policy's maximum) or rejected (a reason);
 * an approved one is paid (兑现) in one or more payments whose total never passes the approved
 * amount, and is paid when they reach it. The moves are one transition table (policy_app_next);
 * a refused move is ERR_STATE (409) naming the state. The service center is notified of a
 * submission, the enterprise of every review step.
 *
 * Staff with policy.read read every policy and application of their zone; policy.write (the
 * admin, the service center) writes the library, reviews and pays; policy.apply (enterprise
 * users) applies; policy.stats reads the figures. An enterprise user reads only the published
 * policies it is eligible for and its own applications (policy_store.c, policy_from, app_from).
 *
 * Field tables and pure rules in policy.c; storage in policy_store.c; handlers in policy_api.c. */
#ifndef YQ_POLICY_POLICY_H
#define YQ_POLICY_POLICY_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "enterprise/enterprise.h"
#include "lib/err.h"
#include "lib/field.h"
#include "work/work.h"

struct arena;

#define POLICY_TITLE_MAX    100
#define POLICY_TEXT_MAX     4000
#define POLICY_LIST_MAX     50  /* items of a condition or material list */
#define POLICY_ITEM_MAX     100 /* characters of one item */
#define POLICY_REASON_MAX   500
#define POLICY_AMOUNT_MAX   1000000 /* 万元 */
#define POLICY_AGE_MAX      200
#define POLICY_PAYMENTS_MAX 20

enum policy_status { POLICY_DRAFT, POLICY_PUBLISHED, POLICY_CLOSED, POLICY__STATUS_COUNT };
enum policy_event { POLICY_EV_PUBLISH, POLICY_EV_CLOSE, POLICY_EV_EDIT, POLICY__EV_COUNT };

enum app_status {
	APP_DRAFT,
	APP_SUBMITTED,
	APP_REVIEWING,
	APP_APPROVED,
	APP_REJECTED,
	APP_PAID,
	APP__STATUS_COUNT
};
enum app_event {
	APP_EV_SUBMIT,  /* the enterprise sends it */
	APP_EV_ACCEPT,  /* staff take it up for review */
	APP_EV_APPROVE, /* with an amount */
	APP_EV_REJECT,  /* with a reason */
	APP_EV_PAY,     /* one payment (兑现) */
	APP_EV_EDIT,    /* the enterprise changes its draft, or adds files */
	APP__EV_COUNT
};

/* A policy. Strings live in an arena; the lists are JSON arrays of strings. */
struct policy {
	int64_t id;
	const char *title, *issuer, *doc_no, *summary, *benefit;
	double max_amount; /* 万元; NAN: none stated */
	const char *apply_from, *deadline;
	const char *materials;    /* ["营业执照复印件", …] */
	const char *industries;   /* ["C", "36", …] */
	const char *flags;        /* ["specialized", …] */
	const char *ent_types;    /* ["foreign", …] */
	double min_capital;       /* 万元; NAN: none */
	int64_t min_age, max_age; /* years; 0: none */
	const char *buildings;
	const char *status;
	int64_t published_at, closed_at;
	/* read: its figures */
	int64_t eligible, applied, approved;
	double approved_amount, paid_amount;
	int64_t created_at, updated_at;
};

/* An application. */
struct policy_app {
	int64_t id, policy_id, enterprise_id;
	const char *policy_title, *enterprise_name; /* read */
	double max_amount;                          /* read: the policy's */
	double amount_requested;                    /* 万元; NAN: none */
	const char *note;
	const char *status;
	double approved_amount; /* NAN until approved */
	double paid_amount;     /* read: the total of its payments */
	const char *review_note, *reject_reason;
	int64_t attachments; /* read */
	int64_t submitted_at, reviewed_at;
	int64_t created_at, updated_at;
};

/* A payment of an application (兑现). */
struct policy_payment {
	int64_t id, application_id;
	double amount; /* 万元 */
	const char *paid_on, *note;
	int64_t created_at;
};

extern const struct entity ENTITY_POLICY, ENTITY_POLICY_APP, ENTITY_POLICY_PAYMENT;
extern const struct entity ENTITY_POLICY_QUERY, ENTITY_POLICY_APP_QUERY;
extern const struct work_kind policy_kind, policy_app_kind;

/* ---- rules (pure) ---- */
const char *policy_status_name(enum policy_status s);
enum policy_status policy_status_from_name(const char *s); /* POLICY__STATUS_COUNT if unknown */
const char *policy_status_label(enum policy_status s);
const char *app_status_name(enum app_status s);
enum app_status app_status_from_name(const char *s); /* APP__STATUS_COUNT when unknown */
const char *app_status_label(enum app_status s);

/* The policy's state after `ev` from `from`: 0 with *to, or ERR_STATE naming the state. */
int policy_next(enum policy_status from, enum policy_event ev, enum policy_status *to,
                struct yq_err *e);
/* The application's state after `ev` from `from`. APP_EV_PAY stays APP_APPROVED (the store
 * moves it to APP_PAID when the payments reach the approved amount). */
int app_next(enum app_status from, enum app_event ev, enum app_status *to, struct yq_err *e);

/* What matching reads of an enterprise. */
struct policy_subject {
	const char *industry_code;  /* "3670" */
	int flags[FLAG__COUNT];     /* held on the day of the match */
	const char *ent_type;       /* domestic | foreign | hk_mo_tw */
	double registered_capital;  /* 万元; NAN: unknown */
	const char *established_on; /* "YYYY-MM-DD", NULL or "": unknown */
	const char *building;
};

/* A policy's conditions, parsed (policy_cond_parse). */
struct policy_cond {
	const char *industries[POLICY_LIST_MAX];
	int n_industries;
	int flags[FLAG__COUNT]; /* 1: listed */
	int any_flag;           /* any flag listed */
	const char *ent_types[4];
	int n_ent_types;
	double min_capital; /* NAN: none */
	int64_t min_age, max_age;
	const char *buildings[POLICY_LIST_MAX];
	int n_buildings;
};

/* The conditions a match failed, as bits. */
enum policy_miss {
	MISS_INDUSTRY = 1u << 0,
	MISS_FLAG = 1u << 1,
	MISS_TYPE = 1u << 2,
	MISS_CAPITAL = 1u << 3,
	MISS_AGE = 1u << 4,
	MISS_BUILDING = 1u << 5,
};

/* Parses the conditions of p (strings of the lists kept in a). Returns 0, or -1 with e on the
 * field whose list is malformed. */
int policy_cond_parse(const struct policy *p, struct arena *a, struct policy_cond *c,
                      struct yq_err *e);
/* Whole years from `from` to `day` (both "YYYY-MM-DD"); -1 when either is not a date or from
 * is after day. */
int policy_years(const char *from, const char *day);
/* 0 when enterprise s meets every condition of c on `day` ("YYYY-MM-DD"), else the failed
 * conditions (enum policy_miss bits). */
unsigned policy_match(const struct policy_cond *c, const struct policy_subject *s, const char *day);
/* The checks of a policy the field table cannot say: deadline not before apply_from, min_age
 * not above max_age, every industry a GB/T 4754 code, every flag and type known. */
int policy_check(const struct policy *p, struct yq_err *e);
/* 1 when `day` lies in the policy's application window (apply_from..deadline, open ends). */
int policy_open_on(const struct policy *p, const char *day);
/* An approval's amount: > 0 and not above the policy's maximum (when it states one). */
int policy_check_approve(double amount, double max_amount, struct yq_err *e);
/* A payment's amount: > 0 and, with what was paid, not above the approved amount. */
int policy_check_payment(double amount, double paid, double approved, struct yq_err *e);
/* A submission: when the policy lists materials, at least one file is attached. */
int policy_check_submit(int64_t n_materials, int64_t n_attachments, struct yq_err *e);

/* ---- storage (policy_store.c) ---- */
struct policy_filter {
	const char *status, *q;
	int64_t page, page_size;
};
struct policy_app_filter {
	int64_t policy_id, enterprise_id;
	const char *status;
	int64_t page, page_size;
};

/* The lists and one-row reads (work/store_list.h store_list_page, store_list_get), each with its
 * filter's query entity: the policies of the zone (an enterprise: the published ones it is
 * eligible for, the open ones first, then by deadline), the applications (an enterprise: its
 * own). */
struct store_query;
extern const struct store_query POLICY_Q, POLICY_APP_Q;
/* The creations and changes the API answers (work/store_write.h, work/item_answer.h), each in one
 * transaction with its audit row: a policy (a draft), and an enterprise user's draft application
 * to a published policy it is eligible for, open today, one per policy unless the earlier one was
 * rejected (409). */
struct store_edit;
extern const struct store_edit POLICY_EDIT, POLICY_APP_EDIT;
/* Publishes draft `id`: matches it against the zone's enterprises, stores the matches and
 * notifies each eligible enterprise; *matched gets their number. */
int policy_publish(struct db_pool *pool, const struct principal *p, int64_t id, int64_t *matched,
                   struct yq_err *e);
int policy_close(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);
/* The eligible enterprises of policy `id` (staff): id, name, and its application's status. */
struct policy_match_row {
	int64_t enterprise_id;
	const char *name, *industry_code, *building;
	int64_t application_id;
	const char *application_status;
};
typedef void (*policy_match_fn)(void *ctx, const struct policy_match_row *m);
int policy_matches(struct db *c, const struct principal *p, int64_t id, int64_t page,
                   int64_t page_size, policy_match_fn fn, void *ctx, int64_t *total,
                   struct yq_err *e);

/* A move of application `id` by `ev`: amount for approve and pay, text the reason (reject), the
 * review note (accept, approve) or the payment's note (pay); paid_on the payment's date. */
int policy_app_move(struct db_pool *pool, const struct principal *p, int64_t id, enum app_event ev,
                    double amount, const char *text, const char *paid_on, struct yq_err *e);
int policy_payments(struct db *c, const struct principal *p, int64_t id,
                    void (*fn)(void *, const struct policy_payment *), void *ctx, struct yq_err *e);

/* The zone's figures, and per policy (the published and closed ones, newest first). */
struct policy_figures {
	int64_t id;
	const char *title, *status, *deadline;
	int64_t eligible, applied, approved, rejected;
	double approved_amount, paid_amount;
};
struct policy_summary {
	int64_t policies, published, eligible, applied, approved, pending;
	double approved_amount, paid_amount;
	struct policy_figures *by_policy;
	int n;
};
int policy_summary(struct db *c, const struct principal *p, struct arena *a,
                   struct policy_summary *out, struct yq_err *e);

/* For the maintenance thread: matches the zones' published, open policies again whenever an
 * enterprise or a flag changed (and once a day), so that an enterprise registered or given a
 * flag after a publication is matched and told too; a match once made stays. Returns the
 * matches added, or -1 when the database could not be read. */
int policy_rematch_due(struct db_pool *pool, int64_t now);

/* The same writes inside an open transaction, for the demo. */
int policy_publish_in(struct db *tx, const struct principal *p, int64_t id, int64_t *matched,
                      struct yq_err *e);
int policy_app_move_in(struct db *tx, const struct principal *p, int64_t id, enum app_event ev,
                       double amount, const char *text, const char *paid_on, struct yq_err *e);

#endif
