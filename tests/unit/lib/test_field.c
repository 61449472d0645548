/* Unit tests for field tables (src/lib/field.c, src/db/field_sql.c): decoding and validation,
 * JSON output, comparison, the SQL expansion and a round trip through a real SQLite table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "db/field_sql.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/field.h"
#include "lib/jsonw.h"

struct thing {
	int64_t id;
	const char *name, *born, *kind, *note, *tags, *phone, *owner_name;
	int64_t count, owner_id, created_at;
	double money;
	int active;
};

static const char *const KINDS[] = {"a", "b", NULL};
static const char *const KIND_LABELS[] = {"甲", "乙", NULL};

static int check_no_x(const char *v, struct yq_err *e)
{
	return strchr(v, 'x') ? err_set(e, ERR_VALIDATION, NULL, "不能含 x", "no x") : 0;
}

static const struct field THING_FIELDS[] = {
    FIELD(struct thing, id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID"),
    {FIELD_INIT(struct thing, name, FT_TEXT, "name", 1, 10, F_REQUIRED | F_AUDIT | F_EXPORT, "名称",
                "Name"),
     .check = check_no_x},
    FIELD(struct thing, born, FT_DATE, "born", 0, 0, F_AUDIT, "成立日期", "Established"),
    {FIELD_INIT(struct thing, kind, FT_ENUM, "kind", 0, 0, F_AUDIT, "类型", "Kind"),
     .values = KINDS, .labels = KIND_LABELS},
    FIELD(struct thing, note, FT_TEXT, "note", 0, 100, F_MULTILINE | F_INTERNAL, "备注", "Note"),
    FIELD(struct thing, tags, FT_JSON, "tags", 0, 1000, 0, "标签", "Tags"),
    FIELD(struct thing, phone, FT_TEXT, "phone", 0, 20, F_SEALED | F_AUDIT, "电话", "Phone"),
    FIELD(struct thing, count, FT_INT, "count", 0, 100, F_NOUPDATE, "数量", "Count"),
    FIELD(struct thing, owner_id, FT_REF, "owner_id", 0, 0, 0, "负责人", "Owner"),
    FIELD(struct thing, owner_name, FT_TEXT, "u.name", 0, 0, F_READONLY, "负责人姓名", "Owner"),
    FIELD(struct thing, money, FT_MONEY, "money", 0, 0, F_AUDIT, "注册资本", "Capital"),
    FIELD(struct thing, active, FT_BOOL, "active", 0, 0, 0, "在用", "Active"),
    FIELD(struct thing, created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "创建时间", "Created"),
};
static const struct entity THING = ENTITY("thing", "thing", "t", THING_FIELDS, "物", "Thing");

struct fx {
	struct arena a;
	struct yq_err e;
	struct thing t;
};

static int setup(void **state)
{
	static struct fx f;
	memset(&f, 0, sizeof f);
	(void)0; /* a zeroed arena is empty */
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_release(&f->a);
	return 0;
}

/* Decodes JSON text fully into f->t; returns entity_decode's result. */
static int decode(struct fx *f, const char *text, enum decode_mode mode, uint64_t *present)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	assert_non_null(o);
	memset(&f->e, 0, sizeof f->e);
	int rc = entity_decode(&THING, o, mode, &f->a, &f->t, present, &f->e);
	json_decref(o);
	return rc;
}

static void test_decode_full(void **state)
{
	struct fx *f = *state;
	uint64_t present = 0;
	assert_int_equal(decode(f,
	                        "{\"name\":\"\\u00a0 小明 \\u3000\",\"born\":\"2020-02-29\","
	                        "\"kind\":\"b\",\"tags\":[\"x\",1],\"money\":12.5,\"active\":true,"
	                        "\"owner_id\":7,\"count\":3,\"id\":99}",
	                        DECODE_FULL, &present),
	                 0);
	assert_string_equal(f->t.name, "小明"); /* trimmed: NBSP, space, U+3000 */
	assert_string_equal(f->t.born, "2020-02-29");
	assert_string_equal(f->t.kind, "b");
	assert_string_equal(f->t.tags, "[\"x\",1]");
	assert_true(f->t.money == 12.5);
	assert_int_equal(f->t.active, 1);
	assert_int_equal(f->t.owner_id, 7);
	assert_int_equal(f->t.id, 0); /* read-only: never decoded */
	assert_null(f->t.note);
	assert_true(present & (1u << 1));
	assert_false(present & (1u << 0));
}

/* Each bad value names its field with a Chinese message naming it too. */
static void test_decode_errors(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *json, *field, *msg;
	} cases[] = {
	    {"{}", "name", "名称不能为空"},
	    {"{\"name\":\"  \"}", "name", "名称不能为空"},
	    {"{\"name\":5}", "name", "名称应为字符串"},
	    {"{\"name\":\"一二三四五六七八九十一\"}", "name", "名称不能超过10个字符"},
	    {"{\"name\":\"ax\"}", "name", "不能含 x"},
	    {"{\"name\":\"a\\u0001\"}", "name", "名称含有控制字符"},
	    {"{\"name\":\"a\\nb\"}", "name", "名称含有控制字符"},
	    {"{\"name\":\"a\",\"born\":\"1900-02-29\"}", "born", "成立日期日期不存在"},
	    {"{\"name\":\"a\",\"born\":\"2020/01/01\"}", "born", "成立日期日期格式应为 YYYY-MM-DD"},
	    {"{\"name\":\"a\",\"kind\":\"c\"}", "kind", "类型取值无效"},
	    {"{\"name\":\"a\",\"count\":101}", "count", "数量数值超出范围"},
	    {"{\"name\":\"a\",\"count\":1.5}", "count", "数量应为整数"},
	    {"{\"name\":\"a\",\"owner_id\":0}", "owner_id", "负责人数值超出范围"},
	    {"{\"name\":\"a\",\"money\":\"5\"}", "money", "注册资本应为数字（万元）"},
	    {"{\"name\":\"a\",\"money\":-1}", "money", "注册资本数值超出范围"},
	    {"{\"name\":\"a\",\"active\":1}", "active", "在用应为布尔值"},
	    {"{\"name\":\"a\",\"tags\":\"x\"}", "tags", "标签格式错误"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(decode(f, cases[i].json, DECODE_FULL, NULL), -1);
		assert_int_equal(f->e.code, ERR_VALIDATION);
		assert_string_equal(f->e.field, cases[i].field);
		assert_string_equal(f->e.message, cases[i].msg);
	}
	/* multi-line text keeps its line breaks */
	assert_int_equal(decode(f, "{\"name\":\"a\",\"note\":\"x\\ny\"}", DECODE_FULL, NULL), 0);
	assert_string_equal(f->t.note, "x\ny");
}

/* A patch leaves absent members alone and does not ask for required ones. */
static void test_decode_patch(void **state)
{
	struct fx *f = *state;
	f->t.name = "旧";
	f->t.count = 5;
	uint64_t present;
	assert_int_equal(decode(f, "{\"count\":6}", DECODE_PATCH, &present), 0);
	assert_string_equal(f->t.name, "旧");
	assert_int_equal(f->t.count, 6);
	assert_int_equal(present, 1u << 7);
	assert_int_equal(decode(f, "{\"name\":null}", DECODE_PATCH, NULL), -1);
	assert_string_equal(f->e.field, "name");
}

static void test_json(void **state)
{
	struct fx *f = *state;
	struct thing t = {.id = 3,
	                  .name = "甲\"",
	                  .born = NULL,
	                  .kind = "a",
	                  .tags = NULL,
	                  .note = "内部",
	                  .money = NAN,
	                  .owner_id = 0,
	                  .created_at = 86400,
	                  .active = 1};
	struct strbuf sb = STRBUF_INIT(0);
	struct jsonw w;
	jw_init(&w, &sb);
	jw_obj_open(&w);
	entity_json(&w, &THING, &t, F_INTERNAL);
	jw_obj_close(&w);
	json_error_t je;
	json_t *o = json_loads(sb.buf, 0, &je);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "id")), 3);
	assert_string_equal(json_string_value(json_object_get(o, "name")), "甲\"");
	assert_true(json_is_null(json_object_get(o, "born")));
	assert_true(json_is_null(json_object_get(o, "money")));
	assert_true(json_is_null(json_object_get(o, "owner_id")));
	assert_true(json_is_array(json_object_get(o, "tags")));
	assert_null(json_object_get(o, "note")); /* internal: hidden */
	assert_string_equal(json_string_value(json_object_get(o, "created_at")),
	                    "1970-01-02T00:00:00Z");
	assert_true(json_is_true(json_object_get(o, "active")));
	json_decref(o);
	strbuf_release(&sb);
	(void)f;
}

static void test_equal_and_text(void **state)
{
	struct thing a = {.name = "x", .money = NAN, .count = 1}, b = a;
	const struct field *fname = entity_field(&THING, "name");
	const struct field *fmoney = entity_field(&THING, "money");
	assert_non_null(fname);
	assert_null(entity_field(&THING, "nope"));
	assert_true(field_equal(fmoney, &a, &b));
	b.money = 0.1;
	assert_false(field_equal(fmoney, &a, &b));
	char buf[48];
	assert_string_equal(field_text_of(fmoney, &b, buf, sizeof buf), "0.1");
	b.money = 30000; /* whole amounts as written, not 3e+04 */
	assert_string_equal(field_text_of(fmoney, &b, buf, sizeof buf), "30000");
	b.money = -1500.25;
	assert_string_equal(field_text_of(fmoney, &b, buf, sizeof buf), "-1500.25");
	b.money = 1e20;
	assert_string_equal(field_text_of(fmoney, &b, buf, sizeof buf), "1e+20");
	b.money = 0.1;
	assert_null(field_text_of(fmoney, &a, buf, sizeof buf));
	assert_string_equal(field_enum_label(entity_field(&THING, "kind"), "b"), "乙");
	size_t s, n;
	field_trim(" \xe3\x80\x80 a b \xc2\xa0", 11, &s, &n);
	assert_int_equal(s, 5);
	assert_int_equal(n, 3);
	(void)state;
}

/* The markers expand to the columns in table order; the expansion is made once. */
static void test_sql_expand(void **state)
{
	static struct sql_tmpl sel = SQL_TMPL(THING, "SELECT {select} FROM thing t");
	static struct sql_tmpl ins = SQL_TMPL(
	    THING, "INSERT INTO thing (created_at, {insert_cols}) VALUES (?, {insert_vals})");
	static struct sql_tmpl upd = SQL_TMPL(THING, "UPDATE thing SET {update_sets} WHERE id = ?");
	assert_string_equal(
	    sql_of(&sel), "SELECT t.id, t.name, t.born, t.kind, t.note, t.tags, t.phone, t.count, "
	                  "t.owner_id, u.name, t.money, t.active, t.created_at FROM thing t");
	assert_string_equal(
	    sql_of(&ins),
	    "INSERT INTO thing (created_at, name, born, kind, note, tags, phone, "
	    "count, owner_id, money, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	assert_string_equal(sql_of(&upd),
	                    "UPDATE thing SET name = ?, born = ?, kind = ?, note = ?, "
	                    "tags = ?, phone = ?, owner_id = ?, money = ?, active = ? "
	                    "WHERE id = ?");
	assert_ptr_equal(sql_of(&sel), sql_of(&sel));
	assert_string_equal(entity_select(&THING), "t.id, t.name, t.born, t.kind, t.note, t.tags, "
	                                           "t.phone, t.count, t.owner_id, u.name, t.money, "
	                                           "t.active, t.created_at");
	assert_ptr_equal(entity_select(&THING), entity_select(&THING));
	(void)state;
}

/* Insert, read back, update: every type survives the round trip through SQLite. */
static void test_round_trip(void **state)
{
	struct fx *f = *state;
	static struct sql_tmpl ins = SQL_TMPL(
	    THING, "INSERT INTO thing (created_at, {insert_cols}) VALUES (?, {insert_vals})");
	static struct sql_tmpl sel = SQL_TMPL(
	    THING, "SELECT {select} FROM thing t LEFT JOIN u ON u.id = t.owner_id WHERE t.id = ?");
	static struct sql_tmpl upd = SQL_TMPL(THING, "UPDATE thing SET {update_sets} WHERE id = ?");
	struct db *c;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", &c, err, sizeof err), 0);
	assert_int_equal(db_exec(c,
	                         "CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT);"
	                         "INSERT INTO u VALUES (7, '王五');"
	                         "CREATE TABLE thing (id INTEGER PRIMARY KEY, created_at BIGINT, "
	                         "name TEXT, born TEXT, kind TEXT, note TEXT, tags TEXT, phone "
	                         "TEXT, count BIGINT, owner_id BIGINT, money REAL, active INT)"),
	                 DB_OK);
	struct thing t = {.name = "甲",
	                  .born = "2021-01-31",
	                  .kind = "a",
	                  .note = "n\nm",
	                  .tags = "[1]",
	                  .phone = "13800000000",
	                  .count = 4,
	                  .owner_id = 7,
	                  .money = 1234.5,
	                  .active = 1};
	struct db_stmt *st = db_prepare(c, sql_of(&ins));
	assert_non_null(st);
	db_bind_int(st, 1, 1000);
	assert_int_equal(entity_bind(st, 2, &THING, &t, 0), 12);
	assert_int_equal(db_run(st), DB_OK);

	struct thing back;
	memset(&back, 0, sizeof back);
	st = db_prepare(c, sql_of(&sel));
	db_bind_int(st, 1, 1);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(entity_read(st, 0, &THING, &back, &f->a), 13);
	db_reset(st);
	for (int i = 0; i < THING.n_fields; i++)
		if (THING.fields[i].flags & F_READONLY)
			continue;
		else
			assert_true(field_equal(&THING.fields[i], &t, &back));
	assert_string_equal(back.owner_name, "王五");
	assert_int_equal(back.created_at, 1000);

	/* an update leaves the F_NOUPDATE column alone; none values are stored as NULL */
	t.count = 99;
	t.money = NAN;
	t.owner_id = 0;
	st = db_prepare(c, sql_of(&upd));
	int idx = entity_bind(st, 1, &THING, &t, 1);
	assert_int_equal(idx, 10);
	db_bind_int(st, idx, 1);
	assert_int_equal(db_run(st), DB_OK);
	st = db_prepare(c, sql_of(&sel));
	db_bind_int(st, 1, 1);
	assert_int_equal(db_step(st), DB_ROW);
	entity_read(st, 0, &THING, &back, &f->a);
	db_reset(st);
	assert_int_equal(back.count, 4);
	assert_true(isnan(back.money));
	assert_int_equal(back.owner_id, 0);
	assert_null(back.owner_name);
	/* none is stored as '' for text (NOT NULL DEFAULT '' columns), NULL for a date */
	t.note = NULL;
	t.born = NULL;
	st = db_prepare(c, sql_of(&upd));
	db_bind_int(st, entity_bind(st, 1, &THING, &t, 1), 1);
	assert_int_equal(db_run(st), DB_OK);
	int64_t n = -1;
	assert_int_equal(
	    db_query_int(c, "SELECT COUNT(*) FROM thing WHERE note = '' AND born IS NULL", &n, 0),
	    DB_OK);
	assert_int_equal(n, 1);
	db_close(c);
}

/* A date field with short messages, a text field with a default, a decode hook. */
struct gadget {
	const char *made_on, *kind, *parts;
	double price;
	int64_t count;
	int sold;
};
static const char *const GADGET_KINDS[] = {"domestic", "foreign", NULL};
static const char *const GADGET_KIND_LABELS[] = {"内资", "外资", NULL};

/* decode hook: a list of strings stored as "a|b" */
static int decode_parts(const struct field *f, json_t *v, struct arena *a, void *obj,
                        struct yq_err *e)
{
	if (!json_is_array(v))
		return err_set(e, ERR_VALIDATION, f->key, "部件应为列表", "parts must be a list");
	struct strbuf sb = STRBUF_INIT(1024);
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) strbuf_addf(&sb, "%s%s", i ? "|" : "", json_string_value(x));
	*FIELD_PTR(obj, f, const char *) = arena_strdup(a, sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	return 0;
}

static const struct field GADGET_FIELDS[] = {
    FIELD(struct gadget, made_on, FT_DATE, "made_on", 0, 0, F_SHORTMSG | F_EXPORT, "出厂日期",
          "Made on"),
    {FIELD_INIT(struct gadget, kind, FT_ENUM, "kind", 0, 0, F_EXPORT, "类型", "Kind"),
     .values = GADGET_KINDS, .labels = GADGET_KIND_LABELS, .def = "domestic"},
    {FIELD_INIT(struct gadget, parts, FT_JSON, "parts", 0, 0, 0, "部件", "Parts"),
     .decode = decode_parts, .def = "[]"},
    FIELD(struct gadget, price, FT_MONEY, "price", 0, 10000, F_EXPORT, "价格", "Price"),
    FIELD(struct gadget, count, FT_INT, "count", 0, 100, F_EXPORT, "数量", "Count"),
    FIELD(struct gadget, sold, FT_BOOL, "sold", 0, 0, F_EXPORT, "已售", "Sold"),
};
static const struct entity GADGET =
    ENTITY("gadget", "gadget", "g", GADGET_FIELDS, "器件", "Gadget", .zone_col = "g.zone_id");

/* Dates refused with the message alone (F_SHORTMSG), before 1900 named; C1 controls refused; a
 * left-out member gets its default; a decode hook decodes its member. */
static void test_decode_more(void **state)
{
	struct fx *f = *state;
	struct gadget g;
	static const struct {
		const char *json, *field, *msg;
	} cases[] = {
	    {"{\"made_on\":\"2023-02-29\"}", "made_on", "日期不存在"},
	    {"{\"made_on\":\"1899-12-31\"}", "made_on", "日期早于1900年"},
	    {"{\"made_on\":\"2023/1/1\"}", "made_on", "日期格式应为 YYYY-MM-DD"},
	    {"{\"parts\":5}", "parts", "部件应为列表"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		memset(&f->e, 0, sizeof f->e);
		assert_int_equal(entity_decode(&GADGET, o, DECODE_FULL, &f->a, &g, NULL, &f->e),
		                 -1);
		json_decref(o);
		assert_string_equal(f->e.field, cases[i].field);
		assert_string_equal(f->e.message, cases[i].msg);
	}
	json_t *o = json_loads("{\"parts\":[\"a\",\"b\"],\"kind\":null}", 0, NULL);
	assert_int_equal(entity_decode(&GADGET, o, DECODE_FULL, &f->a, &g, NULL, &f->e), 0);
	json_decref(o);
	assert_string_equal(g.parts, "a|b");
	assert_string_equal(g.kind, "domestic");
	o = json_loads("{}", 0, NULL);
	assert_int_equal(entity_decode(&GADGET, o, DECODE_FULL, &f->a, &g, NULL, &f->e), 0);
	json_decref(o);
	assert_string_equal(g.parts, "[]");
	assert_null(g.made_on);
	/* U+0085 (NEL) is a C1 control character */
	o = json_loads("{\"name\":\"a\\u0085b\"}", 0, NULL);
	assert_int_equal(entity_decode(&THING, o, DECODE_FULL, &f->a, &f->t, NULL, &f->e), -1);
	json_decref(o);
	assert_string_equal(f->e.message, "名称含有控制字符");
}

/* Cells read by type: loose dates, numbers with separators, enums by label, yes/no; and written
 * back the same way. */
static void test_cells(void **state)
{
	struct fx *f = *state;
	struct gadget g;
	memset(&g, 0, sizeof g);
	const struct field *made = entity_field(&GADGET, "made_on"),
	                   *kind = entity_field(&GADGET, "kind"),
	                   *price = entity_field(&GADGET, "price"),
	                   *count = entity_field(&GADGET, "count"),
	                   *sold = entity_field(&GADGET, "sold");
	assert_int_equal(field_cell(made, " 2016年3月1日 ", &f->a, &g, &f->e), 0);
	assert_string_equal(g.made_on, "2016-03-01");
	assert_int_equal(field_cell(made, "2016/3/1", &f->a, &g, &f->e), 0);
	assert_string_equal(g.made_on, "2016-03-01");
	assert_int_equal(field_cell(made, "二月", &f->a, &g, &f->e), -1);
	assert_string_equal(f->e.message, "日期格式错误");
	assert_int_equal(field_cell(made, "1900-02-29", &f->a, &g, &f->e), -1);
	assert_string_equal(f->e.message, "日期不存在");
	assert_int_equal(field_cell(kind, "外资", &f->a, &g, &f->e), 0);
	assert_string_equal(g.kind, "foreign");
	assert_int_equal(field_cell(kind, "domestic", &f->a, &g, &f->e), 0);
	assert_string_equal(g.kind, "domestic");
	assert_int_equal(field_cell(kind, "合资", &f->a, &g, &f->e), -1);
	assert_int_equal(field_cell(kind, "", &f->a, &g, &f->e), 0);
	assert_string_equal(g.kind, "domestic");
	assert_int_equal(field_cell(price, " 1,000.5 ", &f->a, &g, &f->e), 0);
	assert_true(g.price == 1000.5);
	assert_int_equal(field_cell(price, "12元", &f->a, &g, &f->e), -1);
	assert_string_equal(f->e.message, "价格应为数字（万元）");
	assert_int_equal(field_cell(price, "10001", &f->a, &g, &f->e), -1);
	assert_int_equal(field_cell(price, "", &f->a, &g, &f->e), 0);
	assert_true(isnan(g.price));
	assert_int_equal(field_cell(count, "7", &f->a, &g, &f->e), 0);
	assert_int_equal(g.count, 7);
	assert_int_equal(field_cell(count, "7.5", &f->a, &g, &f->e), -1);
	assert_int_equal(field_cell(sold, "是", &f->a, &g, &f->e), 0);
	assert_int_equal(g.sold, 1);
	assert_int_equal(field_cell(sold, "maybe", &f->a, &g, &f->e), -1);
	char buf[48];
	g.price = 12.5;
	assert_string_equal(field_cell_text(price, &g, buf, sizeof buf), "12.5");
	assert_string_equal(field_cell_text(kind, &g, buf, sizeof buf), "内资");
	assert_string_equal(field_cell_text(sold, &g, buf, sizeof buf), "是");
	g.made_on = NULL;
	assert_null(field_cell_text(made, &g, buf, sizeof buf));
	assert_true(field_numeric(price) && field_numeric(count) && !field_numeric(kind));
	assert_string_equal(field_header(price, buf, sizeof buf), "价格（万元）");
	assert_string_equal(field_header(kind, buf, sizeof buf), "类型");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_decode_full, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_decode_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_decode_patch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_json, setup, teardown),
	    cmocka_unit_test(test_equal_and_text),
	    cmocka_unit_test(test_sql_expand),
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_decode_more, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cells, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
