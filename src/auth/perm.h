/* Roles and permissions: the one table that says which role may do what.
 * Permissions are named strings on routes (src/http/routes.c); roles map to sets of them here.
 * Data scope (which rows a role sees) is separate: see enum data_scope. */
#ifndef YQ_AUTH_PERM_H
#define YQ_AUTH_PERM_H
#include <stdint.h>

enum perm {
	PERM_NONE = 0, /* public route: no login needed */
	PERM_AUTH,     /* any logged-in user */
	PERM_ZONE_READ,
	PERM_ZONE_WRITE,
	PERM_DEPT_READ,
	PERM_DEPT_WRITE,
	PERM_USER_READ,
	PERM_USER_WRITE,
	PERM_ROLE_READ,
	PERM_TOKEN_WRITE,
	PERM_AUDIT_READ,
	PERM_ENTERPRISE_READ,
	PERM_ENTERPRISE_WRITE,
	PERM_ENTERPRISE_IMPORT,
	PERM_ENTERPRISE_VISIT, /* record a 包保 visit: further limited to the enterprise's 包保
	                        * leader and liaison, or to those who may edit it */
	PERM_DASHBOARD_READ,
	PERM_TICKET_READ,
	PERM_TICKET_CREATE,
	PERM_TICKET_TRIAGE, /* further limited to the service center in the domain */
	PERM_TICKET_HANDLE, /* further limited to the lead department in the domain */
	PERM_TICKET_RATE,
	PERM_TICKET_ESCALATE,
	PERM_TICKET_STATS,
	PERM_TICKET_ADMIN,   /* deadline rules and the holiday calendar */
	PERM_ANNOUNCE_READ,  /* 通知公告: staff read every announcement of the zone; enterprise
	                      * users only the published ones addressed to them */
	PERM_ANNOUNCE_WRITE, /* write, publish and withdraw announcements */
	PERM__COUNT
};

enum role {
	ROLE_NONE = 0,
	ROLE_ADMIN,
	ROLE_LEADER,
	ROLE_DEPT_HEAD,
	ROLE_STAFF,
	ROLE_ENTERPRISE,
	ROLE_PROVINCE,
	ROLE__COUNT
};

/* Which rows a user sees (数据权限), applied by the store on every read. */
enum data_scope {
	SCOPE_NONE = 0,
	SCOPE_ALL,        /* every zone (province) */
	SCOPE_ZONE,       /* the whole zone */
	SCOPE_DEPT,       /* own department and its children */
	SCOPE_SELF,       /* own records */
	SCOPE_ENTERPRISE, /* own enterprise */
};

typedef uint64_t perm_set;
#define PERM_BIT(p) ((perm_set)1 << (p))

/* The role names ("admin" …) and Chinese labels from ROLE_ADMIN on, and the scope names ("all"
 * …) and labels from SCOPE_ALL on; each NULL-terminated (the values of a field table). */
extern const char *const ROLE_NAMES[ROLE__COUNT], *const ROLE_LABELS[ROLE__COUNT];
extern const char *const SCOPE_NAMES[], *const SCOPE_LABELS[];
/* Name of a permission ("enterprise.read"), role ("dept_head") or scope ("dept"). */
const char *perm_name(enum perm p);
const char *role_name(enum role r);
const char *role_label_zh(enum role r);
const char *scope_name(enum data_scope s);
/* Parses a name; ROLE_NONE / SCOPE_NONE when unknown. */
enum role role_from_name(const char *s);
enum data_scope scope_from_name(const char *s);
/* The permissions a role grants. */
perm_set role_perms(enum role r);
/* The data scope a role gets by default. */
enum data_scope role_default_scope(enum role r);
/* 1 if a role with these permissions may call a route requiring `p`. */
int perm_allows(perm_set have, enum perm p);
/* The department-kind grant, the one place where the kind of the caller's department adds to
 * its role: staff and heads of a department of kind `service_center` (企业服务中心, the desk that
 * takes in, routes and chases every request of the zone and compiles the daily briefing) get
 * ticket.stats and announce.write (the desk speaks to the zone's enterprises), and a department
 * data scope becomes the zone's (they read every request and enterprise of the zone, as the desk
 * must). Other kinds and roles are left as they are. Applied to *perms and *scope when a session is
 * resolved; dept_kind may be NULL. Pure. */
void perm_dept_kind_grant(const char *dept_kind, enum role r, perm_set *perms,
                          enum data_scope *scope);
/* 1 if the role only reads: every route that changes something, other than the caller's own
 * session and account, refuses it (province users). */
int role_read_only(enum role r);
/* 1 if `granter` may create or edit a user with role `r` (admins: any but province). */
int role_may_grant(enum role granter, enum role r);

#endif
