/* Unit tests for the project import's readers (src/project/project_io.c): amounts and dates as
 * people write them, the header of a 重点项目调度表 (title, date line, two rows with merged
 * groups, units) and its rows (合计, headings, notes, names, stages, currencies). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/table_read.h"
#include "project/project_io.h"

/* ---- amounts ---- */

/* Reads s in a column of unit `unit`: the result in 万, or -1 for refused, -2 for none. */
static double amount(const char *s, double unit, int *usd)
{
	double v = 123;
	int u = 7;
	if (proj_parse_amount(s, unit, &v, &u) < 0) {
		assert_true(isnan(v));
		return -1;
	}
	if (usd)
		*usd = u;
	return isnan(v) ? -2 : v;
}

static void test_amount_units(void **state)
{
	int usd = 9;
	assert_true(amount("1.5亿", 1, &usd) == 15000);
	assert_int_equal(usd, 0);
	assert_true(amount("1.5亿", 10000, NULL) == 15000); /* the cell's unit wins */
	assert_true(amount("3,200", 1, NULL) == 3200);
	assert_true(amount("3,200", 10000, NULL) == 32000000);
	assert_true(amount("3,200", 0.0001, NULL) == 0.32);
	assert_true(amount("5000万", 10000, NULL) == 5000);
	assert_true(amount("5000万元", 1, NULL) == 5000);
	assert_true(amount("1.2亿元", 1, NULL) == 12000);
	assert_true(amount("3200000元", 1, NULL) == 320);
	assert_true(amount("15000.00", 1, NULL) == 15000);
	assert_true(amount("0", 1, NULL) == 0);
	assert_true(amount("12.345678", 1, NULL) == 12.345678);
	assert_true(amount("1,234,567.5", 1, NULL) == 1234567.5);
}

static void test_amount_dollars(void **state)
{
	int usd = 0;
	assert_true(amount("2亿美元", 1, &usd) == 20000);
	assert_int_equal(usd, 1);
	usd = 0;
	assert_true(amount("8000万美元", 10000, &usd) == 8000);
	assert_int_equal(usd, 1);
	usd = 0;
	assert_true(amount("500万美金", 1, &usd) == 500);
	assert_int_equal(usd, 1);
	usd = 0;
	assert_true(amount("3,000,000美元", 1, &usd) == 300);
	assert_int_equal(usd, 1);
	usd = 1;
	assert_true(amount("3,000", 1, &usd) == 3000); /* a number alone: the column's currency */
	assert_int_equal(usd, 0);
}

static void test_amount_as_typed(void **state)
{
	assert_true(amount("约3亿", 1, NULL) == 30000);
	assert_true(amount("约3亿元", 1, NULL) == 30000);
	assert_true(amount("超过1亿元", 1, NULL) == 10000);
	assert_true(amount("逾5000万", 1, NULL) == 5000);
	assert_true(amount("3000余万元", 1, NULL) == 3000);
	assert_true(amount("1.2亿元左右", 1, NULL) == 12000);
	assert_true(amount("10亿以上", 1, NULL) == 100000);
	assert_true(amount("人民币1.5亿元", 1, NULL) == 15000);
	assert_true(amount("1.5亿元人民币", 1, NULL) == 15000);
	assert_true(amount(" 1.5 亿 ", 1, NULL) == 15000);
	assert_true(amount("\xc2\xa0"
	                   "2,000\xe3\x80\x80",
	                   1, NULL) == 2000); /* NBSP, U+3000 */
	/* full-width digits, point and comma */
	assert_true(amount("１．５亿", 1, NULL) == 15000);
	assert_true(amount("３，２００", 1, NULL) == 3200);
	assert_true(amount("８０００万美元", 1, NULL) == 8000);
}

static void test_amount_none(void **state)
{
	const char *none[] = {"", "-", "--", "—", "——", "–", "/", "无", "暂无", "  ", "－", "／"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		double v = 1;
		assert_int_equal(proj_parse_amount(none[i], 1, &v, NULL), 0);
		assert_true(isnan(v));
	}
}

static void test_amount_refused(void **state)
{
	const char *bad[] = {"abc",
	                     "亿",
	                     "1.5.3",
	                     "1-2亿",
	                     "3~5亿",
	                     "-5",
	                     "1e5",
	                     "1E+05",
	                     "1,",
	                     ",100",
	                     "1,,000",
	                     "3亿5000万",
	                     "1.5亿x",
	                     "1.5 亿 元 元",
	                     "约",
	                     "12345678901234567890",
	                     "99999999999亿",
	                     "0x10",
	                     "NaN",
	                     "inf",
	                     "1.5亿港元",
	                     "$100",
	                     "１．５．３",
	                     "5000万元/年",
	                     "一亿",
	                     ".5",
	                     "5.",
	                     "1.5亿美元美元"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 1;
		if (proj_parse_amount(bad[i], 1, &v, NULL) != -1)
			fail_msg("accepted \"%s\" as %g", bad[i], v);
		assert_true(isnan(v));
	}
	double v;
	assert_int_equal(proj_parse_amount(NULL, 1, &v, NULL), -1);
	assert_int_equal(proj_parse_amount("1", 0, &v, NULL), -1);
	assert_int_equal(proj_parse_amount("1", -1, &v, NULL), -1);
	assert_int_equal(proj_parse_amount("1", NAN, &v, NULL), -1);
	assert_int_equal(proj_parse_amount("\xff\xfe", 1, &v, NULL), -1); /* not UTF-8 */
	char big[2048];
	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(proj_parse_amount(big, 1, &v, NULL), -1);
}

/* ---- dates ---- */

/* The date s reads as, "" for none, or "FORMAT" / "NONE" for the faults. */
static const char *date(const char *s)
{
	static char out[11];
	static const char *const f[] = {NULL, "FORMAT", "NONE"};
	enum proj_date_fault r = proj_date_read(s, out);
	return r == PDATE_OK ? out : f[r];
}

static void test_date_forms(void **state)
{
	assert_string_equal(date("2021年3月"), "2021-03-01");
	assert_string_equal(date("2021年03月"), "2021-03-01");
	assert_string_equal(date("2021年3月份"), "2021-03-01");
	assert_string_equal(date("2021年3月初"), "2021-03-01");
	assert_string_equal(date("2021年3月5日"), "2021-03-05");
	assert_string_equal(date("2021年3月5号"), "2021-03-05");
	assert_string_equal(date("2021年3月底"), "2021-03-31");
	assert_string_equal(date("2024年2月底"), "2024-02-29");
	assert_string_equal(date("2023年2月末"), "2023-02-28");
	assert_string_equal(date("2021年底"), "2021-12-31");
	assert_string_equal(date("2021.3"), "2021-03-01");
	assert_string_equal(date("2021.12"), "2021-12-01");
	assert_string_equal(date("2021.3.5"), "2021-03-05");
	assert_string_equal(date("2021/3/5"), "2021-03-05");
	assert_string_equal(date("2021/3"), "2021-03-01");
	assert_string_equal(date("2021-03-05"), "2021-03-05");
	assert_string_equal(date("2021-3"), "2021-03-01");
	assert_string_equal(date("20210305"), "2021-03-05");
	assert_string_equal(date("202103"), "2021-03-01");
	assert_string_equal(date("2021-03-05 10:30:00"), "2021-03-05");
	assert_string_equal(date("2021-03-05 10:30"), "2021-03-05");
	assert_string_equal(date("2021-03-05T10:30:00"), "2021-03-05");
	assert_string_equal(date("2021年3月5日 8:00"), "2021-03-05");
	assert_string_equal(date("２０２１年３月"), "2021-03-01");
	assert_string_equal(date(" 2021. 3. 5 "), "2021-03-05");
	assert_string_equal(date("2024-02-29"), "2024-02-29");
	assert_string_equal(date("1900-01-01"), "1900-01-01");
	assert_string_equal(date("2100-12-31"), "2100-12-31");
}

static void test_date_excel_serial(void **state)
{
	assert_string_equal(date("44256"), "2021-03-01");
	assert_string_equal(date("44256.75"), "2021-03-01"); /* a time of day */
	assert_string_equal(date("43831"), "2020-01-01");
	assert_string_equal(date("45351"), "2024-02-29");
	assert_string_equal(date("10000"), "1927-05-18");
	assert_string_equal(date("73050"), "2099-12-31");
	assert_string_equal(date("99999"), "NONE"); /* 2173 */
	/* fewer digits: a year or a count, not a date */
	assert_string_equal(date("60"), "FORMAT");
	assert_string_equal(date("2021"), "FORMAT");
	assert_string_equal(date("4425"), "FORMAT");
	assert_string_equal(date("442560"), "NONE"); /* six digits: YYYYMM, month 60 */
}

static void test_date_refused(void **state)
{
	assert_string_equal(date("2021-02-29"), "NONE");
	assert_string_equal(date("2021年2月29日"), "NONE");
	assert_string_equal(date("2021-04-31"), "NONE");
	assert_string_equal(date("2021年13月"), "NONE");
	assert_string_equal(date("2021-13"), "NONE");
	assert_string_equal(date("2021.0"), "NONE");
	assert_string_equal(date("20210230"), "NONE");
	assert_string_equal(date("1899-12-31"), "NONE");
	assert_string_equal(date("2101-01-01"), "NONE");
	const char *bad[] = {"abc",
	                     "2021",
	                     "21-3-5",
	                     "3/5/2021",
	                     "2021-3/5",
	                     "2021年",
	                     "2021年3月上旬",
	                     "2021年3",
	                     "2021-03-05 25:00",
	                     "2021-03-05x",
	                     "2021-003-01",
	                     "2021年6月前",
	                     "二〇二一年三月",
	                     "2021--03",
	                     "2021.3.",
	                     "44256abc",
	                     "1.5亿",
	                     "2021-03-05 10:61",
	                     "2021年3月5",
	                     "2021/03/05/01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strcmp(date(bad[i]), "FORMAT") != 0)
			fail_msg("\"%s\" read as %s", bad[i], date(bad[i]));
	char out[11];
	assert_int_equal(proj_parse_date("2021-02-29", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(proj_parse_date(NULL, out), -1);
	assert_int_equal(proj_parse_date("\xe5\xb9", out), -1); /* a cut UTF-8 sequence */
}

static void test_date_none(void **state)
{
	char out[11] = "x";
	assert_int_equal(proj_parse_date("", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(proj_parse_date("—", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(proj_parse_date("2021.3", out), 0);
	assert_string_equal(out, "2021-03-01");
}

/* Every prefix of every test string, and bytes of every value: never a crash, a read past the
 * end or an answer other than 0 or -1 (the sanitizer build runs this). */
static void test_hostile_bytes(void **state)
{
	const char *seeds[] = {"1.5亿美元", "2021年3月5日 10:30:00", "３，２００万",
	                       "44256.5",   "约3000余万元左右",      "2024年2月底"};
	char buf[64], out[11];
	double v;
	for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++)
		for (size_t n = 0; n <= strlen(seeds[s]); n++) {
			memcpy(buf, seeds[s], n);
			buf[n] = 0;
			int r = proj_parse_amount(buf, 1, &v, NULL);
			assert_true(r == 0 || r == -1);
			r = proj_parse_date(buf, out);
			assert_true(r == 0 || r == -1);
			assert_true(strlen(out) == 0 || strlen(out) == 10);
		}
	srand(12);
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)(rand() % 24);
		for (size_t k = 0; k < n; k++) {
			static const char pick[] =
			    "0123456789.,-/年月日亿万美元 :T\xef\xbc\x91\xff";
			buf[k] = rand() % 3 ? pick[rand() % (int)(sizeof pick - 1)]
			                    : (char)(rand() % 255 + 1);
		}
		buf[n] = 0;
		int r = proj_parse_amount(buf, 1, &v, NULL);
		assert_true(r == 0 || r == -1);
		assert_true(r < 0 || isnan(v) || (v >= 0 && v <= 1e9));
		r = proj_parse_date(buf, out);
		assert_true(r == 0 || r == -1);
	}
}

/* ---- the header and the rows ---- */

struct sheet {
	struct table_reader *t;
	struct proj_layout L;
	struct import_report rep;
	struct yq_err e;
	int rc;
};

/* Opens CSV text and reads its header. */
static struct sheet *sheet_open(const char *csv)
{
	struct sheet *s = calloc(1, sizeof *s);
	assert_non_null(s);
	char err[256];
	s->t = table_open_mem(csv, strlen(csv), err, sizeof err, NULL);
	assert_non_null(s->t);
	s->rc = proj_layout_read(&s->L, s->t, &s->rep, &s->e);
	return s;
}

static void sheet_close(struct sheet *s)
{
	proj_layout_release(&s->L);
	table_close(s->t);
	import_report_release(&s->rep);
	free(s);
}

/* The key of the column whose header is written `header`, or NULL. */
static const char *key_of(const struct sheet *s, const char *header)
{
	for (size_t i = 0; i < s->L.n_cols; i++)
		if (strcmp(s->L.cols[i].header, header) == 0)
			return proj_layout_key(&s->L, i);
	fail_msg("no column %s", header);
	return NULL;
}

/* The rows of the sheet that are projects or errors, read with today 2026-01-31. */
struct rows {
	struct proj_row r[16];
	unsigned long number[16];
	int kind[16];
	int n;
	struct arena a;
};

static void read_rows(struct sheet *s, struct rows *out)
{
	memset(out, 0, sizeof *out);
	struct proj_row_state st = {0};
	struct table_row raw, row;
	const char *cells[256];
	int csv = table_format(s->t) == TABLE_CSV;
	if (s->L.has_pending) {
		s->L.has_pending = 0;
		struct proj_row r;
		int k = proj_row_read(&s->L, &st, &s->L.pending, "2026-01-31", &out->a, &r);
		if (k != PROW_SKIP) {
			out->r[out->n] = r;
			out->number[out->n] = s->L.pending.number;
			out->kind[out->n++] = k;
		}
	}
	while (table_next(s->t, &raw) == 1) {
		import_clean_row(&raw, csv, &out->a, cells, &row);
		struct proj_row r;
		int k = proj_row_read(&s->L, &st, &row, "2026-01-31", &out->a, &r);
		if (k == PROW_SKIP)
			continue;
		assert_true(out->n < 16);
		out->r[out->n] = r;
		out->number[out->n] = row.number;
		out->kind[out->n++] = k;
	}
}

/* A sheet as a 分局 fills it: a title, a date line stating 亿元, a header of two rows whose
 * groups are merged over their sub-headers, a 合计 row, section headings, an empty numbered
 * row, notes at the end. */
static const char SHEET[] =
    "2021年重点项目调度表\r\n"
    "填报单位：招商局,,,,,,截至2021年3月31日,,,单位：亿元\r\n"
    "序号,项目名称,投资主体,总投资,,计划开工,实际开工时间,阶段,招商分局,招商专员,"
    "用地（亩）,汇率,形象进度,备注\r\n"
    ",,,合计,其中：固定资产投资,时间,,,,,,,,\r\n"
    "合计,,,63.5,28,,,,,,,,,\r\n"
    "一、新开工项目（2个）,,,,,,,,,,,,,\r\n"
    "1,智能装备产业园,江苏华通集团有限公司,12.5,8,2021年5月,,在谈,招商一局,张三,"
    "120,,,重点推进\r\n"
    "2,锂电池材料项目,新中联（新加坡）有限公司,2亿美元,5000万,44256,2021.3,开工,"
    "招商二局,李四,约80亩,6.45,主体施工,\r\n"
    "（二）续建项目,,,,,,,,,,,,,\r\n"
    "3,坏金额项目,某公司,一点五亿,,,,,,,,,,\r\n"
    "4,,无名公司,3,,,,,,,,,,\r\n"
    "5,,,,,,,,,,,,,\r\n"
    "6,坏日期项目,某公司,3,,2021-02-30,,,,,,,,\r\n"
    "7,坏阶段项目,某公司,3,,,,已经快完了,,,,,,\r\n"
    "8,美元无汇率项目,某外资,500万美元,,,,,,,,,,\r\n"
    "注：1.总投资单位为亿元；\r\n"
    "2.阶段按最新进度填写。\r\n"
    "填报人：王五,,,,审核人：赵六,,,,,,,,,\r\n";

static void test_two_row_header(void **state)
{
	struct sheet *s = sheet_open(SHEET);
	assert_int_equal(s->rc, 0);
	assert_int_equal(s->L.header_row, 3);
	assert_int_equal(s->L.header_last, 4);
	assert_false(s->L.has_pending);
	assert_true(s->L.unit == 10000); /* 单位：亿元 */
	assert_int_equal(s->L.name_col, 1);
	assert_int_equal(s->L.seq_col, 0);
	assert_string_equal(key_of(s, "项目名称"), "name");
	assert_string_equal(key_of(s, "投资主体"), "investor");
	assert_string_equal(key_of(s, "总投资"), "total_investment"); /* 总投资 over 合计 */
	assert_string_equal(key_of(s, "其中：固定资产投资"), "fixed_investment"); /* under 总投资 */
	assert_string_equal(key_of(s, "计划开工时间"), "plan_start_date"); /* 计划开工 over 时间 */
	assert_string_equal(key_of(s, "实际开工时间"), "start_date");
	assert_string_equal(key_of(s, "阶段"), "stage");
	assert_string_equal(key_of(s, "招商分局"), "dept_id");
	assert_string_equal(key_of(s, "招商专员"), "owner_user_id");
	assert_string_equal(key_of(s, "用地（亩）"), "land_mu");
	assert_string_equal(key_of(s, "汇率"), "fx_rate");
	assert_string_equal(key_of(s, "形象进度"), "notes");
	assert_string_equal(key_of(s, "备注"), "notes");
	assert_true(s->L.cols[3].unit == 10000 && s->L.cols[4].unit == 10000);
	assert_int_equal(proj_layout_col_of(&s->L, "plan_start_date"), 5);

	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 7);
	/* row 7: a project of 12.5亿 planned to start in May, still negotiating */
	const struct proj_row *r = &rs.r[0];
	assert_int_equal(rs.kind[0], PROW_DATA);
	assert_int_equal(rs.number[0], 7);
	assert_string_equal(r->pr.name, "智能装备产业园");
	assert_string_equal(r->pr.investor, "江苏华通集团有限公司");
	assert_true(r->pr.total_investment == 125000);
	assert_string_equal(r->pr.currency, "CNY");
	assert_true(r->pr.fixed_investment == 80000);
	assert_string_equal(r->pr.plan_start_date, "2021-05-01");
	assert_null(r->pr.start_date);
	assert_int_equal(r->stage, PS_NEGOTIATING);
	assert_string_equal(r->dept_name, "招商一局");
	assert_string_equal(r->owner_name, "张三");
	assert_true(r->pr.land_mu == 120);
	assert_string_equal(r->pr.notes, "重点推进");
	/* row 8: 2亿美元 at 6.45, 5000万 (the cell's unit), an Excel serial, started 2021.3 */
	r = &rs.r[1];
	assert_int_equal(rs.kind[1], PROW_DATA);
	assert_true(r->pr.total_investment == 20000);
	assert_string_equal(r->pr.currency, "USD");
	assert_true(r->pr.fx_rate == 6.45);
	assert_true(r->pr.fixed_investment == 5000);
	assert_string_equal(r->pr.plan_start_date, "2021-03-01");
	assert_string_equal(r->pr.start_date, "2021-03-01");
	assert_int_equal(r->stage, PS_STARTED);
	assert_true(r->pr.land_mu == 80);
	assert_string_equal(r->pr.notes, "形象进度：主体施工");
	/* the bad rows, each naming its column */
	struct {
		unsigned long row;
		int col;
		const char *why;
	} want[] = {
	    {10, 3, "无法识别的金额"},
	    {11, 1, "项目名称不能为空"},
	    {13, 5, "日期不存在"},
	    {14, 7, NULL},
	    {15, 3, "美元金额须填写汇率（汇率列）"},
	};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(rs.kind[2 + i], PROW_INVALID);
		assert_int_equal(rs.number[2 + i], want[i].row);
		assert_int_equal(rs.r[2 + i].bad_col, want[i].col);
		if (want[i].why)
			assert_string_equal(rs.r[2 + i].why, want[i].why);
	}
	assert_string_equal(rs.r[5].why,
	                    "应为线索、在谈、签约、注册、供地、开工、竣工、投产、达产或终止");
	arena_release(&rs.a);
	sheet_close(s);
}

/* One header row: the first project row comes back as the pending row. Units in the headers. */
static void test_one_row_header(void **state)
{
	struct sheet *s = sheet_open(
	    "项目名称,投资方,总投资（万元）,注册资本(万美元),签约时间,计划投产时间,项目来源,"
	    "重点级别,"
	    "专班,技改,行业,汇率,预计就业\n"
	    "华为枢纽仓库,华为技术有限公司,\"3,200\",100,2021年3月5日,2022.6,以商招商,省重点,是,否,"
	    "5990,7,200人\n"
	    "京东亚洲一号,京东集团,1.5亿,,,2023年底,中介招商,区级,,√,C3982 电子电路制造,,\n");
	assert_int_equal(s->rc, 0);
	assert_int_equal(s->L.header_row, 1);
	assert_int_equal(s->L.header_last, 1);
	assert_true(s->L.has_pending);
	assert_true(s->L.cols[2].unit == 1);
	assert_true(s->L.cols[3].usd == 1);
	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 2);
	const struct proj_row *r = &rs.r[0];
	assert_int_equal(rs.kind[0], PROW_DATA);
	assert_int_equal(rs.number[0], 2);
	assert_true(r->pr.total_investment == 3200);
	assert_true(r->pr.registered_capital == 700); /* 100万美元 at 7 */
	assert_string_equal(r->pr.sign_date, "2021-03-05");
	assert_string_equal(r->pr.plan_produce_date, "2022-06-01");
	assert_string_equal(r->pr.source, "business");
	assert_string_equal(r->pr.level, "province");
	assert_int_equal(r->pr.special_team, 1);
	assert_int_equal(r->pr.renovation, 0);
	assert_string_equal(r->pr.industry_code, "5990");
	assert_int_equal(r->pr.expected_jobs, 200);
	assert_int_equal(r->stage, PS_SIGNED); /* no stage column: the last actual date's */
	r = &rs.r[1];
	assert_int_equal(rs.kind[1], PROW_DATA);
	assert_true(r->pr.total_investment == 15000);
	assert_string_equal(r->pr.plan_produce_date, "2023-12-31");
	assert_string_equal(r->pr.source, "agent");
	assert_string_equal(r->pr.level, "district");
	assert_int_equal(r->pr.renovation, 1);
	assert_string_equal(r->pr.industry_code, "3982");
	assert_int_equal(r->stage, PS_LEAD);
	arena_release(&rs.a);
	sheet_close(s);
}

/* 总投资 in 万元 and in 万美元 side by side: a row fills one, or both (then the rate is theirs). */
static void test_two_currencies(void **state)
{
	struct sheet *s = sheet_open("项目名称,总投资(万元),总投资(万美元)\n"
	                             "内资项目,5000,\n"
	                             "外资项目,64500,10000\n"
	                             "无汇率外资项目,,10000\n");
	assert_int_equal(s->rc, 0);
	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 3);
	assert_string_equal(rs.r[0].pr.currency, "CNY");
	assert_true(rs.r[0].pr.total_investment == 5000);
	assert_string_equal(rs.r[1].pr.currency, "USD");
	assert_true(rs.r[1].pr.total_investment == 10000);
	assert_true(rs.r[1].pr.fx_rate == 6.45);
	assert_int_equal(rs.kind[2], PROW_INVALID);
	assert_int_equal(rs.r[2].bad_col, 2);
	arena_release(&rs.a);
	sheet_close(s);
}

/* Merged groups of dates: 时间节点 over 签约 and 开工, 开工时间 over 计划 and 实际. */
static void test_date_groups(void **state)
{
	struct sheet *s = sheet_open("序号,项目名称,时间节点,,开工时间,,计划节点,\n"
	                             ",,签约,注册,计划,实际,投产,达产\n"
	                             "1,甲项目,2021.1,2021.2,2021.3,2021.4,2022.1,2023.1\n");
	assert_int_equal(s->rc, 0);
	assert_int_equal(s->L.header_last, 2);
	assert_string_equal(proj_layout_key(&s->L, 2), "sign_date");
	assert_string_equal(proj_layout_key(&s->L, 3), "register_date");
	assert_string_equal(proj_layout_key(&s->L, 4), "plan_start_date");
	assert_string_equal(proj_layout_key(&s->L, 5), "start_date");
	assert_string_equal(proj_layout_key(&s->L, 6), "plan_produce_date");
	assert_string_equal(proj_layout_key(&s->L, 7), "plan_capacity_date");
	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.r[0].pr.register_date, "2021-02-01");
	assert_string_equal(rs.r[0].pr.start_date, "2021-04-01");
	assert_int_equal(rs.r[0].stage, PS_STARTED);
	arena_release(&rs.a);
	sheet_close(s);
}

/* The name in the header's second row, under a group ("基本情况" over 项目名称 and 建设单位); the
 * columns without a group merged down from the first row. */
static void test_group_over_name(void **state)
{
	struct sheet *s = sheet_open("2021年重点项目调度表\n"
	                             "序号,基本情况,,总投资（亿元）,,计划开工,阶段\n"
	                             ",项目名称,建设单位,合计,其中：固定资产投资,时间,\n"
	                             "1,甲项目,甲公司,1.5,1,2021年3月,在谈\n");
	assert_int_equal(s->rc, 0);
	assert_int_equal(s->L.header_row, 2);
	assert_int_equal(s->L.header_last, 3);
	assert_int_equal(s->L.seq_col, 0);
	assert_int_equal(s->L.name_col, 1);
	static const char *const want[] = {
	    NULL,   "name", "investor", "total_investment", "fixed_investment", "plan_start_date",
	    "stage"};
	for (size_t i = 1; i < 7; i++)
		assert_string_equal(proj_layout_key(&s->L, i), want[i]);
	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 1);
	assert_true(rs.r[0].pr.total_investment == 15000);
	assert_true(rs.r[0].pr.fixed_investment == 10000);
	assert_string_equal(rs.r[0].pr.plan_start_date, "2021-03-01");
	assert_int_equal(rs.r[0].stage, PS_NEGOTIATING);
	arena_release(&rs.a);
	sheet_close(s);
}

/* Appends the cells of one row to buf (at *n, at most cap): `cells` cells of up to two pieces
 * each, separated by commas, ended by a line break. */
static void random_row(char *buf, size_t *n, size_t cap, const char *const *pieces, int n_pieces,
                       int cells)
{
	for (int c = 0; c < cells; c++) {
		for (int k = rand() % 3; k > 0; k--) {
			const char *p = pieces[rand() % n_pieces];
			size_t l = strlen(p);
			if (*n + l + 2 >= cap)
				return;
			memcpy(buf + *n, p, l);
			*n += l;
		}
		buf[(*n)++] = c + 1 < cells ? ',' : '\n';
	}
}

/* Sheets made of random pieces of real ones (a header of one or two rows, rows of amounts,
 * dates, names, totals and notes, quotes, stray bytes): the header reader and the row reader
 * never crash, read past a cell or name a column the sheet does not have (the sanitizer build
 * runs this). */
static void test_random_sheets(void **state)
{
	static const char *const head[] = {
	    "项目名称",   "总投资（亿元）", "总投资",   "计划开工",     "阶段",
	    "招商分局",   "备注",           "序号",     "固定资产投资", "汇率",
	    "用地（亩）", "总投资(万美元)", "签约时间", "专班",         "责任人",
	    "行业",       "项目来源",       "终止原因", "终止时间",     "预计就业",
	    "基本情况",   "时间节点",       ""};
	static const char *const any[] = {"项目名称",
	                                  "合计",
	                                  "时间",
	                                  "签约",
	                                  "开工",
	                                  "1.5亿",
	                                  "3,200",
	                                  "2021年3月",
	                                  "44256",
	                                  "注：",
	                                  "一、",
	                                  "（二）",
	                                  "单位：万元",
	                                  "张三、李四",
	                                  "其中：",
	                                  "是",
	                                  "否",
	                                  "\"",
	                                  "\"\"",
	                                  "\t",
	                                  " ",
	                                  "\xe5\x90",
	                                  "2021-02-30",
	                                  "约",
	                                  "美元",
	                                  "—",
	                                  "个)",
	                                  "(",
	                                  "12",
	                                  "在谈",
	                                  "终止",
	                                  "3982",
	                                  "C3982 电子电路制造",
	                                  "8000万美元",
	                                  "2021.3",
	                                  "",
	                                  ""};
	char buf[4096];
	int tried = 0, read = 0;
	srand(7);
	for (int round = 0; round < 2000; round++) {
		size_t n = 0;
		if (rand() % 2)
			n += (size_t)snprintf(buf, sizeof buf, "2021年重点项目调度表\n");
		int cols = 2 + rand() % 10, name = rand() % cols;
		for (int c = 0; c < cols; c++) /* one header word a cell, 项目名称 among them */
			n += (size_t)snprintf(
			    buf + n, sizeof buf - n, "%s%c",
			    c == name ? "项目名称"
			              : head[rand() % (int)(sizeof head / sizeof head[0])],
			    c + 1 < cols ? ',' : '\n');
		if (rand() % 3 == 0) /* a second header row */
			random_row(buf, &n, sizeof buf, head, (int)(sizeof head / sizeof head[0]),
			           1 + rand() % 10);
		for (int r = rand() % 12; r > 0; r--)
			random_row(buf, &n, sizeof buf, any, (int)(sizeof any / sizeof any[0]),
			           1 + rand() % 12);
		buf[n] = 0;
		char err[256];
		struct table_reader *t = table_open_mem(buf, n, err, sizeof err, NULL);
		if (!t)
			continue;
		tried++;
		struct proj_layout *L = calloc(1, sizeof *L);
		struct import_report rep = {0};
		struct yq_err e = {0};
		if (proj_layout_read(L, t, &rep, &e) == 0) {
			read++;
			assert_true(L->name_col >= 0 && (size_t)L->name_col < L->n_cols);
			struct proj_row_state st = {0};
			struct arena a = {0};
			struct table_row raw, row;
			const char *cells[256];
			int first = L->has_pending;
			for (;;) {
				if (first) {
					row = L->pending;
					first = 0;
				} else if (table_next(t, &raw) == 1) {
					import_clean_row(&raw, 1, &a, cells, &row);
				} else {
					break;
				}
				struct proj_row r;
				int k = proj_row_read(L, &st, &row, "2026-01-31", &a, &r);
				assert_true(k == PROW_DATA || k == PROW_SKIP || k == PROW_INVALID);
				if (k == PROW_INVALID) {
					assert_true(r.bad_col >= -1 && r.bad_col < (int)L->n_cols);
					assert_non_null(r.why);
				}
				if (k == PROW_DATA)
					assert_true(r.pr.name && *r.pr.name && r.stage < PS__COUNT);
			}
			arena_release(&a);
		} else {
			assert_non_null(e.message);
		}
		proj_layout_release(L);
		free(L);
		table_close(t);
		import_report_release(&rep);
	}
	/* most sheets open, and many have a header to read rows under */
	assert_true(tried > 1500);
	if (read < 300)
		fail_msg("%d of %d sheets had a header", read, tried);
}

static void test_header_faults(void **state)
{
	struct sheet *s = sheet_open("2021年调度表\n序号,名单,金额\n1,甲,3\n");
	assert_int_equal(s->rc, -1);
	assert_string_equal(s->e.field, "file");
	assert_string_equal(s->e.message, "未找到表头：前30行中没有含「项目名称」的表头行");
	sheet_close(s);
	s = sheet_open("项目名称,总投资,投资总额\n甲,1,2\n");
	assert_int_equal(s->rc, -1);
	assert_string_equal(s->e.message,
	                    "表头中「总投资」与「投资总额」都对应总投资，请只保留一列");
	sheet_close(s);
	s = sheet_open("项目名称,阶段,项目状态\n");
	assert_int_equal(s->rc, -1);
	sheet_close(s);
	/* the header on row 31 is past the search */
	char buf[4096] = "";
	size_t o = 0;
	for (int i = 0; i < 30; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "说明\n");
	snprintf(buf + o, sizeof buf - o, "项目名称,总投资\n甲,1\n");
	s = sheet_open(buf);
	assert_int_equal(s->rc, -1);
	sheet_close(s);
	/* an empty file */
	s = sheet_open("");
	assert_int_equal(s->rc, -1);
	sheet_close(s);
}

/* Names, actual dates after today, texts with line breaks, repeated headers, too long. */
static void test_row_cells(void **state)
{
	struct sheet *s =
	    sheet_open("项目名称,责任人,牵头单位,开工时间,计划开工时间,投资方,备注,存在问题\n"
	               "甲,张三、李四,,,,,,\n"
	               "乙,,招商一局/二局,,,,,\n"
	               "丙,,,2026-02-01,2026-02-01,,,\n"
	               "\"丁\n（一期）\",,,,,\"Tesla\nInc.\",\"第一行\n第二行\",缺电\n"
	               "项目名称,责任人,,,,,,\n");
	assert_int_equal(s->rc, 0);
	struct rows rs;
	read_rows(s, &rs);
	assert_int_equal(rs.n, 4);
	assert_int_equal(rs.kind[0], PROW_INVALID);
	assert_string_equal(rs.r[0].why, "只能填写一位人员");
	assert_int_equal(rs.r[0].bad_col, 1);
	assert_int_equal(rs.kind[1], PROW_INVALID);
	assert_string_equal(rs.r[1].why, "只能填写一个部门");
	assert_int_equal(rs.kind[2], PROW_INVALID);
	assert_int_equal(rs.r[2].bad_col, 3);
	assert_int_equal(rs.kind[3], PROW_DATA);
	assert_string_equal(rs.r[3].pr.name, "丁（一期）");
	assert_string_equal(rs.r[3].pr.investor, "Tesla Inc.");
	assert_string_equal(rs.r[3].pr.notes, "第一行\n第二行\n存在问题：缺电");
	arena_release(&rs.a);
	sheet_close(s);

	char big[512];
	size_t n = (size_t)snprintf(big, sizeof big, "项目名称,总投资\n");
	for (int i = 0; i < 101; i++)
		n += (size_t)snprintf(big + n, sizeof big - n, "甲");
	snprintf(big + n, sizeof big - n, ",1\n");
	s = sheet_open(big);
	read_rows(s, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.kind[0], PROW_INVALID);
	assert_string_equal(rs.r[0].why, "超过100个字");
	arena_release(&rs.a);
	sheet_close(s);
}

/* The fixtures beside the generator: the same 调度表 as an .xlsx with merged cells and Excel
 * dates and numbers, read like the CSV. */
static void test_xlsx_fixture(void **state)
{
	char err[256];
	struct sheet *s = calloc(1, sizeof *s);
	s->t = table_open_file("tests/fixtures/projects/schedule.xlsx", err, sizeof err, NULL);
	if (!s->t)
		fail_msg("%s", err);
	assert_int_equal(proj_layout_read(&s->L, s->t, &s->rep, &s->e), 0);
	assert_int_equal(s->L.header_row, 3);
	assert_int_equal(s->L.header_last, 4);
	assert_string_equal(proj_layout_key(&s->L, 6), "plan_start_date");
	struct rows rs;
	read_rows(s, &rs);
	int data = 0, bad = 0;
	for (int i = 0; i < rs.n; i++)
		rs.kind[i] == PROW_DATA ? data++ : bad++;
	assert_int_equal(data, 8);
	assert_int_equal(bad, 3);
	assert_string_equal(rs.r[0].pr.name, "毛亨高新材料产业园");
	assert_true(rs.r[0].pr.total_investment == 150000);
	assert_string_equal(rs.r[0].pr.plan_start_date, "2021-03-01");
	arena_release(&rs.a);
	sheet_close(s);
}

int main(void)
{
	log_set_level(LOG_WARN); /* the files refused on purpose are logged at info */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_amount_units),      cmocka_unit_test(test_amount_dollars),
	    cmocka_unit_test(test_amount_as_typed),   cmocka_unit_test(test_amount_none),
	    cmocka_unit_test(test_amount_refused),    cmocka_unit_test(test_date_forms),
	    cmocka_unit_test(test_date_excel_serial), cmocka_unit_test(test_date_refused),
	    cmocka_unit_test(test_date_none),         cmocka_unit_test(test_hostile_bytes),
	    cmocka_unit_test(test_two_row_header),    cmocka_unit_test(test_one_row_header),
	    cmocka_unit_test(test_two_currencies),    cmocka_unit_test(test_date_groups),
	    cmocka_unit_test(test_header_faults),     cmocka_unit_test(test_row_cells),
	    cmocka_unit_test(test_xlsx_fixture),      cmocka_unit_test(test_group_over_name),
	    cmocka_unit_test(test_random_sheets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
