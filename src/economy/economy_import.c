/* The import of a statistics sheet (see economy_import.h).
 *
 * The layout is found the way people write these sheets: a title row ("2026年1-4月规上工业企业
 * 主要经济指标"), a unit line ("单位：万元", "金额单位：亿元"), then a header of one or two rows:
 * the enterprise by 统一社会信用代码 and/or 企业名称, and for each indicator of the catalogue a
 * group of columns, its name merged over 本月 / 1-N月累计 / 上年同期 / 同比% (or one row with
 * "工业总产值本月", "应税销售(亿元)累计"). Units in a header's brackets win over the unit line; a
 * unit applies to the indicators measured in its kind (万元 and 亿元 to money, 万美元 to dollars,
 * 万千瓦时 to power, 人 to people). 合计 and 总计 rows are checked against the sum of the rows
 * above them, 小计 rows, notes and signatures skipped.
 *
 * The month's value is the 本月 column; without one, a flow's 本月 is its 累计 less the months
 * before it that the zone holds (a stock's 本月 is its 累计). A 累计, 上年同期 or 同比 in the file
 * that disagrees with what the zone's data give is a warning of the report, never a silent
 * overwrite or a refusal. */
#include "economy/economy_import.h"
#include "audit/import_tx.h"
#include "auth/auth.h"
#include "db/db.h"
#include "economy/economy.h"
#include "enterprise/import_run.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/import.h"
#include "lib/table_read.h"
#include "lib/util.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HEADER_ROWS 30   /* the header is looked for in the first rows */
#define NORM_MAX    256  /* a header cell, normalised */
#define MAX_INDS    64   /* indicators of the catalogue the importer knows */
#define PLAN_SAME   (-2) /* the report holds these values already */

enum sub { SUB_NONE, SUB_MONTH, SUB_YTD, SUB_BASE, SUB_YOY };
enum ukind { UK_NONE, UK_MONEY, UK_USD, UK_POWER, UK_PEOPLE };

struct unit {
	const char *name;
	enum ukind kind;
	double scale; /* to the catalogue's unit */
};
/* longest names first: "万元" is looked for before "元" */
static const struct unit UNITS[] = {
    {"万千瓦时", UK_POWER, 1}, {"亿千瓦时", UK_POWER, 1e4}, {"千瓦时", UK_POWER, 1e-4},
    {"万美元", UK_USD, 1},     {"亿美元", UK_USD, 1e4},     {"千美元", UK_USD, 0.1},
    {"美元", UK_USD, 1e-4},    {"万元", UK_MONEY, 1},       {"亿元", UK_MONEY, 1e4},
    {"千元", UK_MONEY, 0.1},   {"万度", UK_POWER, 1},       {"元", UK_MONEY, 1e-4},
    {"度", UK_POWER, 1e-4},    {"人", UK_PEOPLE, 1},        {NULL, UK_NONE, 0},
};

/* Other names of the starting catalogue's indicators in the sheets people exchange. */
static const struct {
	const char *alias, *code;
} ALIASES[] = {
    {"主营业务收入", "revenue"},
    {"营业总收入", "revenue"},
    {"应税销售收入", "taxable_sales"},
    {"应税销售额", "taxable_sales"},
    {"税收收入", "tax"},
    {"实缴税金", "tax"},
    {"税金总额", "tax"},
    {"利润总额", "profit"},
    {"用电", "power"},
    {"从业人员平均人数", "employees"},
    {"从业人数", "employees"},
    {"进出口总额", "trade"},
    {"研发费用", "rd"},
    {"R&D经费", "rd"},
    {"产值", "output"},
};

struct ind {
	int64_t id;
	char code[48], name[96], unit[32];
	int flow, may_be_negative;
	enum ukind kind;
};

struct col {
	int ind; /* index into run->inds, -1: not an indicator's column */
	enum sub sub;
	double scale;
	char header[96];
};

struct import_run {
	struct import_run_base b;
	int64_t zone_id;
	char period[8], title_period[8];
	int y, m;
	struct ind inds[MAX_INDS];
	size_t n_inds;
	double unit_default[UK_PEOPLE + 1]; /* the unit line's scale per kind (0: none) */
	struct col cols[256];
	size_t n_cols;
	int uscc_col, name_col;
	/* the first data row when the header has one row only */
	struct table_row pending;
	const char *pending_cells[256];
	struct arena pending_arena;
	int has_pending;
	/* the sums of the rows so far, per column, for the 合计 row's check; a 合计 above the
	 * rows is checked at the end */
	double sums[256];
	struct table_row total;
	const char *total_cells[256];
	struct arena total_arena;
	int has_total;
};

/* ---- text ---- */

/* Copies s into out without white space, with full-width brackets, colon, percent and dashes
 * made ASCII. */
static void norm(const char *s, char *out, size_t n)
{
	static const struct {
		const char *from, *to;
	} MAP[] = {{"（", "("}, {"）", ")"}, {"：", ":"}, {"％", "%"}, {"－", "-"},     {"—", "-"},
	           {"～", "-"}, {"~", "-"},  {"至", "-"}, {"　", ""},  {"\xc2\xa0", ""}};
	size_t k = 0;
	while (s && *s && k + 4 < n) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
			continue;
		}
		size_t i;
		for (i = 0; i < sizeof MAP / sizeof *MAP; i++) {
			size_t l = strlen(MAP[i].from);
			if (strncmp(s, MAP[i].from, l) == 0) {
				size_t t = strlen(MAP[i].to);
				memcpy(out + k, MAP[i].to, t);
				k += t;
				s += l;
				break;
			}
		}
		if (i == sizeof MAP / sizeof *MAP) {
			/* one whole character: a lead byte and its continuations */
			unsigned char b = (unsigned char)*s;
			size_t l = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
			if (k + l + 1 >= n)
				break;
			for (size_t q = 0; q < l && *s; q++)
				out[k++] = *s++;
		}
	}
	out[k] = 0;
}

/* Copies s into out (n bytes), cut before a character that does not fit whole. */
static void cut_copy(char *out, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l >= n) {
		l = n - 1;
		while (l > 0 && ((unsigned char)s[l] & 0xC0) == 0x80)
			l--;
	}
	memcpy(out, s, l);
	out[l] = 0;
}

/* The unit named in text t (the first of UNITS found in it), or NULL. */
static const struct unit *unit_in(const char *t)
{
	for (const struct unit *u = UNITS; u->name; u++)
		if (strstr(t, u->name))
			return u;
	return NULL;
}

/* The kind of a catalogue unit ("万元" → money). */
static enum ukind kind_of(const char *unit)
{
	const struct unit *u = unit_in(unit);
	return u ? u->kind : UK_NONE;
}

/* Removes "(…)" parts from t in place, keeping their text in br (the last one). */
static void strip_brackets(char *t, char *br, size_t bn)
{
	char *o = t;
	*br = 0;
	for (char *s = t; *s;) {
		if (*s == '(') {
			char *end = strchr(s, ')');
			if (end) {
				snprintf(br, bn, "%.*s", (int)(end - s - 1), s + 1);
				s = end + 1;
				continue;
			}
		}
		*o++ = *s++;
	}
	*o = 0;
}

/* The sub-column a (normalised) header text names. */
static enum sub sub_of(const char *t)
{
	if (strstr(t, "同比") || strstr(t, "增速") || strstr(t, "增幅") || strstr(t, "增长") ||
	    strstr(t, "增减"))
		return SUB_YOY;
	if (strstr(t, "上年") || strstr(t, "去年") || strstr(t, "同期"))
		return SUB_BASE;
	if (strstr(t, "累计") || strstr(t, "本年") || (strstr(t, "1-") && strstr(t, "月")))
		return SUB_YTD;
	if (strstr(t, "本月") || strstr(t, "当月") || strstr(t, "本期"))
		return SUB_MONTH;
	return SUB_NONE;
}

/* The indicator whose name (or an alias) text t holds, the longest match: its index, or -1. */
static int ind_of(const struct import_run *x, const char *t)
{
	int best = -1;
	size_t best_len = 0;
	for (size_t i = 0; i < x->n_inds; i++) {
		size_t l = strlen(x->inds[i].name);
		if (l > best_len && strstr(t, x->inds[i].name)) {
			best = (int)i;
			best_len = l;
		}
	}
	for (size_t a = 0; a < sizeof ALIASES / sizeof *ALIASES; a++) {
		size_t l = strlen(ALIASES[a].alias);
		if (l <= best_len || !strstr(t, ALIASES[a].alias))
			continue;
		for (size_t i = 0; i < x->n_inds; i++)
			if (strcmp(x->inds[i].code, ALIASES[a].code) == 0) {
				best = (int)i;
				best_len = l;
			}
	}
	return best;
}

static int is_uscc_header(const char *t)
{
	return strstr(t, "信用代码") || strstr(t, "纳税人识别号") || strcmp(t, "USCC") == 0 ||
	       strcmp(t, "uscc") == 0;
}

static int is_name_header(const char *t)
{
	return strcmp(t, "企业名称") == 0 || strcmp(t, "单位名称") == 0 || strcmp(t, "企业") == 0 ||
	       strcmp(t, "纳税人名称") == 0 || strcmp(t, "名称") == 0 ||
	       strcmp(t, "单位详细名称") == 0 || strcmp(t, "企业全称") == 0;
}

/* The month a title names: "2026年1-4月", "2026年4月", "2026年上半年" → "2026-04"…; 0 when
 * found. */
int econ_import_title_period(const char *title, char out[8])
{
	char t[NORM_MAX];
	norm(title, t, sizeof t);
	for (const char *p = strstr(t, "年"); p; p = strstr(p + 1, "年")) {
		if (p - t < 4)
			continue;
		const char *y = p - 4;
		int year = 0, ok = 1;
		for (int i = 0; i < 4; i++) {
			if (y[i] < '0' || y[i] > '9')
				ok = 0;
			else
				year = year * 10 + (y[i] - '0');
		}
		if (!ok || year < 2000 || year > 2099)
			continue;
		const char *s = p + strlen("年");
		int month = 0;
		if (strncmp(s, "上半年", strlen("上半年")) == 0)
			month = 6;
		else if (strncmp(s, "一季度", strlen("一季度")) == 0)
			month = 3;
		else if (strncmp(s, "前三季度", strlen("前三季度")) == 0)
			month = 9;
		else {
			if (s[0] == '1' && s[1] == '-')
				s += 2;
			while (*s >= '0' && *s <= '9' && month < 100)
				month = month * 10 + (*s++ - '0');
			if (strncmp(s, "月", strlen("月")) != 0)
				month = 0;
		}
		if (month >= 1 && month <= 12) {
			snprintf(out, 8, "%04d-%02d", year, month);
			return 0;
		}
	}
	return -1;
}

/* A number in a cell: "12,345.6", " 3 200 ", "15.2%"; "", "-", "—", "/", "无" are none (1).
 * 0 with *v, 1 none, -1 not a number. *pct set when it ends with "%". */
static int read_number(const char *cell, double *v, int *pct)
{
	char t[64];
	size_t k = 0;
	*pct = 0;
	char n[NORM_MAX];
	norm(cell, n, sizeof n);
	if (!*n || strcmp(n, "-") == 0 || strcmp(n, "--") == 0 || strcmp(n, "/") == 0 ||
	    strcmp(n, "无") == 0 || strcmp(n, "…") == 0)
		return 1;
	for (const char *s = n; *s; s++) {
		if (*s == ',')
			continue;
		if (*s == '%' && s[1] == 0) {
			*pct = 1;
			break;
		}
		if (!strchr("0123456789.-+eE", *s) || k + 1 >= sizeof t)
			return -1;
		t[k++] = *s;
	}
	t[k] = 0;
	if (!k)
		return -1;
	char *end;
	double d = strtod(t, &end);
	if (*end || !isfinite(d) || fabs(d) > ECON_VALUE_MAX)
		return -1;
	*v = d;
	return 0;
}

/* ---- the header ---- */

/* Reads a unit line ("单位：万元、万千瓦时") into the defaults. 1 when the row is one. */
static int unit_line(struct import_run *x, const struct table_row *row)
{
	int found = 0;
	for (size_t j = 0; j < row->n_cells; j++) {
		char t[NORM_MAX];
		norm(row->cells[j], t, sizeof t);
		const char *s = strstr(t, "单位:");
		if (!s)
			continue;
		s += strlen("单位:");
		for (const struct unit *u = UNITS; u->name; u++) {
			const char *at = strstr(s, u->name);
			if (!at || x->unit_default[u->kind])
				continue;
			/* "万元" holds "元": the longer name was met first and set the kind */
			x->unit_default[u->kind] = u->scale;
			found = 1;
		}
	}
	return found;
}

/* Sets column j from its group (indicator) text g and sub-column text s. */
static void set_col(struct import_run *x, size_t j, const char *g, const char *s,
                    const char *header)
{
	struct col *c = &x->cols[j];
	c->ind = -1;
	cut_copy(c->header, sizeof c->header, header);
	char gt[NORM_MAX], st[NORM_MAX], gb[64], sb[64];
	snprintf(gt, sizeof gt, "%s", g);
	snprintf(st, sizeof st, "%s", s);
	strip_brackets(gt, gb, sizeof gb);
	strip_brackets(st, sb, sizeof sb);
	int i = ind_of(x, gt);
	if (i < 0)
		return;
	/* the sub-column: the second row's text, else what follows the name in one cell */
	enum sub sub = *st ? sub_of(st) : SUB_NONE;
	if (sub == SUB_NONE && !*st) {
		const char *rest = strstr(gt, x->inds[i].name);
		sub = rest ? sub_of(rest + strlen(x->inds[i].name)) : SUB_NONE;
		if (sub == SUB_NONE)
			sub = sub_of(gt);
		if (sub == SUB_NONE)
			sub = SUB_MONTH; /* a plain indicator column is the month's value */
	}
	if (sub == SUB_NONE)
		return;
	c->ind = i;
	c->sub = sub;
	/* the unit: the sub-column's brackets, the group's, else the unit line's */
	const struct unit *u = *sb ? unit_in(sb) : NULL;
	if (!u && *gb)
		u = unit_in(gb);
	enum ukind k = x->inds[i].kind;
	if (u && u->kind == k)
		c->scale = u->scale;
	else
		c->scale = k != UK_NONE && x->unit_default[k] ? x->unit_default[k] : 1;
}

/* Copies row r into dst, its cells in cells[] and arena a, emptied first (the reader reuses its
 * strings). */
static int keep_row(struct arena *a, const char **cells, struct table_row *dst,
                    const struct table_row *r)
{
	arena_reset(a);
	return import_copy_row(a, r, cells, dst);
}

static int header_of(void *arg, struct table_reader *t, struct yq_err *e)
{
	struct import_run *x = arg;
	struct import_report *rep = x->b.rep;
	struct arena a = {.limit = 4u << 20}, a2 = {.limit = 4u << 20};
	const char *cells[256], *cells2[256];
	struct table_row raw, row, row2;
	int r, found = 0;
	memset(x->unit_default, 0, sizeof x->unit_default);
	x->has_pending = 0;
	for (int k = 0; k < HEADER_ROWS && (r = table_next(t, &raw)) == 1; k++) {
		import_clean_row(&raw, table_format(t) == TABLE_CSV, &a, cells, &row);
		int uscc = -1, name = -1, inds = 0;
		for (size_t j = 0; j < row.n_cells; j++) {
			char n[NORM_MAX];
			norm(row.cells[j], n, sizeof n);
			if (uscc < 0 && is_uscc_header(n))
				uscc = (int)j;
			else if (name < 0 && is_name_header(n))
				name = (int)j;
			else if (ind_of(x, n) >= 0)
				inds++;
		}
		if ((uscc < 0 && name < 0) || !inds) {
			/* a title or a unit line above the header */
			if (!unit_line(x, &row) && !*x->title_period)
				for (size_t j = 0; j < row.n_cells; j++)
					if (econ_import_title_period(row.cells[j],
					                             x->title_period) == 0)
						break;
			arena_reset(&a);
			continue;
		}
		x->uscc_col = uscc;
		x->name_col = name;
		x->n_cols = row.n_cells;
		/* the reader reuses the row's strings for the next row: keep them */
		const char *kept[256];
		struct table_row head;
		if (keep_row(&a2, kept, &head, &row) < 0) {
			arena_release(&a);
			arena_release(&a2);
			return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
		}
		row = head;
		/* a second header row: sub-column words under the groups */
		int r2 = table_next(t, &raw);
		int two = 0;
		if (r2 == 1) {
			import_clean_row(&raw, table_format(t) == TABLE_CSV, &a, cells2, &row2);
			for (size_t j = 0; j < row2.n_cells && !two; j++) {
				char n[NORM_MAX];
				norm(row2.cells[j], n, sizeof n);
				two = (int)j != uscc && (int)j != name && *n &&
				      sub_of(n) != SUB_NONE && ind_of(x, n) < 0;
			}
			if (two && row2.n_cells > x->n_cols)
				x->n_cols = row2.n_cells;
		} else if (r2 < 0) {
			arena_release(&a);
			arena_release(&a2);
			return import_file_error(rep, table_fault(t), table_error(t), e);
		}
		char group[NORM_MAX] = "";
		for (size_t j = 0; j < x->n_cols; j++) {
			char g[NORM_MAX], s[NORM_MAX] = "", hdr[96];
			norm(j < row.n_cells ? row.cells[j] : "", g, sizeof g);
			if (two) {
				norm(j < row2.n_cells ? row2.cells[j] : "", s, sizeof s);
				/* a merged group header stands in its first column only */
				if (*g)
					snprintf(group, sizeof group, "%s", g);
				else if (*s)
					snprintf(g, sizeof g, "%s", group);
			}
			cut_copy(hdr, sizeof hdr, g);
			if (*s) {
				size_t l = strlen(hdr);
				cut_copy(hdr + l, sizeof hdr - l, "/");
				l = strlen(hdr);
				cut_copy(hdr + l, sizeof hdr - l, s);
			}
			if ((int)j == uscc || (int)j == name) {
				x->cols[j].ind = -1;
				cut_copy(x->cols[j].header, sizeof x->cols[j].header, g);
				continue;
			}
			set_col(x, j, g, s, hdr);
		}
		if (!two && r2 == 1) {
			if (keep_row(&x->pending_arena, x->pending_cells, &x->pending, &row2) < 0) {
				arena_release(&a);
				arena_release(&a2);
				return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
			}
			x->has_pending = 1;
		}
		found = 1;
		break;
	}
	arena_release(&a);
	arena_release(&a2);
	if (!found && r < 0)
		return import_file_error(rep, table_fault(t), table_error(t), e);
	if (!found) {
		snprintf(
		    rep->message, sizeof rep->message,
		    "未找到表头：前%d行中应有「统一社会信用代码」或「企业名称」列及至少一个指标列",
		    HEADER_ROWS);
		snprintf(rep->message_en, sizeof rep->message_en,
		         "no header: the first %d rows hold no enterprise column with an indicator",
		         HEADER_ROWS);
		return err_set(e, ERR_VALIDATION, "file", rep->message, rep->message_en);
	}
	/* the month: the caller's, else the title's; both must agree */
	if (x->b.o->period && *x->b.o->period) {
		if (*x->title_period && strcmp(x->title_period, x->b.o->period) != 0) {
			snprintf(rep->message, sizeof rep->message,
			         "文件标题所述月份（%s）与所选月份（%s）不一致", x->title_period,
			         x->b.o->period);
			snprintf(rep->message_en, sizeof rep->message_en,
			         "the title's month (%s) is not the month chosen (%s)",
			         x->title_period, x->b.o->period);
			return err_set(e, ERR_VALIDATION, "period", rep->message, rep->message_en);
		}
	} else if (!*x->title_period) {
		return err_set(e, ERR_VALIDATION, "period",
		               "请指定报告期（YYYY-MM），文件标题中未写明月份",
		               "give the month (YYYY-MM): the title names none");
	} else {
		snprintf(x->period, sizeof x->period, "%s", x->title_period);
	}
	if (econ_period_check(x->period, &x->y, &x->m, e) < 0)
		return -1;
	return 0;
}

/* ---- the rows ---- */

/* What one row says of one indicator. */
struct cellv {
	double month, ytd, base, yoy; /* NAN: not in the row */
	int col_month, col_ytd, col_base, col_yoy;
};

struct row_read {
	int64_t enterprise_id;
	const char *why, *why_en;
	int bad_col;
	struct cellv v[MAX_INDS];
	int any;
};

static const char SQL_BY_USCC[] = "SELECT id, name FROM enterprise WHERE zone_id = ? AND uscc = ?";
static const char SQL_BY_NAME[] =
    "SELECT id FROM enterprise WHERE zone_id = ? AND name = ? LIMIT 2";
/* the enterprise's counted values of an indicator over months [from, to] */
static const char SQL_MONTHS[] =
    "SELECT v.period, v.value FROM econ_value v JOIN econ_report r ON r.id = v.report_id WHERE "
    "v.enterprise_id = ? AND v.indicator_id = ? AND v.period >= ? AND v.period <= ? AND "
    "r.status <> 'returned'";
static const char SQL_REPORT_VALUES[] =
    "SELECT v.indicator_id, v.value FROM econ_report r JOIN econ_value v ON v.report_id = r.id "
    "WHERE r.zone_id = ? AND r.enterprise_id = ? AND r.period = ?";
static const char SQL_REPORT_STATUS[] =
    "SELECT status FROM econ_report WHERE zone_id = ? AND enterprise_id = ? AND period = ?";

/* The sum of the enterprise's values of indicator i over months 1..m of year y (*n the months
 * found). DB_OK or a negative rc. */
static int months_sum(struct db *c, const struct import_run *x, int64_t ent, int i, int y, int m,
                      double *sum, int *n)
{
	char from[8], to[8];
	snprintf(from, sizeof from, "%04d-01", y);
	snprintf(to, sizeof to, "%04d-%02d", y, m);
	*sum = 0;
	*n = 0;
	if (m < 1)
		return DB_OK;
	struct db_stmt *st =
	    db_prepare_with(c, SQL_MONTHS, DB_I(ent), DB_I(x->inds[i].id), DB_T(from), DB_T(to));
	if (!st)
		return DB_ERR;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		*sum += db_col_double(st, 1);
		(*n)++;
	}
	db_reset(st);
	return rc < 0 ? rc : DB_OK;
}

static void bad(struct row_read *rr, int col, const char *why, const char *why_en)
{
	if (!rr->why) {
		rr->why = why;
		rr->why_en = why_en;
		rr->bad_col = col;
	}
}

/* The kind of a row by its identity cells: 0 data, 1 a 合计/总计 row, 2 skipped. */
static int row_kind(const struct import_run *x, const struct table_row *row)
{
	static const char *const totals[] = {"合计", "总计", "全区合计", "全园区", NULL};
	static const char *const skipped[] = {"小计", "注",     "说明",   "填报",
	                                      "制表", "负责人", "审核人", NULL};
	for (size_t j = 0; j < row->n_cells && j < 4; j++) {
		char t[NORM_MAX];
		norm(row->cells[j], t, sizeof t);
		if (str_starts_any(t, totals))
			return 1;
		if (str_starts_any(t, skipped))
			return 2;
	}
	const char *u = import_cell(row, x->uscc_col);
	const char *n = import_cell(row, x->name_col);
	return *u || *n ? 0 : 2;
}

/* Reads the indicator cells of a row into rr (scaled to the catalogue's units). */
static void read_cells(const struct import_run *x, const struct table_row *row, struct row_read *rr)
{
	for (size_t i = 0; i < x->n_inds; i++) {
		struct cellv *v = &rr->v[i];
		v->month = v->ytd = v->base = v->yoy = NAN;
		v->col_month = v->col_ytd = v->col_base = v->col_yoy = -1;
	}
	for (size_t j = 0; j < x->n_cols && j < row->n_cells; j++) {
		const struct col *c = &x->cols[j];
		if (c->ind < 0 || !*row->cells[j])
			continue;
		double d;
		int pct;
		int r = read_number(row->cells[j], &d, &pct);
		if (r == 1)
			continue;
		if (r < 0) {
			bad(rr, (int)j, "不是有效的数字", "not a number");
			continue;
		}
		struct cellv *v = &rr->v[c->ind];
		rr->any = 1;
		switch (c->sub) {
		case SUB_MONTH:
			v->month = d * c->scale;
			v->col_month = (int)j;
			break;
		case SUB_YTD:
			v->ytd = d * c->scale;
			v->col_ytd = (int)j;
			break;
		case SUB_BASE:
			v->base = d * c->scale;
			v->col_base = (int)j;
			break;
		case SUB_YOY:
			v->yoy = d; /* in per cent, "%" or not */
			v->col_yoy = (int)j;
			break;
		default:
			break;
		}
	}
}

/* Finds the row's enterprise in the zone. */
static int find_enterprise(struct db *c, const struct import_run *x, const struct table_row *row,
                           struct row_read *rr)
{
	const char *u = import_cell(row, x->uscc_col);
	const char *n = import_cell(row, x->name_col);
	struct db_stmt *st;
	int rc;
	if (*u) {
		char up[32];
		size_t k = 0;
		for (; u[k] && k + 1 < sizeof up; k++)
			up[k] = (char)(u[k] >= 'a' && u[k] <= 'z' ? u[k] - 32 : u[k]);
		up[k] = 0;
		if (!(st = db_prepare_with(c, SQL_BY_USCC, DB_I(x->zone_id), DB_T(up))))
			return DB_ERR;
		rc = db_step(st);
		int same_name = 1;
		if (rc == DB_ROW) {
			rr->enterprise_id = db_col_int(st, 0);
			same_name =
			    !*n || strcmp(n, db_col_text(st, 1) ? db_col_text(st, 1) : "") == 0;
		}
		db_reset(st);
		if (rc < 0)
			return rc;
		if (rc != DB_ROW)
			bad(rr, x->uscc_col, "本园区无此统一社会信用代码的企业",
			    "no enterprise of the zone has this code");
		else if (!same_name)
			bad(rr, x->name_col, "企业名称与统一社会信用代码不符",
			    "the name is not the code's enterprise");
		return DB_OK;
	}
	if (!(st = db_prepare_with(c, SQL_BY_NAME, DB_I(x->zone_id), DB_T(n))))
		return DB_ERR;
	int found = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		rr->enterprise_id = db_col_int(st, 0);
		found++;
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!found)
		bad(rr, x->name_col, "本园区无此名称的企业",
		    "no enterprise of the zone has this name");
	else if (found > 1)
		bad(rr, x->name_col, "同名企业不止一家，请填写统一社会信用代码",
		    "more than one enterprise has this name: give the code");
	return DB_OK;
}

static void warn(struct import_run *x, const struct table_row *row, int col, const char *zh,
                 const char *en)
{
	import_report_warn(x->b.rep, row->number, col >= 0 ? x->cols[col].header : "",
	                   import_cell(row, col), zh, en);
}

/* Two figures agree within rounding: 0.1% of the larger, or 0.01. */
static int agree(double a, double b)
{
	double m = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= fmax(0.01, m * 0.001);
}

/* Fills each indicator's month value from the row, and checks the 累计, 上年同期 and 同比 the
 * file gives against the zone's data (warnings on the validation pass). */
static int month_values(struct db *c, struct import_run *x, const struct table_row *row,
                        struct row_read *rr, int write, struct arena *a)
{
	for (size_t i = 0; i < x->n_inds; i++) {
		struct cellv *v = &rr->v[i];
		const struct ind *ind = &x->inds[i];
		double prior = 0, last = 0;
		int np = 0, nl = 0;
		if (isnan(v->month) && isnan(v->ytd)) {
			if (!isnan(v->yoy) || !isnan(v->base))
				bad(rr, !isnan(v->yoy) ? v->col_yoy : v->col_base,
				    "只有同比或上年同期，缺少本月数或累计数",
				    "a 同比 or base without the month's value");
			continue;
		}
		int rc = ind->flow ? months_sum(c, x, rr->enterprise_id, (int)i, x->y, x->m - 1,
		                                &prior, &np)
		                   : DB_OK;
		if (rc == DB_OK && ind->flow)
			rc =
			    months_sum(c, x, rr->enterprise_id, (int)i, x->y - 1, x->m, &last, &nl);
		if (rc < 0)
			return rc;
		int prior_all = np == x->m - 1, last_all = nl == x->m;
		if (isnan(v->month)) {
			if (!ind->flow)
				v->month = v->ytd;
			else if (prior_all)
				v->month = v->ytd - prior;
			else {
				const char *zh =
				    arena_printf(a,
				                 "「%s」缺少本月数：系统中缺少本年此前%"
				                 "d个月的数据，无法由累计数推算",
				                 ind->name, x->m - 1 - np);
				bad(rr, v->col_ytd, zh ? zh : "缺少本月数",
				    "no month's value, and the months before are missing");
				continue;
			}
		}
		if (v->month < 0 && !ind->may_be_negative) {
			bad(rr, v->col_month >= 0 ? v->col_month : v->col_ytd, "数值不能为负数",
			    "the value is not negative");
			continue;
		}
		if (write)
			continue;
		/* the year to date: the file's, else the months held and this one */
		double ytd = !ind->flow ? v->month : prior_all ? prior + v->month : NAN;
		if (!isnan(v->ytd) && !isnan(ytd) && ind->flow && !agree(v->ytd, ytd)) {
			const char *zh = arena_printf(a,
			                              "「%s」累计数与系统各月合计（%.2f）不一致，"
			                              "已按本月数导入",
			                              ind->name, ytd);
			warn(x, row, v->col_ytd, zh ? zh : "累计数与系统不一致",
			     "the year to date differs from the months held");
		}
		if (!isnan(v->ytd))
			ytd = v->ytd;
		double base = ind->flow && last_all ? last : NAN;
		if (!isnan(v->base) && !isnan(base) && !agree(v->base, base)) {
			const char *zh = arena_printf(a, "「%s」上年同期与系统数据（%.2f）不一致",
			                              ind->name, base);
			warn(x, row, v->col_base, zh ? zh : "上年同期与系统不一致",
			     "the base differs from last year's months held");
		}
		if (isnan(base))
			base = v->base;
		if (!isnan(v->yoy) && !isnan(ytd) && !isnan(base) && base != 0) {
			double yoy = (ytd / base - 1) * 100;
			if (fabs(yoy - v->yoy) > 0.1) {
				const char *zh =
				    arena_printf(a, "「%s」同比：文件为%.1f%%，按数据计算为%.1f%%",
				                 ind->name, v->yoy, yoy);
				warn(x, row, v->col_yoy, zh ? zh : "同比与计算不一致",
				     "the 同比 differs from the one computed");
			}
		}
	}
	return DB_OK;
}

/* Whether the report of the month holds these values already: 1 same, 0 not (or no report),
 * with *exists. */
static int same_values(struct db *c, const struct import_run *x, const struct row_read *rr,
                       int *exists)
{
	struct db_stmt *st = db_prepare_with(c, SQL_REPORT_STATUS, DB_I(x->zone_id),
	                                     DB_I(rr->enterprise_id), DB_T(x->period));
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	int accepted =
	    rc == DB_ROW && db_col_text(st, 0) && strcmp(db_col_text(st, 0), "accepted") == 0;
	*exists = rc == DB_ROW;
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!*exists || !accepted)
		return 0;
	double held[MAX_INDS];
	for (size_t i = 0; i < x->n_inds; i++)
		held[i] = NAN;
	if (!(st = db_prepare_with(c, SQL_REPORT_VALUES, DB_I(x->zone_id), DB_I(rr->enterprise_id),
	                           DB_T(x->period))))
		return DB_ERR;
	while ((rc = db_step(st)) == DB_ROW)
		for (size_t i = 0; i < x->n_inds; i++)
			if (x->inds[i].id == db_col_int(st, 0))
				held[i] = db_col_double(st, 1);
	db_reset(st);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < x->n_inds; i++)
		if (!isnan(rr->v[i].month) && (isnan(held[i]) || !agree(held[i], rr->v[i].month)))
			return 0;
	return 1;
}

/* Files the row's values as the enterprise's report of the month. */
static int write_report(struct db *tx, struct import_run *x, const struct row_read *rr,
                        struct arena *a, struct yq_err *e)
{
	json_t *o = json_object();
	if (!o)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	for (size_t i = 0; i < x->n_inds; i++)
		if (!isnan(rr->v[i].month))
			json_object_set_new(o, x->inds[i].code, json_real(rr->v[i].month));
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	struct econ_filing f = {.period = x->period,
	                        .enterprise_id = rr->enterprise_id,
	                        .values = text,
	                        .reason = "统计报表导入",
	                        .arena = a,
	                        .imported = 1};
	int rc = econ_report_file_in(tx, x->b.p, &f, e);
	free(text);
	return rc;
}

/* The 合计 row against the sum of the rows above it. */
static void check_total(struct import_run *x, const struct table_row *row, struct arena *a)
{
	for (size_t j = 0; j < x->n_cols && j < row->n_cells; j++) {
		const struct col *c = &x->cols[j];
		double d;
		int pct;
		if (c->ind < 0 ||
		    (c->sub != SUB_MONTH && c->sub != SUB_YTD && c->sub != SUB_BASE) ||
		    read_number(row->cells[j], &d, &pct) != 0)
			continue;
		d *= c->scale;
		if (agree(d, x->sums[j]))
			continue;
		const char *zh = arena_printf(a, "合计与各行之和（%.2f）不一致",
		                              x->sums[j] / (c->scale ? c->scale : 1));
		warn(x, row, (int)j, zh ? zh : "合计与各行之和不一致",
		     "the total differs from the sum of the rows");
	}
}

static void add_sums(struct import_run *x, const struct table_row *row)
{
	for (size_t j = 0; j < x->n_cols && j < row->n_cells; j++) {
		double d;
		int pct;
		if (x->cols[j].ind >= 0 && read_number(row->cells[j], &d, &pct) == 0)
			x->sums[j] += d * x->cols[j].scale;
	}
}

static void report_bad(struct import_run *x, const struct table_row *row, const struct row_read *rr)
{
	int col = rr->bad_col;
	int ok = col >= 0 && (size_t)col < x->n_cols;
	import_report_add(x->b.rep, row->number, ok ? x->cols[col].header : "",
	                  ok ? import_cell(row, col) : "", rr->why, rr->why_en);
}

/* Seen enterprises of the file (a row repeating one is an error). */
static int seen(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return 1;
	if (yq_grow((void **)ids, *n, cap, sizeof **ids, 256) < 0)
		return -1;
	(*ids)[(*n)++] = id;
	return 0;
}

/* The month has ended (a month is imported from the 1st of the next). */
static int month_open(struct db *c, struct import_run *x, struct yq_err *e)
{
	char deadline[11], day[11];
	int rc = econ_period_deadline(c, x->zone_id, x->period, deadline);
	if (rc < 0)
		return err_db(e, rc);
	cst_day(now_unix(), day);
	if (econ_window(x->y, x->m, deadline, day) == ECON_NOT_ENDED)
		return err_set(e, ERR_VALIDATION, "period", "该月尚未结束，次月1日起方可导入",
		               "the month has not ended");
	return 0;
}

static int import_pass(struct db *c, void *arg, struct table_reader *t, int write, struct yq_err *e)
{
	struct import_run *x = arg;
	struct import_report *rep = x->b.rep;
	struct table_row row;
	const char *cells[256];
	struct arena a = {.limit = 4u << 20};
	struct row_read *rr = yq_calloc(1, sizeof *rr);
	int64_t *ids = NULL;
	size_t n_ids = 0, cap_ids = 0;
	int r, ret = -1;
	long n = 0;
	if (!rr)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	memset(x->sums, 0, sizeof x->sums);
	if (!write && month_open(c, x, e) < 0)
		goto out;
	while ((r = import_next_row(t, &x->has_pending, &x->pending, &a, cells, &row)) == 1) {
		int kind = row_kind(x, &row);
		if (kind == 0 && !write)
			add_sums(x, &row);
		if (kind == 1 && !write && n == 0 && !x->has_total) {
			if (keep_row(&x->total_arena, x->total_cells, &x->total, &row) < 0) {
				err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
				goto out;
			}
			x->has_total = 1;
		} else if (kind == 1 && !write) {
			check_total(x, &row, &a);
		}
		if (kind) {
			arena_reset(&a);
			continue;
		}
		if (import_row_begin(x->b.o, ++n, write, e) < 0)
			goto out;
		int64_t what = 0;
		if (write && !(what = import_plan_of(&x->b, n))) {
			arena_reset(&a);
			continue;
		}
		if (write && what == PLAN_SAME) {
			rep->unchanged++;
			arena_reset(&a);
			continue;
		}
		if (!write && import_plan_add(&x->b, 0, e) < 0)
			goto out;
		memset(rr, 0, sizeof *rr);
		rr->bad_col = -1;
		read_cells(x, &row, rr);
		int rc = find_enterprise(c, x, &row, rr);
		if (rc == DB_OK && !rr->why)
			rc = month_values(c, x, &row, rr, write, &a);
		if (rc < 0) {
			err_db(e, rc);
			goto out;
		}
		if (!rr->why && !rr->any)
			bad(rr, -1, "该行没有指标数值", "the row holds no value");
		if (write) {
			struct yq_err we = {0};
			if (rr->why) {
				struct yq_err re = {ERR_CONFLICT, NULL, rr->why, rr->why_en, 0};
				import_row_failed(rep, row.number, &re, e);
				goto out;
			}
			if (write_report(c, x, rr, &a, &we) < 0) {
				import_row_failed(rep, row.number, &we, e);
				goto out;
			}
			if (what == PLAN_CREATE)
				rep->created++;
			else
				rep->updated++;
			arena_reset(&a);
			continue;
		}
		if (!rr->why) {
			int dup = seen(&ids, &n_ids, &cap_ids, rr->enterprise_id);
			if (dup < 0) {
				err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
				goto out;
			}
			if (dup)
				bad(rr, x->name_col >= 0 ? x->name_col : x->uscc_col,
				    "文件中企业重复", "the enterprise appears twice in the file");
		}
		if (rr->why) {
			report_bad(x, &row, rr);
			arena_reset(&a);
			continue;
		}
		int exists = 0;
		int same = same_values(c, x, rr, &exists);
		if (same < 0) {
			err_db(e, same);
			goto out;
		}
		rep->total++;
		rep->valid++;
		x->b.plan[n - 1] = same ? PLAN_SAME : exists ? rr->enterprise_id : PLAN_CREATE;
		arena_reset(&a);
	}
	if (r < 0) {
		import_file_error(rep, table_fault(t), table_error(t), e);
		goto out;
	}
	if (!write && x->has_total)
		check_total(x, &x->total, &a);
	ret = 0;
out:
	x->has_total = 0;
	arena_release(&a);
	yq_free(rr);
	yq_free(ids);
	return ret;
}

static void ind_copy(void *ctx, const struct econ_indicator *i)
{
	struct import_run *x = ctx;
	if (x->n_inds >= MAX_INDS)
		return;
	struct ind *d = &x->inds[x->n_inds++];
	d->id = i->id;
	snprintf(d->code, sizeof d->code, "%s", i->code);
	norm(i->name, d->name, sizeof d->name);
	snprintf(d->unit, sizeof d->unit, "%s", i->unit ? i->unit : "");
	d->flow = strcmp(i->kind, "flow") == 0;
	d->may_be_negative = i->may_be_negative;
	d->kind = kind_of(d->unit);
}

static const struct import_driver DRIVER = {import_run_open, import_pass, 0};

int econ_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
                size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e)
{
	struct import_run *x = import_run_new(sizeof *x, p, o, rep, header_of, e);
	if (!x)
		return -1;
	x->zone_id = p->zone_id;
	x->pending_arena = (struct arena){.limit = 4u << 20};
	x->total_arena = (struct arena){.limit = 4u << 20};
	int ret = -1;
	if (o->period && *o->period) {
		int y, m;
		if (econ_period_check(o->period, &y, &m, e) < 0)
			goto out;
		snprintf(x->period, sizeof x->period, "%s", o->period);
	}
	struct db *c = db_pool_reader(pool);
	if (!c) {
		err_db(e, DB_ERR);
		goto out;
	}
	if (econ_indicators(c, p, 0, ind_copy, x) < 0) {
		err_db(e, DB_ERR);
		goto out;
	}
	ret = import_drive(pool, p, path, data, n, o, rep, &DRIVER, x, e);
out:
	arena_release(&x->pending_arena);
	arena_release(&x->total_arena);
	import_run_free(&x->b);
	return ret;
}
