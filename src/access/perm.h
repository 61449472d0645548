/* Roles and permissions: the one table that says which role may do what.
 * Permissions are named strings on routes (src/app/routes.c); roles map to sets of them here.
 * Data scope (which rows a role sees) is separate: see enum data_scope. */
#ifndef YQ_ACCESS_PERM_H
#define YQ_ACCESS_PERM_H
#include <stdint.h>

/* Every permission once: its constant and its name on the wire (routes, roles page, audit).
 * A new module adds its lines here and grants them in the role table (perm.c); the set below
 * grows with the list, so there is no limit to outgrow. */
#define PERM_LIST(X)                                                                                      \
	X(PERM_NONE, "public") /* public route: no login needed */                                        \
	X(PERM_AUTH, "auth")   /* any logged-in user */                                                   \
	X(PERM_ZONE_READ, "zone.read")                                                                    \
	X(PERM_ZONE_WRITE, "zone.write")                                                                  \
	/* 全省: comparing the zones of one's region and their 综合考核 ranking */                  \
	X(PERM_REGION_READ, "region.read")                                                                \
	X(PERM_DEPT_READ, "dept.read")                                                                    \
	X(PERM_DEPT_WRITE, "dept.write")                                                                  \
	X(PERM_USER_READ, "user.read")                                                                    \
	X(PERM_USER_WRITE, "user.write")                                                                  \
	X(PERM_ROLE_READ, "role.read")                                                                    \
	X(PERM_TOKEN_WRITE, "token.write")                                                                \
	X(PERM_AUDIT_READ, "audit.read")                                                                  \
	X(PERM_ENTERPRISE_READ, "enterprise.read")                                                        \
	X(PERM_ENTERPRISE_WRITE, "enterprise.write")                                                      \
	X(PERM_ENTERPRISE_IMPORT, "enterprise.import")                                                    \
	/* record a 包保 visit: further limited to the enterprise's 包保 leader and liaison, or to    \
	 * those who may edit it */                                                                       \
	X(PERM_ENTERPRISE_VISIT, "enterprise.visit")                                                      \
	X(PERM_DASHBOARD_READ, "dashboard.read")                                                          \
	X(PERM_TICKET_READ, "ticket.read")                                                                \
	X(PERM_TICKET_CREATE, "ticket.create")                                                            \
	X(PERM_TICKET_TRIAGE, "ticket.triage") /* further limited to the service center */                \
	X(PERM_TICKET_HANDLE, "ticket.handle") /* further limited to the lead department */               \
	X(PERM_TICKET_RATE, "ticket.rate")                                                                \
	X(PERM_TICKET_ESCALATE, "ticket.escalate")                                                        \
	X(PERM_TICKET_STATS, "ticket.stats")                                                              \
	X(PERM_TICKET_ADMIN, "ticket.admin") /* deadline rules and the holiday calendar */                \
	/* 通知公告: staff read every announcement of the zone; enterprise users only the             \
	 * published ones addressed to them */                                                            \
	X(PERM_ANNOUNCE_READ, "announce.read")                                                            \
	X(PERM_ANNOUNCE_WRITE, "announce.write") /* write, publish and withdraw announcements */          \
	/* 招商引资 and 项目建设: a bureau reads its projects, the project office all of the zone \
	 */                                                                                               \
	X(PERM_PROJECT_READ, "project.read")                                                              \
	X(PERM_PROJECT_WRITE, "project.write")       /* create, edit, move; follow-ups */                 \
	X(PERM_PROJECT_DISPATCH, "project.dispatch") /* plans, problems, checks, permits, 会审 */       \
	X(PERM_PROJECT_HANDLE, "project.handle")     /* answer a problem of one's department */           \
	X(PERM_PROJECT_REPORT, "project.report")     /* an enterprise reports its investment */           \
	X(PERM_PROJECT_ESCALATE, "project.escalate") /* 督办 on a problem */                            \
	X(PERM_PROJECT_STATS, "project.stats")       /* figures, 龙虎榜, the weekly bulletin */        \
	X(PERM_PROJECT_ADMIN, "project.admin")       /* targets and the zone's rules */                   \
	X(PERM_ECONOMY_READ, "economy.read")                                                              \
	X(PERM_ECONOMY_REPORT, "economy.report") /* an enterprise files its month (企业直报) */       \
	X(PERM_ECONOMY_REVIEW, "economy.review") /* the 经发局 accepts, returns, revises */            \
	X(PERM_ECONOMY_STATS, "economy.stats")   /* the zone's figures, 同比, 双过半 */              \
	X(PERM_ECONOMY_ADMIN, "economy.admin")   /* the catalogue, deadlines, yearly targets */           \
	/* 包保企业: the monthly targets, 调度 and visits of the enterprises one serves as 包保   \
	 * leader or liaison (economy.stats holders read every one of the zone) */                        \
	X(PERM_ECONOMY_BAOBAO, "economy.baobao")                                                          \
	/* 载体: staff read the zone's buildings, units and leases; enterprise users the vacant         \
	 * units and their own leases */                                                                  \
	X(PERM_SPACE_READ, "space.read")                                                                  \
	X(PERM_SPACE_WRITE, "space.write") /* buildings, units, leases (the service center) */            \
	X(PERM_SPACE_STATS, "space.stats") /* the zone's vacancy figures */                               \
	X(PERM_SPACE_APPLY, "space.apply") /* an enterprise asks for space, applies, accepts */           \
	/* 惠企政策: staff read the library and the applications; enterprise users the published      \
	 * policies they are eligible for and their own applications */                                   \
	X(PERM_POLICY_READ, "policy.read")                                                                \
	/* library, publish, review, pay (the service center) */                                          \
	X(PERM_POLICY_WRITE, "policy.write")                                                              \
	X(PERM_POLICY_APPLY, "policy.apply") /* an enterprise applies (its own applications) */           \
	X(PERM_POLICY_STATS, "policy.stats") /* the figures per policy and of the zone */                 \
	/* 银企对接: staff read the zone's banks, products and loan demands; an enterprise its own    \
	 * demands and their answers; a bank user the demands pushed to its bank */                       \
	X(PERM_FINANCE_READ, "finance.read")                                                              \
	X(PERM_FINANCE_APPLY, "finance.apply") /* an enterprise posts and withdraws its demands */        \
	/* a bank answers, approves, records a disbursement */                                            \
	X(PERM_FINANCE_ANSWER, "finance.answer")                                                          \
	/* banks, products; push a demand (service center) */                                             \
	X(PERM_FINANCE_WRITE, "finance.write")                                                            \
	X(PERM_FINANCE_STATS, "finance.stats") /* demanded, approved, disbursed */                        \
	/* 工业物流: staff read the zone's loads, offers and registrations; enterprise users their    \
	 * own and the offers that fit or carry their loads */                                            \
	X(PERM_FREIGHT_READ, "freight.read")                                                              \
	X(PERM_FREIGHT_POST, "freight.post")   /* post loads and registrations, accept, confirm */        \
	X(PERM_FREIGHT_WRITE, "freight.write") /* carriers, trucks, offers; outcomes; approvals */        \
	/* act for a carrier: post and close its trucks' spare capacity, confirm or decline the           \
	 * loads matched to it (a carrier user for its own carrier; the service center for any) */        \
	X(PERM_FREIGHT_CARRY, "freight.carry")                                                            \
	X(PERM_FREIGHT_STATS, "freight.stats") /* the zone's freight figures */                           \
	/* 用工: job demands, hires, fairs and school partnerships; an enterprise user reads its        \
	 * own demands, hires and partnerships and the zone's fairs */                                    \
	X(PERM_JOBS_READ, "jobs.read")                                                                    \
	X(PERM_JOBS_POST, "jobs.post") /* post and close demands, join fairs (enterprises too) */         \
	X(PERM_JOBS_WRITE, "jobs.write") /* hires, fairs, partnerships (the service center) */            \
	X(PERM_JOBS_STATS, "jobs.stats") /* the zone's recruitment figures */

enum perm {
#define PERM_ENUM(e, name) e,
	PERM_LIST(PERM_ENUM)
#undef PERM_ENUM
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
	ROLE_BANK,    /* 银行: a bank's account, belonging to one bank (app_user.bank_id) */
	ROLE_CARRIER, /* 承运方: a carrier's account (工业物流), belonging to one carrier
	               * (app_user.carrier_id) */
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

/* A set of permissions: one bit per permission in as many words as PERM_LIST needs. */
#define PERM_WORDS (((int)PERM__COUNT + 63) / 64)
typedef struct {
	uint64_t w[PERM_WORDS];
} perm_set;
_Static_assert(sizeof(perm_set) * 8 >= PERM__COUNT, "perm_set holds every permission");

static inline int perm_has(const perm_set *s, enum perm p)
{
	return p < PERM__COUNT && (s->w[p / 64] >> (p % 64) & 1);
}
static inline void perm_add(perm_set *s, enum perm p)
{
	if (p < PERM__COUNT)
		s->w[p / 64] |= (uint64_t)1 << (p % 64);
}
/* Keeps in *s only what o also has. */
void perm_intersect(perm_set *s, const perm_set *o);
int perm_set_equal(const perm_set *a, const perm_set *b);
/* The set of a list ending with PERM__COUNT. */
perm_set perm_set_of(const enum perm *list);
/* Every permission. */
perm_set perm_set_all(void);

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
int perm_allows(const perm_set *have, enum perm p);
/* 1 if role r (without a department-kind grant) may call a route requiring `p`. */
int role_allows(enum role r, enum perm p);
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
