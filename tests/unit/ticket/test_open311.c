/* Unit tests for the Open311 GeoReport v2 mapping (src/ticket/open311.c): services, statuses,
 * dates, coordinates, the legacy location block, XML escaping and the shape of every body in both
 * formats against the specification's examples. XML bodies are checked for well-formedness with
 * expat, JSON bodies parsed with jansson. Instants: 1795428000 is 2026-11-23T10:00:00Z, 1795363200
 * is 2026-11-23T00:00:00+08:00, 784041330 is the spec's 1994-11-05T08:15:30-05:00. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <expat.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/disclose.h"
#include "ticket/open311.h"

/* 1 if `xml` is a well-formed XML document (expat). */
static int well_formed(const char *xml)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	assert_non_null(p);
	int ok = XML_Parse(p, xml, (int)strlen(xml), 1) == XML_STATUS_OK;
	if (!ok)
		fprintf(stderr, "xml error: %s in %s\n", XML_ErrorString(XML_GetErrorCode(p)), xml);
	XML_ParserFree(p);
	return ok;
}

/* Parses JSON text (the test fails when it is not JSON). */
static json_t *parse_json(const char *s)
{
	json_error_t je;
	json_t *j = json_loads(s, 0, &je);
	if (!j)
		fprintf(stderr, "json error: %s in %s\n", je.text, s);
	assert_non_null(j);
	return j;
}

/* The text between <tag> and </tag> of the first such element, in a static buffer; NULL when
 * absent. */
static const char *element(const char *xml, const char *tag)
{
	static char out[20000];
	char open[64], close[64];
	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	const char *a = strstr(xml, open);
	if (!a)
		return NULL;
	a += strlen(open);
	const char *b = strstr(a, close);
	if (!b || (size_t)(b - a) >= sizeof out)
		return NULL;
	memcpy(out, a, (size_t)(b - a));
	out[b - a] = 0;
	return out;
}

/* Occurrences of `needle` in `s`. */
static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* One service per category, unique ASCII codes, lookups both ways. */
static void test_services(void **state)
{
	int n = 0;
	for (; ticket_categories[n]; n++) {
		const struct o311_service *s = o311_service_by_category(ticket_categories[n]);
		assert_non_null(s);
		assert_ptr_equal(s, &o311_services[n]);
		assert_ptr_equal(o311_service_by_code(s->code), s);
		for (const char *c = s->code; *c; c++)
			assert_true(*c >= 'a' && *c <= 'z');
		assert_true(s->group[0] && s->keywords[0] && s->description[0]);
	}
	assert_int_equal(n, O311_N_SERVICES);
	assert_string_equal(o311_service_by_code("financing")->category, "融资");
	assert_string_equal(o311_service_by_code("utilities")->category, "水电气");
	assert_string_equal(o311_service_by_category("其他")->code, "other");
	assert_null(o311_service_by_code("Financing"));
	assert_null(o311_service_by_code("001"));
	assert_null(o311_service_by_code(NULL));
	assert_null(o311_service_by_category("吃饭"));
}

/* The extension picks the format. */
static void test_split_format(void **state)
{
	size_t base;
	enum o311_format fmt;
	assert_int_equal(o311_split_format("services.json", &base, &fmt), 0);
	assert_int_equal(base, 8);
	assert_int_equal(fmt, O311_JSON);
	assert_int_equal(o311_split_format("SQ20261123-0001.xml", &base, &fmt), 0);
	assert_int_equal(base, 15);
	assert_int_equal(fmt, O311_XML);
	assert_int_equal(o311_split_format("a.json.xml", &base, &fmt), 0);
	assert_int_equal(base, 6);
	assert_int_equal(fmt, O311_XML);
	assert_int_equal(o311_split_format(".json", &base, &fmt), -1);
	assert_int_equal(o311_split_format("financing", &base, &fmt), -1);
	assert_int_equal(o311_split_format("services.JSON", &base, &fmt), -1);
	assert_int_equal(o311_split_format("services.html", &base, &fmt), -1);
	assert_int_equal(o311_split_format(NULL, &base, &fmt), -1);
	assert_string_equal(o311_content_type(O311_XML), "text/xml; charset=utf-8");
	assert_string_equal(o311_content_type(O311_JSON), "application/json; charset=utf-8");
}

/* Our states map to open/closed; the filter takes comma lists. */
static void test_status(void **state)
{
	static const struct {
		enum ticket_status s;
		const char *want;
	} t[] = {{TS_RECEIVED, "open"},   {TS_ASSIGNED, "open"},   {TS_IN_PROGRESS, "open"},
	         {TS_WAITING, "open"},    {TS_RESOLVED, "closed"}, {TS_CLOSED, "closed"},
	         {TS_REJECTED, "closed"}, {TS_MERGED, "closed"}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_string_equal(o311_status(t[i].s), t[i].want);
		assert_int_equal(o311_status_closed(t[i].s), strcmp(t[i].want, "closed") == 0);
	}
	int o, c;
	assert_int_equal(o311_status_filter("open", &o, &c), 0);
	assert_true(o && !c);
	assert_int_equal(o311_status_filter("closed", &o, &c), 0);
	assert_true(!o && c);
	assert_int_equal(o311_status_filter(" open , closed ", &o, &c), 0);
	assert_true(o && c);
	assert_int_equal(o311_status_filter("open,", &o, &c), 0);
	assert_true(o && !c);
	assert_int_equal(o311_status_filter("opened", &o, &c), -1);
	assert_int_equal(o311_status_filter("Open", &o, &c), -1);
	assert_int_equal(o311_status_filter("", &o, &c), -1);
	assert_int_equal(o311_status_filter(",", &o, &c), -1);
}

/* status_notes and updated_datetime per state. */
static void test_notes_and_updated(void **state)
{
	struct ticket t;
	memset(&t, 0, sizeof t);
	t.created_at = 100;
	t.updated_at = 200;
	t.status = TS_IN_PROGRESS;
	assert_string_equal(o311_status_notes(&t), "办理中");
	assert_int_equal(o311_updated_at(&t), 200);
	t.status = TS_RESOLVED;
	t.answer = "已协调银行放款500万元";
	t.resolved_at = 300;
	assert_string_equal(o311_status_notes(&t), "已协调银行放款500万元");
	assert_int_equal(o311_updated_at(&t), 300);
	t.status = TS_CLOSED;
	t.closed_at = 400;
	assert_int_equal(o311_updated_at(&t), 400);
	t.answer = "";
	assert_string_equal(o311_status_notes(&t), "已销号");
	t.status = TS_REJECTED;
	t.reject_reason = "不属于园区职能";
	assert_string_equal(o311_status_notes(&t), "不属于园区职能");
	assert_int_equal(o311_updated_at(&t), 200);
	t.status = TS_MERGED;
	assert_string_equal(o311_status_notes(&t), "重复诉求，已合并办理");
	t.updated_at = 0;
	assert_int_equal(o311_updated_at(&t), 100);
}

/* Dates out with +08:00; W3C dates in. */
static void test_dates(void **state)
{
	char buf[O311_TIME_SIZE];
	o311_time(1795428000, buf);
	assert_string_equal(buf, "2026-11-23T18:00:00+08:00");
	o311_time(0, buf);
	assert_string_equal(buf, "1970-01-01T08:00:00+08:00");
	int64_t t;
	assert_int_equal(o311_parse_time("2026-11-23T18:00:00+08:00", &t), 0);
	assert_int_equal(t, 1795428000);
	assert_int_equal(o311_parse_time("2026-11-23T10:00:00Z", &t), 0);
	assert_int_equal(t, 1795428000);
	assert_int_equal(o311_parse_time("2026-11-23T10:00Z", &t), 0);
	assert_int_equal(t, 1795428000);
	assert_int_equal(o311_parse_time("2026-11-23T10:00:00.123456Z", &t), 0);
	assert_int_equal(t, 1795428000);
	assert_int_equal(o311_parse_time("1994-11-05T08:15:30-05:00", &t), 0); /* the spec's */
	assert_int_equal(t, 784041330);
	assert_int_equal(o311_parse_time("1994-11-05T13:15:30Z", &t), 0);
	assert_int_equal(t, 784041330);
	assert_int_equal(o311_parse_time("2010-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 1262304000);
	/* a '+' that a query string decoded into a space */
	assert_int_equal(o311_parse_time("2026-11-23T18:00:00 08:00", &t), 0);
	assert_int_equal(t, 1795428000);
	/* a plain date is 00:00 China Standard Time */
	assert_int_equal(o311_parse_time("2026-11-23", &t), 0);
	assert_int_equal(t, 1795363200);
	/* round trip */
	o311_time(1795363200, buf);
	assert_int_equal(o311_parse_time(buf, &t), 0);
	assert_int_equal(t, 1795363200);
	static const char *const bad[] = {
	    "",
	    "2026-11-23T10:00:00",
	    "2026-02-30",
	    "2026-13-01",
	    "2026/11/23",
	    "2026-11-23T24:00:00Z",
	    "2026-11-23T10:60:00Z",
	    "2026-11-23T10:00:61Z",
	    "2026-11-23T10:00:00Zx",
	    "2026-11-23T10:00:00+0800",
	    "2026-11-23T10:00:00+15:00",
	    "2026-11-23T10:00:00.Z",
	    "2026-11-23 10:00:00Z",
	    "26-11-23",
	    "2026-11-23T1:00Z",
	    "1899-12-31",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(o311_parse_time(bad[i], &t), -1);
	assert_int_equal(o311_parse_time(NULL, &t), -1);
}

/* Coordinates: plain decimal degrees within range, parsed to numbers. */
static void test_coords(void **state)
{
	double v = -1;
	assert_int_equal(o311_coord_parse("37.76524078", 1, &v), 0);
	assert_true(v == 37.76524078);
	assert_int_equal(o311_coord_parse("-122.4212043", 0, &v), 0);
	assert_true(v == -122.4212043);
	assert_int_equal(o311_coord_parse("-122.4212043", 1, &v), -1);
	assert_int_equal(o311_coord_parse("90", 1, &v), 0);
	assert_int_equal(o311_coord_parse("-90.0", 1, &v), 0);
	assert_true(v == -90.0);
	assert_int_equal(o311_coord_parse("90.0001", 1, &v), -1);
	assert_int_equal(o311_coord_parse("180", 0, &v), 0);
	assert_int_equal(o311_coord_parse("180.5", 0, &v), -1);
	/* leading zeros are a number like any other: 043.8171 is 43.8171 */
	assert_int_equal(o311_coord_parse("043.8171", 1, &v), 0);
	assert_true(v == 43.8171);
	assert_int_equal(o311_coord_parse("0000125.5", 0, &v), 0);
	assert_true(v == 125.5);
	assert_int_equal(o311_coord_parse("-0.0", 1, &v), 0);
	assert_false(signbit(v)); /* never written as -0 */
	static const char *const bad[] = {"",
	                                  "+1",
	                                  ".5",
	                                  "1.",
	                                  "1e5",
	                                  "1234",
	                                  "0x10",
	                                  "1.2.3",
	                                  "12,5",
	                                  " 1",
	                                  "1 ",
	                                  "nan",
	                                  "inf",
	                                  "-",
	                                  "1.1234567890123456",
	                                  "0000000000000000000000001"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(o311_coord_parse(bad[i], 0, &v), -1);
	assert_int_equal(o311_coord_parse(NULL, 0, &v), -1);
}

/* The location block that requests carried before migration 0011 is taken apart once, only
 * when it is exactly that block with valid values. */
static void test_legacy_block(void **state)
{
	struct o311_block b;
	const char *full = "厂房屋顶漏水。\n\n请尽快处理。\n\n"
	                   "【地址】望城区 旺旺路 1 号 东门\n"
	                   "【坐标】28.3648,112.8198\n"
	                   "【邮箱】li@example.com\n"
	                   "【附件】https://img.example.com/1.jpg";
	assert_int_equal(o311_block_take(full, &b), 0);
	assert_int_equal(b.description_len, strlen("厂房屋顶漏水。\n\n请尽快处理。"));
	assert_string_equal(b.address, "望城区 旺旺路 1 号 东门");
	assert_true(b.has_coords);
	assert_true(b.lat == 28.3648 && b.lon == 112.8198);
	assert_string_equal(b.email, "li@example.com");
	assert_string_equal(b.media_url, "https://img.example.com/1.jpg");

	assert_int_equal(o311_block_take("停电\n\n【坐标】1.5,2.5", &b), 0);
	assert_int_equal(b.description_len, strlen("停电"));
	assert_string_equal(b.address, "");
	assert_true(b.has_coords && b.lat == 1.5 && b.lon == 2.5);
	assert_int_equal(o311_block_take("停电\n\n【地址】东门", &b), 0);
	assert_false(b.has_coords);

	/* what is not exactly the block, or carries a value POST never accepted, stays text */
	static const char *const not_block[] = {
	    "a\n\n【地址】x\n其他",             /* a foreign line */
	    "a\n\n【坐标】1,2\n【地址】x",      /* out of order */
	    "a\n\n【地址】x\n【地址】y",        /* twice */
	    "a\n\n【坐标】12",                  /* no comma */
	    "a\n\n【坐标】01,1e2",              /* not a plain decimal */
	    "a\n\n【坐标】91,2",                /* out of range */
	    "a\n\n【附件】javascript:alert(1)", /* not http(s) */
	    "a\n\n【邮箱】no-at-sign",          /* not an email */
	    "a\n\n【地址】",                    /* empty value */
	    "a\n\n【地址】x\n",                 /* ends with a line break */
	    "a\n\n",                            /* nothing after the gap */
	    "\n\n【地址】x",                    /* no description before it */
	    "【地址】x",                        /* no gap before it */
	    "第一段\n\n第二段",                 /* plain paragraphs */
	};
	for (size_t i = 0; i < sizeof not_block / sizeof not_block[0]; i++) {
		b.has_coords = 1;
		assert_int_equal(o311_block_take(not_block[i], &b), -1);
		assert_int_equal(b.description_len, 0);
		assert_false(b.has_coords);
	}
	assert_int_equal(o311_block_take(NULL, &b), -1);
	/* an address longer than address_string may be is not one */
	char longer[O311_ADDRESS_MAX + 32] = "a\n\n【地址】";
	size_t n = strlen(longer);
	memset(longer + n, 'x', O311_ADDRESS_MAX + 1);
	longer[n + O311_ADDRESS_MAX + 1] = 0;
	assert_int_equal(o311_block_take(longer, &b), -1);
}

/* Prefixes count characters, not bytes. */
static void test_prefix_bytes(void **state)
{
	assert_int_equal(o311_prefix_bytes("一二三", 2), 6);
	assert_int_equal(o311_prefix_bytes("一二三", 3), 9);
	assert_int_equal(o311_prefix_bytes("一二三", 9), 9);
	assert_int_equal(o311_prefix_bytes("ab一", 3), 5);
	assert_int_equal(o311_prefix_bytes("", 3), 0);
	assert_int_equal(o311_prefix_bytes(NULL, 3), 0);
}

/* Titles: 30 characters, white space folded. */
static void test_title(void **state)
{
	char t[O311_TITLE_SIZE];
	o311_title("  厂房\r\n漏水\t\t严重\u3000 ", t, sizeof t);
	assert_string_equal(t, "厂房 漏水 严重");
	o311_title("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十超出", t, sizeof t);
	assert_string_equal(t, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
	o311_title("A large sinkhole is destroying the street", t, sizeof t);
	assert_string_equal(t, "A large sinkhole is destroying");
	/* the 30th character would be a space: not kept */
	o311_title("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九 十", t, sizeof t);
	assert_string_equal(t, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九");
	o311_title(" \n\t ", t, sizeof t);
	assert_string_equal(t, "");
	o311_title(NULL, t, sizeof t);
	assert_string_equal(t, "");
	char small[8];
	o311_title("一二三四五", small, sizeof small);
	assert_string_equal(small, "一二");
}

/* Contact names: 姓名 in Chinese order, "first last" in ASCII. */
static void test_contact_name(void **state)
{
	char n[64];
	assert_int_equal(o311_contact_name("三", "张", n, sizeof n), 0);
	assert_string_equal(n, "张三");
	assert_int_equal(o311_contact_name(" John ", "Smith", n, sizeof n), 0);
	assert_string_equal(n, "John Smith");
	assert_int_equal(o311_contact_name(NULL, "张", n, sizeof n), 0);
	assert_string_equal(n, "张");
	assert_int_equal(o311_contact_name("Li", NULL, n, sizeof n), 0);
	assert_string_equal(n, "Li");
	assert_int_equal(o311_contact_name("  ", NULL, n, sizeof n), 0);
	assert_string_equal(n, "");
	assert_int_equal(o311_contact_name("Wei", "王", n, sizeof n), 0);
	assert_string_equal(n, "王Wei");
	char tiny[6];
	assert_int_equal(o311_contact_name("Johnny", "Smith", tiny, sizeof tiny), -1);
}

/* XML escaping: markup characters, CR, forbidden characters, invalid UTF-8. */
static void test_xml_escape(void **state)
{
	struct strbuf sb = STRBUF_INIT(4096);
	const char in[] = "<a href='x'>&\"</a> 厂房\t\n\r\x01\x1f\xff\xef\xbf\xbe end";
	o311_xml_escape(&sb, in, sizeof in - 1);
	assert_string_equal(sb.buf,
	                    "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt; 厂房\t\n&#13;"
	                    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end");
	strbuf_reset(&sb);
	o311_xml_escape(&sb, "plain", 5);
	assert_string_equal(sb.buf, "plain");
	strbuf_reset(&sb);
	o311_xml_escape(&sb, "\xe5\xbc", 2); /* truncated: each byte replaced */
	assert_string_equal(sb.buf, "\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_release(&sb);
}

/* GET services, as in the spec's example: <services><service>… / an array. */
static void test_services_body(void **state)
{
	struct strbuf sb = STRBUF_INIT(1 << 20);
	o311_write_services(&sb, O311_XML);
	assert_true(strncmp(sb.buf,
	                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service>",
	                    58) == 0);
	assert_true(well_formed(sb.buf));
	assert_int_equal(count(sb.buf, "<service>"), 9);
	assert_non_null(strstr(sb.buf, "<service><service_code>financing</service_code>"
	                               "<service_name>融资</service_name>"));
	assert_string_equal(element(sb.buf, "metadata"), "true");
	assert_string_equal(element(sb.buf, "type"), "realtime");
	assert_string_equal(element(sb.buf, "group"), "要素保障");
	strbuf_reset(&sb);
	o311_write_services(&sb, O311_JSON);
	json_t *j = parse_json(sb.buf);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 9);
	json_t *s = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(s, "service_code")), "financing");
	assert_string_equal(json_string_value(json_object_get(s, "service_name")), "融资");
	assert_true(json_is_true(json_object_get(s, "metadata")));
	assert_string_equal(json_string_value(json_object_get(s, "type")), "realtime");
	assert_non_null(json_string_value(json_object_get(s, "keywords")));
	assert_non_null(json_string_value(json_object_get(s, "group")));
	assert_non_null(json_string_value(json_object_get(s, "description")));
	json_decref(j);
	strbuf_release(&sb);
}

/* GET service definition: the uscc attribute. */
static void test_definition_body(void **state)
{
	struct strbuf sb = STRBUF_INIT(1 << 20);
	const struct o311_service *s = o311_service_by_code("land");
	o311_write_definition(&sb, O311_XML, s);
	assert_true(well_formed(sb.buf));
	assert_non_null(strstr(sb.buf, "<service_definition><service_code>land</service_code>"
	                               "<attributes><attribute><variable>true</variable>"
	                               "<code>uscc</code><datatype>string</datatype>"
	                               "<required>true</required>"));
	assert_string_equal(element(sb.buf, "order"), "1");
	assert_null(strstr(sb.buf, "<values>")); /* a string has no values */
	strbuf_reset(&sb);
	o311_write_definition(&sb, O311_JSON, s);
	json_t *j = parse_json(sb.buf);
	assert_string_equal(json_string_value(json_object_get(j, "service_code")), "land");
	json_t *attrs = json_object_get(j, "attributes");
	assert_int_equal(json_array_size(attrs), 1);
	json_t *a = json_array_get(attrs, 0);
	assert_true(json_is_true(json_object_get(a, "variable")));
	assert_string_equal(json_string_value(json_object_get(a, "code")), "uscc");
	assert_string_equal(json_string_value(json_object_get(a, "datatype")), "string");
	assert_true(json_is_true(json_object_get(a, "required")));
	assert_int_equal(json_integer_value(json_object_get(a, "order")), 1);
	assert_non_null(json_string_value(json_object_get(a, "datatype_description")));
	assert_non_null(json_string_value(json_object_get(a, "description")));
	json_decref(j);
	strbuf_release(&sb);
}

/* Discovery: one endpoint, both formats. */
static void test_discovery_body(void **state)
{
	struct strbuf sb = STRBUF_INIT(1 << 20);
	o311_write_discovery(&sb, O311_XML, "https://yq.example.cn/open311/v2?a=1&b=2");
	assert_true(well_formed(sb.buf));
	assert_non_null(strstr(sb.buf, "<discovery><changeset>" O311_CHANGESET "</changeset>"));
	assert_non_null(strstr(sb.buf,
	                       "<endpoints><endpoint><specification>" O311_SPEC
	                       "</specification><url>https://yq.example.cn/open311/v2?a=1&amp;"
	                       "b=2</url>"));
	assert_non_null(strstr(sb.buf, "<formats><format>text/xml</format><format>application/json"
	                               "</format></formats>"));
	assert_string_equal(element(sb.buf, "type"), "production");
	strbuf_reset(&sb);
	o311_write_discovery(&sb, O311_JSON, "http://h/open311/v2");
	json_t *j = parse_json(sb.buf);
	assert_string_equal(json_string_value(json_object_get(j, "changeset")), O311_CHANGESET);
	assert_non_null(json_string_value(json_object_get(j, "contact")));
	assert_non_null(json_string_value(json_object_get(j, "key_service")));
	json_t *ep = json_array_get(json_object_get(j, "endpoints"), 0);
	assert_string_equal(json_string_value(json_object_get(ep, "specification")), O311_SPEC);
	assert_string_equal(json_string_value(json_object_get(ep, "url")), "http://h/open311/v2");
	json_t *f = json_object_get(ep, "formats");
	assert_int_equal(json_array_size(f), 2);
	assert_string_equal(json_string_value(json_array_get(f, 0)), "text/xml");
	assert_string_equal(json_string_value(json_array_get(f, 1)), "application/json");
	json_decref(j);
	strbuf_release(&sb);
}

/* Errors as the spec's example: HTTP aside, <errors><error><code>403</code>…. */
static void test_error_body(void **state)
{
	struct strbuf sb = STRBUF_INIT(1 << 20);
	const char *d = "Invalid api_key received -- can't proceed with create_request";
	o311_write_error(&sb, O311_XML, 403, d);
	assert_true(well_formed(sb.buf));
	assert_string_equal(sb.buf, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error>"
	                            "<code>403</code><description>Invalid api_key received -- "
	                            "can&apos;t proceed with create_request</description></error>"
	                            "</errors>");
	strbuf_reset(&sb);
	o311_write_error(&sb, O311_JSON, 403, d);
	json_t *j = parse_json(sb.buf);
	assert_int_equal(json_array_size(j), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "code")), 403);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "description")),
	                    d);
	json_decref(j);
	strbuf_release(&sb);
}

/* POST requests' answer. */
static void test_created_body(void **state)
{
	struct strbuf sb = STRBUF_INIT(1 << 20);
	o311_write_created(&sb, O311_XML, "SQ20261123-0001", "诉求已登记");
	assert_true(well_formed(sb.buf));
	assert_non_null(strstr(sb.buf,
	                       "<service_requests><request><service_request_id>"
	                       "SQ20261123-0001</service_request_id><service_notice>诉求已登记"
	                       "</service_notice><account_id></account_id></request>"
	                       "</service_requests>"));
	assert_null(strstr(sb.buf, "<token>"));
	strbuf_reset(&sb);
	o311_write_created(&sb, O311_JSON, "SQ20261123-0001", "诉求已登记");
	json_t *j = parse_json(sb.buf);
	json_t *r = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(r, "service_request_id")),
	                    "SQ20261123-0001");
	assert_true(json_is_null(json_object_get(r, "account_id")));
	assert_null(json_object_get(r, "token"));
	json_decref(j);
	strbuf_release(&sb);
}

/* A ticket as GET requests writes it: every field of the spec, escaping, the location from its
 * fields. */
static void test_request_body(void **state)
{
	struct ticket t;
	memset(&t, 0, sizeof t);
	t.id = 7;
	t.no = "SQ20261123-0002";
	t.category = "水电气";
	t.status = TS_RESOLVED;
	t.answer = "已抢修 <A相> & 恢复供电";
	t.description = "配电房跳闸 <b>&\"停产\"</b>";
	t.address = "旺旺路 1 号";
	t.lat = 28.3648;
	t.lon = 112.8198;
	t.media_url = "https://img.example.com/a.jpg?x=1&y=2";
	t.dept_name = "经发局";
	t.created_at = 1795428000;
	t.updated_at = 1795428000 + 60;
	t.resolved_at = 1795428000 + 3600;
	t.due_resolve = 1795428000 + 86400;
	struct strbuf sb = STRBUF_INIT(1 << 20);
	struct o311_writer w;
	o311_requests_begin(&w, &sb, O311_XML);
	o311_requests_add(&w, &t, 1);
	o311_requests_end(&w);
	assert_true(well_formed(sb.buf));
	static const char *const order[] = {"service_request_id",
	                                    "status",
	                                    "status_notes",
	                                    "service_name",
	                                    "service_code",
	                                    "description",
	                                    "agency_responsible",
	                                    "service_notice",
	                                    "requested_datetime",
	                                    "updated_datetime",
	                                    "expected_datetime",
	                                    "address",
	                                    "address_id",
	                                    "zipcode",
	                                    "lat",
	                                    "long",
	                                    "media_url"};
	const char *at = sb.buf;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		char open[64];
		snprintf(open, sizeof open, "<%s>", order[i]);
		const char *p = strstr(at, open);
		assert_non_null(p); /* present, and in the spec's order */
		at = p;
	}
	assert_string_equal(element(sb.buf, "service_request_id"), "SQ20261123-0002");
	assert_string_equal(element(sb.buf, "status"), "closed");
	assert_string_equal(element(sb.buf, "status_notes"), "已抢修 &lt;A相&gt; &amp; 恢复供电");
	assert_string_equal(element(sb.buf, "service_code"), "utilities");
	assert_string_equal(element(sb.buf, "description"),
	                    "配电房跳闸 &lt;b&gt;&amp;&quot;停产&quot;&lt;/b&gt;");
	assert_string_equal(element(sb.buf, "agency_responsible"), "经发局");
	assert_string_equal(element(sb.buf, "requested_datetime"), "2026-11-23T18:00:00+08:00");
	assert_string_equal(element(sb.buf, "updated_datetime"), "2026-11-23T19:00:00+08:00");
	assert_string_equal(element(sb.buf, "expected_datetime"), "2026-11-24T18:00:00+08:00");
	assert_string_equal(element(sb.buf, "address"), "旺旺路 1 号");
	assert_string_equal(element(sb.buf, "lat"), "28.3648");
	assert_string_equal(element(sb.buf, "long"), "112.8198");
	assert_string_equal(element(sb.buf, "media_url"),
	                    "https://img.example.com/a.jpg?x=1&amp;y=2");
	assert_string_equal(element(sb.buf, "zipcode"), "");

	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_JSON);
	o311_requests_add(&w, &t, 1);
	t.no = "SQ20261123-0003";
	t.status = TS_ASSIGNED;
	t.description = "无位置\n\n【地址】文本里的不算\n【坐标】01,02";
	t.address = "";
	t.lat = t.lon = NAN; /* no coordinates */
	t.media_url = NULL;
	t.dept_name = "";
	t.due_resolve = 0;
	o311_requests_add(&w, &t, 1);
	o311_requests_end(&w);
	json_t *j = parse_json(sb.buf);
	assert_int_equal(json_array_size(j), 2);
	json_t *r = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(r, "description")),
	                    "配电房跳闸 <b>&\"停产\"</b>");
	assert_string_equal(json_string_value(json_object_get(r, "status_notes")),
	                    "已抢修 <A相> & 恢复供电");
	assert_true(json_real_value(json_object_get(r, "lat")) == 28.3648);
	assert_true(json_real_value(json_object_get(r, "long")) == 112.8198);
	assert_non_null(strstr(sb.buf, "\"lat\":28.3648,\"long\":112.8198,")); /* shortest form */
	assert_true(json_is_null(json_object_get(r, "service_notice")));
	r = json_array_get(j, 1);
	assert_string_equal(json_string_value(json_object_get(r, "status")), "open");
	assert_string_equal(json_string_value(json_object_get(r, "status_notes")), "已分派");
	assert_string_equal(json_string_value(json_object_get(r, "description")),
	                    "无位置\n\n【地址】文本里的不算\n【坐标】01,02");
	assert_true(json_is_null(json_object_get(r, "long")));
	assert_true(json_is_null(json_object_get(r, "media_url")));
	assert_true(json_is_null(json_object_get(r, "agency_responsible")));
	assert_true(json_is_null(json_object_get(r, "expected_datetime")));
	assert_true(json_is_null(json_object_get(r, "address")));
	assert_true(json_is_null(json_object_get(r, "lat")));
	json_decref(j);

	/* without an api_key: every element, only the status fields with values */
	strbuf_reset(&sb);
	t.no = "SQ20261123-0002";
	t.status = TS_RESOLVED;
	t.description = "配电房跳闸";
	t.address = "旺旺路 1 号";
	t.lat = 28.3648;
	t.lon = 112.8198;
	t.media_url = "https://img.example.com/a.jpg";
	t.dept_name = "经发局";
	t.due_resolve = 1795428000 + 86400;
	o311_requests_begin(&w, &sb, O311_JSON);
	o311_requests_add(&w, &t, 0);
	o311_requests_end(&w);
	j = parse_json(sb.buf);
	r = json_array_get(j, 0);
	assert_int_equal(json_object_size(r), sizeof order / sizeof order[0]);
	static const char *const hidden[] = {"status_notes", "description", "address",
	                                     "lat",          "long",        "media_url"};
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		assert_true(json_is_null(json_object_get(r, hidden[i])));
	assert_string_equal(json_string_value(json_object_get(r, "service_request_id")),
	                    "SQ20261123-0002");
	assert_string_equal(json_string_value(json_object_get(r, "status")), "closed");
	assert_string_equal(json_string_value(json_object_get(r, "service_code")), "utilities");
	assert_string_equal(json_string_value(json_object_get(r, "agency_responsible")), "经发局");
	assert_string_equal(json_string_value(json_object_get(r, "expected_datetime")),
	                    "2026-11-24T18:00:00+08:00");
	json_decref(j);
	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_XML);
	o311_requests_add(&w, &t, 0);
	o311_requests_end(&w);
	assert_true(well_formed(sb.buf));
	assert_null(strstr(sb.buf, "配电房"));
	assert_null(strstr(sb.buf, "旺旺路"));
	assert_string_equal(element(sb.buf, "lat"), "");

	/* a description over the spec's 4,000 characters is cut to 3,999 and an ellipsis */
	char *long_desc = malloc(4001 * 3 + 1);
	assert_non_null(long_desc);
	for (int i = 0; i < 4001; i++)
		memcpy(long_desc + i * 3, "长", 3);
	long_desc[4001 * 3] = 0;
	t.description = long_desc;
	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_JSON);
	o311_requests_add(&w, &t, 1);
	o311_requests_end(&w);
	j = parse_json(sb.buf);
	const char *d = json_string_value(json_object_get(json_array_get(j, 0), "description"));
	assert_int_equal(strlen(d), 3999 * 3 + strlen("…"));
	assert_memory_equal(d, long_desc, 3999 * 3);
	assert_string_equal(d + 3999 * 3, "…");
	json_decref(j);
	long_desc[4000 * 3] = 0; /* exactly 4,000: as it is */
	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_XML);
	o311_requests_add(&w, &t, 1);
	o311_requests_end(&w);
	assert_string_equal(element(sb.buf, "description"), long_desc);
	free(long_desc);

	/* an empty list is still a document */
	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_XML);
	o311_requests_end(&w);
	assert_true(well_formed(sb.buf));
	assert_non_null(strstr(sb.buf, "<service_requests></service_requests>"));
	strbuf_reset(&sb);
	o311_requests_begin(&w, &sb, O311_JSON);
	o311_requests_end(&w);
	assert_string_equal(sb.buf, "[]");
	strbuf_release(&sb);
}

/* The one rule of what goes out as an update, and the updates body in both formats. */
static void test_updates(void **state)
{
	struct o311_update u;
	struct work_event ev;
	memset(&ev, 0, sizeof ev);
	ev.id = 42;
	ev.at = 1795428000;
	ev.ref_no = "SQ20261123-0007";
	ev.media_url = "";
	/* out, with their text or a sentence for a bare state change */
	static const struct {
		const char *action, *to, *body, *status, *description;
	} out[] = {
	    {"reply", "assigned", "已联系", "open", "已联系"},
	    {"accept", "assigned", "", "open", "诉求已受理，已分派承办部门办理"},
	    {"start", "in_progress", "", "open", "承办部门已联系企业，正在办理"},
	    {"wait", "waiting", "请补充", "open", "请补充"},
	    {"supply", "in_progress", "已补充", "open", "已补充"},
	    {"resolve", "resolved", "已办结", "closed", "已办结"},
	    {"reject", "rejected", "不属于", "closed", "不属于"},
	    {"merge", "merged", "合并到 SQ20261123-0001", "closed", "合并到 SQ20261123-0001"},
	    {"rate", "closed", "满意", "closed", "满意"},
	    {"autoclose", "closed", "企业7日内未评价", "closed", "企业7日内未评价"},
	};
	for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
		ev.action = out[i].action;
		ev.to_state = out[i].to;
		ev.body = out[i].body;
		assert_int_equal(o311_update_of(&ev, &u), 1);
		assert_string_equal(u.status, out[i].status);
		assert_string_equal(u.description, out[i].description);
	}
	/* never */
	static const char *const never[] = {"submit",
	                                    "note",
	                                    "return",
	                                    "escalate",
	                                    "extension_request",
	                                    "extension_approved",
	                                    "extension_denied",
	                                    "attach",
	                                    "detach",
	                                    "something_new"};
	ev.to_state = "in_progress";
	ev.body = "内部";
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
		ev.action = never[i];
		assert_int_equal(o311_update_of(&ev, &u), 0);
	}
	/* whatever goes out is what the enterprise's own timeline shows (access/disclose.h): the
	 * two never disagree, and a text kept from the enterprise never goes out */
	ev.internal = 0;
	ev.body = "只给园区看的文字";
	for (size_t i = 0; i < sizeof out / sizeof out[0] + sizeof never / sizeof never[0]; i++) {
		ev.action = i < sizeof out / sizeof out[0] ? out[i].action
		                                           : never[i - sizeof out / sizeof out[0]];
		char kind[64];
		snprintf(kind, sizeof kind, "ticket.%s", ev.action);
		enum disclose shown = disclose_to_enterprise(kind);
		if (o311_update_of(&ev, &u) == 1) {
			assert_int_not_equal(shown, DISCLOSE_NONE);
			if (shown != DISCLOSE_ALL)
				assert_string_not_equal(u.description, ev.body);
		}
	}
	/* an internal event never, whatever its action; a reply without text says nothing */
	ev.action = "reply";
	ev.internal = 1;
	assert_int_equal(o311_update_of(&ev, &u), 0);
	ev.internal = 0;
	ev.body = "";
	assert_int_equal(o311_update_of(&ev, &u), 0);
	assert_int_equal(o311_update_of(NULL, &u), 0);

	/* the body */
	ev.action = "resolve";
	ev.to_state = "resolved";
	ev.body = "已抢修 <A相> & 恢复";
	ev.media_url = "https://img.example.com/a.jpg?x=1&y=2";
	assert_int_equal(o311_update_of(&ev, &u), 1);
	struct strbuf sb = STRBUF_INIT(1 << 16);
	struct o311_writer w;
	o311_updates_begin(&w, &sb, O311_XML);
	o311_updates_add(&w, &ev, &u);
	o311_updates_end(&w);
	assert_true(well_formed(sb.buf));
	assert_string_equal(element(sb.buf, "update_id"), "42");
	assert_string_equal(element(sb.buf, "service_request_id"), "SQ20261123-0007");
	assert_string_equal(element(sb.buf, "status"), "closed");
	assert_string_equal(element(sb.buf, "updated_datetime"), "2026-11-23T18:00:00+08:00");
	assert_string_equal(element(sb.buf, "description"), "已抢修 &lt;A相&gt; &amp; 恢复");
	assert_string_equal(element(sb.buf, "media_url"),
	                    "https://img.example.com/a.jpg?x=1&amp;y=2");
	assert_non_null(strstr(sb.buf, "<service_request_updates><request_update><update_id>"));
	strbuf_reset(&sb);
	ev.media_url = NULL;
	o311_updates_begin(&w, &sb, O311_JSON);
	o311_updates_add(&w, &ev, &u);
	o311_updates_end(&w);
	json_t *j = parse_json(sb.buf);
	json_t *r = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(r, "update_id")), "42");
	assert_string_equal(json_string_value(json_object_get(r, "media_url")), ""); /* a string */
	json_decref(j);
	strbuf_reset(&sb);
	o311_write_update_created(&sb, O311_XML, 43);
	assert_true(well_formed(sb.buf));
	assert_non_null(strstr(sb.buf,
	                       "<service_request_updates><request_update><update_id>43</update_id>"
	                       "</request_update></service_request_updates>"));
	strbuf_reset(&sb);
	o311_write_update_created(&sb, O311_JSON, 43);
	assert_string_equal(sb.buf, "[{\"update_id\":\"43\"}]");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_services),        cmocka_unit_test(test_split_format),
	    cmocka_unit_test(test_status),          cmocka_unit_test(test_notes_and_updated),
	    cmocka_unit_test(test_dates),           cmocka_unit_test(test_coords),
	    cmocka_unit_test(test_legacy_block),    cmocka_unit_test(test_prefix_bytes),
	    cmocka_unit_test(test_title),           cmocka_unit_test(test_contact_name),
	    cmocka_unit_test(test_xml_escape),      cmocka_unit_test(test_services_body),
	    cmocka_unit_test(test_definition_body), cmocka_unit_test(test_discovery_body),
	    cmocka_unit_test(test_error_body),      cmocka_unit_test(test_created_body),
	    cmocka_unit_test(test_request_body),    cmocka_unit_test(test_updates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
