/* Unit tests for roles, permissions and data scopes (src/access/perm.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "access/perm.h"

static int allows(perm_set s, enum perm p)
{
	return perm_allows(&s, p);
}
static perm_set bit(int p)
{
	perm_set s = {{0}};
	perm_add(&s, (enum perm)p);
	return s;
}
static perm_set with(perm_set s, enum perm p)
{
	perm_add(&s, p);
	return s;
}
static perm_set all_but(int p)
{
	perm_set s = perm_set_all();
	s.w[p / 64] &= ~((uint64_t)1 << (p % 64));
	return s;
}
static int eq(perm_set a, perm_set b)
{
	return perm_set_equal(&a, &b);
}
/* 1 if the permission's name ends with `suffix` (".read") or is `suffix` itself ("auth"). */
static int named(enum perm p, const char *suffix)
{
	const char *n = perm_name(p);
	size_t ln = strlen(n), ls = strlen(suffix);
	return ln >= ls && strcmp(n + ln - ls, suffix) == 0 && (ln == ls || suffix[0] == '.');
}
/* The permissions of `s` that none of the NULL-terminated `allowed` names or suffixes covers,
 * as "a b c" (empty when there is none), for a message that names them. */
static const char *beyond_rule(perm_set s, const char *const *allowed, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int p = 0; p < PERM__COUNT; p++) {
		if (!perm_has(&s, (enum perm)p))
			continue;
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = named((enum perm)p, *a);
		size_t n = strlen(buf);
		if (!ok)
			snprintf(buf + n, size - n, "%s ", perm_name((enum perm)p));
	}
	return buf;
}
/* Administration: users, roles, tokens, the audit log, departments, zones, and every `*.admin`
 * (a module's settings). */
static int admin_only(enum perm p)
{
	static const enum perm listed[] = {PERM_USER_WRITE, PERM_ROLE_READ,  PERM_TOKEN_WRITE,
	                                   PERM_AUDIT_READ, PERM_DEPT_WRITE, PERM_ZONE_WRITE};
	for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
		if (p == listed[i])
			return 1;
	return named(p, ".admin");
}

/* Bits set past the last permission. */
static int beyond(perm_set s)
{
	int n = 0;
	for (int i = PERM__COUNT; i < PERM_WORDS * 64; i++)
		n += (int)(s.w[i / 64] >> (i % 64) & 1);
	return n;
}

/* The set grows with the list: every permission has its bit, names and bits agree, nothing is
 * set past the last, and a set of a list holds exactly that list. */
static void test_perm_set_grows(void **state)
{
	perm_set all = perm_set_all();
	assert_int_equal(beyond(all), 0);
	for (int p = 0; p < PERM__COUNT; p++) {
		assert_true(perm_has(&all, (enum perm)p));
		assert_true(strlen(perm_name((enum perm)p)) > 0);
		perm_set one = bit(p);
		for (int q = 0; q < PERM__COUNT; q++)
			assert_int_equal(perm_has(&one, (enum perm)q), p == q);
	}
	assert_false(perm_has(&all, PERM__COUNT));
	perm_set two = perm_set_of((const enum perm[]){PERM_AUTH, PERM_TICKET_ADMIN, PERM__COUNT});
	assert_true(eq(two, with(bit(PERM_AUTH), PERM_TICKET_ADMIN)));
	perm_set x = perm_set_all();
	perm_intersect(&x, &two);
	assert_true(eq(x, two));
}

/* Every role name round-trips, is non-empty and distinct; so is every Chinese label. */
static void test_role_names_roundtrip(void **state)
{
	for (int r = 1; r < ROLE__COUNT; r++) {
		const char *name = role_name((enum role)r);
		assert_non_null(name);
		assert_true(strlen(name) > 0);
		assert_int_equal(role_from_name(name), r);
		assert_true(strlen(role_label_zh((enum role)r)) > 0);
		for (int q = 1; q < r; q++) {
			assert_string_not_equal(name, role_name((enum role)q));
			assert_string_not_equal(role_label_zh((enum role)r),
			                        role_label_zh((enum role)q));
		}
	}
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_string_equal(role_name(ROLE_LEADER), "leader");
	assert_string_equal(role_name(ROLE_DEPT_HEAD), "dept_head");
	assert_string_equal(role_name(ROLE_STAFF), "staff");
	assert_string_equal(role_name(ROLE_ENTERPRISE), "enterprise");
	assert_string_equal(role_name(ROLE_PROVINCE), "province");
	assert_string_equal(role_label_zh(ROLE_ADMIN), "系统管理员");
}

/* Unknown, differently cased, padded, empty and NULL names are ROLE_NONE; out-of-range roles
 * have empty names. */
static void test_role_unknown(void **state)
{
	static const char *const bad[] = {"",    "Admin",         "ADMIN",     "admin ", " admin",
	                                  "adm", "administrator", "dept-head", "root",   "none"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(role_from_name(bad[i]), ROLE_NONE);
	assert_int_equal(role_from_name(NULL), ROLE_NONE);
	assert_string_equal(role_name(ROLE_NONE), "");
	assert_string_equal(role_name(ROLE__COUNT), "");
	assert_string_equal(role_name((enum role)1000), "");
	assert_string_equal(role_label_zh(ROLE__COUNT), "");
	assert_true(eq(role_perms(ROLE__COUNT), (perm_set){{0}}));
	assert_true(eq(role_perms((enum role)1000), (perm_set){{0}}));
	assert_int_equal(role_default_scope(ROLE__COUNT), SCOPE_NONE);
}

/* Every scope name round-trips; unknown names are SCOPE_NONE. */
static void test_scope_names(void **state)
{
	for (int s = SCOPE_ALL; s <= SCOPE_ENTERPRISE; s++) {
		const char *name = scope_name((enum data_scope)s);
		assert_true(strlen(name) > 0);
		assert_int_equal(scope_from_name(name), s);
	}
	assert_string_equal(scope_name(SCOPE_ALL), "all");
	assert_string_equal(scope_name(SCOPE_ZONE), "zone");
	assert_string_equal(scope_name(SCOPE_DEPT), "dept");
	assert_string_equal(scope_name(SCOPE_SELF), "self");
	assert_string_equal(scope_name(SCOPE_ENTERPRISE), "enterprise");
	assert_string_equal(scope_name(SCOPE_NONE), "");
	assert_string_equal(scope_name((enum data_scope)99), "");
	assert_int_equal(scope_from_name(""), SCOPE_NONE);
	assert_int_equal(scope_from_name("ALL"), SCOPE_NONE);
	assert_int_equal(scope_from_name("global"), SCOPE_NONE);
	assert_int_equal(scope_from_name(NULL), SCOPE_NONE);
}

/* Every permission has a distinct dotted name as used in docs/API.md. */
static void test_perm_names(void **state)
{
	for (int p = 0; p < PERM__COUNT; p++) {
		const char *name = perm_name((enum perm)p);
		assert_non_null(name);
		assert_true(strlen(name) > 0);
		for (int q = 0; q < p; q++)
			assert_string_not_equal(name, perm_name((enum perm)q));
	}
	assert_string_equal(perm_name(PERM_NONE), "public");
	assert_string_equal(perm_name(PERM_USER_READ), "user.read");
	assert_string_equal(perm_name(PERM_ENTERPRISE_IMPORT), "enterprise.import");
	assert_string_equal(perm_name(PERM_DASHBOARD_READ), "dashboard.read");
	assert_string_equal(perm_name(PERM__COUNT), "");
}

/* perm_allows: public routes always; otherwise exactly the permission's bit. */
static void test_perm_allows(void **state)
{
	perm_set none = {{0}};
	assert_true(allows(none, PERM_NONE));
	assert_true(allows(perm_set_all(), PERM_NONE));
	for (int p = 1; p < PERM__COUNT; p++) {
		assert_false(allows(none, (enum perm)p));
		assert_true(allows(bit(p), (enum perm)p));
		assert_false(allows(all_but(p), (enum perm)p));
		assert_true(allows(perm_set_all(), (enum perm)p));
	}
	perm_set s = with(bit(PERM_AUTH), PERM_ZONE_READ);
	assert_true(allows(s, PERM_AUTH));
	assert_true(allows(s, PERM_ZONE_READ));
	assert_false(allows(s, PERM_ZONE_WRITE));
}

/* Every real role may call routes needing a login; ROLE_NONE has no permissions. */
static void test_every_role_is_authed(void **state)
{
	assert_true(eq(role_perms(ROLE_NONE), (perm_set){{0}}));
	for (int r = 1; r < ROLE__COUNT; r++) {
		perm_set s = role_perms((enum role)r);
		assert_true(allows(s, PERM_AUTH));
		assert_true(allows(s, PERM_NONE));
		assert_true(allows(s, PERM_ENTERPRISE_READ));
		/* no bits beyond the known permissions */
		assert_int_equal(beyond(s), 0);
	}
}

/* The enterprise role sees only its enterprise: it reads (what its scope and each module's
 * disclosure let it), files and rates requests, and nothing else; no administration, no staff
 * reads. A module's new `x.read` may be granted to it; a write may not, but by editing this rule
 * (investment reports, monthly figures, and job demands it posts: jobs.post).
 */
static void test_enterprise_role(void **state)
{
	/* policy.apply: an enterprise applies for a policy it is eligible for (its own only);
	 * finance.apply: it posts and withdraws its loan demands; freight.post (工业物流): it posts
	 * its part-loads and vehicle registrations and accepts a match; space.apply: it asks for
	 * space, applies for a unit and accepts an offer; jobs.post (用工): it posts and closes its
	 * job demands and joins the zone's fairs */
	static const char *const allowed[] = {".read",        "ticket.create",  "ticket.rate",
	                                      "auth",         "project.report", "economy.report",
	                                      "policy.apply", "finance.apply",  "freight.post",
	                                      "space.apply",  "jobs.post",      NULL};
	char buf[512];
	perm_set s = role_perms(ROLE_ENTERPRISE);
	assert_string_equal(beyond_rule(s, allowed, buf, sizeof buf), "");
	assert_false(allows(s, PERM_USER_READ));
	assert_false(allows(s, PERM_USER_WRITE));
	assert_false(allows(s, PERM_DEPT_READ));
	assert_false(allows(s, PERM_ZONE_READ));
	assert_false(allows(s, PERM_ROLE_READ));
	assert_false(allows(s, PERM_ENTERPRISE_WRITE));
	assert_false(allows(s, PERM_ENTERPRISE_IMPORT));
	assert_false(allows(s, PERM_ENTERPRISE_VISIT));
	assert_false(allows(s, PERM_AUDIT_READ));
	assert_false(allows(s, PERM_TOKEN_WRITE));
	assert_false(allows(s, PERM_DASHBOARD_READ));
	assert_false(allows(s, PERM_TICKET_TRIAGE));
	assert_false(allows(s, PERM_TICKET_HANDLE));
	assert_false(allows(s, PERM_TICKET_STATS));
	assert_false(allows(s, PERM_TICKET_ESCALATE));
	assert_false(allows(s, PERM_ANNOUNCE_WRITE));
	/* an enterprise reads its registry entry and files, follows and rates its requests, and
	 * reads the announcements addressed to it */
	static const enum perm must[] = {PERM_AUTH,        PERM_ENTERPRISE_READ,
	                                 PERM_TICKET_READ, PERM_TICKET_CREATE,
	                                 PERM_TICKET_RATE, PERM_ANNOUNCE_READ};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		assert_true(allows(s, must[i]));
	/* the rule bites: a write added to the set is named */
	assert_string_equal(beyond_rule(with(s, PERM_ENTERPRISE_WRITE), allowed, buf, sizeof buf),
	                    "enterprise.write ");
}

/* Administration (users, roles, tokens, audit, departments, zones, every `*.admin`) is for
 * admins only, and admins hold every permission (zone.write: placing their own zone in its
 * region, PUT /api/zones/:id/region). */
static void test_admin_only_permissions(void **state)
{
	int n = 0;
	for (int p = 0; p < PERM__COUNT; p++) {
		if (!admin_only((enum perm)p))
			continue;
		n++;
		for (int r = 1; r < ROLE__COUNT; r++) {
			int allowed = allows(role_perms((enum role)r), (enum perm)p);
			if (allowed != (r == ROLE_ADMIN))
				fail_msg("%s %s %s", role_name((enum role)r),
				         allowed ? "holds" : "lacks", perm_name((enum perm)p));
		}
	}
	assert_true(n >= 7); /* the listed six and ticket.admin */
	assert_true(admin_only(PERM_TICKET_ADMIN));
	assert_false(admin_only(PERM_TICKET_READ));
	perm_set admin = role_perms(ROLE_ADMIN);
	for (int p = 1; p < PERM__COUNT; p++)
		assert_int_equal(allows(admin, (enum perm)p), 1);
}

/* Read-only roles: the province only reads (and reads the figures); leaders read, record 包保
 * visits and escalate, and change nothing else. A module's `x.read` may be granted to them. */
static void test_read_only_roles(void **state)
{
	static const char *const province[] = {".read", ".stats", "auth", NULL};
	/* economy.baobao: a leader sets the monthly targets and records the 调度 of the enterprises
	 * he is 包保 leader of (the store limits the writes to them) */
	static const char *const leader[] = {
	    ".read",           ".stats",           "auth",           "enterprise.visit",
	    "ticket.escalate", "project.escalate", "economy.baobao", NULL};
	char buf[512];
	assert_string_equal(beyond_rule(role_perms(ROLE_PROVINCE), province, buf, sizeof buf), "");
	assert_string_equal(beyond_rule(role_perms(ROLE_LEADER), leader, buf, sizeof buf), "");
	assert_string_equal(beyond_rule(with(role_perms(ROLE_PROVINCE), PERM_ANNOUNCE_WRITE),
	                                province, buf, sizeof buf),
	                    "announce.write ");
	static const enum role ro[] = {ROLE_LEADER, ROLE_PROVINCE};
	static const enum perm writes[] = {PERM_ZONE_WRITE,       PERM_DEPT_WRITE,
	                                   PERM_USER_WRITE,       PERM_TOKEN_WRITE,
	                                   PERM_ENTERPRISE_WRITE, PERM_ENTERPRISE_IMPORT};
	for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++)
		for (size_t k = 0; k < sizeof writes / sizeof writes[0]; k++)
			assert_false(allows(role_perms(ro[i]), writes[k]));
	/* only province reads across zones through zone.read besides admin */
	assert_true(allows(role_perms(ROLE_PROVINCE), PERM_ZONE_READ));
	assert_false(allows(role_perms(ROLE_LEADER), PERM_ZONE_READ));
	/* staff edit enterprises but do not import; department heads do both */
	assert_true(allows(role_perms(ROLE_STAFF), PERM_ENTERPRISE_WRITE));
	assert_false(allows(role_perms(ROLE_STAFF), PERM_ENTERPRISE_IMPORT));
	assert_false(allows(role_perms(ROLE_STAFF), PERM_USER_READ));
	assert_true(allows(role_perms(ROLE_DEPT_HEAD), PERM_ENTERPRISE_IMPORT));
	assert_true(allows(role_perms(ROLE_DEPT_HEAD), PERM_USER_READ));
	/* 包保 cadres of every staff role record visits; enterprises and the province do not */
	for (int r = 1; r < ROLE__COUNT; r++)
		assert_int_equal(allows(role_perms((enum role)r), PERM_ENTERPRISE_VISIT),
		                 r != ROLE_ENTERPRISE && r != ROLE_PROVINCE && r != ROLE_BANK &&
		                     r != ROLE_CARRIER);
	/* the province is read-only whatever its permissions; no other role is */
	for (int r = 1; r < ROLE__COUNT; r++)
		assert_int_equal(role_read_only((enum role)r), r == ROLE_PROVINCE);
	assert_true(role_read_only(ROLE_NONE));
	assert_true(role_read_only(ROLE__COUNT));
}

/* Default data scopes of each role. */
static void test_default_scopes(void **state)
{
	assert_int_equal(role_default_scope(ROLE_NONE), SCOPE_NONE);
	assert_int_equal(role_default_scope(ROLE_ADMIN), SCOPE_ZONE);
	assert_int_equal(role_default_scope(ROLE_LEADER), SCOPE_ZONE);
	assert_int_equal(role_default_scope(ROLE_DEPT_HEAD), SCOPE_DEPT);
	assert_int_equal(role_default_scope(ROLE_STAFF), SCOPE_DEPT);
	assert_int_equal(role_default_scope(ROLE_ENTERPRISE), SCOPE_ENTERPRISE);
	assert_int_equal(role_default_scope(ROLE_PROVINCE), SCOPE_ALL);
	/* only province sees every zone */
	for (int r = 0; r < ROLE__COUNT; r++)
		assert_int_equal(role_default_scope((enum role)r) == SCOPE_ALL, r == ROLE_PROVINCE);
}

/* Admins may grant every role but province (and none); no one else may grant anything. */
static void test_role_may_grant(void **state)
{
	for (int g = 0; g < ROLE__COUNT; g++) {
		for (int r = 0; r < ROLE__COUNT; r++) {
			int want = g == ROLE_ADMIN && r != ROLE_NONE && r != ROLE_PROVINCE;
			if (role_may_grant((enum role)g, (enum role)r) != want)
				fail_msg("role_may_grant(%s, %s) should be %d",
				         role_name((enum role)g), role_name((enum role)r), want);
		}
	}
	assert_true(role_may_grant(ROLE_ADMIN, ROLE_ADMIN));
	assert_false(role_may_grant(ROLE_ADMIN, ROLE_PROVINCE));
	assert_false(role_may_grant(ROLE_PROVINCE, ROLE_PROVINCE));
	assert_false(role_may_grant(ROLE_PROVINCE, ROLE_STAFF));
	assert_false(role_may_grant(ROLE_DEPT_HEAD, ROLE_STAFF));
}

/* 通知公告: admins write, every role of the zone reads (enterprises what is addressed to them),
 * the province reads none; the service center writes through its department's grant */
static void test_announce_perms(void **state)
{
	for (int r = ROLE_ADMIN; r < ROLE__COUNT; r++) {
		perm_set ps = role_perms((enum role)r);
		assert_int_equal(allows(ps, PERM_ANNOUNCE_READ),
		                 r != ROLE_PROVINCE && r != ROLE_BANK && r != ROLE_CARRIER);
		assert_int_equal(allows(ps, PERM_ANNOUNCE_WRITE), r == ROLE_ADMIN);
	}
	assert_string_equal(perm_name(PERM_ANNOUNCE_READ), "announce.read");
	assert_string_equal(perm_name(PERM_ANNOUNCE_WRITE), "announce.write");
}

/* The department-kind grant: only staff and heads of the service center, and only what the desk
 * needs: at least ticket.stats and announce.write, never administration, escalation or a zone's
 * write (what each module's grant adds is its own); the zone scope in place of a department
 * scope. */
static void test_dept_kind_grant(void **state)
{
	(void)state;
	for (int r = 1; r < ROLE__COUNT; r++) {
		/* "economic" grants the economy module's own (test_economy_kind_grant) */
		static const char *const kinds[] = {NULL,         "",
		                                    "leadership", "Economic",
		                                    "other",      "SERVICE_CENTER",
		                                    "service_ce", "service_center ",
		                                    "Project"};
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			perm_set ps = role_perms((enum role)r);
			enum data_scope sc = role_default_scope((enum role)r);
			perm_dept_kind_grant(kinds[k], (enum role)r, &ps, &sc);
			assert_true(eq(ps, role_perms((enum role)r)));
			assert_int_equal(sc, role_default_scope((enum role)r));
		}
		perm_set ps = role_perms((enum role)r);
		enum data_scope sc = role_default_scope((enum role)r);
		perm_dept_kind_grant("service_center", (enum role)r, &ps, &sc);
		if (r == ROLE_STAFF || r == ROLE_DEPT_HEAD) {
			perm_set kept = ps;
			perm_set role = role_perms((enum role)r);
			perm_intersect(&kept, &role);
			assert_true(eq(kept, role)); /* nothing taken away */
			assert_true(allows(ps, PERM_TICKET_STATS));
			assert_true(allows(ps, PERM_ANNOUNCE_WRITE));
			for (int p = 0; p < PERM__COUNT; p++)
				if (perm_has(&ps, (enum perm)p) && !perm_has(&role, (enum perm)p) &&
				    (admin_only((enum perm)p) || p == PERM_TICKET_ESCALATE))
					fail_msg("the service center's %s gains %s",
					         role_name((enum role)r), perm_name((enum perm)p));
			assert_int_equal(sc, SCOPE_ZONE);
		} else {
			assert_true(eq(ps, role_perms((enum role)r)));
			assert_int_equal(sc, role_default_scope((enum role)r));
		}
	}
	/* a narrower scope set on the account is kept */
	perm_set ps = role_perms(ROLE_STAFF);
	enum data_scope sc = SCOPE_SELF;
	perm_dept_kind_grant("service_center", ROLE_STAFF, &ps, &sc);
	assert_int_equal(sc, SCOPE_SELF);
	assert_false(allows(ps, PERM_USER_WRITE));
	assert_false(allows(ps, PERM_TICKET_ESCALATE));
}

/* 招商局 and its 分局 (kind investment) write and count their projects; the 项目办 (kind project)
 * dispatches them too. Only staff and heads gain it, the scope does not change, and neither
 * gains administration, escalation or anything beyond the project module's own. */
static void test_project_kind_grant(void **state)
{
	(void)state;
	static const struct {
		const char *kind;
		int dispatch;
	} kinds[] = {{"investment", 0}, {"project", 1}};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (int r = 1; r < ROLE__COUNT; r++) {
			perm_set role = role_perms((enum role)r), ps = role;
			enum data_scope sc = role_default_scope((enum role)r);
			perm_dept_kind_grant(kinds[k].kind, (enum role)r, &ps, &sc);
			assert_int_equal(sc, role_default_scope((enum role)r));
			if (r != ROLE_STAFF && r != ROLE_DEPT_HEAD) {
				assert_true(eq(ps, role));
				continue;
			}
			assert_true(allows(ps, PERM_PROJECT_WRITE));
			assert_true(allows(ps, PERM_PROJECT_STATS));
			assert_int_equal(allows(ps, PERM_PROJECT_DISPATCH), kinds[k].dispatch);
			for (int p = 0; p < PERM__COUNT; p++)
				if (perm_has(&ps, (enum perm)p) && !perm_has(&role, (enum perm)p) &&
				    (admin_only((enum perm)p) ||
				     strncmp(perm_name((enum perm)p), "project.", 8)))
					fail_msg("%s of %s gains %s", role_name((enum role)r),
					         kinds[k].kind, perm_name((enum perm)p));
		}
}

/* The 经发局 (kind economic) files, reviews and counts the enterprises' monthly figures: only its
 * staff and heads gain it, the scope does not change, and nothing beyond the economy module's own
 * and no administration is gained. */
static void test_economy_kind_grant(void **state)
{
	(void)state;
	for (int r = 1; r < ROLE__COUNT; r++) {
		perm_set role = role_perms((enum role)r), ps = role;
		enum data_scope sc = role_default_scope((enum role)r);
		perm_dept_kind_grant("economic", (enum role)r, &ps, &sc);
		assert_int_equal(sc, role_default_scope((enum role)r));
		if (r != ROLE_STAFF && r != ROLE_DEPT_HEAD) {
			assert_true(eq(ps, role));
			continue;
		}
		assert_true(allows(ps, PERM_ECONOMY_REPORT));
		assert_true(allows(ps, PERM_ECONOMY_REVIEW));
		assert_true(allows(ps, PERM_ECONOMY_STATS));
		assert_false(allows(ps, PERM_ECONOMY_ADMIN));
		for (int p = 0; p < PERM__COUNT; p++)
			if (perm_has(&ps, (enum perm)p) && !perm_has(&role, (enum perm)p) &&
			    (admin_only((enum perm)p) ||
			     strncmp(perm_name((enum perm)p), "economy.", 8)))
				fail_msg("%s of economic gains %s", role_name((enum role)r),
				         perm_name((enum perm)p));
	}
}

/* A bank's account (银企对接) reads the demands pushed to its bank and answers them, and nothing
 * else: auth, finance.read, finance.answer, and enterprise.read as every role has it (its self
 * scope reads no enterprise); no other module's read, no write, no administration, no figures. */
static void test_bank_role(void **state)
{
	(void)state;
	static const char *const allowed[] = {"auth", "enterprise.read", "finance.read",
	                                      "finance.answer", NULL};
	char buf[512];
	perm_set s = role_perms(ROLE_BANK);
	assert_string_equal(beyond_rule(s, allowed, buf, sizeof buf), "");
	assert_true(allows(s, PERM_FINANCE_READ));
	assert_true(allows(s, PERM_FINANCE_ANSWER));
	assert_false(allows(s, PERM_FINANCE_WRITE));
	assert_false(allows(s, PERM_FINANCE_STATS));
	assert_false(allows(s, PERM_FINANCE_APPLY));
	assert_int_equal(role_default_scope(ROLE_BANK), SCOPE_SELF);
	assert_false(role_read_only(ROLE_BANK));
	/* only banks and the admin answer for a bank */
	for (int r = 1; r < ROLE__COUNT; r++)
		assert_int_equal(allows(role_perms((enum role)r), PERM_FINANCE_ANSWER),
		                 r == ROLE_BANK || r == ROLE_ADMIN);
	/* no department kind adds to it */
	perm_set ps = s;
	enum data_scope sc = SCOPE_SELF;
	perm_dept_kind_grant("service_center", ROLE_BANK, &ps, &sc);
	assert_true(eq(ps, s));
	assert_string_equal(role_name(ROLE_BANK), "bank");
	assert_string_equal(beyond_rule(with(s, PERM_FINANCE_WRITE), allowed, buf, sizeof buf),
	                    "finance.write ");
}

/* A carrier's account (工业物流) reads its carrier's rows and acts for it, and nothing else:
 * auth, freight.read, freight.carry, and enterprise.read as every role has it (its self scope
 * reads no enterprise); no load or registration of its own, no keeping of carriers and trucks, no
 * outcome, no figures. freight.carry is held by carriers, the admin and (by its department's
 * grant) the service center, which keeps freight.write beside it. */
static void test_carrier_role(void **state)
{
	(void)state;
	static const char *const allowed[] = {"auth", "enterprise.read", "freight.read",
	                                      "freight.carry", NULL};
	char buf[512];
	perm_set s = role_perms(ROLE_CARRIER);
	assert_string_equal(beyond_rule(s, allowed, buf, sizeof buf), "");
	assert_true(allows(s, PERM_FREIGHT_READ));
	assert_true(allows(s, PERM_FREIGHT_CARRY));
	assert_false(allows(s, PERM_FREIGHT_WRITE));
	assert_false(allows(s, PERM_FREIGHT_POST));
	assert_false(allows(s, PERM_FREIGHT_STATS));
	assert_int_equal(role_default_scope(ROLE_CARRIER), SCOPE_SELF);
	assert_false(role_read_only(ROLE_CARRIER));
	/* only carriers and the admin act for a carrier by their role */
	for (int r = 1; r < ROLE__COUNT; r++)
		assert_int_equal(allows(role_perms((enum role)r), PERM_FREIGHT_CARRY),
		                 r == ROLE_CARRIER || r == ROLE_ADMIN);
	/* the service center acts for any carrier, and whoever keeps the carriers acts for them */
	perm_set desk = role_perms(ROLE_STAFF);
	enum data_scope sc = SCOPE_DEPT;
	perm_dept_kind_grant("service_center", ROLE_STAFF, &desk, &sc);
	assert_true(allows(desk, PERM_FREIGHT_CARRY));
	for (int r = 1; r < ROLE__COUNT; r++)
		if (allows(role_perms((enum role)r), PERM_FREIGHT_WRITE))
			assert_true(allows(role_perms((enum role)r), PERM_FREIGHT_CARRY));
	/* no department kind adds to it */
	perm_set ps = s;
	sc = SCOPE_SELF;
	perm_dept_kind_grant("service_center", ROLE_CARRIER, &ps, &sc);
	assert_true(eq(ps, s));
	assert_string_equal(role_name(ROLE_CARRIER), "carrier");
	assert_string_equal(role_label_zh(ROLE_CARRIER), "承运方");
	assert_int_equal(role_from_name("carrier"), ROLE_CARRIER);
	assert_string_equal(perm_name(PERM_FREIGHT_CARRY), "freight.carry");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_perm_set_grows),
	    cmocka_unit_test(test_project_kind_grant),
	    cmocka_unit_test(test_economy_kind_grant),
	    cmocka_unit_test(test_role_names_roundtrip),
	    cmocka_unit_test(test_role_unknown),
	    cmocka_unit_test(test_scope_names),
	    cmocka_unit_test(test_perm_names),
	    cmocka_unit_test(test_perm_allows),
	    cmocka_unit_test(test_every_role_is_authed),
	    cmocka_unit_test(test_enterprise_role),
	    cmocka_unit_test(test_admin_only_permissions),
	    cmocka_unit_test(test_read_only_roles),
	    cmocka_unit_test(test_default_scopes),
	    cmocka_unit_test(test_role_may_grant),
	    cmocka_unit_test(test_announce_perms),
	    cmocka_unit_test(test_dept_kind_grant),
	    cmocka_unit_test(test_bank_role),
	    cmocka_unit_test(test_carrier_role),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
