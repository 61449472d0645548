/* 银企对接 rules: the field tables and the pure rules beside them (see finance.h). */
#include "finance/finance.h"
#include "db/codes.h"
#include <math.h>
#include <string.h>

static const char *const DEMAND_STATUSES[] = {"draft",     "submitted", "pushed",    "approved",
                                              "disbursed", "closed",    "withdrawn", NULL};
static const char *const DEMAND_STATUS_LABELS[] = {"草稿",   "已提交", "已推送", "已批复",
                                                   "已放款", "已办结", "已撤回", NULL};
static const char *const OFFER_STATUSES[] = {"pushed",   "reviewing", "declined",
                                             "approved", "disbursed", NULL};
static const char *const OFFER_STATUS_LABELS[] = {"待受理", "审查中", "已婉拒",
                                                  "已批复", "已放款", NULL};
static const char *const GUARANTEES[] = {"credit",    "mortgage",  "pledge", "guarantor",
                                         "insurance", "risk_fund", NULL};
static const char *const GUARANTEE_LABELS[] = {"信用",     "抵押",         "质押", "担保",
                                               "保证保险", "风险补偿基金", NULL};
static const char *const URGENCIES[] = {"normal", "urgent", "critical", NULL};
static const char *const URGENCY_LABELS[] = {"一般", "较急", "紧急", NULL};

CODE_NAME(enum fin_demand_status, fin_demand_status_name, DEMAND_STATUSES, FIN__DEMAND_COUNT)
CODE_FROM(enum fin_demand_status, fin_demand_status_from, DEMAND_STATUSES, FIN__DEMAND_COUNT)
CODE_NAME(enum fin_demand_status, fin_demand_status_label, DEMAND_STATUS_LABELS, FIN__DEMAND_COUNT)
CODE_NAME(enum fin_offer_status, fin_offer_status_name, OFFER_STATUSES, FIN__OFFER_COUNT)
CODE_FROM(enum fin_offer_status, fin_offer_status_from, OFFER_STATUSES, FIN__OFFER_COUNT)
CODE_NAME(enum fin_offer_status, fin_offer_status_label, OFFER_STATUS_LABELS, FIN__OFFER_COUNT)
CODE_NAME(enum fin_guarantee, fin_guarantee_name, GUARANTEES, FIN__GUARANTEE_COUNT)
CODE_FROM(enum fin_guarantee, fin_guarantee_from, GUARANTEES, FIN__GUARANTEE_COUNT)
CODE_NAME(enum fin_guarantee, fin_guarantee_label, GUARANTEE_LABELS, FIN__GUARANTEE_COUNT)

/* ---- the state machines: one row per move; anything else is refused ---- */

static const struct {
	enum fin_demand_status from;
	enum fin_demand_event ev;
	enum fin_demand_status to;
} DEMAND_MOVES[] = {
    {FIN_DRAFT, FIN_EV_SUBMIT, FIN_SUBMITTED},      {FIN_SUBMITTED, FIN_EV_PUSH, FIN_PUSHED},
    {FIN_PUSHED, FIN_EV_PUSH, FIN_PUSHED}, /* to more banks */
    {FIN_APPROVED, FIN_EV_PUSH, FIN_APPROVED},      {FIN_PUSHED, FIN_EV_APPROVE, FIN_APPROVED},
    {FIN_APPROVED, FIN_EV_APPROVE, FIN_APPROVED},   /* a second bank approves */
    {FIN_DISBURSED, FIN_EV_APPROVE, FIN_DISBURSED}, /* … after the first lent */
    {FIN_APPROVED, FIN_EV_DISBURSE, FIN_DISBURSED}, {FIN_DISBURSED, FIN_EV_DISBURSE, FIN_DISBURSED},
    {FIN_DRAFT, FIN_EV_WITHDRAW, FIN_WITHDRAWN},    {FIN_SUBMITTED, FIN_EV_WITHDRAW, FIN_WITHDRAWN},
    {FIN_PUSHED, FIN_EV_WITHDRAW, FIN_WITHDRAWN},   {FIN_PUSHED, FIN_EV_CLOSE, FIN_CLOSED},
    {FIN_APPROVED, FIN_EV_CLOSE, FIN_CLOSED},       {FIN_DISBURSED, FIN_EV_CLOSE, FIN_CLOSED},
};

/* A refused move names the state the demand is in. */
static const char *const DEMAND_REFUSED[] = {
    "融资需求尚为草稿，不能进行该操作",   "融资需求已提交、尚未推送，不能进行该操作",
    "融资需求已推送银行，不能进行该操作", "融资需求已批复，不能进行该操作",
    "融资需求已放款，不能进行该操作",     "融资需求已办结，不能再变更",
    "融资需求已撤回，不能再变更"};

int fin_demand_next(enum fin_demand_status from, enum fin_demand_event ev,
                    enum fin_demand_status *to, struct yq_err *e)
{
	for (size_t i = 0; i < sizeof DEMAND_MOVES / sizeof DEMAND_MOVES[0]; i++)
		if (DEMAND_MOVES[i].from == from && DEMAND_MOVES[i].ev == ev) {
			*to = DEMAND_MOVES[i].to;
			return 0;
		}
	return err_set(e, ERR_STATE, "status",
	               from < FIN__DEMAND_COUNT ? DEMAND_REFUSED[from] : "融资需求状态无效",
	               "the demand cannot make that move in its state");
}

static const struct {
	enum fin_offer_status from;
	enum fin_offer_event ev;
	enum fin_offer_status to;
} OFFER_MOVES[] = {
    {FIN_OFFER_PUSHED, FIN_OEV_ACCEPT, FIN_OFFER_REVIEWING},
    {FIN_OFFER_PUSHED, FIN_OEV_DECLINE, FIN_OFFER_DECLINED},
    {FIN_OFFER_REVIEWING, FIN_OEV_DECLINE, FIN_OFFER_DECLINED},
    {FIN_OFFER_PUSHED, FIN_OEV_APPROVE, FIN_OFFER_APPROVED},
    {FIN_OFFER_REVIEWING, FIN_OEV_APPROVE, FIN_OFFER_APPROVED},
    {FIN_OFFER_APPROVED, FIN_OEV_DISBURSE, FIN_OFFER_DISBURSED},
    {FIN_OFFER_DISBURSED, FIN_OEV_DISBURSE, FIN_OFFER_DISBURSED}, /* a further tranche */
};

static const char *const OFFER_REFUSED[] = {
    "银行尚未受理，不能进行该操作", "银行审查中，不能进行该操作", "银行已婉拒，不能再变更",
    "银行已批复，不能进行该操作", "银行已放款，不能进行该操作"};

int fin_offer_next(enum fin_offer_status from, enum fin_offer_event ev, enum fin_offer_status *to,
                   struct yq_err *e)
{
	for (size_t i = 0; i < sizeof OFFER_MOVES / sizeof OFFER_MOVES[0]; i++)
		if (OFFER_MOVES[i].from == from && OFFER_MOVES[i].ev == ev) {
			*to = OFFER_MOVES[i].to;
			return 0;
		}
	return err_set(e, ERR_STATE, "status",
	               from < FIN__OFFER_COUNT ? OFFER_REFUSED[from] : "银行答复状态无效",
	               "the answer cannot make that move in its state");
}

int fin_demand_answerable(enum fin_demand_status s, struct yq_err *e)
{
	if (s == FIN_PUSHED || s == FIN_APPROVED || s == FIN_DISBURSED)
		return 0;
	if (s == FIN_WITHDRAWN)
		return err_set(e, ERR_STATE, "status", "企业已撤回该融资需求",
		               "the enterprise withdrew the demand");
	if (s == FIN_CLOSED)
		return err_set(e, ERR_STATE, "status", "融资需求已办结", "the demand is closed");
	return err_set(e, ERR_STATE, "status", "融资需求尚未推送", "the demand was not pushed");
}

static int given(double v)
{
	return !isnan(v);
}

int fin_check_product(const struct fin_product *p, struct yq_err *e)
{
	if (given(p->rate_min) && given(p->rate_max) && p->rate_min > p->rate_max)
		return err_set(e, ERR_VALIDATION, "rate_max", "利率上限不能低于下限",
		               "the highest rate is below the lowest");
	if (given(p->amount_min) && given(p->amount_max) && p->amount_min > p->amount_max)
		return err_set(e, ERR_VALIDATION, "amount_max", "额度上限不能低于下限",
		               "the highest amount is below the lowest");
	return 0;
}

int fin_check_approval(const struct fin_offer *o, struct yq_err *e)
{
	if (!given(o->approved_amount) || o->approved_amount <= 0)
		return err_set(e, ERR_VALIDATION, "approved_amount", "请填写批复金额",
		               "the approved amount is required");
	if (!given(o->rate) || o->rate <= 0)
		return err_set(e, ERR_VALIDATION, "rate", "请填写利率", "the rate is required");
	if (o->term_months < 1)
		return err_set(e, ERR_VALIDATION, "term_months", "请填写期限（月）",
		               "the term is required");
	if (!o->approved_on || !*o->approved_on)
		return err_set(e, ERR_VALIDATION, "approved_on", "请填写批复日期",
		               "the date of the approval is required");
	return 0;
}

int fin_check_tranche(double approved, double disbursed, double amount, struct yq_err *e)
{
	if (!given(amount) || amount <= 0)
		return err_set(e, ERR_VALIDATION, "amount", "请填写放款金额",
		               "the amount is required");
	/* cents of a 万元 decide: 0.005 of rounding is not an excess */
	if (disbursed + amount > approved + 0.005)
		return err_set(e, ERR_VALIDATION, "amount", "放款合计不能超过批复金额",
		               "the disbursements would pass the approved amount");
	return 0;
}

/* ---- the field tables ---- */

#define RO F_READONLY
#define AU F_AUDIT
#define IN F_INTERNAL
#define EX F_EXPORT
#define FL F_FILTER

#define B_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_bank, m, ft, col, lo, hi, fl, zh, en)
static const struct field BANK_FIELDS[] = {
    {B_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {B_(name, FT_TEXT, "name", 1, FIN_NAME_MAX, F_REQUIRED | AU | EX, "银行名称", "Bank")},
    {B_(branch, FT_TEXT, "branch", 0, FIN_NAME_MAX, AU | EX, "支行", "Branch")},
    {B_(contact, FT_TEXT, "contact", 0, 30, AU | EX, "联系人", "Contact")},
    {B_(phone, FT_TEXT, "phone", 0, 20, AU | EX, "联系电话", "Phone")},
    {B_(notes, FT_TEXT, "notes", 0, FIN_TEXT_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {B_(products, FT_INT, "(SELECT COUNT(*) FROM fin_product fp WHERE fp.bank_id = b.id)", 0, 0,
        RO | EX, "产品数", "Products")},
    {B_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {B_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef B_
const struct entity ENTITY_FIN_BANK =
    ENTITY("fin_bank", "fin_bank", "b", BANK_FIELDS, "银行", "Bank", .zone_col = "b.zone_id");

#define P_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_product, m, ft, col, lo, hi, fl, zh, en)
static const struct field PRODUCT_FIELDS[] = {
    {P_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {P_(bank_id, FT_REF, "bank_id", 0, 0, F_REQUIRED | AU | F_NOUPDATE | FL, "银行", "Bank")},
    {P_(bank_name, FT_TEXT, "b.name", 0, 0, RO | EX, "银行名称", "Bank name")},
    {P_(name, FT_TEXT, "name", 1, FIN_NAME_MAX, F_REQUIRED | AU | EX, "产品名称", "Product")},
    {P_(guarantee, FT_ENUM, "guarantee", 0, 0, F_REQUIRED | AU | EX | FL, "担保方式", "Guarantee"),
     .values = GUARANTEES, .labels = GUARANTEE_LABELS},
    {P_(rate_min, FT_NUM, "rate_min", 0, 100, AU | EX, "利率下限（%）", "Lowest rate (%)")},
    {P_(rate_max, FT_NUM, "rate_max", 0, 100, AU | EX, "利率上限（%）", "Highest rate (%)")},
    {P_(term_months, FT_INT, "term_months", 1, FIN_TERM_MAX, F_REQUIRED | AU | EX, "期限（月）",
        "Term (months)")},
    {P_(amount_min, FT_MONEY, "amount_min", 0, FIN_AMOUNT_MAX, AU | EX, "额度下限（万元）",
        "Lowest amount (10k yuan)")},
    {P_(amount_max, FT_MONEY, "amount_max", 0, FIN_AMOUNT_MAX, AU | EX, "额度上限（万元）",
        "Highest amount (10k yuan)")},
    {P_(notes, FT_TEXT, "notes", 0, FIN_TEXT_MAX, AU | F_MULTILINE, "产品说明", "Description")},
    {P_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {P_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef P_
const struct entity ENTITY_FIN_PRODUCT =
    ENTITY("fin_product", "fin_product", "p", PRODUCT_FIELDS, "金融产品", "Product",
           .joins = " JOIN fin_bank b ON b.id = p.bank_id", .zone_col = "p.zone_id");

#define D_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_demand, m, ft, col, lo, hi, fl, zh, en)
static const struct field DEMAND_FIELDS[] = {
    {D_(id, FT_INT, "id", 0, 0, RO | EX, "编号", "ID")},
    {D_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_NOUPDATE | FL, "企业", "Enterprise")},
    {D_(enterprise_name, FT_TEXT, "en.name", 0, 0, RO | EX, "企业名称", "Enterprise name")},
    {D_(amount, FT_MONEY, "amount", 1, FIN_AMOUNT_MAX, F_REQUIRED | AU | EX, "融资金额（万元）",
        "Amount (10k yuan)")},
    {D_(purpose, FT_TEXT, "purpose", 1, 200, F_REQUIRED | AU | EX | F_MULTILINE, "资金用途",
        "Purpose")},
    {D_(term_months, FT_INT, "term_months", 1, FIN_TERM_MAX, F_REQUIRED | AU | EX, "期限（月）",
        "Term (months)")},
    {D_(collateral, FT_TEXT, "collateral", 0, 200, AU | EX, "抵押物或担保", "Collateral")},
    {D_(urgency, FT_ENUM, "urgency", 0, 0, AU | EX | FL, "紧急程度", "Urgency"),
     .values = URGENCIES, .labels = URGENCY_LABELS, .def = "normal"},
    {D_(wanted_by, FT_DATE, "wanted_by", 0, 0, AU | EX, "期望到位日期", "Wanted by")},
    {D_(status, FT_ENUM, "status", 0, 0, RO | EX | FL, "状态", "Status"), .values = DEMAND_STATUSES,
     .labels = DEMAND_STATUS_LABELS},
    {D_(submitted_on, FT_DATE, "submitted_on", 0, 0, RO | EX, "提交日期", "Submitted on")},
    {D_(notes, FT_TEXT, "notes", 0, FIN_TEXT_MAX, AU | IN | F_MULTILINE, "服务中心备注",
        "The service center's notes")},
    {D_(banks, FT_INT, "(SELECT COUNT(*) FROM fin_offer fo WHERE fo.demand_id = d.id)", 0, 0,
        RO | FIN_F_ALLBANKS, "推送银行数", "Banks pushed to")},
    {D_(approved, FT_MONEY,
        "(SELECT COALESCE(SUM(fo.approved_amount), 0) FROM fin_offer fo WHERE fo.demand_id = "
        "d.id AND fo.status IN ('approved', 'disbursed'))",
        0, 0, RO | EX | FIN_F_ALLBANKS, "批复金额（万元）", "Approved (10k yuan)")},
    {D_(disbursed, FT_MONEY,
        "(SELECT COALESCE(SUM(ft.amount), 0) FROM fin_tranche ft JOIN fin_offer fo ON fo.id = "
        "ft.offer_id WHERE fo.demand_id = d.id)",
        0, 0, RO | EX | FIN_F_ALLBANKS, "放款金额（万元）", "Disbursed (10k yuan)")},
    {D_(created_at, FT_TIME, "created_at", 0, 0, RO, "创建时间", "Created")},
    {D_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef D_
const struct entity ENTITY_FIN_DEMAND =
    ENTITY("fin_demand", "fin_demand", "d", DEMAND_FIELDS, "融资需求", "Loan demand",
           .joins = " JOIN enterprise en ON en.id = d.enterprise_id", .zone_col = "d.zone_id");

#define O_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_offer, m, ft, col, lo, hi, fl, zh, en)
static const struct field OFFER_FIELDS[] = {
    {O_(id, FT_INT, "id", 0, 0, RO | EX, "编号", "ID")},
    {O_(demand_id, FT_REF, "demand_id", 0, 0, RO | EX | FL, "融资需求", "Demand")},
    {O_(bank_id, FT_REF, "bank_id", 0, 0, RO | FL, "银行", "Bank")},
    {O_(bank_name, FT_TEXT, "b.name", 0, 0, RO | EX, "银行名称", "Bank name")},
    {O_(enterprise_id, FT_REF, "d.enterprise_id", 0, 0, RO, "企业", "Enterprise")},
    {O_(enterprise_name, FT_TEXT, "en.name", 0, 0, RO | EX, "企业名称", "Enterprise name")},
    {O_(demand_amount, FT_MONEY, "d.amount", 0, 0, RO | EX, "需求金额（万元）",
        "Demanded (10k yuan)")},
    {O_(purpose, FT_TEXT, "d.purpose", 0, 0, RO, "资金用途", "Purpose")},
    {O_(demand_status, FT_ENUM, "d.status", 0, 0, RO, "需求状态", "Demand's status"),
     .values = DEMAND_STATUSES, .labels = DEMAND_STATUS_LABELS},
    {O_(status, FT_ENUM, "status", 0, 0, RO | EX | FL, "答复状态", "Answer"),
     .values = OFFER_STATUSES, .labels = OFFER_STATUS_LABELS},
    {O_(reason, FT_TEXT, "reason", 0, FIN_TEXT_MAX, AU | EX | F_MULTILINE, "婉拒原因",
        "Reason of a decline")},
    {O_(product_id, FT_REF, "product_id", 0, 0, AU, "金融产品", "Product")},
    {O_(product_name, FT_TEXT, "p.name", 0, 0, RO | EX, "产品名称", "Product name")},
    {O_(guarantee, FT_ENUM, "p.guarantee", 0, 0, RO | EX, "担保方式", "Guarantee"),
     .values = GUARANTEES, .labels = GUARANTEE_LABELS},
    {O_(approved_amount, FT_MONEY, "approved_amount", 0, FIN_AMOUNT_MAX, AU | EX,
        "批复金额（万元）", "Approved (10k yuan)")},
    {O_(rate, FT_NUM, "rate", 0, 100, AU | EX, "利率（%）", "Rate (%)")},
    {O_(term_months, FT_INT, "term_months", 0, FIN_TERM_MAX, AU | EX, "期限（月）",
        "Term (months)")},
    {O_(approved_on, FT_DATE, "approved_on", 0, 0, AU | EX, "批复日期", "Approved on")},
    {O_(disbursed, FT_MONEY,
        "(SELECT COALESCE(SUM(ft.amount), 0) FROM fin_tranche ft WHERE ft.offer_id = o.id)", 0, 0,
        RO | EX, "已放款（万元）", "Disbursed (10k yuan)")},
    {O_(pushed_at, FT_TIME, "pushed_at", 0, 0, RO, "推送时间", "Pushed")},
    {O_(answered_at, FT_TIME, "answered_at", 0, 0, RO, "答复时间", "Answered")},
    {O_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {O_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef O_
const struct entity ENTITY_FIN_OFFER =
    ENTITY("fin_offer", "fin_offer", "o", OFFER_FIELDS, "银行答复", "Bank's answer",
           .joins = " JOIN fin_demand d ON d.id = o.demand_id JOIN enterprise en ON en.id = "
                    "d.enterprise_id JOIN fin_bank b ON b.id = o.bank_id LEFT JOIN fin_product p "
                    "ON p.id = o.product_id",
           .zone_col = "o.zone_id");

/* The body of an approval (POST /api/finance/offers/:id/approve). */
#define A_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_offer, m, ft, col, lo, hi, fl, zh, en)
static const struct field APPROVAL_FIELDS[] = {
    {A_(product_id, FT_REF, NULL, 0, 0, 0, "金融产品", "Product")},
    {A_(approved_amount, FT_MONEY, NULL, 0, FIN_AMOUNT_MAX, F_REQUIRED, "批复金额（万元）",
        "Approved (10k yuan)")},
    {A_(rate, FT_NUM, NULL, 0, 100, F_REQUIRED, "利率（%）", "Rate (%)")},
    {A_(term_months, FT_INT, NULL, 1, FIN_TERM_MAX, F_REQUIRED, "期限（月）", "Term (months)")},
    {A_(approved_on, FT_DATE, NULL, 0, 0, F_REQUIRED, "批复日期", "Approved on")},
    {A_(reason, FT_TEXT, NULL, 0, FIN_TEXT_MAX, F_MULTILINE, "说明", "Notes")},
};
#undef A_
const struct entity ENTITY_FIN_APPROVAL =
    ENTITY("fin_approval", "fin_offer", "o", APPROVAL_FIELDS, "批复", "Approval");

#define T_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct fin_tranche, m, ft, col, lo, hi, fl, zh, en)
static const struct field TRANCHE_FIELDS[] = {
    {T_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {T_(offer_id, FT_REF, "offer_id", 0, 0, RO, "银行答复", "Answer")},
    {T_(on_date, FT_DATE, "on_date", 0, 0, F_REQUIRED | AU, "放款日期", "Date")},
    {T_(amount, FT_MONEY, "amount", 0, FIN_AMOUNT_MAX, F_REQUIRED | AU, "放款金额（万元）",
        "Amount (10k yuan)")},
    {T_(created_at, FT_TIME, "created_at", 0, 0, RO, "登记时间", "Recorded")},
};
#undef T_
const struct entity ENTITY_FIN_TRANCHE = ENTITY("fin_tranche", "fin_tranche", "t", TRANCHE_FIELDS,
                                                "放款", "Disbursement", .zone_col = "t.zone_id");

/* The lists' query parameters. */
#define QP_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct fin_product_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field PRODUCT_QUERY_FIELDS[] = {
    {QP_(bank_id, FT_REF, 0, 0, "银行", "Bank")},
    {QP_(guarantee, FT_ENUM, 0, 0, "担保方式", "Guarantee"), .values = GUARANTEES,
     .labels = GUARANTEE_LABELS},
};
#undef QP_
const struct entity ENTITY_FIN_PRODUCT_QUERY =
    ENTITY("fin_product_query", "fin_product", "p", PRODUCT_QUERY_FIELDS, "金融产品查询", "Query");

#define QD_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct fin_demand_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field DEMAND_QUERY_FIELDS[] = {
    {QD_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = DEMAND_STATUSES,
     .labels = DEMAND_STATUS_LABELS},
    {QD_(urgency, FT_ENUM, 0, 0, "紧急程度", "Urgency"), .values = URGENCIES,
     .labels = URGENCY_LABELS},
    {QD_(enterprise_id, FT_REF, 0, 0, "企业", "Enterprise")},
    {QD_(bank_id, FT_REF, 0, 0, "推送银行", "Pushed to the bank")},
};
#undef QD_
const struct entity ENTITY_FIN_DEMAND_QUERY =
    ENTITY("fin_demand_query", "fin_demand", "d", DEMAND_QUERY_FIELDS, "融资需求查询", "Query");

#define QO_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct fin_offer_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field OFFER_QUERY_FIELDS[] = {
    {QO_(demand_id, FT_REF, 0, 0, "融资需求", "Demand")},
    {QO_(bank_id, FT_REF, 0, 0, "银行", "Bank")},
    {QO_(status, FT_ENUM, 0, 0, "答复状态", "Answer"), .values = OFFER_STATUSES,
     .labels = OFFER_STATUS_LABELS},
};
#undef QO_
const struct entity ENTITY_FIN_OFFER_QUERY =
    ENTITY("fin_offer_query", "fin_offer", "o", OFFER_QUERY_FIELDS, "银行答复查询", "Query");

struct fin_summary_query {
	int64_t year;
};
static const struct field SUMMARY_QUERY_FIELDS[] = {
    {FIELD_INIT(struct fin_summary_query, year, FT_INT, NULL, 2000, 2100, 0, "年度",
                "Year (none: every year)")},
};
const struct entity ENTITY_FIN_SUMMARY_QUERY =
    ENTITY("fin_summary_query", "fin_offer", "o", SUMMARY_QUERY_FIELDS, "融资统计查询", "Query");
#undef RO
#undef AU
#undef IN
#undef EX
#undef FL
