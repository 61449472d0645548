/* Unit tests for the announcement rules (pure functions and the field table in
 * src/announce/announce.c): the lifecycle's whole transition table, the audience, the LIKE
 * pattern, and a body decoded by the table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "announce/announce.h"
#include "lib/arena.h"

/* Every (state, event) pair: the state it leads to, or ANN__STATUS_COUNT for a refusal. */
static void test_transition_table(void **state)
{
	static const enum ann_status want[ANN__STATUS_COUNT][ANN__EV_COUNT] = {
	    [ANN_DRAFT] = {ANN_DRAFT, ANN_PUBLISHED, ANN__STATUS_COUNT},
	    [ANN_PUBLISHED] = {ANN__STATUS_COUNT, ANN__STATUS_COUNT, ANN_WITHDRAWN},
	    [ANN_WITHDRAWN] = {ANN__STATUS_COUNT, ANN__STATUS_COUNT, ANN__STATUS_COUNT},
	};
	for (int s = 0; s < ANN__STATUS_COUNT; s++)
		for (int ev = 0; ev < ANN__EV_COUNT; ev++) {
			struct yq_err e = {0};
			enum ann_status to = ANN__STATUS_COUNT;
			int rc = ann_next((enum ann_status)s, (enum ann_event)ev, &to, &e);
			if (want[s][ev] == ANN__STATUS_COUNT) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.code, ERR_STATE);
				assert_non_null(e.message);
				assert_non_null(e.message_en);
			} else {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want[s][ev]);
			}
		}
}

/* A refused move names the state the announcement is in. */
static void test_refusal_names_state(void **state)
{
	struct yq_err e = {0};
	enum ann_status to;
	assert_int_equal(ann_next(ANN_PUBLISHED, ANN_EV_EDIT, &to, &e), -1);
	assert_string_equal(e.message, "公告已发布，不能编辑");
	assert_non_null(strstr(e.message_en, "published"));
	assert_int_equal(ann_next(ANN_DRAFT, ANN_EV_WITHDRAW, &to, &e), -1);
	assert_string_equal(e.message, "公告还是草稿，不能撤回");
	assert_int_equal(ann_next(ANN_WITHDRAWN, ANN_EV_PUBLISH, &to, &e), -1);
	assert_string_equal(e.message, "公告已撤回，不能再次发布");
	assert_int_equal(ann_next(ANN__STATUS_COUNT, ANN_EV_EDIT, &to, &e), -1);
	assert_int_equal(e.code, ERR_STATE);
}

static void test_status_names(void **state)
{
	for (int s = 0; s < ANN__STATUS_COUNT; s++)
		assert_int_equal(ann_status_from_name(ann_status_name((enum ann_status)s)), s);
	assert_int_equal(ann_status_from_name("archived"), ANN__STATUS_COUNT);
	assert_int_equal(ann_status_from_name(NULL), ANN__STATUS_COUNT);
	assert_string_equal(ann_status_label(ANN_DRAFT), "草稿");
	assert_string_equal(ann_status_label(ANN_PUBLISHED), "已发布");
	assert_string_equal(ann_status_label(ANN_WITHDRAWN), "已撤回");
}

/* Each kind of audience needs its criterion, and keeps only its own. */
static void test_audience(void **state)
{
	struct yq_err e = {0};
	struct announcement a = {.audience = NULL,
	                         .audience_flags = "[\"high_tech\"]",
	                         .audience_industry = "C",
	                         .audience_building = "A栋"};
	assert_int_equal(ann_check_audience(&a, &e), 0);
	assert_string_equal(a.audience, "all");
	assert_string_equal(a.audience_flags, "[]");
	assert_string_equal(a.audience_industry, "");
	assert_string_equal(a.audience_building, "");

	a = (struct announcement){.audience = "flag", .audience_flags = "[]"};
	assert_int_equal(ann_check_audience(&a, &e), -1);
	assert_int_equal(e.code, ERR_VALIDATION);
	assert_string_equal(e.field, "audience_flags");
	a = (struct announcement){
	    .audience = "flag", .audience_flags = "[\"above_size\"]", .audience_building = "B"};
	assert_int_equal(ann_check_audience(&a, &e), 0);
	assert_string_equal(a.audience_building, "");

	a = (struct announcement){.audience = "industry", .audience_industry = ""};
	assert_int_equal(ann_check_audience(&a, &e), -1);
	assert_string_equal(e.field, "audience_industry");
	a = (struct announcement){.audience = "building"};
	assert_int_equal(ann_check_audience(&a, &e), -1);
	assert_string_equal(e.field, "audience_building");
	a = (struct announcement){.audience = "building",
	                          .audience_building = "光电产业园",
	                          .audience_flags = "[\"high_tech\"]"};
	assert_int_equal(ann_check_audience(&a, &e), 0);
	assert_string_equal(a.audience_flags, "[]");
}

static void test_like_contains(void **state)
{
	char buf[16];
	assert_int_equal(ann_like_contains("A栋", buf, sizeof buf), 0);
	assert_string_equal(buf, "%A栋%");
	assert_int_equal(ann_like_contains("5%_\\", buf, sizeof buf), 0);
	assert_string_equal(buf, "%5\\%\\_\\\\%");
	assert_int_equal(ann_like_contains("", buf, sizeof buf), 0);
	assert_string_equal(buf, "%%");
	/* never cut short: a pattern that does not fit is refused */
	assert_int_equal(ann_like_contains("0123456789abcdef", buf, sizeof buf), -1);
}

/* Decodes a JSON text into a; returns entity_decode's result. */
static int decode(const char *text, struct arena *ar, struct announcement *a, struct yq_err *e)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	memset(a, 0, sizeof *a);
	int rc = entity_decode(&ENTITY_ANNOUNCEMENT, j, DECODE_FULL, ar, a, NULL, e);
	json_decref(j);
	return rc;
}

static void test_decode(void **state)
{
	struct arena ar = ARENA_INIT;
	struct announcement a;
	struct yq_err e = {0};
	assert_int_equal(
	    decode("{\"title\":\" 关于申报 \",\"body\":\"第一行\\n第二行\",\"category\":"
	           "\"policy\",\"audience\":\"flag\",\"audience_flags\":[\"高新技术企业\","
	           "\"above_size\",\"high_tech\"],\"status\":\"published\"}",
	           &ar, &a, &e),
	    0);
	assert_string_equal(a.title, "关于申报");
	assert_string_equal(a.body, "第一行\n第二行");
	/* each flag once, by its name, in the table's order */
	assert_string_equal(a.audience_flags, "[\"above_size\",\"high_tech\"]");
	assert_null(a.status); /* read-only: never from a body */

	char title[400];
	memset(title, 0, sizeof title);
	for (int i = 0; i < 101; i++)
		memcpy(title + i * 3, "标", 3);
	char body[512];
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"body\":\"x\",\"category\":\"notice\"}",
	         title);
	assert_int_equal(decode(body, &ar, &a, &e), -1);
	assert_string_equal(e.field, "title");
	assert_non_null(strstr(e.message, "标题"));
	assert_int_equal(
	    decode("{\"title\":\"t\",\"body\":\"b\",\"category\":\"sports\"}", &ar, &a, &e), -1);
	assert_string_equal(e.field, "category");
	assert_int_equal(decode("{\"title\":\"t\",\"category\":\"notice\"}", &ar, &a, &e), -1);
	assert_string_equal(e.field, "body");
	assert_int_equal(decode("{\"title\":\"t\",\"body\":\"b\",\"category\":\"notice\","
	                        "\"audience_flags\":[\"vip\"]}",
	                        &ar, &a, &e),
	                 -1);
	assert_string_equal(e.field, "audience_flags");
	assert_int_equal(decode("{\"title\":\"t\",\"body\":\"b\",\"category\":\"notice\","
	                        "\"audience_industry\":\"99\"}",
	                        &ar, &a, &e),
	                 -1);
	assert_string_equal(e.field, "audience_industry");
	assert_int_equal(decode("{\"title\":\"t\",\"body\":\"b\",\"category\":\"event\","
	                        "\"audience\":\"industry\",\"audience_industry\":\"36\"}",
	                        &ar, &a, &e),
	                 0);
	assert_int_equal(
	    decode("{\"title\":\"t\\u0007\",\"body\":\"b\",\"category\":\"event\"}", &ar, &a, &e),
	    -1);
	assert_string_equal(e.field, "title");
	arena_release(&ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_transition_table), cmocka_unit_test(test_refusal_names_state),
	    cmocka_unit_test(test_status_names),     cmocka_unit_test(test_audience),
	    cmocka_unit_test(test_like_contains),    cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
