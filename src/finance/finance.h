/* 银企对接: the zone's banks and their loan products, and the enterprises' loan demands
 * (融资需求). An enterprise posts a demand (amount, purpose, term, collateral, urgency, the date
 * it needs the money by); the service center pushes it to one or more banks; each bank answers
 * on its own row (an offer): accepted for review (受理), declined with a reason (婉拒), approved
 * with an amount, a rate, a term and a product (批复), then disbursed in one or more tranches
 * (放款) whose total never passes the approved amount. The demand follows: submitted → pushed →
 * approved → disbursed → closed (办结), or withdrawn by its enterprise before any approval.
 *
 * Who sees what (one rule, applied by the store to every read, finance_store.c demand_from and
 * offer_from): staff with finance.read read every demand of their zone; an enterprise user its
 * own demands and every answer to them; a bank user (role bank, app_user.bank_id) only the
 * demands pushed to its bank and its bank's own answers — never another bank's, nor the totals
 * across banks (FIN_F_ALLBANKS). finance.write (the admin, the service center) keeps the banks
 * and products and pushes; finance.apply (enterprises) posts and withdraws demands;
 * finance.answer (bank users, the admin) answers; finance.stats reads the figures.
 *
 * Money in 万元, rates in % a year, terms in months, dates "YYYY-MM-DD". */
#ifndef YQ_FINANCE_FINANCE_H
#define YQ_FINANCE_FINANCE_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/field.h"

struct arena;
struct work_kind;

#define FIN_NAME_MAX   60
#define FIN_TEXT_MAX   500
#define FIN_AMOUNT_MAX 10000000 /* 万元: 1000亿元 */
#define FIN_TERM_MAX   360      /* months */
#define FIN_PUSH_MAX   20       /* banks in one push */

/* A member of a demand that a bank user is not shown: the totals across every bank. */
#define FIN_F_ALLBANKS (1u << 20)

enum fin_demand_status {
	FIN_DRAFT,
	FIN_SUBMITTED,
	FIN_PUSHED,
	FIN_APPROVED,
	FIN_DISBURSED,
	FIN_CLOSED,
	FIN_WITHDRAWN,
	FIN__DEMAND_COUNT
};
enum fin_demand_event {
	FIN_EV_SUBMIT,
	FIN_EV_PUSH,
	FIN_EV_APPROVE,
	FIN_EV_DISBURSE,
	FIN_EV_WITHDRAW,
	FIN_EV_CLOSE,
	FIN__DEMAND_EVENT_COUNT
};
enum fin_offer_status {
	FIN_OFFER_PUSHED,
	FIN_OFFER_REVIEWING,
	FIN_OFFER_DECLINED,
	FIN_OFFER_APPROVED,
	FIN_OFFER_DISBURSED,
	FIN__OFFER_COUNT
};
enum fin_offer_event {
	FIN_OEV_ACCEPT,
	FIN_OEV_DECLINE,
	FIN_OEV_APPROVE,
	FIN_OEV_DISBURSE,
	FIN__OFFER_EVENT_COUNT
};
/* Kinds of guarantee of a product, in the order of the field table's values. */
enum fin_guarantee {
	FIN_G_CREDIT,    /* 信用 */
	FIN_G_MORTGAGE,  /* 抵押 */
	FIN_G_PLEDGE,    /* 质押 */
	FIN_G_GUARANTOR, /* 担保 */
	FIN_G_INSURANCE, /* 保证保险 */
	FIN_G_RISK_FUND, /* 风险补偿基金 */
	FIN__GUARANTEE_COUNT
};

struct fin_bank {
	int64_t id;
	const char *name, *branch, *contact, *phone, *notes;
	int64_t products; /* read */
	int64_t created_at, updated_at;
};

struct fin_product {
	int64_t id, bank_id;
	const char *bank_name; /* read */
	const char *name, *guarantee;
	double rate_min, rate_max;     /* % a year (NAN: none) */
	int64_t term_months;           /* the longest term */
	double amount_min, amount_max; /* 万元 (NAN: none) */
	const char *notes;
	int64_t created_at, updated_at;
};

struct fin_demand {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	double amount;               /* 万元 */
	const char *purpose;
	int64_t term_months;
	const char *collateral, *urgency, *wanted_by, *status, *submitted_on, *notes;
	int64_t banks;              /* read: the banks it was pushed to */
	double approved, disbursed; /* read: across every bank (FIN_F_ALLBANKS) */
	int64_t created_at, updated_at;
};

/* One bank's answer to a demand pushed to it, and its loan. */
struct fin_offer {
	int64_t id, demand_id, bank_id;
	const char *bank_name;                /* read */
	int64_t enterprise_id;                /* read: the demand's */
	const char *enterprise_name;          /* read */
	double demand_amount;                 /* read */
	const char *purpose, *demand_status;  /* read */
	const char *status, *reason;          /* reason: of a decline */
	int64_t product_id;                   /* of an approval */
	const char *product_name, *guarantee; /* read: the product's */
	double approved_amount, rate;         /* 万元, % (NAN: none) */
	int64_t term_months;                  /* of the approval */
	const char *approved_on;              /* of the approval */
	double disbursed;                     /* read: the tranches' total */
	int64_t pushed_at, answered_at;
	int64_t created_at, updated_at;
};

struct fin_tranche {
	int64_t id, offer_id;
	const char *on_date;
	double amount;
	int64_t created_at;
};

extern const struct entity ENTITY_FIN_BANK, ENTITY_FIN_PRODUCT, ENTITY_FIN_DEMAND, ENTITY_FIN_OFFER,
    ENTITY_FIN_TRANCHE, ENTITY_FIN_APPROVAL;
extern const struct entity ENTITY_FIN_PRODUCT_QUERY, ENTITY_FIN_DEMAND_QUERY,
    ENTITY_FIN_OFFER_QUERY, ENTITY_FIN_SUMMARY_QUERY;
extern const struct work_kind fin_demand_kind;

/* ---- rules (pure) ---- */
const char *fin_demand_status_name(enum fin_demand_status s);
enum fin_demand_status fin_demand_status_from(const char *s); /* FIN__DEMAND_COUNT: unknown */
const char *fin_demand_status_label(enum fin_demand_status s);
const char *fin_offer_status_name(enum fin_offer_status s);
enum fin_offer_status fin_offer_status_from(const char *s); /* FIN__OFFER_COUNT: unknown */
const char *fin_offer_status_label(enum fin_offer_status s);
const char *fin_guarantee_name(enum fin_guarantee g);
enum fin_guarantee fin_guarantee_from(const char *s); /* FIN__GUARANTEE_COUNT: unknown */
const char *fin_guarantee_label(enum fin_guarantee g);

/* The demand's move on `ev` from `from`: 0 with *to, or ERR_STATE (409) naming the state. */
int fin_demand_next(enum fin_demand_status from, enum fin_demand_event ev,
                    enum fin_demand_status *to, struct yq_err *e);
/* A bank's answer's move on `ev` from `from`: 0 with *to, or ERR_STATE (409). */
int fin_offer_next(enum fin_offer_status from, enum fin_offer_event ev, enum fin_offer_status *to,
                   struct yq_err *e);
/* A bank may answer only while the demand is open: pushed, approved or disbursed (ERR_STATE). */
int fin_demand_answerable(enum fin_demand_status s, struct yq_err *e);
/* A product's ranges: rate_min ≤ rate_max, amount_min ≤ amount_max (ERR_VALIDATION). */
int fin_check_product(const struct fin_product *p, struct yq_err *e);
/* An approval: an amount > 0, a rate, a term (ERR_VALIDATION on the field). */
int fin_check_approval(const struct fin_offer *o, struct yq_err *e);
/* A tranche of `amount` after `disbursed` of `approved`: > 0, and the total not past the
 * approved amount (ERR_VALIDATION on "amount"). */
int fin_check_tranche(double approved, double disbursed, double amount, struct yq_err *e);

/* ---- storage (finance_store.c) ---- */
struct fin_product_filter {
	int64_t bank_id;
	const char *guarantee;
	int64_t page, page_size;
};
struct fin_demand_filter {
	const char *status, *urgency;
	int64_t enterprise_id, bank_id;
	int64_t page, page_size;
};
struct fin_offer_filter {
	int64_t demand_id, bank_id;
	const char *status;
	int64_t page, page_size;
};

/* 1 when the caller reads as a bank. */
int fin_as_bank(const struct principal *p);
/* The fields the caller is not shown: an enterprise reader none of the zone's notes (F_INTERNAL);
 * a bank reader neither, nor the totals across every bank (FIN_F_ALLBANKS). */
unsigned fin_hide(const struct principal *p);

/* The lists and one-row reads (work/store_list.h store_list_page, store_list_get), each with its
 * filter's query entity (banks have none): the zone's banks and products; its demands (an
 * enterprise: its own; a bank: those pushed to it) and the banks' answers (an enterprise: to its
 * demands; a bank: its own). */
struct store_query;
extern const struct store_query FIN_BANK_Q, FIN_PRODUCT_Q, FIN_DEMAND_Q, FIN_OFFER_Q;
/* The creations and changes the API answers (work/store_write.h, work/item_answer.h), each in one
 * transaction with its audit row: banks and products (the service center), and an enterprise's
 * change of its demand while it is a draft or submitted (ERR_STATE once pushed). */
struct store_edit;
extern const struct store_edit FIN_BANK_EDIT, FIN_PRODUCT_EDIT, FIN_DEMAND_EDIT;
int fin_tranche_list(struct db *c, const struct principal *p, int64_t offer_id, entity_row_fn fn,
                     void *ctx, struct yq_err *e);

/* The writes, each in one transaction with its audit row (the _in forms inside an open one,
 * for the demo). */
/* A new demand: an enterprise user's own (its enterprise_id), or one a staff member posts for
 * an enterprise of the zone; submitted unless `draft`. */
int fin_demand_create(struct db_pool *pool, const struct principal *p, struct fin_demand *d,
                      int draft, struct yq_err *e);
int fin_demand_create_in(struct db *tx, const struct principal *p, struct fin_demand *d, int draft,
                         struct yq_err *e);
/* Edits a draft or submitted demand (409 after it was pushed). */
/* submit, withdraw, close. */
int fin_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                    enum fin_demand_event ev, struct yq_err *e);
/* Pushes the demand to the banks (ids of the zone; those it was pushed to already are kept):
 * their users are notified. */
int fin_demand_push(struct db_pool *pool, const struct principal *p, int64_t id,
                    const int64_t *banks, int n, struct yq_err *e);
int fin_demand_push_in(struct db *tx, const struct principal *p, int64_t id, const int64_t *banks,
                       int n, struct yq_err *e);
/* A bank's answer: accept, decline (in->reason), approve (in: product_id, approved_amount, rate,
 * term_months, approved_on). The enterprise's users are notified. */
int fin_offer_answer(struct db_pool *pool, const struct principal *p, int64_t id,
                     enum fin_offer_event ev, const struct fin_offer *in, struct yq_err *e);
int fin_offer_answer_in(struct db *tx, const struct principal *p, int64_t id,
                        enum fin_offer_event ev, const struct fin_offer *in, struct yq_err *e);
/* Records a tranche of an approved loan. */
int fin_offer_disburse(struct db_pool *pool, const struct principal *p, int64_t id,
                       struct fin_tranche *t, struct yq_err *e);
int fin_offer_disburse_in(struct db *tx, const struct principal *p, int64_t id,
                          struct fin_tranche *t, struct yq_err *e);

/* The figures of a year (0: every year): demanded, approved, disbursed (万元), by bank, by
 * guarantee type, by product and by month. */
struct fin_count {
	int64_t id;
	const char *key;  /* bank or product name; guarantee code; month "YYYY-MM" */
	const char *bank; /* product: its bank's name */
	int64_t demands, loans;
	double demanded, approved, disbursed;
};
struct fin_summary {
	int64_t year;
	int64_t demands, pushed, loans, enterprises;
	double demanded, approved, disbursed;
	struct fin_count *by_bank, *by_product;
	int n_banks, n_products;
	struct fin_count by_guarantee[FIN__GUARANTEE_COUNT];
	struct fin_count by_month[12];
};
int fin_summary(struct db *c, const struct principal *p, int64_t year, struct arena *a,
                struct fin_summary *out, struct yq_err *e);

#endif
