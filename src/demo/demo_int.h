/* Internal to the demo module: what building a zone shares between the zones and enterprises
 * (demo.c) and their requests (demo_requests.c). */
#ifndef YQ_DEMO_DEMO_INT_H
#define YQ_DEMO_DEMO_INT_H
#include "demo/demo.h"
#include "lib/arena.h"
#include "work/calendar.h"
#include "ticket/ticket_store.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "work/store_write.h"

/* ---- deterministic randomness ---------------------------------------------------------- */

/* xorshift64*: a small deterministic generator, so a seed always gives the same data. */
struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ull;
}

static inline int rng_below(struct rng *r, int n)
{
	return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

/* 1 with probability pct in 100. */
static inline int rng_pct(struct rng *r, int pct)
{
	return rng_below(r, 100) < pct;
}

/* ---- China Standard Time ------------------------------------------------------------------ */

#define CST_OFFSET (8 * 3600)
#define DAY        86400

/* The instant of local midnight of the day holding t. */
static inline int64_t cst_midnight(int64_t t)
{
	return (t + CST_OFFSET) / DAY * DAY - CST_OFFSET;
}

/* Seconds since local midnight. */
static inline int cst_sod(int64_t t)
{
	return (int)((t + CST_OFFSET) % DAY);
}

static inline void cst_date(int64_t t, char out[11])
{
	time_t x = (time_t)(t + CST_OFFSET);
	struct tm tm;
	gmtime_r(&x, &tm);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
	         (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

static inline int cst_year(int64_t t)
{
	time_t x = (time_t)(t + CST_OFFSET);
	struct tm tm;
	gmtime_r(&x, &tm);
	return tm.tm_year + 1900;
}

/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" in China Standard Time; -1 when malformed. */
static inline int64_t cst_parse(const char *s)
{
	int y, mo, d, h = 0, mi = 0;
	if (!s || (sscanf(s, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5 &&
	           sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3))
		return -1;
	struct tm tm = {
	    .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (int64_t)timegm(&tm) - CST_OFFSET;
}

/* The date `days` after the date `s` (YYYY-MM-DD). */
static inline void date_add(const char *s, int days, char out[11])
{
	cst_date(cst_parse(s) + (int64_t)days * DAY + 12 * 3600, out);
}

static inline int is_workday(const struct calendar *cal, int64_t t)
{
	char d[11];
	cst_date(t, d);
	return calendar_is_workday(cal, d) == 1;
}

/* ---- the zone being built ------------------------------------------------------------------ */

/* A sector of the synthetic fill: industry codes and name words, with a weight. */
struct sector {
	const char *industries[8];
	int n_industries;
	const char *words[12];
	int n_words;
	int weight;
};

enum { P_LEADER = 'l', P_HEAD = 'h', P_STAFF = 's' };

/* A user of the zone who works there (not admin, not an enterprise). */
struct person {
	int64_t id, dept_id;
	const char *name;
	char role;   /* P_LEADER, P_HEAD or P_STAFF */
	int service; /* at the service center (企业服务中心) */
};

/* A department and the request topics it handles (demo.json "handles"). */
struct dept_row {
	int64_t id;
	const char *name;
	const char *handles[16];
	int n_handles;
};

/* An enterprise as the request generator needs it. */
struct ent_row {
	int64_t id;
	int est_year;
	const char *contact, *phone;
	struct ticket_actor account, leader, liaison; /* user_id 0: none */
	const char *account_username;                 /* of `account` */
	const char *building;                         /* where it is ("" or NULL: not known) */
	int covered;                                  /* has a 包保 leader */
};

/* A zone while it is built: its departments, people and enterprises as the requests need them.
 * Released with the zone (zone_release in demo.c). */
struct zone_ctx {
	int64_t zone_id;
	const char *code, *city; /* name prefix for synthetic companies, e.g. "长春" */
	const char *short_name;  /* the zone's: "长春经开区" */
	/* gen: the zone's size against the province's strongest (1; 0 taken as 1), which scales
	 * its enterprises' figures and its number of projects, and the growth added to its
	 * enterprises' yearly trend */
	double scale, growth;
	char prefix8[9]; /* USCC prefix: "91" + region code */
	struct arena za; /* strings that live as long as the zone is being built */
	struct sector sectors[12];
	int n_sectors, total_weight;
	uint64_t serial;
	struct dept_row depts[64];
	int n_depts;
	int64_t invest_depts[8]; /* departments responsible for enterprises */
	int n_invest;
	int64_t service_dept;
	/* the service center's listed officer, who writes the zone's announcements (id 0: none) */
	struct {
		int64_t id;
		const char *username, *name;
	} announcer;
	struct person *people;
	int n_people, cap_people;
	struct ent_row *ents;
	int n_ents, cap_ents;
	/* the zone's transaction and administrator; enterprise accounts are made on demand for
	 * online requests (the demo; gen makes none) */
	struct db *tx;
	const struct principal *who;
	const char *account_hash; /* NULL: none are made */
	int n_accounts;
	struct demo_result *res;
	/* the listed accounts' password (NULL: one generated each) and where the files the demo
	 * attaches are stored (the data directory) */
	const char *password, *data_dir;
};

/* A random person of the zone matching: role (0: any), at the service center (-1: either),
 * in department dept (0: any). The name is `fallback` with no account when nobody matches. */
struct ticket_actor demo_pick_person(const struct zone_ctx *z, struct rng *r, char role,
                                     int service, int64_t dept, const char *fallback);
/* The service-center officer (服务专员) on duty. */
struct ticket_actor demo_pick_officer(const struct zone_ctx *z, struct rng *r);

/* An instant on a working day in [from, to) when an office answers the phone and cadres visit
 * (`visit`): see demo_requests.c. 0 when the range holds no working day. */
int64_t demo_office_arrival(const struct calendar *cal, struct rng *r, int64_t from, int64_t to,
                            int visit);

/* A stretch of requests created in [from, to). */
struct period {
	int64_t from, to;
	int count;         /* requests, the stories dated in the range included */
	int rejected;      /* exactly this many 不予受理; -1: about 3 in 100 */
	int all_satisfied; /* a seed states 满意率 100% for it */
	/* this category's requests come from n_served enterprises, every one answered */
	const char *served;
	int n_served;
};

/* A story of the seed reports (demo.json "stories"): a request of a named enterprise with its
 * date, answer and rating. */
struct story {
	int64_t at, resolved, rated, escalated;
	json_t *j;
	int ent; /* index in z->ents */
};

/* Adds the requests of period p (and the stories dated in it, in their place): arrivals by
 * channel in office hours or, online, at any hour; exact category shares; each played out to
 * `now` (see demo_requests.c). Inserted in creation order, so the numbers follow the days. */
int demo_period_add(struct db *tx, struct rng *r, struct zone_ctx *z, const struct calendar *cal,
                    const struct period *p, struct story *stories, int n_stories, int64_t now,
                    struct arena *a);
/* Inserts one story: triaged within the hour, handled by the department its topic goes to,
 * answered and rated on the days the report gives. */
int demo_story_add(struct zone_ctx *z, struct rng *r, const struct calendar *cal, struct db *tx,
                   const struct story *s, int64_t now);

/* The zone's announcements (通知公告) of the months before `now`, written and published by the
 * service center's officer through the announcement store, and read by some of the enterprises'
 * accounts (see demo_announce.c). Needs the accounts made for requests: runs after them. Its
 * own generator, seeded by the zone's code, so the rest of the demo does not move. */
int demo_announce_add(struct zone_ctx *z, const struct calendar *cal, int64_t now);

/* A listed account of demo.json (username, display_name, role, dept) made in zone z after the
 * rest of it: its department found by name in dept_ids; the password is the zone's, printed
 * with the others. */
int demo_user_add(struct zone_ctx *z, json_t *u, json_t *dept_ids, int64_t *id);
/* The account "{zone code}-{suffix}" of an organisation of the zone (a bank, a carrier): `in`
 * gives its name, role and organisation; the password is the zone's (none made without one),
 * counted with the zone's users. 0, or -1 with e set. */
struct user;
struct yq_err;
int demo_org_account_add(struct zone_ctx *z, const char *suffix, struct user *in, struct yq_err *e);

/* The zone's investment projects (招商引资 and 项目建设) of the seed reports and of the months
 * before `now`, written through the project module's own store as its people would: the
 * bureaus and 招商专员 of the zone's demo.json "projects" (zj: the zone's object) first, then
 * leads worked to signing, the stages up to production, follow-ups, monthly investment plans
 * and reports, problems answered and closed (销号) or still open, the bureaus' yearly targets
 * (see demo_projects.c). Runs last: its own generator, seeded by the zone's code, so the rest
 * of the demo does not move. */
int demo_projects_add(struct zone_ctx *z, const struct calendar *cal, json_t *zj, int64_t now);
/* The zone's monthly economic figures (经济运行) of its 规上 enterprises from January 2024 to the
 * last full month before `now` (see demo_economy.c): one import, audited once. */
int demo_economy_add(struct zone_ctx *z, int64_t now);
/* The 包保 monthly cycle of the zone's enterprises with a leader: the targets their leader set at
 * the start of the last three months and of this one (last year's month and a growth goal), and
 * each month's 调度 by the liaison (this month's once its middle is past). */
int demo_baobao_add(struct zone_ctx *z, int64_t now);
/* The zone's 载体: its buildings, their units and the leases of the let ones (see
 * demo_space.c). Its own generator, seeded by the zone's code. */
int demo_space_add(struct zone_ctx *z, int64_t now);
/* The zone's 惠企政策: its policy library, published and matched, and the applications of some
 * eligible enterprises at every step (see demo_policy.c). Its own generator. */
int demo_policy_add(struct zone_ctx *z, int64_t now);
/* The zone's banks, their products and bank account, and the loans the seeds tell of
 * (demo_finance.c). */
int demo_finance_add(struct zone_ctx *z, int64_t now);
/* The zone's 工业物流群 (海门): carriers and their trucks, their spare capacity, the part-loads
 * matched to it over the last two weeks, 三鑫电子's load to 常州, and the daily vehicle
 * registrations (demo_freight.c). Its own generator, seeded by the zone's code. */
int demo_freight_add(struct zone_ctx *z, int64_t now);
/* 海门's drawn site plan (demo_space_plan.c); other zones have none. */
int demo_space_plan_add(struct zone_ctx *z, struct yq_err *e);
/* gen: `units` units of the zone in buildings of 100, about a fifth vacant, the let ones with
 * an active lease of one of the zone's enterprises (demo_space.c). */
int demo_gen_space(struct zone_ctx *z, int units, int64_t now, uint64_t seed);
/* The zone's 用工: 望城's job fairs, demands, school partnerships and the 12,000 hires of 2020
 * (see demo_jobs.c). Its own generator, seeded by the zone's code. */
int demo_jobs_add(struct zone_ctx *z, int64_t now);
/* yuanqu gen: every enterprise of the zone files the last `months` full months before `now`
 * (seven indicators, the last month partly under review); `seed` draws the figures. */
int demo_gen_economy(struct zone_ctx *z, int months, int64_t now, uint64_t seed);

/* gen: `n` projects of zone z over the 36 months before `now` with their monthly investment,
 * timelines, a few follow-ups and problems, and the bureau's targets, inserted as rows (the
 * bulk path, as gen's requests are). `office` is the zone's project office (the department the
 * problems go to), `owner` the 招商局 head who works the projects, `dispatcher` the account that
 * moves them on and reports their investment (gen has no project-office account). Its own
 * generator from `seed`. */
int demo_gen_projects(struct zone_ctx *z, int n, int64_t office, int64_t owner, int64_t dispatcher,
                      int64_t now, uint64_t seed);

#endif
