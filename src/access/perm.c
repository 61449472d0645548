/* Roles → permissions: the one table (see perm.h). */
#include "access/perm.h"
#include "db/codes.h"
#include <string.h>

static const char *const perm_names[] = {
#define PERM_NAME(e, name) [e] = name,
    PERM_LIST(PERM_NAME)
#undef PERM_NAME
};
_Static_assert(sizeof perm_names / sizeof perm_names[0] == PERM__COUNT, "a name per permission");

/* The names and Chinese labels of the roles, from ROLE_ADMIN on, NULL-terminated: the values a
 * field table takes (org.c). */
const char *const ROLE_NAMES[ROLE__COUNT] = {
    "admin", "leader", "dept_head", "staff", "enterprise", "province", "bank", "carrier", NULL};
const char *const ROLE_LABELS[ROLE__COUNT] = {"系统管理员", "园区领导", "部门负责人",
                                              "工作人员",   "企业用户", "省级用户",
                                              "银行用户",   "承运方",   NULL};
/* The names of the data scopes, from SCOPE_ALL on, NULL-terminated. */
const char *const SCOPE_NAMES[] = {"all", "zone", "dept", "self", "enterprise", NULL};
const char *const SCOPE_LABELS[] = {"全部园区", "全园区", "本部门及下级", "本人", "本企业", NULL};

/* The role table: each role's default data scope, whether it only reads, and the permissions
 * it grants, listed by name (the list ends with PERM__COUNT). */
#define PERMS(...) ((const enum perm[]){__VA_ARGS__, PERM__COUNT})
static const struct role_def {
	enum data_scope scope;
	int read_only; /* reads only, whatever its permissions (see role_read_only) */
	const enum perm *perms;
} roles[ROLE__COUNT] = {
    [ROLE_NONE] = {SCOPE_NONE, 1, PERMS(PERM__COUNT)},
    [ROLE_ADMIN] =
        {SCOPE_ZONE, 0,
         PERMS(PERM_AUTH, PERM_ZONE_READ, PERM_ZONE_WRITE, PERM_REGION_READ, PERM_DEPT_READ,
               PERM_DEPT_WRITE, PERM_USER_READ, PERM_USER_WRITE, PERM_ROLE_READ, PERM_TOKEN_WRITE,
               PERM_AUDIT_READ, PERM_ENTERPRISE_READ, PERM_ENTERPRISE_WRITE, PERM_ENTERPRISE_IMPORT,
               PERM_ENTERPRISE_VISIT, PERM_DASHBOARD_READ, PERM_TICKET_READ, PERM_TICKET_CREATE,
               PERM_TICKET_TRIAGE, PERM_TICKET_HANDLE, PERM_TICKET_RATE, PERM_TICKET_ESCALATE,
               PERM_TICKET_STATS, PERM_TICKET_ADMIN, PERM_ANNOUNCE_READ, PERM_ANNOUNCE_WRITE,
               PERM_PROJECT_READ, PERM_PROJECT_WRITE, PERM_PROJECT_DISPATCH, PERM_PROJECT_HANDLE,
               PERM_PROJECT_REPORT, PERM_PROJECT_ESCALATE, PERM_PROJECT_STATS, PERM_PROJECT_ADMIN,
               PERM_ECONOMY_READ, PERM_ECONOMY_REPORT, PERM_ECONOMY_REVIEW, PERM_ECONOMY_STATS,
               PERM_ECONOMY_ADMIN, PERM_ECONOMY_BAOBAO, PERM_SPACE_READ, PERM_SPACE_WRITE,
               PERM_SPACE_STATS, PERM_POLICY_READ, PERM_POLICY_WRITE, PERM_POLICY_APPLY,
               PERM_POLICY_STATS, PERM_FINANCE_READ, PERM_FINANCE_APPLY, PERM_FINANCE_ANSWER,
               PERM_FINANCE_WRITE, PERM_FINANCE_STATS, PERM_FREIGHT_READ, PERM_FREIGHT_POST,
               PERM_FREIGHT_WRITE, PERM_FREIGHT_CARRY, PERM_FREIGHT_STATS, PERM_SPACE_APPLY,
               PERM_JOBS_READ, PERM_JOBS_POST, PERM_JOBS_WRITE, PERM_JOBS_STATS)},
    [ROLE_LEADER] = {SCOPE_ZONE, 0,
                     PERMS(PERM_AUTH, PERM_DEPT_READ, PERM_USER_READ, PERM_ENTERPRISE_READ,
                           PERM_REGION_READ, PERM_ENTERPRISE_VISIT, PERM_DASHBOARD_READ,
                           PERM_TICKET_READ, PERM_TICKET_ESCALATE, PERM_TICKET_STATS,
                           PERM_ANNOUNCE_READ, PERM_PROJECT_READ, PERM_PROJECT_ESCALATE,
                           PERM_PROJECT_STATS, PERM_ECONOMY_READ, PERM_ECONOMY_STATS,
                           PERM_ECONOMY_BAOBAO, PERM_SPACE_READ, PERM_SPACE_STATS, PERM_POLICY_READ,
                           PERM_POLICY_STATS, PERM_FINANCE_READ, PERM_FINANCE_STATS,
                           PERM_FREIGHT_READ, PERM_FREIGHT_STATS, PERM_JOBS_READ, PERM_JOBS_STATS)},
    [ROLE_DEPT_HEAD] = {SCOPE_DEPT, 0,
                        PERMS(PERM_AUTH, PERM_DEPT_READ, PERM_USER_READ, PERM_ENTERPRISE_READ,
                              PERM_ENTERPRISE_WRITE, PERM_ENTERPRISE_VISIT, PERM_ENTERPRISE_IMPORT,
                              PERM_DASHBOARD_READ, PERM_TICKET_READ, PERM_TICKET_CREATE,
                              PERM_TICKET_TRIAGE, PERM_TICKET_HANDLE, PERM_TICKET_RATE,
                              PERM_TICKET_STATS, PERM_ANNOUNCE_READ, PERM_PROJECT_READ,
                              PERM_PROJECT_HANDLE, PERM_PROJECT_STATS, PERM_ECONOMY_READ,
                              PERM_ECONOMY_BAOBAO, PERM_SPACE_READ, PERM_SPACE_STATS,
                              PERM_POLICY_READ, PERM_POLICY_STATS, PERM_FINANCE_READ,
                              PERM_FINANCE_STATS, PERM_FREIGHT_READ, PERM_FREIGHT_POST,
                              PERM_FREIGHT_STATS, PERM_JOBS_READ, PERM_JOBS_STATS)},
    [ROLE_STAFF] = {SCOPE_DEPT, 0,
                    PERMS(PERM_AUTH, PERM_DEPT_READ, PERM_ENTERPRISE_READ, PERM_ENTERPRISE_WRITE,
                          PERM_ENTERPRISE_VISIT, PERM_TICKET_READ, PERM_TICKET_CREATE,
                          PERM_TICKET_TRIAGE, PERM_TICKET_HANDLE, PERM_TICKET_RATE,
                          PERM_ANNOUNCE_READ, PERM_PROJECT_READ, PERM_PROJECT_HANDLE,
                          PERM_ECONOMY_READ, PERM_ECONOMY_BAOBAO, PERM_SPACE_READ, PERM_POLICY_READ,
                          PERM_FINANCE_READ, PERM_FREIGHT_READ, PERM_FREIGHT_POST, PERM_JOBS_READ)},
    [ROLE_ENTERPRISE] = {SCOPE_ENTERPRISE, 0,
                         PERMS(PERM_AUTH, PERM_ENTERPRISE_READ, PERM_TICKET_READ,
                               PERM_TICKET_CREATE, PERM_TICKET_RATE, PERM_ANNOUNCE_READ,
                               PERM_PROJECT_READ, PERM_PROJECT_REPORT, PERM_ECONOMY_READ,
                               PERM_ECONOMY_REPORT, PERM_SPACE_READ, PERM_SPACE_APPLY,
                               PERM_POLICY_READ, PERM_POLICY_APPLY, PERM_FINANCE_READ,
                               PERM_FINANCE_APPLY, PERM_FREIGHT_READ, PERM_FREIGHT_POST,
                               PERM_JOBS_READ, PERM_JOBS_POST)},
    [ROLE_PROVINCE] = {SCOPE_ALL, 1,
                       PERMS(PERM_AUTH, PERM_ZONE_READ, PERM_REGION_READ, PERM_DEPT_READ,
                             PERM_ENTERPRISE_READ, PERM_DASHBOARD_READ, PERM_TICKET_READ,
                             PERM_TICKET_STATS, PERM_PROJECT_READ, PERM_PROJECT_STATS,
                             PERM_ECONOMY_READ, PERM_ECONOMY_STATS, PERM_FINANCE_READ,
                             PERM_FINANCE_STATS)},
    /* a bank's account: the demands pushed to its bank, and its answers; enterprise.read only
     * as every role has it (its "self" scope reads no enterprise: it serves none) */
    [ROLE_BANK] = {SCOPE_SELF, 0,
                   PERMS(PERM_AUTH, PERM_ENTERPRISE_READ, PERM_FINANCE_READ, PERM_FINANCE_ANSWER)},
    /* a carrier's account (工业物流): its carrier, trucks and offers and the loads matched to
     * them; it posts and closes its spare capacity and confirms or declines those loads.
     * enterprise.read only as every role has it (its "self" scope reads no enterprise) */
    [ROLE_CARRIER] = {SCOPE_SELF, 0,
                      PERMS(PERM_AUTH, PERM_ENTERPRISE_READ, PERM_FREIGHT_READ,
                            PERM_FREIGHT_CARRY)},
};
#undef PERMS

void perm_intersect(perm_set *s, const perm_set *o)
{
	for (int i = 0; i < PERM_WORDS; i++)
		s->w[i] &= o->w[i];
}

int perm_set_equal(const perm_set *a, const perm_set *b)
{
	return memcmp(a->w, b->w, sizeof a->w) == 0;
}

perm_set perm_set_of(const enum perm *list)
{
	perm_set s = {{0}};
	for (; *list != PERM__COUNT; list++)
		perm_add(&s, *list);
	return s;
}

perm_set perm_set_all(void)
{
	perm_set s = {{0}};
	for (int p = 0; p < PERM__COUNT; p++)
		perm_add(&s, (enum perm)p);
	return s;
}

CODE_NAME(enum perm, perm_name, perm_names, PERM__COUNT)

const char *role_name(enum role r)
{
	return r > ROLE_NONE && r < ROLE__COUNT ? ROLE_NAMES[r - 1] : "";
}

const char *role_label_zh(enum role r)
{
	return r > ROLE_NONE && r < ROLE__COUNT ? ROLE_LABELS[r - 1] : "";
}

const char *scope_name(enum data_scope s)
{
	return s > SCOPE_NONE && s <= SCOPE_ENTERPRISE ? SCOPE_NAMES[s - 1] : "";
}

enum role role_from_name(const char *s)
{
	for (int r = 1; s && r < ROLE__COUNT; r++)
		if (strcmp(s, ROLE_NAMES[r - 1]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

enum data_scope scope_from_name(const char *s)
{
	for (int i = 1; s && i <= SCOPE_ENTERPRISE; i++)
		if (strcmp(s, SCOPE_NAMES[i - 1]) == 0)
			return (enum data_scope)i;
	return SCOPE_NONE;
}

perm_set role_perms(enum role r)
{
	return perm_set_of(r < ROLE__COUNT ? roles[r].perms : roles[ROLE_NONE].perms);
}

enum data_scope role_default_scope(enum role r)
{
	return r < ROLE__COUNT ? roles[r].scope : SCOPE_NONE;
}

int perm_allows(const perm_set *have, enum perm p)
{
	return p == PERM_NONE || perm_has(have, p);
}

int role_allows(enum role r, enum perm p)
{
	perm_set s = role_perms(r);
	return perm_allows(&s, p);
}

void perm_dept_kind_grant(const char *dept_kind, enum role r, perm_set *perms,
                          enum data_scope *scope)
{
	if (!dept_kind || (r != ROLE_STAFF && r != ROLE_DEPT_HEAD))
		return;
	/* 招商局 and its 分局 work their projects; the 项目办 dispatches every project of the zone
	 * (the store widens its project reads, project_store.c proj_scope) */
	int invest = strcmp(dept_kind, "investment") == 0,
	    project = strcmp(dept_kind, "project") == 0;
	if (invest || project) {
		perm_add(perms, PERM_PROJECT_WRITE);
		perm_add(perms, PERM_PROJECT_STATS);
	}
	if (project)
		perm_add(perms, PERM_PROJECT_DISPATCH);
	/* the 经发局 reviews the enterprises' monthly reports, files one for an enterprise (代报)
	 * and revises a locked month, and reads the zone's figures (the economy store widens its
	 * reads to the zone, economy_store.c reader) */
	if (strcmp(dept_kind, "economic") == 0) {
		perm_add(perms, PERM_ECONOMY_REPORT);
		perm_add(perms, PERM_ECONOMY_REVIEW);
		perm_add(perms, PERM_ECONOMY_STATS);
	}
	if (strcmp(dept_kind, "service_center") != 0)
		return;
	perm_add(perms, PERM_TICKET_STATS);
	perm_add(perms, PERM_ANNOUNCE_WRITE);
	/* the desk lets the zone's space: buildings, units and leases, and counts the vacancy */
	perm_add(perms, PERM_SPACE_WRITE);
	perm_add(perms, PERM_SPACE_STATS);
	/* the desk runs the policy library: publishes, reviews the applications and records 兑现 */
	perm_add(perms, PERM_POLICY_WRITE);
	perm_add(perms, PERM_POLICY_STATS);
	/* the desk keeps the zone's banks and products, pushes the enterprises' loan demands to
	 * banks and counts what was lent */
	perm_add(perms, PERM_FINANCE_WRITE);
	perm_add(perms, PERM_FINANCE_STATS);
	/* the desk runs the zone's 工业物流群: carriers, trucks and their offers, the carriers'
	 * confirmations (acting for any carrier: freight.carry), the trips' outcomes and the
	 * vehicle registrations */
	perm_add(perms, PERM_FREIGHT_WRITE);
	perm_add(perms, PERM_FREIGHT_CARRY);
	perm_add(perms, PERM_FREIGHT_STATS);
	/* and registers an enterprise's demand for space on its behalf */
	perm_add(perms, PERM_SPACE_APPLY);
	/* the zone's human-resources team: demands posted for enterprises, hires, job fairs, school
	 * partnerships, and the recruitment figures */
	perm_add(perms, PERM_JOBS_POST);
	perm_add(perms, PERM_JOBS_WRITE);
	perm_add(perms, PERM_JOBS_STATS);
	if (*scope == SCOPE_DEPT)
		*scope = SCOPE_ZONE;
}

int role_read_only(enum role r)
{
	return r < ROLE__COUNT ? roles[r].read_only : 1;
}

int role_may_grant(enum role granter, enum role r)
{
	return granter == ROLE_ADMIN && r != ROLE_NONE && r != ROLE_PROVINCE;
}
