/* Project import: the 重点项目调度表 as people fill it (see project_io.h). */
#include "project/project_io.h"
#include "access/scope.h"
#include "audit/audit.h"
#include "audit/import_tx.h"
#include "audit/write_tx.h"
#include "enterprise/import_run.h"
#include "enterprise/industry.h"
#include "enterprise/uscc.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include "project/project_int.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- text as people type it ---- */

#define NORM_MAX 512 /* the longest cell an amount, a date or a header is read from */

/* Copies the UTF-8 text s into out (n bytes, NUL-terminated) with the full-width forms of ASCII
 * (U+FF01..U+FF5E: "１２", "（", "：", "，", "．") made ASCII and white space (utf8_is_space)
 * dropped, or each run of it made one ASCII space when keep_space. Returns the length, or -1 when
 * s is not valid UTF-8 or does not fit. */
static int norm_text(const char *s, char *out, size_t n, int keep_space)
{
	size_t len = strlen(s), o = 0;
	int space = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k < 0)
			return -1;
		if (utf8_is_space(cp)) {
			space = keep_space && o > 0;
			i += (size_t)k;
			continue;
		}
		if (space) {
			if (o + 1 >= n)
				return -1;
			out[o++] = ' ';
			space = 0;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			if (o + 1 >= n)
				return -1;
			out[o++] = (char)(cp - 0xFEE0);
		} else {
			if (o + (size_t)k >= n)
				return -1;
			memcpy(out + o, s + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	out[o] = 0;
	return (int)o;
}

/* 1 when the normalised cell t is a mark for "nothing": empty, a dash, a slash, 无. */
static int none_mark(const char *t)
{
	static const char *const marks[] = {"",   "-",  "--",  "---", "—",    "——", "–",
	                                    "―",  "/",  "\\",  "无",  "暂无", "空", "…",
	                                    "……", "NA", "N/A", "n/a", NULL};
	for (int i = 0; marks[i]; i++)
		if (strcmp(t, marks[i]) == 0)
			return 1;
	return 0;
}

/* Moves *p past the word w when the text at *p starts with it; 1 when it did. */
static int eat(const char **p, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(*p, w, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Moves *p past the first of the words (NULL-terminated list) the text at *p starts with;
 * returns its index, or -1 when none does. Lists put a longer word before its prefixes. */
static int eat_any(const char **p, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (eat(p, words[i]))
			return i;
	return -1;
}

/* ---- numbers with units ---- */

/* A unit a number may be written in: its text, its factor to the column's base unit (万 for
 * money, 亩 for land, one for a count), and whether it is US dollars. Longer texts first. */
struct unit {
	const char *text;
	double factor;
	int usd;
};

static const struct unit MONEY_UNITS[] = {
    {"亿元人民币", 10000, 0}, {"万元人民币", 1, 0}, {"人民币亿元", 10000, 0}, {"人民币万元", 1, 0},
    {"亿美元", 10000, 1},     {"万美元", 1, 1},     {"亿美金", 10000, 1},     {"万美金", 1, 1},
    {"美元", 0.0001, 1},      {"美金", 0.0001, 1},  {"亿元", 10000, 0},       {"万元", 1, 0},
    {"亿", 10000, 0},         {"万", 1, 0},         {"元", 0.0001, 0},        {NULL, 0, 0},
};
static const struct unit AREA_UNITS[] = {
    {"平方公里", 1500, 0}, {"万平方米", 15, 0}, {"平方米", 0.0015, 0},
    {"公顷", 15, 0},       {"亩", 1, 0},        {"㎡", 0.0015, 0},
    {"m2", 0.0015, 0},     {"m²", 0.0015, 0},   {NULL, 0, 0},
};
static const struct unit COUNT_UNITS[] = {
    {"人", 1, 0}, {"个", 1, 0}, {"名", 1, 0}, {"万人", 10000, 0}, {NULL, 0, 0},
};

/* The unit of `units` that the text at *p starts with (moving *p past it), or NULL. */
static const struct unit *eat_unit(const char **p, const struct unit *units)
{
	for (int i = 0; units[i].text; i++)
		if (eat(p, units[i].text))
			return &units[i];
	return NULL;
}

/* Reads a decimal number at *p: digits with "," only between digits, at most one ".", at most
 * 17 significant digits. *mant and *scale give it as mant / 10^scale. Returns 0 (moving *p past
 * it) or -1. */
static int read_decimal(const char **p, int64_t *mant, int *scale)
{
	const char *s = *p;
	int64_t m = 0;
	int digits = 0, sc = 0, dot = 0, any = 0;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (m > 0 || *s != '0' || dot) {
				if (++digits > 17)
					return -1;
			}
			m = m * 10 + (*s - '0');
			sc += dot;
			any = 1;
		} else if (*s == ',' && any && !dot && s[1] >= '0' && s[1] <= '9') {
			continue;
		} else if (*s == '.' && any && !dot && s[1] >= '0' && s[1] <= '9') {
			dot = 1;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	*mant = m;
	*scale = sc;
	*p = s;
	return 0;
}

static const double POW10[18] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};

#define QTY_MAX 1e9 /* the largest quantity read: 10^9 万元 is 10万亿元 */

/* Reads a quantity as people write it (normalised text t, see proj_parse_amount): an optional
 * word before, a number, an optional 余/多, an optional unit of `units`, an optional word after.
 * Without a unit the number is in `unit` (the column's factor). *out is in the base unit, rounded
 * to six decimals; *usd is the unit's. Returns 0, 1 for a mark of none, -1 for anything else. */
static int read_quantity(const char *t, const struct unit *units, double unit, double *out,
                         int *usd)
{
	static const char *const before[] = {"人民币", "大约", "约合", "超过", "不低于", "不少于",
	                                     "约",     "近",   "超",   "逾",   "达",     NULL};
	static const char *const approx[] = {"余", "多", NULL};
	static const char *const after[] = {"左右", "以上", "余", "多", NULL};
	if (none_mark(t))
		return 1;
	const char *p = t;
	for (int i = 0; i < 2 && eat_any(&p, before) >= 0; i++)
		;
	int64_t mant;
	int scale;
	if (read_decimal(&p, &mant, &scale) < 0)
		return -1;
	eat_any(&p, approx);
	const struct unit *u = eat_unit(&p, units);
	eat_any(&p, after);
	if (*p)
		return -1;
	double f = u ? u->factor : unit;
	double x = (double)mant * f / POW10[scale];
	if (!isfinite(x) || x > QTY_MAX)
		return -1;
	*out = round(x * 1e6) / 1e6;
	*usd = u ? u->usd : 0;
	return 0;
}

int proj_parse_amount(const char *s, double unit_wan, double *out_wan, int *usd)
{
	char t[NORM_MAX];
	int u = 0;
	*out_wan = NAN;
	if (usd)
		*usd = 0;
	if (!s || !isfinite(unit_wan) || unit_wan <= 0 || norm_text(s, t, sizeof t, 0) < 0)
		return -1;
	int r = read_quantity(t, MONEY_UNITS, unit_wan, out_wan, &u);
	if (r == 1)
		*out_wan = NAN;
	if (usd)
		*usd = r == 0 ? u : 0;
	return r < 0 ? -1 : 0;
}

/* ---- dates ---- */

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* The civil date of day `z` counted from 1970-01-01 (Hinnant's algorithm). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads 1 to `max` ASCII digits at *p into *out; returns the count read (0: none there). */
static int read_digits(const char **p, int max, int *out)
{
	int n = 0, v = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9')
		v = v * 10 + ((*p)[n++] - '0');
	if ((*p)[n] >= '0' && (*p)[n] <= '9')
		return 0; /* more digits than the field holds */
	*p += n;
	*out = v;
	return n;
}

/* The number the n ASCII digits at p make. */
static int fixed_digits(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* Writes y-m-d into out when it is a day from 1900 to 2100. */
static enum proj_date_fault put_date(int y, int m, int d, char out[11])
{
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return PDATE_NONEXISTENT;
	char b[32];
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	memcpy(out, b, 11);
	return PDATE_OK;
}

/* An Excel serial day number (1900 system): 1 is 1900-01-01, 60 the 1900-02-29 Excel counts and
 * the calendar lacks. Five digits only (1927 to 2173): fewer is a year or a small number. */
static enum proj_date_fault serial_date(const char *t, char out[11])
{
	const char *p = t;
	int v;
	if (read_digits(&p, 5, &v) != 5)
		return PDATE_FORMAT;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return PDATE_FORMAT;
	int y, m, d;
	civil_from_days((int64_t)v - 25569, &y, &m, &d); /* 25569 is 1970-01-01 */
	return put_date(y, m, d, out);
}

/* A time of day after a date: " 10:30", " 10:30:00", "T10:30:00" (the spaces kept by
 * norm_text). 1 when t is one (or empty). */
static int time_tail(const char *t)
{
	int v;
	if (!*t)
		return 1;
	if (*t != ' ' && *t != 'T')
		return 0;
	t++;
	if (!read_digits(&t, 2, &v) || v > 23 || *t++ != ':' || read_digits(&t, 2, &v) != 2 ||
	    v > 59)
		return 0;
	if (*t == ':' && (t++, read_digits(&t, 2, &v) != 2 || v > 59))
		return 0;
	if (*t == '.')
		for (t++; *t >= '0' && *t <= '9'; t++)
			;
	return *t == 0;
}

/* YYYY年M月[D日|D号|底|末|初|份], YYYY年底, YYYY年末; p after "YYYY年". */
static enum proj_date_fault date_cn(int y, const char *p, char out[11])
{
	int m, d;
	if (eat(&p, "底") || eat(&p, "末"))
		return *p ? PDATE_FORMAT : put_date(y, 12, 31, out);
	if (!read_digits(&p, 2, &m) || !eat(&p, "月"))
		return PDATE_FORMAT;
	if (m < 1 || m > 12)
		return PDATE_NONEXISTENT;
	if (eat(&p, "底") || eat(&p, "末"))
		return *p ? PDATE_FORMAT : put_date(y, m, month_days(y, m), out);
	if (eat(&p, "初") || eat(&p, "份") || !*p)
		return *p ? PDATE_FORMAT : put_date(y, m, 1, out);
	if (!read_digits(&p, 2, &d) || !(eat(&p, "日") || eat(&p, "号")) || !time_tail(p))
		return PDATE_FORMAT;
	return put_date(y, m, d, out);
}

enum proj_date_fault proj_date_read(const char *s, char out[11])
{
	char t[NORM_MAX];
	out[0] = 0;
	if (!s || norm_text(s, t, sizeof t, 1) < 0)
		return PDATE_FORMAT;
	if (none_mark(t))
		return PDATE_OK;
	char *sp = strrchr(t, ' ');
	if (sp && time_tail(sp))
		*sp = 0; /* "2021-03-05 10:30:00": the time goes */
	size_t o = 0;
	for (size_t i = 0; t[i]; i++) /* "2021. 3. 5": spaces inside go too */
		if (t[i] != ' ')
			t[o++] = t[i];
	t[o] = 0;
	const char *p = t;
	int y = 0, m = 0, d = 0;
	size_t len = strlen(t);
	if ((len == 8 || len == 6) && strspn(t, "0123456789") == len) /* 20210305, 202103 */
		return put_date(fixed_digits(t, 4), fixed_digits(t + 4, 2),
		                len == 8 ? fixed_digits(t + 6, 2) : 1, out);
	if (strspn(t, "0123456789") == 5)
		return serial_date(t, out);
	if (read_digits(&p, 4, &y) != 4)
		return PDATE_FORMAT;
	if (eat(&p, "年"))
		return date_cn(y, p, out);
	char sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return PDATE_FORMAT;
	p++;
	if (!read_digits(&p, 2, &m))
		return PDATE_FORMAT;
	if (!*p) /* 2021-3, 2021/3, 2021.3: the month */
		return put_date(y, m, 1, out);
	if (*p != sep)
		return PDATE_FORMAT;
	p++;
	if (!read_digits(&p, 2, &d) || !time_tail(p))
		return PDATE_FORMAT;
	return put_date(y, m, d, out);
}

int proj_parse_date(const char *s, char out[11])
{
	if (proj_date_read(s, out) != PDATE_OK) {
		out[0] = 0;
		return -1;
	}
	return 0;
}

/* ---- the sheet's columns ---- */

/* How a column's cells are read. */
enum pk_type {
	K_TEXT,     /* a text member, at most `max` characters */
	K_MONEY,    /* an amount in 万元 (or 万美元) */
	K_AREA,     /* land in 亩 */
	K_COUNT,    /* a whole number of people */
	K_RATE,     /* the USD exchange rate */
	K_DATE,     /* a date member: planned, or actual (not after today) of stage `stage` */
	K_BOOL,     /* 是/否 */
	K_ENUM,     /* a word of `words` for a code */
	K_DEPT,     /* a department's name */
	K_USER,     /* a user's display name */
	K_STAGE,    /* the stage, by its word */
	K_INDUSTRY, /* a GB/T 4754 code or name */
	K_NOTES,    /* joined into the notes */
};

#define W_END                                                                                      \
	{                                                                                          \
		NULL, NULL                                                                         \
	}
static const struct str_map ORIGIN_WORDS[] = {{"内资", "domestic"},
                                              {"国内", "domestic"},
                                              {"内资企业", "domestic"},
                                              {"外资", "foreign"},
                                              {"外商", "foreign"},
                                              {"外商投资", "foreign"},
                                              {"外资企业", "foreign"},
                                              {"港澳台", "hmt"},
                                              {"港资", "hmt"},
                                              {"澳资", "hmt"},
                                              {"台资", "hmt"},
                                              {"港澳台资", "hmt"},
                                              W_END};
static const struct str_map TYPE_WORDS[] = {{"央企", "central_soe"},   {"中央企业", "central_soe"},
                                            {"国企", "local_soe"},     {"国有企业", "local_soe"},
                                            {"地方国企", "local_soe"}, {"省属国企", "local_soe"},
                                            {"市属国企", "local_soe"}, {"民企", "private"},
                                            {"民营", "private"},       {"民营企业", "private"},
                                            {"私营企业", "private"},   {"外资", "foreign"},
                                            {"外资企业", "foreign"},   {"外企", "foreign"},
                                            {"外商独资", "foreign"},   {"港澳台", "hmt"},
                                            {"港澳台企业", "hmt"},     {"港资", "hmt"},
                                            {"台资", "hmt"},           W_END};
static const struct str_map SOURCE_WORDS[] = {
    {"以商招商", "business"}, {"驻点招商", "resident"}, {"展会", "expo"},
    {"展会招商", "expo"},     {"云招商", "cloud"},      {"中介", "agent"},
    {"中介招商", "agent"},    {"委托招商", "agent"},    W_END};
static const struct str_map LEVEL_WORDS[] = {{"省重点", "province"},   {"省级重点", "province"},
                                             {"省级", "province"},     {"省重点项目", "province"},
                                             {"省", "province"},       {"市重点", "city"},
                                             {"市级重点", "city"},     {"市级", "city"},
                                             {"市重点项目", "city"},   {"市", "city"},
                                             {"区重点", "district"},   {"区级重点", "district"},
                                             {"区级", "district"},     {"区重点项目", "district"},
                                             {"区", "district"},       {"县区重点", "district"},
                                             {"区县重点", "district"}, {"一般", ""},
                                             {"非重点", ""},           W_END};
static const struct str_map STAGE_WORDS[] = {
    {"线索", "lead"},          {"在谈", "negotiating"},   {"洽谈", "negotiating"},
    {"洽谈中", "negotiating"}, {"在洽谈", "negotiating"}, {"谈判中", "negotiating"},
    {"签约", "signed"},        {"已签约", "signed"},      {"注册", "registered"},
    {"已注册", "registered"},  {"供地", "land"},          {"已供地", "land"},
    {"已拿地", "land"},        {"已摘牌", "land"},        {"开工", "started"},
    {"已开工", "started"},     {"在建", "started"},       {"新开工", "started"},
    {"竣工", "completed"},     {"已竣工", "completed"},   {"投产", "producing"},
    {"已投产", "producing"},   {"达产", "capacity"},      {"已达产", "capacity"},
    {"终止", "dropped"},       {"已终止", "dropped"},     W_END};

/* The members a sheet may fill, with the headers each goes by (normalised: no white space,
 * ASCII brackets, no unit). The index of a row is the key's number in struct proj_col. */
struct pkey {
	const char *key; /* the project's JSON member */
	enum pk_type type;
	size_t off;                  /* of the member in struct project */
	int max;                     /* K_TEXT: characters */
	const struct str_map *words; /* K_ENUM */
	int actual;                  /* K_DATE: the actual date of stage `stage` (else a plan) */
	enum proj_stage stage;
	const char *const names[20]; /* the headers it goes by; the first is its name in messages */
	const char *bad, *bad_en;    /* K_ENUM, K_STAGE: the reason for a word none of `words` */
};

#define PO(m) offsetof(struct project, m)
static const struct pkey KEYS[] = {
    {.key = "name",
     .type = K_TEXT,
     .off = PO(name),
     .max = PROJ_NAME_MAX,
     .names = {"项目名称", "项目全称", "项目名", "项目", "项目名称(全称)"}},
    {.key = "investor",
     .type = K_TEXT,
     .off = PO(investor),
     .max = PROJ_TEXT_MAX,
     .names = {"投资方", "投资主体", "签约企业", "投资企业", "投资单位", "投资商", "投资人",
               "签约主体", "签约单位", "项目单位", "建设单位", "项目业主", "业主单位", "实施主体",
               "投资方名称", "企业名称"}},
    {.key = "investor_origin",
     .type = K_ENUM,
     .off = PO(investor_origin),
     .words = ORIGIN_WORDS,
     .names = {"内外资", "内资/外资", "内/外资", "资本类型"},
     .bad = "应为内资、外资或港澳台",
     .bad_en = "not one of 内资, 外资, 港澳台"},
    {.key = "investor_region",
     .type = K_TEXT,
     .off = PO(investor_region),
     .max = 100,
     .names = {"投资方来源地", "投资方所在地", "投资来源地", "客商来源地", "来源地", "投资方来源",
               "国别/地区", "国别地区", "投资国别"}},
    {.key = "investor_type",
     .type = K_ENUM,
     .off = PO(investor_type),
     .words = TYPE_WORDS,
     .names = {"投资方性质", "企业性质", "投资主体性质", "投资方类型", "所有制性质"},
     .bad = "应为央企、国企、民企、外资或港澳台",
     .bad_en = "not one of 央企, 国企, 民企, 外资, 港澳台"},
    {.key = "industry_code",
     .type = K_INDUSTRY,
     .off = PO(industry_code),
     .names = {"行业", "所属行业", "行业代码", "行业分类", "国民经济行业", "国民经济行业分类",
               "行业类别"}},
    {.key = "total_investment",
     .type = K_MONEY,
     .off = PO(total_investment),
     .names = {"总投资", "计划总投资", "项目总投资", "总投资额", "投资总额", "投资额", "协议投资额",
               "协议投资", "合同投资额", "签约投资额", "签约金额", "协议总投资"}},
    {.key = "fx_rate",
     .type = K_RATE,
     .off = PO(fx_rate),
     .names = {"汇率", "美元汇率", "签约汇率"}},
    {.key = "fixed_investment",
     .type = K_MONEY,
     .off = PO(fixed_investment),
     .names = {"固定资产投资", "固定资产投资额", "固投"}},
    {.key = "registered_capital",
     .type = K_MONEY,
     .off = PO(registered_capital),
     .names = {"注册资本", "注册资金"}},
    {.key = "land_mu",
     .type = K_AREA,
     .off = PO(land_mu),
     .names = {"用地", "用地面积", "用地规模", "占地面积", "占地", "供地面积", "拟用地",
               "拟用地面积", "土地面积", "用地亩数"}},
    {.key = "expected_output",
     .type = K_MONEY,
     .off = PO(expected_output),
     .names = {"预计产值", "达产产值", "达产后年产值", "预计年产值", "年产值", "预计达产产值",
               "达产后产值"}},
    {.key = "expected_tax",
     .type = K_MONEY,
     .off = PO(expected_tax),
     .names = {"预计税收", "达产税收", "达产后年税收", "预计年税收", "年税收", "年纳税",
               "达产后税收", "预计年纳税"}},
    {.key = "expected_jobs",
     .type = K_COUNT,
     .off = PO(expected_jobs),
     .names = {"预计就业", "新增就业", "用工人数", "就业人数", "预计用工", "带动就业",
               "新增就业人数"}},
    {.key = "dept_id",
     .type = K_DEPT,
     .off = PO(dept_id),
     .names = {"招商分局", "责任单位", "牵头单位", "招商单位", "责任部门", "所属分局", "招商局",
               "牵头部门", "责任分局"}},
    {.key = "owner_user_id",
     .type = K_USER,
     .off = PO(owner_user_id),
     .names = {"招商专员", "责任人", "项目负责人", "招商责任人", "负责人", "项目责任人", "专员",
               "招商负责人"}},
    {.key = "source",
     .type = K_ENUM,
     .off = PO(source),
     .words = SOURCE_WORDS,
     .names = {"项目来源", "招商方式", "来源", "招商渠道", "引进方式"},
     .bad = "应为以商招商、驻点招商、展会、云招商或中介",
     .bad_en = "not one of 以商招商, 驻点招商, 展会, 云招商, 中介"},
    {.key = "level",
     .type = K_ENUM,
     .off = PO(level),
     .words = LEVEL_WORDS,
     .names = {"项目级别", "重点级别", "级别", "重点项目级别", "项目层级"},
     .bad = "应为省重点、市重点或区重点",
     .bad_en = "not one of 省重点, 市重点, 区重点"},
    {.key = "special_team",
     .type = K_BOOL,
     .off = PO(special_team),
     .names = {"专班", "是否专班", "专班推进", "是否专班推进"}},
    {.key = "renovation",
     .type = K_BOOL,
     .off = PO(renovation),
     .names = {"技改", "是否技改", "技改项目", "是否技改项目"}},
    {.key = "stage",
     .type = K_STAGE,
     .off = PO(stage),
     .words = STAGE_WORDS,
     .names = {"阶段", "项目状态", "进度", "项目进度", "当前阶段", "推进阶段", "项目阶段", "状态",
               "所处阶段", "目前阶段"},
     .bad = "应为线索、在谈、签约、注册、供地、开工、竣工、投产、达产或终止",
     .bad_en = "not one of the stages 线索 … 终止"},
    {.key = "uscc",
     .type = K_TEXT,
     .off = PO(uscc),
     .max = 18,
     .names = {"统一社会信用代码", "信用代码", "社会信用代码"}},
    {.key = "contract_no",
     .type = K_TEXT,
     .off = PO(contract_no),
     .max = 64,
     .names = {"合同编号", "合同号", "协议编号", "签约合同编号", "投资协议编号"}},
    {.key = "start_permit_no",
     .type = K_TEXT,
     .off = PO(start_permit_no),
     .max = 64,
     .names = {"施工许可证号", "施工许可证编号", "施工许可证"}},
    {.key = "drop_reason",
     .type = K_TEXT,
     .off = PO(drop_reason),
     .max = 500,
     .names = {"终止原因"}},
    {.key = "notes",
     .type = K_NOTES,
     .off = PO(notes),
     .max = PROJ_NOTES_MAX,
     .names = {"备注", "说明", "形象进度", "进展情况", "推进情况", "项目进展", "工作进展",
               "建设内容", "主要建设内容", "项目简介", "存在问题", "存在的问题", "下步计划"}},
    {.key = "lead_date",
     .type = K_DATE,
     .off = PO(lead_date),
     .names = {"线索时间", "线索日期", "接洽时间", "首次接洽时间", "信息获取时间"}},
    {.key = "plan_sign_date",
     .type = K_DATE,
     .off = PO(plan_sign_date),
     .names = {"计划签约时间", "计划签约", "预计签约时间", "拟签约时间", "计划签约日期"}},
    {.key = "sign_date",
     .type = K_DATE,
     .off = PO(sign_date),
     .actual = 1,
     .stage = PS_SIGNED,
     .names = {"签约时间", "签约日期", "实际签约时间", "签约"}},
    {.key = "plan_register_date",
     .type = K_DATE,
     .off = PO(plan_register_date),
     .names = {"计划注册时间", "预计注册时间", "计划注册"}},
    {.key = "register_date",
     .type = K_DATE,
     .off = PO(register_date),
     .actual = 1,
     .stage = PS_REGISTERED,
     .names = {"注册时间", "注册日期", "实际注册时间", "注册"}},
    {.key = "plan_land_date",
     .type = K_DATE,
     .off = PO(plan_land_date),
     .names = {"计划供地时间", "预计供地时间", "计划拿地时间", "计划供地"}},
    {.key = "land_date",
     .type = K_DATE,
     .off = PO(land_date),
     .actual = 1,
     .stage = PS_LAND,
     .names = {"供地时间", "拿地时间", "摘牌时间", "土地摘牌时间", "实际供地时间", "供地"}},
    {.key = "plan_start_date",
     .type = K_DATE,
     .off = PO(plan_start_date),
     .names = {"计划开工时间", "计划开工", "预计开工时间", "拟开工时间", "计划开工日期"}},
    {.key = "start_date",
     .type = K_DATE,
     .off = PO(start_date),
     .actual = 1,
     .stage = PS_STARTED,
     .names = {"开工时间", "开工日期", "实际开工时间", "实际开工"}},
    {.key = "plan_complete_date",
     .type = K_DATE,
     .off = PO(plan_complete_date),
     .names = {"计划竣工时间", "预计竣工时间", "计划竣工", "计划竣工日期"}},
    {.key = "complete_date",
     .type = K_DATE,
     .off = PO(complete_date),
     .actual = 1,
     .stage = PS_COMPLETED,
     .names = {"竣工时间", "竣工日期", "实际竣工时间", "实际竣工"}},
    {.key = "plan_produce_date",
     .type = K_DATE,
     .off = PO(plan_produce_date),
     .names = {"计划投产时间", "预计投产时间", "计划投产", "拟投产时间", "计划投产日期"}},
    {.key = "produce_date",
     .type = K_DATE,
     .off = PO(produce_date),
     .actual = 1,
     .stage = PS_PRODUCING,
     .names = {"投产时间", "投产日期", "实际投产时间", "实际投产"}},
    {.key = "plan_capacity_date",
     .type = K_DATE,
     .off = PO(plan_capacity_date),
     .names = {"计划达产时间", "预计达产时间", "计划达产"}},
    {.key = "capacity_date",
     .type = K_DATE,
     .off = PO(capacity_date),
     .actual = 1,
     .stage = PS_CAPACITY,
     .names = {"达产时间", "达产日期", "实际达产时间"}},
    {.key = "drop_date",
     .type = K_DATE,
     .off = PO(drop_date),
     .actual = 1,
     .stage = PS_DROPPED,
     .names = {"终止时间", "终止日期"}},
};
#define N_KEYS   ((int)ARRAY_LEN(KEYS))
#define KEY_NAME 0
#define KEY_SEQ  (-2) /* 序号: not a member, but it marks 合计 rows */

_Static_assert(ARRAY_LEN(KEYS) <= 64, "a row's keys fit a 64-bit mask");

static int key_index(const char *key)
{
	for (int k = 0; k < N_KEYS; k++)
		if (strcmp(KEYS[k].key, key) == 0)
			return k;
	return -1;
}

/* ---- the header ---- */

/* A header cell as the import reads it: its words without a unit, and the unit it states. */
struct hdr {
	char base[NORM_MAX];
	const struct unit *unit; /* NULL when it states none */
};

/* The unit the whole text t is (a money, area or count unit), or NULL. */
static const struct unit *unit_of(const char *t)
{
	static const struct unit *const tables[] = {MONEY_UNITS, AREA_UNITS, COUNT_UNITS};
	if (strncmp(t, "单位:", strlen("单位:")) == 0)
		t += strlen("单位:");
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		const char *p = t;
		const struct unit *u = eat_unit(&p, tables[i]);
		if (u && !*p)
			return u;
	}
	return NULL;
}

/* Reads a header cell: normalised (norm_text, no white space), without a leading "*" or
 * "其中:", a trailing ":" or "*", and its unit taken off: "总投资(亿元)", "总投资/亿元". A
 * bracket that is no unit goes too ("项目名称(全称)" is looked up whole first). */
static void hdr_read(const char *cell, struct hdr *h)
{
	h->unit = NULL;
	if (norm_text(cell, h->base, sizeof h->base, 0) < 0) {
		h->base[0] = 0;
		return;
	}
	char *b = h->base;
	size_t skip = strspn(b, "*");
	if (strncmp(b + skip, "其中:", strlen("其中:")) == 0)
		skip += strlen("其中:");
	else if (strncmp(b + skip, "其中", strlen("其中")) == 0 && b[skip + strlen("其中")])
		skip += strlen("其中");
	memmove(b, b + skip, strlen(b + skip) + 1);
	size_t n = strlen(b);
	while (n && (b[n - 1] == ':' || b[n - 1] == '*'))
		b[--n] = 0;
	char *open = n && b[n - 1] == ')' ? strrchr(b, '(') : NULL;
	char *slash = strrchr(b, '/');
	if (open && open > b) {
		b[n - 1] = 0;
		h->unit = unit_of(open + 1);
		if (!h->unit)
			b[n - 1] = ')'; /* kept for the whole lookup; cut below */
		else
			*open = 0;
	} else if (slash && slash > b && (h->unit = unit_of(slash + 1)) != NULL) {
		*slash = 0;
	}
}

/* The key whose headers include t exactly: an index of KEYS, KEY_SEQ for 序号, or -1. */
static int key_named(const char *t)
{
	static const char *const seq[] = {"序号", "序", "编号", "No.", "NO.", NULL};
	if (!*t)
		return -1;
	for (int i = 0; seq[i]; i++)
		if (strcmp(t, seq[i]) == 0)
			return KEY_SEQ;
	for (int k = 0; k < N_KEYS; k++)
		for (int i = 0; KEYS[k].names[i]; i++)
			if (strcmp(t, KEYS[k].names[i]) == 0)
				return k;
	return -1;
}

/* The key a header base names: whole, without a bracket that is no unit, or with a unit written
 * after it without a bracket ("总投资万元"; the unit then goes into *unit). */
static int key_of_base(const char *base, const struct unit **unit)
{
	int k = key_named(base);
	if (k != -1)
		return k;
	char t[NORM_MAX];
	snprintf(t, sizeof t, "%s", base);
	size_t n = strlen(t);
	char *open = n && t[n - 1] == ')' ? strrchr(t, '(') : NULL;
	if (open && open > t) {
		*open = 0;
		return key_named(t);
	}
	static const struct unit *const tables[] = {MONEY_UNITS, AREA_UNITS};
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		for (int u = 0; tables[i][u].text; u++) {
			size_t ul = strlen(tables[i][u].text);
			if (n > ul && strcmp(t + n - ul, tables[i][u].text) == 0) {
				t[n - ul] = 0;
				if ((k = key_named(t)) >= 0) {
					*unit = &tables[i][u];
					return k;
				}
				t[n - ul] = tables[i][u].text[0];
			}
		}
	return -1;
}

/* The key of one header cell standing alone, with its unit. */
static int key_of_cell(const char *cell, const struct unit **unit)
{
	struct hdr h;
	hdr_read(cell, &h);
	*unit = h.unit;
	return key_of_base(h.base, unit);
}

/* Sub-headers that stand for their group ("总投资(亿元)" over "合计"). */
static int generic_sub(const char *t)
{
	static const char *const w[] = {"合计", "总额", "小计", "金额",
	                                "总计", "数额", "总量", NULL};
	for (int i = 0; w[i]; i++)
		if (strcmp(t, w[i]) == 0)
			return 1;
	return 0;
}

/* The key of a column under a two-row header: the group g above (NULL when none) and the
 * sub-header s. Tried in order: g+s ("计划开工"+"时间"), s+g ("计划" under "开工时间"), s alone
 * ("签约时间" under "时间节点"), s+"时间", "计划"+s[+"时间"] under a group of plans, and g for a
 * sub that stands for it ("合计"). *joined says how the header is written for reports: 1 g+s,
 * 0 s alone, 2 g alone. The unit is s's, else g's. */
static int key_of_pair(const char *g, const char *s, const struct unit **unit, int *joined)
{
	struct hdr hg, hs;
	hdr_read(g ? g : "", &hg);
	hdr_read(s, &hs);
	const struct unit *u = NULL;
	char t[2 * NORM_MAX];
	int k = -1,
	    plan = strstr(hg.base, "计划") || strstr(hg.base, "预计") || strstr(hg.base, "拟");
	*joined = 1;
	if (hg.base[0] &&
	    (snprintf(t, sizeof t, "%s%s", hg.base, hs.base), k = key_of_base(t, &u)) >= 0)
		goto found;
	if (hg.base[0] &&
	    (snprintf(t, sizeof t, "%s%s", hs.base, hg.base), k = key_of_base(t, &u)) >= 0)
		goto found;
	if (plan && ((snprintf(t, sizeof t, "计划%s", hs.base), k = key_of_base(t, &u)) >= 0 ||
	             (snprintf(t, sizeof t, "计划%s时间", hs.base), k = key_of_base(t, &u)) >= 0))
		goto found;
	*joined = 0;
	if ((k = key_of_base(hs.base, &u)) >= 0)
		goto found;
	if ((snprintf(t, sizeof t, "%s时间", hs.base), k = key_of_base(t, &u)) >= 0)
		goto found;
	*joined = 2;
	if (hg.base[0] && generic_sub(hs.base) && (k = key_of_base(hg.base, &u)) >= 0)
		goto found;
	return -1;
found:
	*unit = hs.unit ? hs.unit : u ? u : hg.unit;
	return k;
}

/* 1 when u is an entry of the table `units`. */
static int unit_in(const struct unit *u, const struct unit *units)
{
	for (int i = 0; u && units[i].text; i++)
		if (u == &units[i])
			return 1;
	return 0;
}

/* The unit of the sheet a line above the header states ("单位：亿元", "金额单位：万元"), or
 * NULL. */
static const struct unit *stated_unit(const char *cell)
{
	char t[NORM_MAX];
	if (norm_text(cell, t, sizeof t, 0) < 0)
		return NULL;
	const char *p = strstr(t, "单位:");
	if (!p)
		return NULL;
	p += strlen("单位:");
	return eat_unit(&p, MONEY_UNITS);
}

/* Copies s into out (n bytes) without its white space ("投资\n主体" written on two lines), cut
 * at a character's end. */
static void copy_no_space(char *out, size_t n, const char *s)
{
	size_t len = strlen(s), o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k < 0)
			k = 1, cp = '?';
		if (!utf8_is_space(cp)) {
			if (o + (size_t)k >= n)
				break;
			memcpy(out + o, s + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	out[o] = 0;
}

/* Fills column i of L: its key, unit and header text. */
static void set_col(struct proj_layout *L, size_t i, int key, const struct unit *u,
                    const char *written)
{
	struct proj_col *c = &L->cols[i];
	c->key = key >= 0 ? key : -1;
	c->unit = 1;
	c->usd = 0;
	copy_no_space(c->header, sizeof c->header, written);
	if (key == KEY_SEQ)
		L->seq_col = (int)i;
	if (key < 0)
		return;
	enum pk_type ty = KEYS[key].type;
	if (ty == K_MONEY) {
		c->unit = unit_in(u, MONEY_UNITS) ? u->factor : L->unit;
		c->usd = unit_in(u, MONEY_UNITS) ? u->usd : L->usd;
	} else if ((ty == K_AREA && unit_in(u, AREA_UNITS)) ||
	           (ty == K_COUNT && unit_in(u, COUNT_UNITS))) {
		c->unit = u->factor;
	}
	if (key == KEY_NAME && L->name_col < 0)
		L->name_col = (int)i;
}

/* 1 when the cleaned row is the header: it names the project and one more known column. */
static int is_header(const struct table_row *row)
{
	int name = 0, known = 0;
	for (size_t i = 0; i < row->n_cells; i++) {
		const struct unit *u = NULL;
		int k = key_of_cell(row->cells[i], &u);
		name |= k == KEY_NAME;
		known += k != -1;
	}
	return name && known >= 2;
}

/* The group over column j of a two-row header: r1[j], or the text of the nearest cell to its
 * left that r1 merges over it (every r1 cell between empty and every r2 cell from there to j
 * not). NULL when none. */
static const char *group_of(const struct table_row *r1, const struct table_row *r2, size_t j)
{
	const char *c = j < r1->n_cells ? r1->cells[j] : "";
	if (*c)
		return c;
	for (size_t k = j; k-- > 0;) {
		if (k >= r2->n_cells || !r2->cells[k][0])
			return NULL;
		if (k < r1->n_cells && r1->cells[k][0])
			return r1->cells[k];
	}
	return NULL;
}

/* 1 when r2, the row under the header r1, is the header's second row: its cell under 项目名称
 * is empty (merged down from r1), and one of its cells names a column with the group above it
 * where r1 merges a group over it or where together they say more than r1 alone. */
static int is_second_row(const struct table_row *r1, const struct table_row *r2, int name_col)
{
	if ((size_t)name_col < r2->n_cells && r2->cells[name_col][0])
		return 0;
	for (size_t j = 0; j < r2->n_cells; j++) {
		if (!r2->cells[j][0])
			continue;
		const char *g = group_of(r1, r2, j);
		const struct unit *u = NULL;
		int joined;
		int k = key_of_pair(g, r2->cells[j], &u, &joined);
		int k1 = j < r1->n_cells ? key_of_cell(r1->cells[j], &u) : -1;
		int under_group = !(j < r1->n_cells && r1->cells[j][0]) && g;
		if (k >= 0 && (under_group || k != k1))
			return 1;
	}
	return 0;
}

/* Maps the columns of a one-row header. */
static void map_one_row(struct proj_layout *L, const struct table_row *r1)
{
	L->n_cols = r1->n_cells < PROJ_IMPORT_MAX_COLS ? r1->n_cells : PROJ_IMPORT_MAX_COLS;
	for (size_t i = 0; i < L->n_cols; i++) {
		const struct unit *u = NULL;
		int k = key_of_cell(r1->cells[i], &u);
		set_col(L, i, k, u, r1->cells[i]);
	}
}

/* Maps the columns of a two-row header: a cell of r1 with none under it stands alone; a cell of
 * r2 is read with its group (key_of_pair). */
static void map_two_rows(struct proj_layout *L, const struct table_row *r1,
                         const struct table_row *r2)
{
	size_t n = r1->n_cells > r2->n_cells ? r1->n_cells : r2->n_cells;
	L->n_cols = n < PROJ_IMPORT_MAX_COLS ? n : PROJ_IMPORT_MAX_COLS;
	L->name_col = -1;
	for (size_t i = 0; i < L->n_cols; i++) {
		const char *s = i < r2->n_cells ? r2->cells[i] : "";
		const char *top = i < r1->n_cells ? r1->cells[i] : "";
		const struct unit *u = NULL;
		char written[192];
		if (!*s) {
			int k = key_of_cell(top, &u);
			set_col(L, i, k, u, top);
			continue;
		}
		const char *g = group_of(r1, r2, i);
		int joined, k = key_of_pair(g, s, &u, &joined);
		if (joined == 0 && k >= 0)
			snprintf(written, sizeof written, "%s", s);
		else if (joined == 2 && k >= 0)
			snprintf(written, sizeof written, "%s", g);
		else
			snprintf(written, sizeof written, "%s%s", g ? g : "", s);
		set_col(L, i, k, u, written);
	}
}

/* Two columns for one member: refused unless they are notes (joined) or amounts in the two
 * currencies (总投资（万元） beside 总投资（万美元）: a row fills one, or both). Returns 0, or -1
 * with the message in rep. */
static int check_twice(const struct proj_layout *L, struct import_report *rep)
{
	for (size_t i = 0; i < L->n_cols; i++) {
		int k = L->cols[i].key;
		if (k < 0 || KEYS[k].type == K_NOTES)
			continue;
		for (size_t j = i + 1; j < L->n_cols; j++) {
			if (L->cols[j].key != k)
				continue;
			int pair = 0;
			for (size_t x = 0; x < L->n_cols; x++)
				pair += L->cols[x].key == k;
			if (KEYS[k].type == K_MONEY && pair == 2 &&
			    L->cols[i].usd != L->cols[j].usd)
				continue;
			snprintf(rep->message, sizeof rep->message,
			         "表头中「%s」与「%s」都对应%s，请只保留一列", L->cols[i].header,
			         L->cols[j].header, KEYS[k].names[0]);
			snprintf(rep->message_en, sizeof rep->message_en,
			         "the columns %s and %s both give %s: keep one", L->cols[i].header,
			         L->cols[j].header, KEYS[k].key);
			return -1;
		}
	}
	return 0;
}

/* Reads the next row that is not blank from t, cleaned into row (cells in cells, copies in a).
 * Returns 1, 0 at the end, -1 on a reader's error. */
static int next_clean(struct table_reader *t, struct arena *a, const char *cells[256],
                      struct table_row *row)
{
	struct table_row raw;
	int r;
	while ((r = table_next(t, &raw)) == 1) {
		import_clean_row(&raw, table_format(t) == TABLE_CSV, a, cells, row);
		if (!import_row_blank(row))
			return 1;
	}
	return r;
}

/* the rows import_copy_row keeps fill the arrays of PROJ_IMPORT_MAX_COLS cells */
_Static_assert(PROJ_IMPORT_MAX_COLS == 256, "import_copy_row keeps 256 cells");

/* 1 when p, the row right above the header row h, is the header's first row: a header whose
 * project name is in its second row, under a group ("基本情况" over 项目名称 and 建设单位).
 * Then a cell of p merged down stands over an empty cell of h, or a group of p says more about
 * the cell of h under it than h alone. */
static int is_first_row(const struct table_row *p, const struct table_row *h)
{
	if (!p || p->number + 1 != h->number)
		return 0;
	for (size_t j = 0; j < h->n_cells || j < p->n_cells; j++) {
		const char *s = j < h->n_cells ? h->cells[j] : "";
		const struct unit *u = NULL;
		int joined;
		if (!*s) {
			if (j < p->n_cells && key_of_cell(p->cells[j], &u) != -1)
				return 1;
			continue;
		}
		const char *g = group_of(p, h, j);
		int k = g ? key_of_pair(g, s, &u, &joined) : -1;
		if (k >= 0 && k != key_of_cell(s, &u))
			return 1;
	}
	return 0;
}

/* Reads the rows before the header (the units they state) and the header row into *head (a
 * copy), with the row above it in *prev (a copy; number 0 when none). 1, 0 when no header is
 * found in the first rows, -1 on a reader's error, -2 when the arena is full. */
static int find_header(struct proj_layout *L, struct table_reader *t, struct table_row *head,
                       const char **head_cells, struct table_row *prev, const char **prev_cells)
{
	const char *cells[256];
	struct table_row row;
	int r;
	memset(prev, 0, sizeof *prev);
	for (int scanned = 0; scanned < PROJ_IMPORT_HEADER_SCAN; scanned++) {
		if ((r = next_clean(t, &L->arena, cells, &row)) != 1)
			return r;
		if (is_header(&row))
			return import_copy_row(&L->arena, &row, head_cells, head) < 0 ? -2 : 1;
		for (size_t i = 0; i < row.n_cells; i++) {
			const struct unit *u = stated_unit(row.cells[i]);
			if (u) {
				L->unit = u->factor;
				L->usd = u->usd;
			}
		}
		if (import_copy_row(&L->arena, &row, prev_cells, prev) < 0)
			memset(prev, 0,
			       sizeof *prev); /* a row of huge cells: no header's first row */
	}
	return 0;
}

int proj_layout_read(struct proj_layout *L, struct table_reader *t, struct import_report *rep,
                     struct yq_err *e)
{
	memset(L, 0, sizeof *L);
	L->arena.limit = 4u << 20;
	L->name_col = L->seq_col = -1;
	L->unit = 1;
	const char *head_cells[PROJ_IMPORT_MAX_COLS], *prev_cells[PROJ_IMPORT_MAX_COLS];
	const char *cells[256];
	struct table_row head = {0}, prev, next;
	int r = find_header(L, t, &head, head_cells, &prev, prev_cells);
	if (r == -1)
		return import_file_error(rep, table_fault(t), table_error(t), e);
	if (r == -2)
		goto out_full;
	if (r == 0) {
		snprintf(rep->message, sizeof rep->message,
		         "未找到表头：前%d行中没有含「项目名称」的表头行", PROJ_IMPORT_HEADER_SCAN);
		snprintf(rep->message_en, sizeof rep->message_en,
		         "no header: none of the first %d rows has a 项目名称 column",
		         PROJ_IMPORT_HEADER_SCAN);
		return err_set(e, ERR_VALIDATION, "file", rep->message, rep->message_en);
	}
	L->header_row = L->header_last = head.number;
	if (is_first_row(&prev, &head)) { /* the name in the second row, under a group */
		map_two_rows(L, &prev, &head);
		L->header_row = prev.number;
		return check_twice(L, rep) < 0
		           ? err_set(e, ERR_VALIDATION, "file", rep->message, rep->message_en)
		           : 0;
	}
	map_one_row(L, &head);
	if ((r = next_clean(t, &L->arena, cells, &next)) < 0)
		return import_file_error(rep, table_fault(t), table_error(t), e);
	if (r == 1 && is_second_row(&head, &next, L->name_col)) {
		map_two_rows(L, &head, &next);
		L->header_last = next.number;
	} else if (r == 1) { /* the first project row: handed out first */
		if (import_copy_row(&L->arena, &next, L->pending_cells, &L->pending) < 0)
			goto out_full;
		L->has_pending = 1;
	}
	if (check_twice(L, rep) < 0)
		return err_set(e, ERR_VALIDATION, "file", rep->message, rep->message_en);
	return 0;
out_full: /* the arena's limit: cells of megabytes */
	return err_set(e, ERR_VALIDATION, "file", "表头附近的单元格过长",
	               "the cells around the header are too long");
}

void proj_layout_release(struct proj_layout *L)
{
	arena_release(&L->arena);
}

const char *proj_layout_key(const struct proj_layout *L, size_t i)
{
	return i < L->n_cols && L->cols[i].key >= 0 ? KEYS[L->cols[i].key].key : NULL;
}

int proj_layout_col_of(const struct proj_layout *L, const char *key)
{
	int k = key_index(key);
	for (size_t i = 0; k >= 0 && i < L->n_cols; i++)
		if (L->cols[i].key == k)
			return (int)i;
	return -1;
}

/* ---- the rows ---- */

static const char *const STAGE_CODES[PS__COUNT] = {
    "lead",    "negotiating", "signed",    "registered", "land",
    "started", "completed",   "producing", "capacity",   "dropped"};

/* Sets the row's error: the file column and the reason. Returns PROW_INVALID. */
static enum proj_row_kind row_bad(struct proj_row *out, size_t col, const char *why,
                                  const char *why_en)
{
	out->bad_col = (int)col;
	out->why = why;
	out->why_en = why_en;
	return PROW_INVALID;
}

/* A text cell copied into a: in a one-line member the line breaks and tabs inside (Alt+Enter in
 * Excel) are dropped between Chinese characters and made one space between others; a notes cell
 * keeps them. NULL for another control character, or when memory runs out. */
static const char *cell_text(const char *s, int multiline, struct arena *a)
{
	size_t n = strlen(s), o = 0;
	char *t = arena_alloc(a, n + 1);
	if (!t)
		return NULL;
	int brk = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || ((c == '\n' || c == '\t') && !multiline)) {
			brk = 1;
			continue;
		}
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return NULL;
		if (brk && o > 0 && (unsigned char)t[o - 1] < 0x80 && t[o - 1] != ' ' && c < 0x80 &&
		    c != ' ')
			t[o++] = ' ';
		brk = 0;
		t[o++] = (char)c;
	}
	t[o] = 0;
	return t;
}

/* The code of an industry written as a code ("3982", "C3982", "C") or an exact name
 * ("电子电路制造"), or "C3982 电子电路制造": NULL when it is none, "" when several share the
 * name. */
static const char *industry_of(const char *cell)
{
	char t[NORM_MAX], code[8];
	if (norm_text(cell, t, sizeof t, 1) < 0 || industry_init() < 0)
		return NULL;
	size_t n = 0;
	const char *p = t;
	if (*p >= 'A' && *p <= 'T' && p[1] >= '0' && p[1] <= '9')
		p++; /* "C3982": the section letter before the class */
	while (n < 5 && ((p[n] >= '0' && p[n] <= '9') || (n == 0 && p[n] >= 'A' && p[n] <= 'T')))
		n++;
	if (n > 0 && n <= 4 && (!p[n] || p[n] == ' ')) {
		memcpy(code, p, n);
		code[n] = 0;
		const struct industry *ind = industry_find(code);
		return ind ? ind->code : NULL;
	}
	const char *found = NULL;
	for (size_t i = 0; i < industry_count(); i++) {
		const struct industry *ind = industry_at(i);
		if (strcmp(ind->name, t) == 0) {
			if (found)
				return "";
			found = ind->code;
		}
	}
	return found;
}

/* A yes/no cell: 1, 0, or -1 when it is neither. */
static int cell_bool(const char *cell)
{
	static const char *const yes[] = {"是",   "√", "✓",  "✔",    "Y",    "YES",
	                                  "TRUE", "1", "有", "专班", "技改", NULL};
	static const char *const no[] = {"否", "×", "✗", "N", "NO", "FALSE", "0", NULL};
	char t[NORM_MAX];
	if (norm_text(cell, t, sizeof t, 0) < 0)
		return -1;
	if (none_mark(t))
		return 0;
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(t, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(t, no[i]) == 0)
			return 0;
	return -1;
}

/* The code a word of `words` stands for (the code itself is accepted too); NULL when none. */
static const char *cell_word(const char *cell, const struct str_map *words)
{
	char t[NORM_MAX];
	if (norm_text(cell, t, sizeof t, 0) < 0)
		return NULL;
	for (int i = 0; words[i].key; i++)
		if (strcmp(t, words[i].key) == 0 || strcmp(t, words[i].value) == 0)
			return words[i].value;
	return NULL;
}

/* The money cell of column i into *v (万 of its currency) and *usd. */
static enum proj_row_kind read_money(const struct proj_col *c, size_t i, const char *cell,
                                     double *v, int *usd, struct proj_row *out)
{
	if (proj_parse_amount(cell, c->unit, v, usd) < 0)
		return row_bad(out, i, "无法识别的金额", "not an amount");
	*usd = *usd || c->usd;
	return PROW_DATA;
}

/* A quantity cell (land, people, the rate) into *v; NAN when empty. */
static int read_plain(const char *cell, const struct unit *units, double unit, double *v)
{
	static const struct unit none[] = {{NULL, 0, 0}};
	char t[NORM_MAX];
	int usd;
	*v = NAN;
	if (norm_text(cell, t, sizeof t, 0) < 0)
		return -1;
	int r = read_quantity(t, units ? units : none, unit, v, &usd);
	if (r == 1)
		*v = NAN;
	return r < 0 ? -1 : 0;
}

/* A date cell of key k: planned, or actual and not after today. */
static enum proj_row_kind read_date(const struct pkey *k, size_t i, const char *cell,
                                    const char *today, struct arena *a, const char **dst,
                                    struct proj_row *out)
{
	char d[11];
	enum proj_date_fault f = proj_date_read(cell, d);
	if (f == PDATE_FORMAT)
		return row_bad(out, i, "无法识别的日期", "not a date");
	if (f == PDATE_NONEXISTENT)
		return row_bad(out, i, "日期不存在", "there is no such day");
	if (!d[0])
		return PROW_DATA;
	if (k->actual && today && strcmp(d, today) > 0)
		return row_bad(out, i, "实际日期晚于今天（计划日期请填在计划列）",
		               "an actual date after today (plans go in the planned column)");
	*dst = arena_strdup(a, d);
	return *dst ? PROW_DATA : row_bad(out, i, "内存不足", "out of memory");
}

/* What a row gathers before its checks: amounts by currency, where they were read. */
struct row_acc {
	double total[2]; /* 总投资 in 万元 and in 万美元 (NAN: not given) */
	int total_col[2];
	uint64_t usd;    /* bit k: money key k was given in US dollars (in 万美元) */
	int col[N_KEYS]; /* the file column each key was read from */
};

/* Reads cell `cell` of column i (key k) into out. */
static enum proj_row_kind read_cell(const struct proj_layout *L, size_t i, const char *cell,
                                    const char *today, struct arena *a, struct row_acc *acc,
                                    struct proj_row *out)
{
	const struct proj_col *c = &L->cols[i];
	const struct pkey *k = &KEYS[c->key];
	void *m = (char *)&out->pr + k->off;
	acc->col[c->key] = (int)i;
	switch (k->type) {
	case K_TEXT: {
		if (strlen(cell) >
		    (size_t)k->max * 4) { /* more bytes than the characters can take */
			const char *why = arena_printf(a, "超过%d个字", k->max);
			return row_bad(out, i, why ? why : "内容过长", "too long");
		}
		const char *v = cell_text(cell, 0, a);
		if (!v)
			return row_bad(out, i, "含有控制字符", "control characters in the text");
		if ((int)utf8_count(v) > k->max) {
			const char *why = arena_printf(a, "超过%d个字", k->max);
			return row_bad(out, i, why ? why : "内容过长", "too long");
		}
		*(const char **)m = v;
		return PROW_DATA;
	}
	case K_NOTES: {
		if (strlen(cell) > (size_t)PROJ_NOTES_MAX * 4)
			return row_bad(out, i, "备注超过5000字",
			               "the notes are longer than 5000 characters");
		const char *v = cell_text(cell, 1, a), *old = out->pr.notes;
		if (!v)
			return row_bad(out, i, "含有控制字符", "control characters in the text");
		struct hdr h;
		hdr_read(c->header, &h);
		int plain = strcmp(h.base, "备注") == 0 || strcmp(h.base, "说明") == 0;
		out->pr.notes = arena_printf(a, "%s%s%s%s%s", old ? old : "", old ? "\n" : "",
		                             plain ? "" : c->header, plain ? "" : "：", v);
		return out->pr.notes ? PROW_DATA : row_bad(out, i, "内存不足", "out of memory");
	}
	case K_MONEY: {
		double v;
		int usd;
		if (read_money(c, i, cell, &v, &usd, out) != PROW_DATA)
			return PROW_INVALID;
		if (c->key == key_index("total_investment")) {
			if (!isnan(v)) {
				acc->total[usd] = v;
				acc->total_col[usd] = (int)i;
			}
			return PROW_DATA;
		}
		*(double *)m = v;
		if (usd && !isnan(v))
			acc->usd |= 1ull << c->key;
		return PROW_DATA;
	}
	case K_AREA:
		return read_plain(cell, AREA_UNITS, c->unit, (double *)m) < 0
		           ? row_bad(out, i, "无法识别的面积", "not an area")
		           : PROW_DATA;
	case K_COUNT: {
		double v;
		if (read_plain(cell, COUNT_UNITS, c->unit, &v) < 0 || v != floor(v) || v > 1e7)
			return row_bad(out, i, "无法识别的人数", "not a number of people");
		*(int64_t *)m = isnan(v) ? 0 : (int64_t)v;
		return PROW_DATA;
	}
	case K_RATE: {
		double v;
		if (read_plain(cell, NULL, 1, &v) < 0 || v == 0 || v > 100)
			return row_bad(out, i, "无法识别的汇率", "not an exchange rate");
		*(double *)m = v;
		return PROW_DATA;
	}
	case K_DATE:
		return read_date(k, i, cell, today, a, (const char **)m, out);
	case K_BOOL: {
		int v = cell_bool(cell);
		if (v < 0)
			return row_bad(out, i, "应为“是”或“否”", "not 是 or 否");
		*(int *)m = v;
		return PROW_DATA;
	}
	case K_ENUM:
	case K_STAGE: {
		const char *v = cell_word(cell, k->words);
		if (!v)
			return row_bad(out, i, k->bad, k->bad_en);
		if (k->type == K_ENUM) {
			*(const char **)m = v;
			return PROW_DATA;
		}
		for (int s = 0; s < PS__COUNT; s++)
			if (strcmp(v, STAGE_CODES[s]) == 0)
				out->stage = (enum proj_stage)s;
		return PROW_DATA;
	}
	case K_DEPT:
	case K_USER: {
		if (strlen(cell) > 400)
			return row_bad(out, i, "名称过长", "the name is too long");
		const char *v = cell_text(cell, 0, a);
		if (!v)
			return row_bad(out, i, "含有控制字符", "control characters in the text");
		if (strpbrk(v, ",;/") || strstr(v, "、") || strstr(v, "，") || strstr(v, "；"))
			return row_bad(out, i,
			               k->type == K_DEPT ? "只能填写一个部门" : "只能填写一位人员",
			               "one name only");
		*(k->type == K_DEPT ? &out->dept_name : &out->owner_name) = v;
		return PROW_DATA;
	}
	case K_INDUSTRY: {
		const char *v = industry_of(cell);
		if (!v)
			return row_bad(out, i, "行业代码或名称不存在", "no such industry");
		if (!*v)
			return row_bad(out, i, "有多个同名行业，请填写行业代码",
			               "several industries have the name: give the code");
		*(const char **)m = v;
		return PROW_DATA;
	}
	}
	return PROW_DATA;
}

/* The text of a cell normalised (no white space, ASCII forms) into t; "" when it cannot be. */
static const char *norm_or_empty(const char *cell, char t[NORM_MAX])
{
	if (norm_text(cell, t, NORM_MAX, 0) < 0)
		t[0] = 0;
	return t;
}

/* 1 when the cell, normalised, starts with one of `starts` (NULL-terminated). */
static int starts_with_any(const char *cell, const char *const starts[])
{
	char t[NORM_MAX];
	return str_starts_any(norm_or_empty(cell, t), starts);
}

/* A note under the table: "注：…", "说明：…", "填报说明", "填报人：… 审核人：…". */
static int note_cell(const char *cell)
{
	static const char *const starts[] = {
	    "注:",      "注1",     "注释",     "备注:",    "说明:", "填报说明",
	    "填表说明", "填报人",  "填表人",   "制表人",   "制表:", "审核人",
	    "审核:",    "联系人:", "联系电话", "数据来源", NULL};
	return starts_with_any(cell, starts);
}

/* A total: 合计, 小计, 总计, 共计, 累计, "其中：续建项目". */
static int total_cell(const char *cell)
{
	static const char *const starts[] = {"合计", "小计",   "总计",  "共计",
	                                     "累计", "总合计", "其中:", NULL};
	return starts_with_any(cell, starts);
}

/* A section heading: "一、新开工项目", "（二）续建项目", "第一批", "续建项目（12个）". */
static int heading_cell(const char *cell)
{
	static const char *const nums[] = {"一", "二", "三", "四", "五", "六",
	                                   "七", "八", "九", "十", NULL};
	char t[NORM_MAX];
	const char *p = norm_or_empty(cell, t);
	int bracket = eat(&p, "(");
	int first = eat(&p, "第");
	int n = 0;
	while (eat_any(&p, nums) >= 0)
		n++;
	if (n &&
	    ((bracket && *p == ')') || (!bracket && (eat(&p, "、") || *p == '.' ||
	                                             (first && (eat(&p, "批") || eat(&p, "类")))))))
		return 1;
	/* "续建项目（12个）": a count in brackets at the end */
	size_t len = strlen(t);
	const char *open = strrchr(t, '(');
	if (len > 4 && strcmp(t + len - 4, "个)") == 0 && open) {
		const char *d = open + 1;
		while (*d >= '0' && *d <= '9')
			d++;
		return d > open + 1 && strcmp(d, "个)") == 0;
	}
	return 0;
}

/* 1 when the row's only values are in column `only` (a 序号 on an empty template row). */
static int only_in(const struct table_row *row, int only)
{
	for (size_t i = 0; i < row->n_cells; i++)
		if (row->cells[i][0] && (int)i != only)
			return 0;
	return 1;
}

/* What kind of row this is before its cells are read: a row to skip, or a project. */
static enum proj_row_kind classify(const struct proj_layout *L, struct proj_row_state *st,
                                   const struct table_row *row)
{
	size_t first = 0, filled = 0;
	for (size_t i = row->n_cells; i-- > 0;)
		if (row->cells[i][0]) {
			first = i;
			filled++;
		}
	if (!filled)
		return PROW_SKIP;
	if (note_cell(row->cells[first])) {
		st->after_note = 1;
		return PROW_SKIP;
	}
	if (st->after_note && filled == 1)
		return PROW_SKIP;
	const char *name = import_cell(row, L->name_col);
	const char *seq = import_cell(row, L->seq_col);
	if (total_cell(row->cells[first]) || total_cell(name) || total_cell(seq))
		return PROW_SKIP;
	if (heading_cell(*name ? name : row->cells[first]))
		return PROW_SKIP;
	const struct unit *u = NULL;
	if (*name && key_of_cell(name, &u) == KEY_NAME) /* the header again, on a new page */
		return PROW_SKIP;
	if (L->seq_col >= 0 && only_in(row, L->seq_col))
		return PROW_SKIP;
	return PROW_DATA;
}

/* The checks of a row whose cells were read: a name; 总投资 in one currency (both given: the
 * US dollars, at the rate they make unless a rate is given); US dollars need a rate; the
 * stage, when not given, is that of the last actual date. */
static enum proj_row_kind row_finish(const struct proj_layout *L, struct row_acc *acc,
                                     struct arena *a, struct proj_row *out)
{
	struct project *pr = &out->pr;
	if (!pr->name || !*pr->name)
		return row_bad(out, (size_t)L->name_col, "项目名称不能为空",
		               "the name is required");
	int usd = !isnan(acc->total[1]);
	int tk = key_index("total_investment");
	if (usd || !isnan(acc->total[0])) {
		pr->total_investment = acc->total[usd];
		pr->currency = usd ? "USD" : "CNY";
		out->given |= 1ull << tk;
		acc->col[tk] = acc->total_col[usd];
		if (usd && isnan(pr->fx_rate) && !isnan(acc->total[0]) && acc->total[1] > 0)
			pr->fx_rate = round(acc->total[0] / acc->total[1] * 1e4) / 1e4;
	}
	if ((usd || acc->usd) && isnan(pr->fx_rate))
		return row_bad(
		    out, (size_t)(usd ? acc->total_col[1] : acc->col[__builtin_ctzll(acc->usd)]),
		    "美元金额须填写汇率（汇率列）", "an amount in US dollars needs the rate");
	for (int k = 0; k < N_KEYS; k++)
		if (acc->usd & (1ull << k)) {
			double *v = (double *)((char *)pr + KEYS[k].off);
			*v = round(*v * pr->fx_rate * 1e6) / 1e6;
		}
	if (out->stage == PS__COUNT) {
		out->stage = PS_LEAD;
		for (int k = 0; k < N_KEYS; k++) {
			const char *d =
			    KEYS[k].actual ? *(const char **)((char *)pr + KEYS[k].off) : NULL;
			if (d && KEYS[k].stage != PS_DROPPED && KEYS[k].stage > out->stage)
				out->stage = KEYS[k].stage;
		}
		if (pr->drop_date)
			out->stage = PS_DROPPED;
	}
	if (pr->produce_date && !pr->first_output_month)
		pr->first_output_month = arena_strndup(a, pr->produce_date, 7);
	return PROW_DATA;
}

enum proj_row_kind proj_row_read(const struct proj_layout *L, struct proj_row_state *st,
                                 const struct table_row *row, const char *today, struct arena *a,
                                 struct proj_row *out)
{
	memset(out, 0, sizeof *out);
	struct project *pr = &out->pr;
	pr->total_investment = pr->fx_rate = pr->amount_wan = pr->fixed_investment = NAN;
	pr->registered_capital = pr->land_mu = pr->expected_output = pr->expected_tax = NAN;
	out->stage = PS__COUNT;
	out->bad_col = -1;
	enum proj_row_kind kind = classify(L, st, row);
	if (kind != PROW_DATA)
		return kind;
	struct row_acc acc = {.total = {NAN, NAN}, .total_col = {-1, -1}};
	for (int k = 0; k < N_KEYS; k++)
		acc.col[k] = -1;
	for (size_t i = 0; i < row->n_cells && i < L->n_cols; i++) {
		char t[NORM_MAX];
		if (L->cols[i].key < 0 || none_mark(norm_or_empty(row->cells[i], t)) ||
		    !row->cells[i][0])
			continue;
		if (read_cell(L, i, row->cells[i], today, a, &acc, out) != PROW_DATA)
			return PROW_INVALID;
		out->given |= 1ull << L->cols[i].key;
	}
	if (pr->notes && utf8_count(pr->notes) > PROJ_NOTES_MAX)
		return row_bad(out, (size_t)acc.col[key_index("notes")], "备注超过5000字",
		               "the notes are longer than 5000 characters");
	return row_finish(L, &acc, a, out);
}

/* ---- writing ---- */

/* A set of strings (the projects of the file so far, by name and investor): chained buckets
 * doubled when full, entries in an arena of their own. */
struct str_set {
	struct set_node {
		struct set_node *next;
		char s[];
	} * *b;
	size_t n, n_b;
	struct arena a;
};

static size_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

/* Adds s: 1 when it was there, 0 when added, -1 when out of memory. */
static int str_set_add(struct str_set *set, const char *s)
{
	if (set->n >= set->n_b) {
		size_t nb = set->n_b ? set->n_b * 2 : 1024;
		struct set_node **b = yq_calloc(nb, sizeof *b);
		if (!b)
			return -1;
		for (size_t i = 0; i < set->n_b; i++)
			for (struct set_node *x = set->b[i], *nx; x; x = nx) {
				nx = x->next;
				size_t k = str_hash(x->s) & (nb - 1);
				x->next = b[k];
				b[k] = x;
			}
		yq_free(set->b);
		set->b = b;
		set->n_b = nb;
	}
	size_t k = str_hash(s) & (set->n_b - 1);
	for (struct set_node *x = set->b[k]; x; x = x->next)
		if (strcmp(x->s, s) == 0)
			return 1;
	size_t len = strlen(s);
	struct set_node *x = arena_alloc(&set->a, sizeof *x + len + 1);
	if (!x)
		return -1;
	memcpy(x->s, s, len + 1);
	x->next = set->b[k];
	set->b[k] = x;
	set->n++;
	return 0;
}

static int str_set_has(const struct str_set *set, const char *s)
{
	if (!set->n_b)
		return 0;
	for (struct set_node *x = set->b[str_hash(s) & (set->n_b - 1)]; x; x = x->next)
		if (strcmp(x->s, s) == 0)
			return 1;
	return 0;
}

static void str_set_release(struct str_set *set)
{
	yq_free(set->b);
	arena_release(&set->a);
	memset(set, 0, sizeof *set);
}

/* An import in progress: what the validation pass hands to the write pass. Rows are counted
 * from 1 in file order, rows skipped and blank rows left out; both passes read the same bytes,
 * so they count alike. */
struct import_run {
	/* its caller, options and report, and the plan of each row: 0 skip it (invalid or
	 * unchanged), PLAN_CREATE, or move the project of that id */
	struct import_run_base b;
	struct proj_layout L;
	int64_t at; /* the import's time: its events and the bound of the actual dates */
	char today[11];
	struct str_set seen; /* name and investor of the valid rows so far */
};

/* A row made ready to write: the project it gives, the project of the zone it names, and the
 * moves that bring it to the row's stage. */
struct row_plan {
	struct proj_row row;
	int64_t existing;   /* the project the row names, 0 for a new one */
	struct project old; /* that project, read with the caller's scope */
	struct proj_move moves[PS__COUNT];
	int n_moves;
	uint64_t changed; /* the members of the existing project the row gives otherwise (present
	                   * bits of ENTITY_PROJECT, for proj_update_in) */
};

/* Why a row cannot be written: the file column (or -1) and the reason (static, or in the row's
 * arena); -2 from the functions below is a database failure that stops the import (e set). */
struct row_fault {
	int col;
	const char *why, *why_en;
};

static int fault(struct row_fault *f, int col, const char *why, const char *why_en)
{
	f->col = col;
	f->why = why;
	f->why_en = why_en;
	return -1;
}

static const char SQL_DEPT_BY_NAME[] = "SELECT id FROM dept WHERE zone_id = ? AND name = ? "
                                       "ORDER BY id LIMIT 2";
static const char SQL_USER_BY_NAME[] =
    "SELECT id FROM app_user WHERE zone_id = ? AND role <> 'enterprise' AND (display_name = ? "
    "OR (display_name = '' AND username = ?)) ORDER BY id LIMIT 2";
static const char SQL_SAME_NAME[] = "SELECT id, investor FROM project WHERE zone_id = ? AND "
                                    "name = ? ORDER BY id LIMIT 50";
static const char SQL_ENT_BY_USCC[] =
    "SELECT id FROM enterprise WHERE zone_id = ? AND uscc = ? AND archived = 0";
/* The caller's data scope over a project of this bureau and person (project_store.c checks the
 * written row the same way): the synthetic row p. */
static const char SQL_SCOPE_OK[] =
    "SELECT 1 FROM (SELECT CAST(? AS BIGINT) AS dept_id, CAST(? AS BIGINT) AS owner_user_id, "
    "CAST(NULL AS BIGINT) AS enterprise_id) p WHERE 1 = 1" SCOPE_SQL("p.dept_id", "p.owner_user_id",
                                                                     "p.enterprise_id");

/* The id the name finds with `sql` (zone, name[, name]): 0 none, -1 several, or -2 with e set. */
static int64_t id_by_name(struct db *c, const char *sql, int64_t zone, const char *name,
                          struct yq_err *e)
{
	struct db_stmt *st = db_prepare_with(c, sql, DB_I(zone), DB_T(name));
	if (!st)
		return err_db(e, DB_ERR), -2;
	if (sql == SQL_USER_BY_NAME)
		db_bind_text(st, 3, name);
	int64_t id = 0;
	int rc, n = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (n++ == 0)
			id = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc), -2;
	return n > 1 ? -1 : id;
}

/* The bureau and the person the row names, as ids of the zone. */
static int resolve_names(struct db *c, const struct import_run *x, struct row_plan *rp,
                         struct row_fault *f, struct yq_err *e)
{
	struct proj_row *r = &rp->row;
	int64_t id;
	if (r->dept_name) {
		if ((id = id_by_name(c, SQL_DEPT_BY_NAME, x->b.p->zone_id, r->dept_name, e)) == -2)
			return -2;
		int col = proj_layout_col_of(&x->L, "dept_id");
		if (id == 0)
			return fault(f, col, "部门不存在", "no such department");
		if (id < 0)
			return fault(f, col, "有多个同名部门，无法确定",
			             "several departments have the name");
		r->pr.dept_id = id;
	}
	if (r->owner_name) {
		if ((id = id_by_name(c, SQL_USER_BY_NAME, x->b.p->zone_id, r->owner_name, e)) == -2)
			return -2;
		int col = proj_layout_col_of(&x->L, "owner_user_id");
		if (id == 0)
			return fault(f, col, "人员不存在", "no such staff user");
		if (id < 0)
			return fault(f, col, "有多位同名人员，无法确定",
			             "several users have the name");
		r->pr.owner_user_id = id;
	}
	return 0;
}

/* 1 when the caller's scope reaches a project of this bureau and person, 0 if not, -2. */
static int scope_ok(struct db *c, const struct principal *p, int64_t dept, int64_t owner,
                    struct yq_err *e)
{
	struct principal wide;
	struct db_stmt *st = db_prepare_with(c, SQL_SCOPE_OK, DB_O(dept), DB_O(owner));
	if (!st)
		return err_db(e, DB_ERR), -2;
	scope_bind(st, 3, proj_scope(p, &wide));
	int rc = db_step(st);
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc), -2;
	return rc == DB_ROW;
}

/* The project of the zone the row names: one of the same name and, when the row gives an
 * investor, the same investor or none. 0 with rp->existing (0: none), -1 for several, -2. */
static int find_existing(struct db *c, const struct import_run *x, struct row_plan *rp,
                         struct row_fault *f, struct yq_err *e)
{
	const struct project *pr = &rp->row.pr;
	struct db_stmt *st =
	    db_prepare_with(c, SQL_SAME_NAME, DB_I(x->b.p->zone_id), DB_T(pr->name));
	if (!st)
		return err_db(e, DB_ERR), -2;
	int rc, n = 0;
	rp->existing = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *inv = db_col_text(st, 1);
		if (pr->investor && *pr->investor && inv && *inv && strcmp(inv, pr->investor) != 0)
			continue;
		if (n++ == 0)
			rp->existing = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc < 0)
		return err_db(e, rc), -2;
	if (n > 1)
		return fault(f, x->L.name_col, "已有多个同名项目，请填写投资方以区分",
		             "several projects have the name: give the investor");
	return 0;
}

/* The members the row gives that the existing project holds otherwise, as present bits of
 * ENTITY_PROJECT (actual dates and evidence are the moves' business and not compared): what
 * the write pass updates. */
static uint64_t changes_of(const struct import_run *x, const struct row_plan *rp)
{
	const struct project *now = &rp->row.pr, *old = &rp->old;
	uint64_t mask = 0;
	for (size_t i = 0; i < x->L.n_cols; i++) {
		int k = x->L.cols[i].key;
		if (k < 0 || !(rp->row.given & (1ull << k)))
			continue;
		const struct field *f = entity_field(&ENTITY_PROJECT, KEYS[k].key);
		if (!f || (f->flags & F_READONLY))
			continue;
		int money = strcmp(KEYS[k].key, "total_investment") == 0;
		int currency = money && strcmp(now->currency ? now->currency : "CNY",
		                               old->currency ? old->currency : "CNY");
		if (field_equal(f, now, old) && !currency)
			continue;
		mask |= 1ull << (f - ENTITY_PROJECT.fields);
		if (money) { /* the amount goes with its currency and rate */
			const struct field *c = entity_field(&ENTITY_PROJECT, "currency");
			const struct field *r = entity_field(&ENTITY_PROJECT, "fx_rate");
			mask |= 1ull << (c - ENTITY_PROJECT.fields) |
			        1ull << (r - ENTITY_PROJECT.fields);
		}
	}
	return mask;
}

/* The actual date the row gives for stage s, or NULL. */
static const char *date_of(const struct project *pr, enum proj_stage s, int *key)
{
	for (int k = 0; k < N_KEYS; k++)
		if (KEYS[k].actual && KEYS[k].stage == s) {
			*key = k;
			return *(const char *const *)((const char *)pr + KEYS[k].off);
		}
	*key = -1;
	return NULL;
}

/* The file column where a move's fault shows: the column of the evidence the move lacked (of
 * the date, for a date), else the stage's, else the stage's date's, else the name's. */
static int move_col(const struct import_run *x, const char *field, int date_key)
{
	static const char *const keys[][2] = {{"contract_no", "contract_no"},
	                                      {"uscc", "uscc"},
	                                      {"start_permit_no", "start_permit_no"},
	                                      {"first_output_month", "produce_date"},
	                                      {"reason", "drop_reason"}};
	int col = -1, date_col = date_key >= 0 ? proj_layout_col_of(&x->L, KEYS[date_key].key) : -1;
	for (size_t i = 0; field && i < ARRAY_LEN(keys); i++)
		if (strcmp(field, keys[i][0]) == 0)
			col = proj_layout_col_of(&x->L, keys[i][1]);
	if (col < 0 && field && strcmp(field, "date") == 0)
		col = date_col;
	if (col < 0)
		col = proj_layout_col_of(&x->L, "stage");
	if (col < 0)
		col = date_col;
	return col >= 0 ? col : x->L.name_col;
}

/* The moves that bring the project (rp->old, or a new one at its first stage) to the row's
 * stage: one to each stage in between whose date the row gives, and one to the row's stage; each
 * checked by the project's own rules (proj_move_check) on the project as the moves before it
 * leave it, with the evidence the row gives. A sheet never moves a project back. */
static int plan_moves(struct db *c, const struct import_run *x, struct row_plan *rp,
                      struct arena *a, struct row_fault *f, struct yq_err *e)
{
	struct project sim = rp->existing ? rp->old : rp->row.pr;
	const struct project *pr = &rp->row.pr;
	enum proj_stage to = rp->row.stage, from;
	if (!rp->existing)
		sim.stage = to == PS_NEGOTIATING ? "negotiating" : "lead";
	from = proj_stage_from_name(sim.stage);
	rp->n_moves = 0;
	if (from == PS_DROPPED || (to != PS_DROPPED && to <= from) || from == PS__COUNT)
		return 0;
	const char *last = NULL;
	for (int s = to == PS_DROPPED ? PS_DROPPED : (int)from + 1; s <= (int)to; s++) {
		int dk;
		const char *d = date_of(pr, (enum proj_stage)s, &dk);
		if (!d && s != (int)to)
			continue;
		if (!d && s == PS_NEGOTIATING)
			d = x->today; /* 在谈 has no date of its own: as of the import */
		struct proj_move *m = &rp->moves[rp->n_moves];
		*m = (struct proj_move){.to = proj_stage_name((enum proj_stage)s),
		                        .date = d,
		                        .contract_no = pr->contract_no,
		                        .uscc = pr->uscc,
		                        .start_permit_no = pr->start_permit_no,
		                        .first_output_month = pr->first_output_month,
		                        .reason = pr->drop_reason,
		                        .note = "导入调度表",
		                        .imported = 1};
		if (!d) {
			const char *why =
			    arena_printf(a, "阶段为%s，须填写%s", proj_stage_label(to),
			                 dk >= 0 ? KEYS[dk].names[0] : "日期");
			return fault(f, move_col(x, "date", dk), why ? why : "须填写该阶段的日期",
			             "the stage needs its date");
		}
		if (last && strcmp(d, last) < 0)
			return fault(f, move_col(x, "date", dk), "日期早于前一阶段的日期",
			             "the date is before the previous stage's");
		struct yq_err me = {0};
		proj_move_check(&sim, m, x->today, a, &me);
		if (me.code)
			return fault(f, move_col(x, me.field, dk), me.message, me.message_en);
		if (s == PS_REGISTERED) {
			char norm[USCC_LEN + 1];
			uscc_check(m->uscc, norm);
			struct db_stmt *st =
			    db_prepare_with(c, SQL_ENT_BY_USCC, DB_I(x->b.p->zone_id), DB_T(norm));
			if (!st)
				return err_db(e, DB_ERR), -2;
			int rc = db_step(st);
			int64_t ent = rc == DB_ROW ? db_col_int(st, 0) : 0;
			db_reset(st);
			if (rc < 0)
				return err_db(e, rc), -2;
			if (!ent)
				return fault(f, move_col(x, "uscc", dk),
				             "企业库中没有该统一社会信用代码的企业，请先登记企业",
				             "no enterprise of the zone has this USCC");
			sim.enterprise_id = ent;
		}
		sim.stage = m->to;
		last = d;
		rp->n_moves++;
	}
	return 0;
}

/* Makes a project row ready to write: its names resolved, its members checked by the field
 * table, the project it names found (and read with the caller's scope), a new one within the
 * caller's scope, its moves planned. 0, -1 with f set, or -2 with e set. */
static int prepare_row(struct db *c, const struct import_run *x, int64_t known, struct row_plan *rp,
                       struct arena *a, struct row_fault *f, struct yq_err *e)
{
	struct project *pr = &rp->row.pr;
	struct yq_err ce = {0};
	int r;
	if ((r = resolve_names(c, x, rp, f, e)) < 0)
		return r;
	if (entity_check(&ENTITY_PROJECT, pr, a, &ce) < 0) {
		int col = ce.field ? proj_layout_col_of(&x->L, ce.field) : -1;
		return fault(f, col >= 0 ? col : x->L.name_col, ce.message, ce.message_en);
	}
	rp->existing = known > 0 ? known : 0;
	if (known < 0 && (r = find_existing(c, x, rp, f, e)) < 0)
		return r;
	if (rp->existing) {
		if (proj_get(c, x->b.p, rp->existing, a, &rp->old, &ce) < 0) {
			if (ce.code != ERR_NOT_FOUND)
				return *e = ce, -2;
			return fault(f, x->L.name_col, "无权修改该项目",
			             "not allowed to change this project");
		}
		rp->changed = changes_of(x, rp);
	} else {
		int dept_col = proj_layout_col_of(&x->L, "dept_id");
		if ((r = scope_ok(c, x->b.p, pr->dept_id ? pr->dept_id : x->b.p->dept_id,
		                  pr->owner_user_id, e)) < 0)
			return -2;
		if (!r)
			return fault(f, dept_col >= 0 ? dept_col : x->L.name_col,
			             "只能导入本部门的项目",
			             "a project must be of your own department");
	}
	return plan_moves(c, x, rp, a, f, e);
}

/* Reports row `row` invalid, naming file column `col` (or none) and its cell. */
static void report_row(struct import_run *x, const struct table_row *row, int col, const char *why,
                       const char *why_en)
{
	int ok = col >= 0 && (size_t)col < x->L.n_cols;
	import_report_add(x->b.rep, row->number, ok ? x->L.cols[col].header : "",
	                  ok ? import_cell(row, col) : "", why, why_en);
}

#define PLAN_UNCHANGED (-2)

/* What the write pass does with one row: create the project, or move the one it names. */
static int write_row(struct db *tx, struct import_run *x, struct row_plan *rp, int64_t what,
                     struct arena *a, struct yq_err *e)
{
	int64_t id = what;
	if (what == PLAN_CREATE) {
		struct project pr = rp->row.pr;
		/* the actual dates and the evidence come with the moves */
		pr.sign_date = pr.register_date = pr.land_date = pr.start_date = NULL;
		pr.complete_date = pr.produce_date = pr.capacity_date = pr.drop_date = NULL;
		pr.contract_no = pr.uscc = pr.start_permit_no = pr.first_output_month = NULL;
		pr.drop_reason = NULL;
		pr.stage = rp->row.stage == PS_NEGOTIATING ? "negotiating" : "lead";
		if (proj_create_in(tx, x->b.p, &pr, x->at, a, e) < 0)
			return -1;
		id = pr.id;
	} else if (rp->changed &&
	           proj_update_in(tx, x->b.p, id, &rp->row.pr, rp->changed, x->at, a, e) < 0) {
		return -1;
	}
	for (int i = 0; i < rp->n_moves; i++)
		if (proj_move_in(tx, x->b.p, id, &rp->moves[i], x->at, a, e) < 0)
			return -1;
	return 0;
}

/* Whether the file gave this project already: a row with an investor repeats a row of the same
 * name and investor, or of the same name and none; a row without one repeats any row of the same
 * name (it would name the same project). Records the row. 1 repeated, 0 not, -1 out of memory. */
static int seen_before(struct import_run *x, const struct proj_row *r, struct arena *a)
{
	const char *inv = r->pr.investor ? r->pr.investor : "";
	const char *any = arena_printf(a, "%s\x1f*", r->pr.name);
	const char *none = arena_printf(a, "%s\x1f", r->pr.name);
	const char *own = arena_printf(a, "%s\x1f%s", r->pr.name, inv);
	if (!any || !none || !own)
		return -1;
	if (*inv ? str_set_has(&x->seen, own) || str_set_has(&x->seen, none)
	         : str_set_has(&x->seen, any))
		return 1;
	if (str_set_add(&x->seen, own) < 0 || str_set_add(&x->seen, any) < 0)
		return -1;
	return 0;
}

/* Validates one row (write == 0) and plans it, or carries the plan out in tx (write != 0).
 * Returns 0, or -1 when the import stops (e set). */
static int import_row(struct db *c, struct import_run *x, const struct table_row *row, long n,
                      int write, struct row_plan *rp, struct arena *a, struct yq_err *e)
{
	struct import_report *rep = x->b.rep;
	int64_t what = 0;
	if (write && !(what = import_plan_of(&x->b, n)))
		return 0; /* invalid: never written */
	if (write && what == PLAN_UNCHANGED) {
		rep->unchanged++;
		return 0;
	}
	if (!write && import_plan_add(&x->b, 0, e) < 0)
		return -1;
	if (rp->row.why) { /* a cell that cannot be read: the validation pass reports it */
		report_row(x, row, rp->row.bad_col, rp->row.why, rp->row.why_en);
		return 0;
	}
	struct row_fault f = {-1, NULL, NULL};
	/* the write pass follows the plan: new, or the project found then */
	int r = prepare_row(c, x, !write ? -1 : what == PLAN_CREATE ? 0 : what, rp, a, &f, e);
	if (r == -2)
		return -1;
	if (r < 0 && write) {
		struct yq_err re = {ERR_CONFLICT, NULL, f.why, f.why_en, 0};
		return import_row_failed(rep, row->number, &re, e);
	}
	if (r < 0) {
		report_row(x, row, f.col, f.why, f.why_en);
		return 0;
	}
	if (write) {
		struct yq_err we = {0};
		if (write_row(c, x, rp, what, a, &we) < 0)
			return import_row_failed(rep, row->number, &we, e);
		if (what == PLAN_CREATE)
			rep->created++;
		else
			rep->updated++;
		return 0;
	}
	int dup = seen_before(x, &rp->row, a);
	if (dup < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	if (dup) {
		report_row(x, row, x->L.name_col, "文件中项目重复（项目名称与投资方相同）",
		           "the project appears twice in the file");
		return 0;
	}
	rep->total++;
	rep->valid++;
	x->b.plan[n - 1] = !rp->existing                    ? PLAN_CREATE
	                   : rp->n_moves > 0 || rp->changed ? rp->existing
	                                                    : PLAN_UNCHANGED;
	return 0;
}

/* One pass over the sheet's rows after the header: validate and plan (write == 0), or write
 * the plan in the transaction c (write != 0). */
static int import_pass(struct db *c, void *arg, struct table_reader *t, int write, struct yq_err *e)
{
	struct import_run *x = arg;
	struct proj_row_state st = {0};
	struct table_row row;
	const char *cells[256];
	struct arena a = {.limit = 4u << 20};
	struct row_plan *rp = yq_calloc(1, sizeof *rp);
	int r, ret = -1;
	long n = 0;
	if (!rp)
		return err_set(e, ERR_INTERNAL, NULL, "内存不足", "out of memory");
	while ((r = import_next_row(t, &x->L.has_pending, &x->L.pending, &a, cells, &row)) == 1) {
		if (proj_row_read(&x->L, &st, &row, x->today, &a, &rp->row) == PROW_SKIP) {
			arena_reset(&a);
			continue;
		}
		if (import_row_begin(x->b.o, ++n, write, e) < 0 ||
		    import_row(c, x, &row, n, write, rp, &a, e) < 0)
			goto out;
		arena_reset(&a);
	}
	if (r < 0) {
		import_file_error(x->b.rep, table_fault(t), table_error(t), e);
		goto out;
	}
	ret = 0;
out:
	arena_release(&a);
	yq_free(rp);
	return ret;
}

/* Reads the header of the table t into x->L. 0, or -1 with e set. */
static int header_of(void *arg, struct table_reader *t, struct yq_err *e)
{
	struct import_run *x = arg;
	proj_layout_release(&x->L);
	return proj_layout_read(&x->L, t, x->b.rep, e);
}

static const struct import_driver DRIVER = {import_run_open, import_pass, 0};

int proj_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
                size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e)
{
	struct import_run *x = import_run_new(sizeof *x, p, o, rep, header_of, e);
	if (!x)
		return -1;
	x->at = now_unix();
	cst_day(x->at, x->today);
	int ret = import_drive(pool, p, path, data, n, o, rep, &DRIVER, x, e);
	proj_layout_release(&x->L);
	str_set_release(&x->seen);
	import_run_free(&x->b);
	return ret;
}
