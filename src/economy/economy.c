/* Economy rules: the field tables and the pure rules beside them (see economy.h). */
#include "economy/economy.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *const KINDS[] = {"flow", "stock", NULL};
static const char *const KIND_LABELS[] = {"流量（按月累计）", "存量（取当月值）", NULL};
static const char *const REQUIRED[] = {"above_industrial", "above_size", "all", "none", NULL};
static const char *const REQUIRED_LABELS[] = {"规上工业企业", "规上企业", "全部企业", "选报", NULL};
static const char *const STATUSES[] = {"submitted", "accepted", "returned", NULL};
static const char *const STATUS_LABELS[] = {"已报送", "已审核", "已退回", NULL};

/* codes: lower-case letters, digits and '_', starting with a letter */
static int check_code(const char *v, struct yq_err *e)
{
	if (!(v[0] >= 'a' && v[0] <= 'z'))
		return err_set(e, ERR_VALIDATION, "code", "指标代码须以小写字母开头",
		               "the code starts with a lower-case letter");
	for (const char *s = v; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return err_set(e, ERR_VALIDATION, "code",
			               "指标代码只能包含小写字母、数字和下划线",
			               "the code holds lower-case letters, digits and '_' only");
	return 0;
}

#define I_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct econ_indicator, m, ft, col, lo, hi, fl, zh, en)
static const struct field IND_FIELDS[] = {
    {I_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {I_(code, FT_TEXT, "code", 1, 32, F_REQUIRED | F_AUDIT | F_NOUPDATE, "指标代码", "Code"),
     .check = check_code},
    {I_(name, FT_TEXT, "name", 1, 30, F_REQUIRED | F_AUDIT, "指标名称", "Name")},
    {I_(unit, FT_TEXT, "unit", 0, 20, F_AUDIT, "计量单位", "Unit")},
    {I_(kind, FT_ENUM, "kind", 0, 0, F_AUDIT | F_NOUPDATE, "指标类型", "Kind"), .values = KINDS,
     .labels = KIND_LABELS, .def = "flow"},
    {I_(required_of, FT_ENUM, "required_of", 0, 0, F_AUDIT, "报送范围", "Required of"),
     .values = REQUIRED, .labels = REQUIRED_LABELS, .def = "above_industrial"},
    {I_(may_be_negative, FT_BOOL, "may_be_negative", 0, 0, F_AUDIT, "可为负数", "May be negative")},
    {I_(sort, FT_INT, "sort", 0, 100000, F_AUDIT, "排序", "Sort")},
    {I_(active, FT_BOOL, "active", 0, 0, F_AUDIT, "启用", "Active")},
    {I_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间", "Created")},
    {I_(updated_at, FT_TIME, "updated_at", 0, 0, F_READONLY, "更新时间", "Updated")},
};
const struct entity ENTITY_ECON_INDICATOR =
    ENTITY("econ_indicator", "econ_indicator", "i", IND_FIELDS, "经济指标", "Indicator",
           .zone_col = "i.zone_id");

#define R_(m, ft, col, fl, zh, en) FIELD_INIT(struct econ_report, m, ft, col, 0, 0, fl, zh, en)
static const struct field REPORT_FIELDS[] = {
    {R_(id, FT_INT, "id", F_READONLY, "编号", "ID")},
    {R_(enterprise_id, FT_REF, "enterprise_id", F_READONLY, "企业", "Enterprise")},
    {R_(enterprise_name, FT_TEXT, "e.name", F_READONLY | F_EXPORT, "企业名称", "Enterprise")},
    {R_(uscc, FT_TEXT, "e.uscc", F_READONLY | F_EXPORT, "统一社会信用代码", "USCC")},
    {R_(period, FT_MONTH, "period", F_READONLY | F_EXPORT | F_FILTER, "月份", "Month")},
    {R_(status, FT_ENUM, "status", F_READONLY | F_EXPORT | F_FILTER, "状态", "Status"),
     .values = STATUSES, .labels = STATUS_LABELS},
    {R_(note, FT_TEXT, "note", F_READONLY, "企业说明", "Note")},
    {R_(review_note, FT_TEXT, "review_note", F_READONLY, "审核意见", "Review note")},
    {R_(revision, FT_INT, "revision", F_READONLY, "版本", "Revision")},
    {R_(submitter_name, FT_TEXT, "submitter_name", F_READONLY, "报送人", "Filed by")},
    {R_(reviewer_name, FT_TEXT, "reviewer_name", F_READONLY | F_INTERNAL, "审核人", "Reviewed by")},
    {R_(submitted_at, FT_TIME, "submitted_at", F_READONLY | F_EXPORT, "报送时间", "Filed")},
    {R_(reviewed_at, FT_TIME, "reviewed_at", F_READONLY, "审核时间", "Reviewed")},
    {R_(created_at, FT_TIME, "r.created_at", F_READONLY, "创建时间", "Created")},
    {R_(updated_at, FT_TIME, "r.updated_at", F_READONLY, "更新时间", "Updated")},
};
const struct entity ENTITY_ECON_REPORT = ENTITY(
    "econ_report", "econ_report", "r", REPORT_FIELDS, "月度报表", "Monthly report",
    .joins = " JOIN enterprise e ON e.id = r.enterprise_id", .zone_col = "r.zone_id",
    .scope_dept = "e.dept_id", .scope_owner = "e.liaison_user_id", .scope_enterprise = "e.id");

/* The kept cells (0021, economy_cells.c), read in the caller's scope through their enterprise
 * (a returned report has none: no join of the report). */
#define C_(m, zh, en) FIELD_INIT(struct econ_cell, m, FT_NUM, #m, 0, 0, F_READONLY, zh, en)
static const struct field CELL_FIELDS[] = {
    {C_(month, "当月", "Month")},
    {C_(ytd, "累计", "Year to date")},
    {C_(base_month, "上年同月", "Same month last year")},
    {C_(base_ytd, "上年同期累计", "Last year to date")},
    {C_(base_year, "上年全年", "Last year")},
};
const struct entity ENTITY_ECON_CELL = ENTITY(
    "econ_cell", "econ_cell", "v", CELL_FIELDS, "月度数据", "Monthly figures",
    .joins = " JOIN enterprise e ON e.id = v.enterprise_id", .zone_col = "v.zone_id",
    .scope_dept = "e.dept_id", .scope_owner = "e.liaison_user_id", .scope_enterprise = "e.id");

/* ---- rules ---- */

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int econ_period_parse(const char *s, int *y, int *m)
{
	if (!s || strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
		return -1;
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0');
	if (yy < 2000 || yy > 2099 || mm < 1 || mm > 12)
		return -1;
	*y = yy;
	*m = mm;
	return 0;
}

int econ_period_check(const char *s, int *y, int *m, struct yq_err *e)
{
	if (econ_period_parse(s, y, m) < 0)
		return err_set(e, ERR_VALIDATION, "period", "月份格式应为 YYYY-MM",
		               "the month is YYYY-MM");
	return 0;
}

void econ_period_shift(int y, int m, int delta, char out[8])
{
	int k = y * 12 + (m - 1) + delta;
	unsigned yy = (unsigned)(k / 12) % 10000u, mm = (unsigned)(k % 12) + 1u;
	snprintf(out, 8, "%04u-%02u", yy, mm % 100u);
}

void econ_default_deadline(int y, int m, int report_day, char out[11])
{
	char next[8];
	econ_period_shift(y, m, 1, next);
	unsigned d = report_day < 1 ? 1u : report_day > 28 ? 28u : (unsigned)report_day;
	snprintf(out, 11, "%.7s-%02u", next, d);
}

enum econ_window econ_window(int y, int m, const char *deadline, const char *today)
{
	char next[8], opens[11];
	econ_period_shift(y, m, 1, next);
	snprintf(opens, sizeof opens, "%.7s-01", next);
	if (strcmp(today, opens) < 0)
		return ECON_NOT_ENDED;
	return strcmp(today, deadline) <= 0 ? ECON_OPEN : ECON_LOCKED;
}

int econ_deviates(double value, double base)
{
	if (isnan(base) || isnan(value) || base == 0)
		return 0;
	return fabs(value - base) > ECON_DEVIATION * fabs(base);
}

int econ_required(const char *required_of, int above_size, const char *section)
{
	if (strcmp(required_of, "all") == 0)
		return 1;
	if (strcmp(required_of, "above_size") == 0)
		return above_size;
	if (strcmp(required_of, "above_industrial") == 0)
		return above_size && section && strlen(section) == 1 && section[0] >= 'B' &&
		       section[0] <= 'D';
	return 0;
}

int econ_in_set(int is_flow, int ytd, const struct econ_cell *c, double *cur, double *base)
{
	if (isnan(c->month) || isnan(c->base_month))
		return 0;
	double y = is_flow ? c->ytd : c->month, by = is_flow ? c->base_ytd : c->base_month;
	if (ytd && (isnan(y) || isnan(by)))
		return 0;
	*cur = ytd ? y : c->month;
	*base = ytd ? by : c->base_month;
	return 1;
}

void econ_sums_add(struct econ_sums *s, int is_flow, const struct econ_cell *c)
{
	double cur, base;
	if (isnan(c->month))
		return; /* the enterprise did not report the month */
	s->reporting++;
	s->month += c->month;
	double y = is_flow ? c->ytd : c->month;
	if (!isnan(y)) {
		s->ytd_n++;
		s->ytd += y;
	}
	if (econ_in_set(is_flow, 0, c, &cur, &base)) { /* in the base month's set: 同口径 */
		s->same_m++;
		s->cur_m += cur;
		s->base_m += base;
	}
	if (econ_in_set(is_flow, 1, c, &cur, &base)) {
		s->same_y++;
		s->cur_y += cur;
		s->base_y += base;
		if (c->base_months < 12 || isnan(c->base_year))
			s->incomplete++;
		else
			s->base_full += c->base_year;
	}
}

void econ_sums_merge(struct econ_sums *s, const struct econ_sums *t)
{
	s->reporting += t->reporting;
	s->ytd_n += t->ytd_n;
	s->same_m += t->same_m;
	s->same_y += t->same_y;
	s->incomplete += t->incomplete;
	s->month += t->month;
	s->ytd += t->ytd;
	s->cur_m += t->cur_m;
	s->base_m += t->base_m;
	s->cur_y += t->cur_y;
	s->base_y += t->base_y;
	s->base_full += t->base_full;
}

double econ_forecast(int is_flow, const struct econ_sums *s, int m, double ytd, double month_value)
{
	if (!is_flow)
		return month_value;
	if (isnan(ytd) || m < 1 || m > 12)
		return NAN;
	if (m == 12)
		return ytd;
	double by = s->base_y, full = s->base_full;
	if (s->same_y && !s->incomplete && by > 0 && full > 0 && by <= full)
		return ytd / (by / full);
	return ytd * 12.0 / m;
}

void econ_figure_of(int is_flow, const struct econ_sums *s, int m, double target,
                    struct econ_figure *out)
{
	double month = s->reporting ? s->month : NAN, ytd = s->ytd_n ? s->ytd : NAN;
	out->month_value = month;
	out->ytd_value = ytd;
	out->month_yoy = s->same_m && s->base_m != 0 ? s->cur_m / s->base_m - 1 : NAN;
	out->ytd_yoy = s->same_y && s->base_y != 0 ? s->cur_y / s->base_y - 1 : NAN;
	out->reporting = s->reporting;
	out->same_set = s->same_y;
	out->target = target;
	out->progress = !isnan(target) && target > 0 && !isnan(ytd) ? ytd / target : NAN;
	out->schedule = m / 12.0;
	out->half = m >= 6 && !isnan(out->progress) ? out->progress >= 0.5 : -1;
	out->forecast = econ_forecast(is_flow, s, m, ytd, month);
}

void econ_total(int is_flow, const struct econ_cell *cells, size_t n, int m, double target,
                struct econ_figure *out)
{
	struct econ_sums s = {0};
	for (size_t i = 0; i < n; i++)
		econ_sums_add(&s, is_flow, &cells[i]);
	econ_figure_of(is_flow, &s, m, target, out);
}

/* qsort order of contributions: the largest increase first, ties by index */
static int contrib_cmp(const void *a, const void *b)
{
	const struct econ_contrib *x = a, *y = b;
	if (x->change != y->change)
		return x->change > y->change ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

size_t econ_contrib(int is_flow, int ytd, const struct econ_cell *cells, size_t n,
                    struct econ_contrib *out, struct econ_contrib_total *total)
{
	size_t k = 0;
	double cur, base;
	*total = (struct econ_contrib_total){0, 0, 0, NAN, 0};
	for (size_t i = 0; i < n; i++) {
		if (!econ_in_set(is_flow, ytd, &cells[i], &cur, &base))
			continue;
		out[k] = (struct econ_contrib){
		    .index = i, .value = cur, .base = base, .change = cur - base};
		out[k].yoy = base != 0 ? (cur - base) / fabs(base) : NAN;
		out[k].volatile_ = !isnan(out[k].yoy) && fabs(out[k].yoy) >= ECON_VOLATILE;
		total->value += cur;
		total->base += base;
		k++;
	}
	total->same_set = k;
	total->change = total->value - total->base;
	total->yoy = k && total->base != 0 ? total->value / total->base - 1 : NAN;
	for (size_t i = 0; i < k; i++)
		out[i].share = total->change != 0 ? out[i].change / total->change : NAN;
	qsort(out, k, sizeof *out, contrib_cmp);
	return k;
}
