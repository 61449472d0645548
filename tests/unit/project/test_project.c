/* Unit tests for the project rules (pure functions and the field table in src/project/project.c):
 * the whole stage machine — every (from, to) pair for a project that may skip nothing and for a
 * renovation — the evidence each move needs, the status colour rule and the ISO week. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "enterprise/uscc.h"
#include "lib/arena.h"
#include "project/project.h"
#include "project/project_stats.h"

static char USCC[USCC_LEN + 1]; /* a valid code, made once */

/* A move to `to` with all the evidence any stage needs. */
static struct proj_move full_move(enum proj_stage to)
{
	if (!USCC[0])
		uscc_make("91320684", 17, USCC);
	struct proj_move m = {.to = proj_stage_name(to),
	                      .date = "2026-03-02",
	                      .contract_no = "HT-1",
	                      .attachment_id = 7,
	                      .uscc = USCC,
	                      .start_permit_no = "SG-1",
	                      .first_output_month = "2026-03",
	                      .reason = "投资方撤回"};
	return m;
}

/* The expected answer of the machine for a project at `from` moving to `to`: 0 allowed,
 * ERR_STATE refused. skip: the project may pass over 注册 and 供地. */
static int expected(enum proj_stage from, enum proj_stage to, int skip)
{
	if (from == PS_DROPPED)
		return ERR_STATE;
	if (to == PS_DROPPED)
		return from >= PS_PRODUCING ? ERR_STATE : 0;
	if (to <= from)
		return ERR_STATE;
	for (int s = from + 1; s < (int)to; s++)
		if (s != PS_NEGOTIATING && !(skip && (s == PS_REGISTERED || s == PS_LAND)))
			return ERR_STATE;
	return 0;
}

static void test_every_pair(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	for (int skip = 0; skip < 2; skip++)
		for (int from = 0; from < PS__COUNT; from++)
			for (int to = 0; to < PS__COUNT; to++) {
				struct project p;
				memset(&p, 0, sizeof p);
				p.stage = proj_stage_name((enum proj_stage)from);
				p.renovation = skip;
				p.land_mu = 50;
				struct proj_move m = full_move((enum proj_stage)to);
				struct yq_err e = {0};
				int rc = proj_move_check(&p, &m, "2026-12-03", &a, &e);
				int want =
				    expected((enum proj_stage)from, (enum proj_stage)to, skip);
				if (want == 0 && rc != 0)
					fail_msg("%s → %s (skip %d) refused: %s", p.stage, m.to,
					         skip, e.message);
				if (want != 0 && (rc != -1 || e.code != ERR_STATE))
					fail_msg("%s → %s (skip %d) allowed", p.stage, m.to, skip);
				if (want)
					assert_non_null(strstr(e.message, "项目"));
			}
	arena_release(&a);
}

/* The refusal names the stages, in Chinese. */
static void test_messages(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct project p = {.stage = "signed", .land_mu = 10};
	struct proj_move m = full_move(PS_NEGOTIATING);
	struct yq_err e = {0};
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.message, "项目已签约，不能退回在谈");
	m = full_move(PS_STARTED);
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.message, "项目处于签约阶段，需先注册");
	/* an enterprise already linked skips 注册, not 供地 with new land */
	p.enterprise_id = 3;
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.message, "项目处于签约阶段，需先供地");
	/* no new land: 供地 is skipped too */
	p.land_mu = NAN;
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), 0);
	p.stage = "producing";
	m = full_move(PS_DROPPED);
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.message, "项目已投产，不能终止");
	p.stage = "dropped";
	m = full_move(PS_CAPACITY);
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.message, "项目已终止，不能再变更阶段");
	arena_release(&a);
}

/* Each move's evidence: missing, it names the field. */
static void test_evidence(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	static const struct {
		enum proj_stage from, to;
		size_t off; /* the member cleared */
		const char *field;
	} cases[] = {
	    {PS_NEGOTIATING, PS_SIGNED, offsetof(struct proj_move, contract_no), "contract_no"},
	    {PS_SIGNED, PS_REGISTERED, offsetof(struct proj_move, uscc), "uscc"},
	    {PS_COMPLETED, PS_PRODUCING, offsetof(struct proj_move, first_output_month),
	     "first_output_month"},
	    {PS_LEAD, PS_DROPPED, offsetof(struct proj_move, reason), "reason"},
	    {PS_LEAD, PS_NEGOTIATING, offsetof(struct proj_move, date), "date"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct project p = {.stage = proj_stage_name(cases[i].from)};
		struct proj_move m = full_move(cases[i].to);
		*(const char **)(void *)((char *)&m + cases[i].off) = NULL;
		struct yq_err e = {0};
		assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
		assert_int_equal(e.code, ERR_VALIDATION);
		assert_string_equal(e.field, cases[i].field);
	}
	struct project p = {.stage = "negotiating"};
	struct proj_move m = full_move(PS_SIGNED);
	struct yq_err e = {0};
	m.attachment_id = 0; /* the scan */
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.field, "attachment_id");
	/* 开工: a permit number, or a photo in its place */
	p.stage = "land";
	m = full_move(PS_STARTED);
	m.start_permit_no = NULL;
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), 0);
	m.attachment_id = 0;
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.field, "start_permit_no");
	/* a date after today, a bad USCC, a first month after the date */
	m = full_move(PS_STARTED);
	m.date = "2026-12-04";
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.field, "date");
	p.stage = "signed";
	m = full_move(PS_REGISTERED);
	char bad[USCC_LEN + 1];
	memcpy(bad, USCC, sizeof bad);
	bad[17] = bad[17] == 'A' ? 'B' : 'A'; /* the check character no longer fits */
	m.uscc = bad;
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.field, "uscc");
	p.stage = "completed";
	m = full_move(PS_PRODUCING);
	m.first_output_month = "2026-04";
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	assert_string_equal(e.field, "first_output_month");
	m.first_output_month = "2026-13";
	assert_int_equal(proj_move_check(&p, &m, "2026-12-03", &a, &e), -1);
	arena_release(&a);
}

static void test_colour(void **state)
{
	(void)state;
	struct proj_rules r = PROJ_RULES_DEFAULT;
	assert_string_equal(proj_colour(&r, 0, 0, 0), "green");
	assert_string_equal(proj_colour(&r, 1, 0, 0), "amber");
	assert_string_equal(proj_colour(&r, 15, 0, 0), "amber");
	assert_string_equal(proj_colour(&r, 16, 0, 0), "red");
	assert_string_equal(proj_colour(&r, 0, 1000, 900), "green");
	assert_string_equal(proj_colour(&r, 0, 1000, 899), "amber");
	assert_string_equal(proj_colour(&r, 0, 1000, 700), "amber");
	assert_string_equal(proj_colour(&r, 0, 1000, 699), "red");
	assert_string_equal(proj_colour(&r, 0, 1000, 1500), "green");
}

static void test_iso_week(void **state)
{
	(void)state;
	char d[11];
	static const char *const ok[][2] = {
	    {"2016-W51", "2016-12-25"}, {"2016-W13", "2016-04-03"}, {"2020-W53", "2021-01-03"},
	    {"2021-W01", "2021-01-10"}, {"2026-W01", "2026-01-04"}, {"2026-W53", "2027-01-03"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(proj_week_end(ok[i][0], d), 0);
		assert_string_equal(d, ok[i][1]);
	}
	static const char *const bad[] = {"2021-W53", "2016-W00", "2016W13", "2016-w13",
	                                  "x",        "",         NULL};
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(proj_week_end(bad[i], d), -1);
	assert_int_equal(proj_week_end(NULL, d), -1);
}

/* The table's field count fits the present mask, and the stage labels are Chinese. */
static void test_field_table(void **state)
{
	(void)state;
	assert_true(ENTITY_PROJECT.n_fields <= 64);
	assert_string_equal(proj_stage_label(PS_LAND), "供地");
	assert_int_equal(proj_stage_from_name("capacity"), PS_CAPACITY);
	assert_int_equal(proj_stage_from_name("Capacity"), PS__COUNT);
	assert_int_equal(proj_dispatched(PS_SIGNED), 1);
	assert_int_equal(proj_dispatched(PS_CAPACITY), 0);
	assert_int_equal(proj_dispatched(PS_NEGOTIATING), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_pair), cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_evidence),   cmocka_unit_test(test_colour),
	    cmocka_unit_test(test_iso_week),   cmocka_unit_test(test_field_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
