/* Roles → permissions: the one table (see perm.h). */
#include "auth/perm.h"
#include <string.h>

static const char *const perm_names[PERM__COUNT] = {
    [PERM_NONE] = "public",
    [PERM_AUTH] = "auth",
    [PERM_ZONE_READ] = "zone.read",
    [PERM_ZONE_WRITE] = "zone.write",
    [PERM_DEPT_READ] = "dept.read",
    [PERM_DEPT_WRITE] = "dept.write",
    [PERM_USER_READ] = "user.read",
    [PERM_USER_WRITE] = "user.write",
    [PERM_ROLE_READ] = "role.read",
    [PERM_TOKEN_WRITE] = "token.write",
    [PERM_AUDIT_READ] = "audit.read",
    [PERM_ENTERPRISE_READ] = "enterprise.read",
    [PERM_ENTERPRISE_WRITE] = "enterprise.write",
    [PERM_ENTERPRISE_IMPORT] = "enterprise.import",
    [PERM_ENTERPRISE_VISIT] = "enterprise.visit",
    [PERM_DASHBOARD_READ] = "dashboard.read",
    [PERM_TICKET_READ] = "ticket.read",
    [PERM_TICKET_CREATE] = "ticket.create",
    [PERM_TICKET_TRIAGE] = "ticket.triage",
    [PERM_TICKET_HANDLE] = "ticket.handle",
    [PERM_TICKET_RATE] = "ticket.rate",
    [PERM_TICKET_ESCALATE] = "ticket.escalate",
    [PERM_TICKET_STATS] = "ticket.stats",
    [PERM_TICKET_ADMIN] = "ticket.admin",
    [PERM_ANNOUNCE_READ] = "announce.read",
    [PERM_ANNOUNCE_WRITE] = "announce.write",
};

/* The names and Chinese labels of the roles, from ROLE_ADMIN on, NULL-terminated: the values a
 * field table takes (org.c). */
const char *const ROLE_NAMES[ROLE__COUNT] = {"admin",      "leader",   "dept_head", "staff",
                                             "enterprise", "province", NULL};
const char *const ROLE_LABELS[ROLE__COUNT] = {"系统管理员", "园区领导", "部门负责人", "工作人员",
                                              "企业用户",   "省级用户", NULL};
/* The names of the data scopes, from SCOPE_ALL on, NULL-terminated. */
const char *const SCOPE_NAMES[] = {"all", "zone", "dept", "self", "enterprise", NULL};
const char *const SCOPE_LABELS[] = {"全部园区", "全园区", "本部门及下级", "本人", "本企业", NULL};

#define B PERM_BIT
static const struct role_def {
	enum data_scope scope;
	int read_only; /* reads only, whatever its permissions (see role_read_only) */
	perm_set perms;
} roles[ROLE__COUNT] = {
    [ROLE_NONE] = {SCOPE_NONE, 1, 0},
    [ROLE_ADMIN] = {SCOPE_ZONE, 0,
                    B(PERM_AUTH) | B(PERM_ZONE_READ) | B(PERM_DEPT_READ) | B(PERM_DEPT_WRITE) |
                        B(PERM_USER_READ) | B(PERM_USER_WRITE) | B(PERM_ROLE_READ) |
                        B(PERM_TOKEN_WRITE) | B(PERM_AUDIT_READ) | B(PERM_ENTERPRISE_READ) |
                        B(PERM_ENTERPRISE_WRITE) | B(PERM_ENTERPRISE_IMPORT) |
                        B(PERM_ENTERPRISE_VISIT) | B(PERM_DASHBOARD_READ) | B(PERM_TICKET_READ) |
                        B(PERM_TICKET_CREATE) | B(PERM_TICKET_TRIAGE) | B(PERM_TICKET_HANDLE) |
                        B(PERM_TICKET_RATE) | B(PERM_TICKET_ESCALATE) | B(PERM_TICKET_STATS) |
                        B(PERM_TICKET_ADMIN) | B(PERM_ANNOUNCE_READ) | B(PERM_ANNOUNCE_WRITE)},
    [ROLE_LEADER] = {SCOPE_ZONE, 0,
                     B(PERM_AUTH) | B(PERM_DEPT_READ) | B(PERM_USER_READ) |
                         B(PERM_ENTERPRISE_READ) | B(PERM_ENTERPRISE_VISIT) |
                         B(PERM_DASHBOARD_READ) | B(PERM_TICKET_READ) | B(PERM_TICKET_ESCALATE) |
                         B(PERM_TICKET_STATS) | B(PERM_ANNOUNCE_READ)},
    [ROLE_DEPT_HEAD] = {SCOPE_DEPT, 0,
                        B(PERM_AUTH) | B(PERM_DEPT_READ) | B(PERM_USER_READ) |
                            B(PERM_ENTERPRISE_READ) | B(PERM_ENTERPRISE_WRITE) |
                            B(PERM_ENTERPRISE_VISIT) | B(PERM_ENTERPRISE_IMPORT) |
                            B(PERM_DASHBOARD_READ) | B(PERM_TICKET_READ) | B(PERM_TICKET_CREATE) |
                            B(PERM_TICKET_TRIAGE) | B(PERM_TICKET_HANDLE) | B(PERM_TICKET_RATE) |
                            B(PERM_TICKET_STATS) | B(PERM_ANNOUNCE_READ)},
    [ROLE_STAFF] = {SCOPE_DEPT, 0,
                    B(PERM_AUTH) | B(PERM_DEPT_READ) | B(PERM_ENTERPRISE_READ) |
                        B(PERM_ENTERPRISE_WRITE) | B(PERM_ENTERPRISE_VISIT) | B(PERM_TICKET_READ) |
                        B(PERM_TICKET_CREATE) | B(PERM_TICKET_TRIAGE) | B(PERM_TICKET_HANDLE) |
                        B(PERM_TICKET_RATE) | B(PERM_ANNOUNCE_READ)},
    [ROLE_ENTERPRISE] = {SCOPE_ENTERPRISE, 0,
                         B(PERM_AUTH) | B(PERM_ENTERPRISE_READ) | B(PERM_TICKET_READ) |
                             B(PERM_TICKET_CREATE) | B(PERM_TICKET_RATE) | B(PERM_ANNOUNCE_READ)},
    [ROLE_PROVINCE] = {SCOPE_ALL, 1,
                       B(PERM_AUTH) | B(PERM_ZONE_READ) | B(PERM_DEPT_READ) |
                           B(PERM_ENTERPRISE_READ) | B(PERM_DASHBOARD_READ) | B(PERM_TICKET_READ) |
                           B(PERM_TICKET_STATS)},
};
#undef B

const char *perm_name(enum perm p)
{
	return p < PERM__COUNT ? perm_names[p] : "";
}

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
	return r < ROLE__COUNT ? roles[r].perms : 0;
}

enum data_scope role_default_scope(enum role r)
{
	return r < ROLE__COUNT ? roles[r].scope : SCOPE_NONE;
}

int perm_allows(perm_set have, enum perm p)
{
	if (p == PERM_NONE)
		return 1;
	return (have & PERM_BIT(p)) != 0;
}

void perm_dept_kind_grant(const char *dept_kind, enum role r, perm_set *perms,
                          enum data_scope *scope)
{
	if (!dept_kind || strcmp(dept_kind, "service_center") != 0 ||
	    (r != ROLE_STAFF && r != ROLE_DEPT_HEAD))
		return;
	*perms |= PERM_BIT(PERM_TICKET_STATS) | PERM_BIT(PERM_ANNOUNCE_WRITE);
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
