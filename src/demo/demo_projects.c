/* The demo's investment projects (招商引资 and 项目建设): the leads each zone's bureaus worked
 * into signed projects and the project office pushed through registration, land, construction
 * and production, over the years the seed reports speak of and the months before now.
 *
 * Everything is written through the project module's own store inside the zone's transaction
 * (the *_in writes of project.h, project_work.h and project_stats.h, each audited, dated in the
 * past), by the people who would have done it: the bureau's 招商专员 creates the lead, records
 * the visits and negotiations (follow-ups with their next steps), uploads the contract's scan
 * and signs; the project office (项目办) registers the company (the enterprise registry's row,
 * by its USCC), records the land, the start with its 施工许可证, completion, production and
 * capacity, sets each year's monthly investment plan and raises the problems (问题清单) with the
 * department that must solve them, which answers; the office closes them (销号); a leader
 * flags some (督办). An enterprise with an account reports its own project's monthly investment.
 * Every step is taken in office hours of a working day, on or before the day the zone is loaded.
 *
 * The figures the reports state come out of the module's own computation (tested in
 * tests/api/demo_projects.test.mjs):
 *   长春经开区 (001, 002): 179 projects signed in 2019 (增长38%: 130 in 2018), 20 of them of 1亿元
 *     or more, 4 of 5亿 to 10亿 and 4 of 10亿 or more, 19 in rented standard factories worth
 *     48.65亿元 of which 9 signed and at capacity the same year; the 2020 targets (签约170个,
 *     5亿元以上16个) and the 2022 goal (5000万元以上项目100个以上, 开工率100%) as the bureaus'
 *     targets.
 *   长春装备制造开发区 (000): the projects the report names in 2020, the 绿色通道 for the permits
 *     of 智能制造产业园二期, the water, roads and power of 中车车辆's move; 固定资产投资 of
 *     January to September 2020: 12.6亿元.
 *   海门开发区 (003): six 招商分局 with yearly targets and a weekly 龙虎榜; in the second quarter
 * of 2022 8 signed of 5亿元 or more (2 over 50亿), 4 of 1亿美元 or more, 到账外资 8000万美元; 7
 *     超亿元 projects started together at the end of April, 新中联 (Singapore, over 2亿美元)
 *     signed online, 胜宏科技 and 康佳科技园 started in May.
 *   望城经开区 (004): of 74 new projects planned to start in 2020, 54 started by July
 *     (新项目开工率 73.0%), among them 毛亨高新, 立邦涂料 (the report's 日本涂料), 永杉锂业
 * (永善锂盐), 恒凯智能, 京东亚洲一号; 212 projects under dispatch with 261.4亿元 planned for the
 * year and 115.5亿元 completed in the first half; 52 signed in the first half for 98亿元, 14 of
 * them over 1亿元; 30 leads followed. Where the reports are silent the zones look like real ones:
 * the months before now hold leads, negotiations, signings at the bureaus' pace, projects at every
 * stage, some dropped with their reasons, some red or amber under dispatch, problems closed,
 * answered, open and overdue.
 *
 * Missing from the store for loading history, written here with its parts (write_in, the audit
 * row, the timeline): an attachment added inside a transaction (the contract's scan), marking a
 * follow-up's next step done, and a 督办 dated in the past. */
#include "demo/demo_int.h"
#include "access/perm.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "enterprise/uscc.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "project/project.h"
#include "project/project_stats.h"
#include "project/project_work.h"
#include "work/attachment.h"
#include "work/escalation.h"
#include "work/timeline.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- days ---------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD" (China Standard Time). */
static int64_t dnum(const char *s)
{
	return (cst_parse(s) + CST_OFFSET) / DAY;
}

static void dstr(int64_t n, char out[11])
{
	cst_date(n * DAY - CST_OFFSET + 12 * 3600, out);
}

/* The day of "YYYY-MM-DD" literals: D(2019, 3, 1). */
static int64_t dymd(int y, int m, int d)
{
	char s[16];
	snprintf(s, sizeof s, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return dnum(s);
}

/* The year of "YYYY…" (0 when it is not one). */
static int year4(const char *s)
{
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (!s || s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return y;
}

static int year_of(int64_t day)
{
	char s[11];
	dstr(day, s);
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

static int month_of(int64_t day)
{
	char s[11];
	dstr(day, s);
	return (s[5] - '0') * 10 + (s[6] - '0');
}

static int64_t day_of(int64_t t)
{
	return (t + CST_OFFSET) / DAY;
}

static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double rng_real(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* The average USD → CNY rate of a year (the rate of a signing is its year's). */
static double fx_of(int year)
{
	static const double rates[] = {6.62, 6.90, 6.90, 6.45, 6.73, 7.05, 7.19, 7.18, 7.10};
	int i = year - 2018;
	return rates[i < 0 ? 0 : i > 8 ? 8 : i];
}

/* ---- the zone as its projects need it -------------------------------------------------------- */

struct pdept {
	int64_t id, parent;
	const char *name, *kind, *path;
	const char *sectors[8]; /* a bureau: the sectors (demo.json labels) it works */
	int n_sectors, bureau, foreign;
};

/* A user who acts on projects. */
struct pactor {
	int64_t id, enterprise_id;
	const char *username, *name;
	enum role role;
	int dept; /* index in depts; -1: none */
};

/* An enterprise of the registry a project may register as. */
struct pent {
	int64_t id;
	const char *name, *short_name, *uscc, *industry;
	int named, account; /* account: an actor index, -1 */
	int est_year;
};

/* A project planned: what its creation says, its stages' actual and planned days, who works
 * it. */
struct pp {
	struct project in;
	int owner, office, reporter; /* actors: 招商专员, the project office's, who reports */
	int ent;                     /* the enterprise it registers as (-1: none) */
	int64_t d[PS__COUNT];        /* the actual day of each stage (0: not reached) */
	int64_t pl[PS__COUNT];       /* the planned day (0: none) */
	const char *drop_reason;
	const char *contract_no, *permit_no;
	int cloud_sign; /* signed online: a 云签约 follow-up on the day */
	int fu_kinds;   /* follow-ups before signing: 0 visits, 1 online (云拜访/云洽谈) */
	int no_fu;      /* no follow-ups of its own (they are written by the caller) */
	int64_t att_id; /* the contract's scan */
	int64_t id;
	char dates[PS__COUNT][2][11];
};

struct pfu {
	int proj;
	struct proj_followup f;
	int64_t id;
};

struct pprob {
	int proj;
	struct proj_problem q;
	int64_t id;
};

enum ev_kind {
	EV_CREATE,
	EV_ATTACH,
	EV_MOVE,
	EV_FOLLOWUP,
	EV_FU_DONE,
	EV_PLAN,
	EV_REPORT,
	EV_PROBLEM,
	EV_ANSWER,
	EV_CLOSE,
	EV_ESCALATE,
};

/* One write, at its time. */
struct ev {
	int64_t at;
	int seq;
	enum ev_kind kind;
	int proj, who, ref, year;
	enum proj_stage stage;
	const char *s1, *s2, *s3;
	double v1, v2;
	const double *months; /* EV_PLAN: the twelve months' plan */
};

/* A yearly target of a bureau (user_id 0) or of one of its people. */
struct ptarget {
	int year;
	int64_t dept_id, user_id;
	struct proj_figures f;
};

struct pz {
	struct zone_ctx *z;
	const struct calendar *cal;
	struct arena *a;
	struct rng r;
	int64_t now, today; /* instant and day */
	struct pdept depts[96];
	int nd;
	struct pactor *actors;
	int na;
	struct pent *ents;
	int ne;
	int admin, office_dept, invest_root;
	struct pp *pp;
	int np, cap_pp;
	struct ev *ev;
	int nev, cap_ev;
	struct pfu *fu;
	int nfu, cap_fu;
	struct pprob *pb;
	int npb, cap_pb;
	struct ptarget *tg;
	int ntg, cap_tg;
	const char *contract_prefix, *region6;
	int contract_seq[120];
	int permit_seq;
	/* the gap: no step is taken in [gap_from, gap_to) (a report's snapshot and the years after)
	 */
	int64_t gap_from, gap_to;
	const char *labels[12]; /* the sectors' labels (demo.json), as z->sectors */
	int n_labels;
};

static int grow(void **p, int *cap, int n, size_t size)
{
	if (n < *cap)
		return 0;
	int c = *cap ? *cap * 2 : 256;
	void *q = yq_realloc(*p, (size_t)c * size);
	if (!q)
		return error("demo: out of memory");
	*p = q;
	*cap = c;
	return 0;
}

static const char SQL_DEPTS[] = "SELECT id, COALESCE(parent_id, 0), name, kind, path FROM dept "
                                "WHERE zone_id = ? ORDER BY id";
static const char SQL_ACTORS[] =
    "SELECT id, username, display_name, role, COALESCE(dept_id, 0), COALESCE(enterprise_id, 0) "
    "FROM app_user WHERE zone_id = ? ORDER BY id";
static const char SQL_ENTS[] =
    "SELECT id, name, short_name, uscc, industry_code, COALESCE(established_on, '') FROM "
    "enterprise WHERE zone_id = ? AND archived = 0 ORDER BY id";

static int dept_index(const struct pz *x, int64_t id)
{
	for (int i = 0; i < x->nd; i++)
		if (x->depts[i].id == id)
			return i;
	return -1;
}

static int dept_named(const struct pz *x, const char *name)
{
	for (int i = 0; name && i < x->nd; i++)
		if (strcmp(x->depts[i].name, name) == 0)
			return i;
	return -1;
}

/* Reads the zone's departments, users and enterprises (after the org additions). */
static int load_model(struct pz *x, int n_named)
{
	struct db *tx = x->z->tx;
	struct db_stmt *st = db_prepare(tx, SQL_DEPTS);
	int rc;
	if (!st)
		return -1;
	db_bind_int(st, 1, x->z->zone_id);
	x->nd = 0;
	x->office_dept = -1;
	while ((rc = db_step(st)) == DB_ROW && x->nd < 96) {
		struct pdept *d = &x->depts[x->nd++];
		memset(d, 0, sizeof *d);
		d->id = db_col_int(st, 0);
		d->parent = db_col_int(st, 1);
		d->name = arena_strdup(x->a, db_col_text(st, 2));
		d->kind = arena_strdup(x->a, db_col_text(st, 3));
		d->path = arena_strdup(x->a, db_col_text(st, 4));
		if (strcmp(d->kind, "project") == 0 && x->office_dept < 0)
			x->office_dept = x->nd - 1;
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	int64_t n = 0;
	if (db_query_int(tx, "SELECT COUNT(*) FROM app_user WHERE zone_id = ?", &n, 1,
	                 x->z->zone_id) < 0 ||
	    !(x->actors = yq_calloc((size_t)n + 1, sizeof *x->actors)))
		return -1;
	if (!(st = db_prepare_with(tx, SQL_ACTORS, DB_I(x->z->zone_id))))
		return -1;
	x->na = 0;
	x->admin = -1;
	while ((rc = db_step(st)) == DB_ROW && x->na < n) {
		struct pactor *u = &x->actors[x->na++];
		u->id = db_col_int(st, 0);
		u->username = arena_strdup(x->a, db_col_text(st, 1));
		u->name = arena_strdup(x->a, db_col_text(st, 2));
		u->role = role_from_name(db_col_text(st, 3));
		u->dept = dept_index(x, db_col_int(st, 4));
		u->enterprise_id = db_col_int(st, 5);
		if (u->role == ROLE_ADMIN && x->admin < 0)
			x->admin = x->na - 1;
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	if (db_query_int(tx, "SELECT COUNT(*) FROM enterprise WHERE zone_id = ?", &n, 1,
	                 x->z->zone_id) < 0 ||
	    !(x->ents = yq_calloc((size_t)n + 1, sizeof *x->ents)))
		return -1;
	if (!(st = db_prepare_with(tx, SQL_ENTS, DB_I(x->z->zone_id))))
		return -1;
	x->ne = 0;
	while ((rc = db_step(st)) == DB_ROW && x->ne < n) {
		struct pent *e = &x->ents[x->ne];
		e->id = db_col_int(st, 0);
		e->name = arena_strdup(x->a, db_col_text(st, 1));
		e->short_name = arena_strdup(x->a, db_col_text(st, 2));
		e->uscc = arena_strdup(x->a, db_col_text(st, 3));
		e->industry = arena_strdup(x->a, db_col_text(st, 4));
		const char *est = db_col_text(st, 5);
		e->est_year = year4(est) ? year4(est) : 2000;
		e->named = x->ne < n_named;
		e->account = -1;
		x->ne++;
	}
	db_reset(st);
	if (rc < 0)
		return -1;
	/* each enterprise's first account */
	for (int i = x->na - 1; i >= 0; i--)
		if (x->actors[i].role == ROLE_ENTERPRISE)
			for (int k = 0; k < x->ne; k++)
				if (x->ents[k].id == x->actors[i].enterprise_id)
					x->ents[k].account = i;
	return x->admin >= 0 && x->office_dept >= 0 ? 0 : -1;
}

/* A user of the zone acting as their account would, signed in: the role's permissions with
 * their department's grant (a bureau writes projects, the project office dispatches them). */
static struct principal as_actor(const struct pz *x, int i)
{
	const struct pactor *u = &x->actors[i];
	struct principal p = {
	    .user_id = u->id,
	    .zone_id = x->z->zone_id,
	    .home_zone_id = x->z->zone_id,
	    .role = u->role,
	    .scope = role_default_scope(u->role),
	    .username = u->username,
	    .display_name = u->name,
	    .perms = role_perms(u->role),
	    .ip = "local",
	};
	if (u->dept >= 0) {
		const struct pdept *d = &x->depts[u->dept];
		p.dept_id = d->id;
		p.dept_path = d->path;
		perm_dept_kind_grant(d->kind, u->role, &p.perms, &p.scope);
	}
	if (u->role == ROLE_ENTERPRISE)
		p.enterprise_id = u->enterprise_id;
	return p;
}

/* A random actor of department d with one of the roles (a string of 'l', 'h', 's'); -1. */
static int pick_in(struct pz *x, int d, const char *roles)
{
	int n = 0, pick = -1;
	for (int i = 0; i < x->na; i++) {
		const struct pactor *u = &x->actors[i];
		char c = u->role == ROLE_LEADER      ? 'l'
		         : u->role == ROLE_DEPT_HEAD ? 'h'
		         : u->role == ROLE_STAFF     ? 's'
		                                     : 0;
		if (!c || !strchr(roles, c) || (d >= 0 && u->dept != d))
			continue;
		if (rng_below(&x->r, ++n) == 0) /* reservoir: each alike */
			pick = i;
	}
	return pick;
}

static int office_person(struct pz *x)
{
	int i = pick_in(x, x->office_dept, "s");
	return i >= 0 ? i : pick_in(x, x->office_dept, "hs");
}

/* The bureaus that work projects: those of demo.json "projects.bureaus", else the investment
 * departments. */
static int n_bureaus(const struct pz *x)
{
	int n = 0;
	for (int i = 0; i < x->nd; i++)
		n += x->depts[i].bureau;
	return n;
}

static int bureau_k(const struct pz *x, int k)
{
	for (int i = 0; i < x->nd; i++)
		if (x->depts[i].bureau && k-- == 0)
			return i;
	return -1;
}

/* The bureau of a sector (demo.json label); the foreign-investment bureau for a foreign
 * investor when the zone has one. */
static int bureau_for(struct pz *x, const char *label, int foreign)
{
	int any = -1, n = 0;
	for (int i = 0; i < x->nd; i++) {
		const struct pdept *d = &x->depts[i];
		if (!d->bureau)
			continue;
		if (foreign && d->foreign)
			return i;
		for (int k = 0; label && k < d->n_sectors; k++)
			if (strcmp(d->sectors[k], label) == 0 && rng_below(&x->r, ++n) == 0)
				any = i;
	}
	return any >= 0 ? any : bureau_k(x, rng_below(&x->r, n_bureaus(x)));
}

/* Who works a bureau's projects: one of its 招商专员, now and then its head. */
static int owner_in(struct pz *x, int d)
{
	int i = rng_pct(&x->r, 85) ? pick_in(x, d, "s") : -1;
	if (i < 0)
		i = pick_in(x, d, "hs");
	return i >= 0 ? i : x->admin;
}

/* The department that solves a problem of a category: the one handling its topic
 * (demo.json "handles"), else the project office. */
static int dept_for_category(const struct pz *x, const char *cat)
{
	static const struct {
		const char *cat, *topic;
	} map[] = {{"land", "用地"},    {"planning", "用地"},    {"approval", "审批"},
	           {"funding", "融资"}, {"utilities", "水电气"}, {"demolition", "基础设施"},
	           {"other", "项目"}};
	const char *topic = NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].cat, cat) == 0)
			topic = map[i].topic;
	for (int k = 0; topic && k < x->z->n_depts; k++) {
		const struct dept_row *r = &x->z->depts[k];
		for (int h = 0; h < r->n_handles; h++)
			if (strcmp(r->handles[h], topic) == 0 && dept_named(x, r->name) >= 0 &&
			    strcmp(x->depts[dept_named(x, r->name)].kind, "investment") != 0)
				return dept_named(x, r->name);
	}
	return x->office_dept;
}

/* The first working day on or after `day`. */
static int64_t workday(const struct pz *x, int64_t day)
{
	for (int k = 0; k < 14; k++, day++)
		if (is_workday(x->cal, day * DAY - CST_OFFSET + 12 * 3600))
			return day;
	return day;
}

/* An instant in office hours of day `day` (visits: 09:00-11:30, 14:00-17:00). */
static int64_t at_on(struct pz *x, int64_t day, int visit)
{
	int64_t mid = day * DAY - CST_OFFSET;
	int64_t t = demo_office_arrival(x->cal, &x->r, mid, mid + DAY - 1, visit);
	if (!t || t < mid + CAL_HM(8, 30) || t > mid + CAL_HM(17, 15))
		t = mid + CAL_HM(9, 0) + rng_below(&x->r, 7 * 3600);
	return t;
}

static const char *dtext(struct pz *x, int64_t day)
{
	char s[11];
	dstr(day, s);
	return arena_strdup(x->a, s);
}

static const char *mtext(struct pz *x, int year, int month)
{
	return arena_printf(x->a, "%04d-%02d", year % 10000, month % 100);
}

/* ---- events ---------------------------------------------------------------------------------- */

static struct ev *ev_add(struct pz *x, enum ev_kind kind, int64_t at, int proj, int who)
{
	if (grow((void **)&x->ev, &x->cap_ev, x->nev, sizeof *x->ev) < 0)
		return NULL;
	struct ev *v = &x->ev[x->nev];
	memset(v, 0, sizeof *v);
	v->seq = x->nev++;
	v->kind = kind;
	v->at = at;
	v->proj = proj;
	v->who = who;
	v->ref = -1;
	return v;
}

static int cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int pp_add(struct pz *x)
{
	if (grow((void **)&x->pp, &x->cap_pp, x->np, sizeof *x->pp) < 0)
		return -1;
	struct pp *p = &x->pp[x->np];
	memset(p, 0, sizeof *p);
	p->owner = p->office = p->reporter = p->ent = -1;
	return x->np++;
}

/* A follow-up of project i on `day` by its owner; its next step (NULL: none) on next_day. */
static int fu_add(struct pz *x, int i, int64_t at, const char *kind, const char *notes,
                  const char *next, int64_t next_day, const char *people)
{
	if (grow((void **)&x->fu, &x->cap_fu, x->nfu, sizeof *x->fu) < 0)
		return -1;
	struct pfu *f = &x->fu[x->nfu];
	memset(f, 0, sizeof *f);
	f->proj = i;
	f->f.kind = kind;
	f->f.on_date = dtext(x, day_of(at));
	f->f.people = people;
	f->f.notes = notes;
	if (next) {
		f->f.next_step = next;
		f->f.next_date = dtext(x, next_day);
	}
	struct ev *v = ev_add(x, EV_FOLLOWUP, at, i, x->pp[i].owner);
	if (!v)
		return -1;
	v->ref = x->nfu;
	return x->nfu++;
}

static int fu_done(struct pz *x, int f, int64_t at)
{
	struct ev *v = ev_add(x, EV_FU_DONE, at, x->fu[f].proj, x->pp[x->fu[f].proj].owner);
	if (!v)
		return -1;
	v->ref = f;
	return 0;
}

/* ---- names ----------------------------------------------------------------------------------- */

static const char *const brands[] = {
    "恒泰", "鑫源", "瑞博", "宏达", "天成", "盛华", "辉煌", "正和", "德信", "安达", "永晟", "金丰",
    "通远", "凯瑞", "裕隆", "昌盛", "宇航", "嘉腾", "创远", "锦华", "科联", "卓越", "益丰", "万通",
    "精诚", "誉达", "润邦", "星光", "海川", "中晟", "华储", "东盛", "远景", "联创", "博雅", "汇通",
};
#define N_BRANDS ((int)(sizeof brands / sizeof brands[0]))

static const struct {
	const char *region, *city;
} domestic[] = {
    {"广东省深圳市", "深圳"}, {"上海市", "上海"},       {"江苏省苏州市", "苏州"},
    {"浙江省杭州市", "杭州"}, {"北京市", "北京"},       {"山东省青岛市", "青岛"},
    {"浙江省宁波市", "宁波"}, {"湖北省武汉市", "武汉"}, {"四川省成都市", "成都"},
    {"广东省东莞市", "东莞"}, {"福建省厦门市", "厦门"}, {"天津市", "天津"},
    {"辽宁省大连市", "大连"}, {"江苏省无锡市", "无锡"}, {"安徽省合肥市", "合肥"},
    {"广东省广州市", "广州"}, {"浙江省温州市", "温州"}, {"江苏省常州市", "常州"},
};
#define N_DOMESTIC ((int)(sizeof domestic / sizeof domestic[0]))

static const struct {
	const char *country, *suffix;
	int hmt;
} abroad[] = {
    {"新加坡", "私人有限公司", 0},
    {"日本", "株式会社", 0},
    {"韩国", "株式会社", 0},
    {"德国", "有限公司", 0},
    {"美国", "公司", 0},
    {"瑞士", "股份公司", 0},
    {"中国香港", "控股有限公司", 1},
    {"中国台湾", "股份有限公司", 1},
};
#define N_ABROAD ((int)(sizeof abroad / sizeof abroad[0]))

static const char *const suffixes[] = {"有限公司", "科技有限公司", "股份有限公司", "集团有限公司",
                                       "实业有限公司"};

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                                       "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
static const char *const given[] = {"晓明", "志远", "海波", "建新", "文杰", "丽萍", "子豪", "雅琴",
                                    "俊峰", "春华", "立伟", "思琪", "国栋", "欣然", "宏宇", "佳琪",
                                    "振华", "静怡", "博文", "明轩", "晨阳", "雨桐", "天佑", "一鸣"};

static const char *a_person(struct pz *x)
{
	/* one draw after the other, the last argument first as gcc evaluates them: the order of a
	 * call's arguments is the compiler's, and the demo must be the same with every compiler */
	int g = rng_below(&x->r, (int)(sizeof given / sizeof given[0]));
	int s = rng_below(&x->r, (int)(sizeof surnames / sizeof surnames[0]));
	return arena_printf(x->a, "%s%s", surnames[s], given[g]);
}

/* The project name patterns: {b} the investor's brand, {w} the sector's word, {n} a number. */
static const char *const name_big[] = {"{b}{w}产业园项目", "{b}{w}生产基地项目", "{w}产业基地项目",
                                       "{b}{w}智能制造基地项目", "{b}{w}总部及研发制造基地项目"};
static const char *const name_mid[] = {"{b}{w}生产基地项目", "年产{n}万套{w}项目",
                                       "{b}{w}智能制造项目", "{w}研发及产业化项目",
                                       "{b}{w}生产线项目"};
static const char *const name_small[] = {"{b}{w}生产线项目", "{b}{w}项目", "年产{n}万件{w}项目",
                                         "{b}{w}研发中心项目", "{w}加工项目"};
static const char *const name_renov[] = {"{e}{w}技术改造项目", "{e}扩能升级项目",
                                         "{e}智能化改造项目", "{e}新增{w}生产线项目"};

static const char *fill3(struct pz *x, const char *tpl, const char *b, const char *w, const char *e)
{
	const char *out = tpl;
	const char *keys[] = {"{b}", "{w}", "{e}", "{n}"};
	const char *vals[] = {b ? b : "", w ? w : "", e ? e : "",
	                      arena_printf(x->a, "%d", 5 + rng_below(&x->r, 60) * 5)};
	for (int k = 0; k < 4; k++) {
		const char *p;
		while ((p = strstr(out, keys[k])) != NULL)
			out = arena_printf(x->a, "%.*s%s%s", (int)(p - out), out, vals[k], p + 3);
	}
	return out;
}

/* ---- a synthetic project ----------------------------------------------------------------------
 */

enum { PF_RENOV = 1, PF_LEASED = 2, PF_FOREIGN = 4, PF_HMT = 8, PF_NO_ENT = 16 };

/* A random enterprise of the registry to register a project of sector k as (not one the
 * reports name): one of its sector set up about when the project is, else any. */
static int ent_for(struct pz *x, int k, int year)
{
	const struct sector *s = k >= 0 && k < x->z->n_sectors ? &x->z->sectors[k] : NULL;
	for (int tries = 0; tries < 60; tries++) {
		int i = rng_below(&x->r, x->ne);
		const struct pent *e = &x->ents[i];
		if (e->named)
			continue;
		int same = !s;
		for (int j = 0; s && j < s->n_industries; j++)
			same |= strcmp(s->industries[j], e->industry) == 0;
		if (same && (tries > 40 || (e->est_year >= year - 3 && e->est_year <= year + 1)))
			return i;
	}
	for (int tries = 0; tries < 100; tries++) {
		int i = rng_below(&x->r, x->ne);
		if (!x->ents[i].named)
			return i;
	}
	return 0;
}

/* A project of sector k worth `amount` 万元 (a foreign one in US dollars at the year's rate),
 * worked by the bureau of its sector; its creation fields and its enterprise. Returns its
 * index. */
static int pp_synth(struct pz *x, int k, double amount, int flags, int year)
{
	int i = pp_add(x);
	if (i < 0)
		return -1;
	struct pp *p = &x->pp[i];
	struct project *in = &p->in;
	const struct sector *s = &x->z->sectors[k < 0 ? 0 : k % x->z->n_sectors];
	const char *w = s->n_words ? s->words[rng_below(&x->r, s->n_words)] : "实业";
	const char *b = brands[rng_below(&x->r, N_BRANDS)];
	int foreign = flags & (PF_FOREIGN | PF_HMT);
	in->industry_code =
	    s->n_industries ? s->industries[rng_below(&x->r, s->n_industries)] : "3499";
	if (flags & PF_RENOV) {
		p->ent = ent_for(x, k, year - 5);
		const struct pent *e = &x->ents[p->ent];
		in->investor = e->name;
		in->investor_origin = "domestic";
		in->investor_region = x->z->city;
		in->investor_type = "private";
		in->name = fill3(x, name_renov[rng_below(&x->r, 4)], b, w, e->short_name);
		in->industry_code = e->industry;
	} else if (foreign) {
		int a = (flags & PF_HMT) ? 6 + rng_below(&x->r, 2) : rng_below(&x->r, 6);
		in->investor = arena_printf(x->a, "%s%s%s", abroad[a].country, b, abroad[a].suffix);
		in->investor_origin = abroad[a].hmt ? "hmt" : "foreign";
		in->investor_region = abroad[a].country;
		in->investor_type = abroad[a].hmt ? "hmt" : "foreign";
	} else {
		int c = rng_below(&x->r, N_DOMESTIC);
		int soe = amount >= 100000 ? rng_below(&x->r, 3) : rng_pct(&x->r, 8);
		in->investor = arena_printf(x->a, "%s%s%s%s", domestic[c].city, b, w,
		                            suffixes[rng_below(&x->r, 5)]);
		in->investor_origin = "domestic";
		in->investor_region = domestic[c].region;
		in->investor_type = soe == 1 ? "local_soe" : soe == 2 ? "central_soe" : "private";
	}
	if (!in->name)
		in->name = fill3(x,
		                 amount >= 100000  ? name_big[rng_below(&x->r, 5)]
		                 : amount >= 10000 ? name_mid[rng_below(&x->r, 5)]
		                                   : name_small[rng_below(&x->r, 5)],
		                 b, w, NULL);
	if (foreign) {
		double fx = fx_of(year);
		in->currency = "USD";
		in->fx_rate = fx;
		in->total_investment = ceil(amount / fx / 10) * 10; /* stays in its band */
		if (in->total_investment < 10)
			in->total_investment = 10;
		in->amount_wan = in->total_investment * fx;
	} else {
		in->currency = "CNY";
		in->fx_rate = NAN;
		in->total_investment = amount;
		in->amount_wan = amount;
	}
	double wan = in->amount_wan;
	in->fixed_investment = round(wan * rng_real(&x->r, 0.72, 0.92));
	in->registered_capital = round(wan * rng_real(&x->r, 0.08, 0.3) / 10) * 10;
	in->land_mu =
	    (flags & (PF_RENOV | PF_LEASED)) ? NAN : round(wan / rng_real(&x->r, 180, 420));
	if (isfinite(in->land_mu) && in->land_mu < 12)
		in->land_mu = 12 + rng_below(&x->r, 10);
	in->expected_output = round(wan * rng_real(&x->r, 1.1, 2.6));
	in->expected_tax = round(in->expected_output * rng_real(&x->r, 0.035, 0.07));
	in->expected_jobs = (int64_t)(wan / rng_real(&x->r, 90, 260)) + 15;
	static const char *const sources[] = {"business", "resident", "expo", "cloud", "agent"};
	in->source = sources[rng_below(&x->r, 5)];
	in->level = wan >= 100000        ? (rng_pct(&x->r, 40) ? "province" : "city")
	            : wan >= 10000       ? (rng_pct(&x->r, 35) ? "city" : "district")
	            : rng_pct(&x->r, 30) ? "district"
	                                 : "";
	in->special_team = wan >= 100000 && rng_pct(&x->r, 60);
	in->renovation = (flags & PF_RENOV) != 0;
	int kk = k < 0 ? 0 : k % x->z->n_sectors;
	int d = bureau_for(x, kk < x->n_labels ? x->labels[kk] : NULL, foreign);
	if (d < 0)
		return error("demo: zone %s has no bureau for its projects", x->z->code);
	p = &x->pp[i];
	p->in.dept_id = x->depts[d].id;
	p->owner = owner_in(x, d);
	p->in.owner_user_id = x->actors[p->owner].id;
	p->office = office_person(x);
	if (p->ent < 0 && !(flags & PF_NO_ENT))
		p->ent = ent_for(x, k, year);
	return i;
}

/* ---- a project's life ------------------------------------------------------------------------ */

/* The planned and actual dates of a project by stage (signed … capacity). */
static const struct {
	enum proj_stage s;
	size_t plan, act;
} STAGE_DATES[] = {
    {PS_SIGNED, offsetof(struct project, plan_sign_date), offsetof(struct project, sign_date)},
    {PS_REGISTERED, offsetof(struct project, plan_register_date),
     offsetof(struct project, register_date)},
    {PS_LAND, offsetof(struct project, plan_land_date), offsetof(struct project, land_date)},
    {PS_STARTED, offsetof(struct project, plan_start_date), offsetof(struct project, start_date)},
    {PS_COMPLETED, offsetof(struct project, plan_complete_date),
     offsetof(struct project, complete_date)},
    {PS_PRODUCING, offsetof(struct project, plan_produce_date),
     offsetof(struct project, produce_date)},
    {PS_CAPACITY, offsetof(struct project, plan_capacity_date),
     offsetof(struct project, capacity_date)},
};
#define N_STAGE_DATES ((int)(sizeof STAGE_DATES / sizeof STAGE_DATES[0]))

/* The usual days of a project signed on `sign`: its lead and negotiation before, then
 * registration (a renovation's own company within days), land (none for a renovation or a
 * rented factory), the start (some the day the land is delivered: 拿地即开工), construction by
 * size, production and capacity. 0: a stage it passes over. */
static void sched(struct pz *x, int i, int64_t sign, int64_t day[PS__COUNT])
{
	const struct pp *p = &x->pp[i];
	double wan = p->in.amount_wan;
	int quick = p->in.renovation || !isfinite(p->in.land_mu) || !(p->in.land_mu > 0);
	memset(day, 0, sizeof(int64_t) * PS__COUNT);
	int64_t lead = sign - rng_range(&x->r, 40, wan >= 100000 ? 320 : wan >= 10000 ? 200 : 120);
	day[PS_LEAD] = lead;
	if (rng_pct(&x->r, 80))
		day[PS_NEGOTIATING] =
		    lead + rng_range(&x->r, 5, (sign - lead) / 2 > 6 ? (sign - lead) / 2 : 6);
	day[PS_SIGNED] = sign;
	int64_t t = sign;
	if (p->ent >= 0) {
		t += p->in.renovation ? rng_range(&x->r, 2, 12) : rng_range(&x->r, 10, 50);
		day[PS_REGISTERED] = t;
	}
	if (!quick) {
		t += rng_range(&x->r, 25, 120);
		day[PS_LAND] = t;
	}
	t += rng_pct(&x->r, 15) ? rng_range(&x->r, 1, 5) : rng_range(&x->r, 10, 70);
	day[PS_STARTED] = t;
	t += quick         ? rng_range(&x->r, 60, 200)
	     : wan < 10000 ? rng_range(&x->r, 150, 300)
	     : wan < 50000 ? rng_range(&x->r, 240, 420)
	                   : rng_range(&x->r, 360, 700);
	day[PS_COMPLETED] = t;
	t += rng_range(&x->r, 15, 75);
	day[PS_PRODUCING] = t;
	t += rng_range(&x->r, 150, 400);
	day[PS_CAPACITY] = t;
}

/* Makes the days real: each on a working day after the one before; the stages up to `stop`
 * reached on theirs (planned a little earlier or later), the others planned. A step that falls
 * in the zone's gap is taken after it, and the later ones with it; their plans stay. */
static void commit(struct pz *x, int i, const int64_t day[PS__COUNT], int64_t stop)
{
	struct pp *p = &x->pp[i];
	int64_t prev = 0, delta = 0;
	if (stop >= x->today)
		stop = x->today - 1;
	for (int s = PS_LEAD; s <= PS_CAPACITY; s++) {
		p->d[s] = p->pl[s] = 0;
		if (!day[s])
			continue;
		int64_t plan = workday(x, day[s]);
		int64_t t = day[s] + delta;
		if (x->gap_to && t >= x->gap_from && t < x->gap_to) {
			int64_t shift = x->gap_to - t + rng_range(&x->r, 0, 25);
			delta += shift;
			t += shift;
		}
		t = workday(x, t);
		if (t <= prev)
			t = workday(x, prev + 1);
		prev = t;
		if (t <= stop) {
			p->d[s] = t;
			if (s >= PS_SIGNED)
				p->pl[s] = delta ? plan : workday(x, t - rng_range(&x->r, -12, 30));
		} else {
			p->pl[s] = delta ? plan : t;
		}
	}
}

/* Plans project i signed on `sign` as usual but for the stages given in `over` (0: the usual),
 * each moving the ones after it along, and the planned days given in `plan`; reached up to
 * `stop`. Either array may be NULL. */
static void plan_life(struct pz *x, int i, int64_t sign, const int64_t over[PS__COUNT],
                      const int64_t plan[PS__COUNT], int64_t stop)
{
	int64_t d[PS__COUNT];
	sched(x, i, sign, d);
	for (int s = PS_LEAD; over && s <= PS_CAPACITY; s++) {
		if (!over[s])
			continue;
		if (s <= PS_NEGOTIATING || !d[s]) {
			d[s] = over[s];
			continue;
		}
		int64_t delta = over[s] - d[s];
		for (int k = s; k <= PS_CAPACITY; k++)
			if (d[k])
				d[k] += delta;
	}
	if (d[PS_NEGOTIATING] && (d[PS_NEGOTIATING] <= d[PS_LEAD] || d[PS_NEGOTIATING] >= sign))
		d[PS_NEGOTIATING] = 0;
	/* a stage moved earlier takes the ones before it along */
	for (int s = PS_CAPACITY; s > PS_REGISTERED; s--) {
		int p = s - 1;
		while (p > PS_SIGNED && !d[p])
			p--;
		if (!d[s] || p <= PS_SIGNED || d[p] < d[s])
			continue;
		d[p] = d[s] - rng_range(&x->r, 2, 10);
	}
	commit(x, i, d, stop);
	for (int s = PS_SIGNED; plan && s <= PS_CAPACITY; s++)
		if (plan[s])
			x->pp[i].pl[s] = plan[s];
}

/* Drops project i on `day` (a working day after its last stage reached before it): the stages
 * after are not reached. */
static void drop_at(struct pz *x, int i, int64_t day, const char *reason)
{
	struct pp *p = &x->pp[i];
	int64_t last = 0;
	/* never once producing: before that */
	if (p->d[PS_PRODUCING] && p->d[PS_PRODUCING] <= day) {
		int64_t before = p->d[PS_SIGNED];
		for (int s = PS_SIGNED; s < PS_PRODUCING; s++)
			if (p->d[s] > before)
				before = p->d[s];
		day = before + (p->d[PS_PRODUCING] - before) / 2;
		if (day <= before)
			return;
	}
	for (int s = PS_NEGOTIATING; s <= PS_CAPACITY; s++)
		if (p->d[s] >= day)
			p->d[s] = 0;
	for (int s = PS_LEAD; s <= PS_CAPACITY; s++)
		if (p->d[s] > last)
			last = p->d[s];
	day = workday(x, day <= last ? last + 1 : day);
	if (day >= x->today)
		return;
	p->d[PS_DROPPED] = day;
	p->drop_reason = reason;
}

/* The stage reached (PS_DROPPED when dropped). */
static enum proj_stage stage_of(const struct pp *p)
{
	if (p->d[PS_DROPPED])
		return PS_DROPPED;
	enum proj_stage s = PS_LEAD;
	for (int k = PS_LEAD; k <= PS_CAPACITY; k++)
		if (p->d[k])
			s = (enum proj_stage)k;
	return s;
}

/* The stage reached on `day`. */
static enum proj_stage stage_on(const struct pp *p, int64_t day)
{
	if (p->d[PS_DROPPED] && p->d[PS_DROPPED] <= day)
		return PS_DROPPED;
	enum proj_stage s = PS_LEAD;
	for (int k = PS_LEAD; k <= PS_CAPACITY; k++)
		if (p->d[k] && p->d[k] <= day)
			s = (enum proj_stage)k;
	return s;
}

/* The next stage not reached (PS__COUNT: none). */
static enum proj_stage next_of(const struct pp *p)
{
	enum proj_stage s = stage_of(p);
	if (s == PS_DROPPED)
		return PS__COUNT;
	for (int k = s + 1; k <= PS_CAPACITY; k++)
		if (p->pl[k])
			return (enum proj_stage)k;
	return PS__COUNT;
}

/* Sets how late project i is today: its next milestone planned `late` days ago (0: on
 * schedule, its plan kept in the future), the later ones after it. */
static void set_late(struct pz *x, int i, int late)
{
	struct pp *p = &x->pp[i];
	enum proj_stage n = next_of(p);
	if (n == PS__COUNT || late <= 0)
		return;
	int64_t to = x->today - late, shift = to - p->pl[n];
	for (int k = (int)n; k <= PS_CAPACITY; k++)
		if (p->pl[k])
			p->pl[k] += k == (int)n ? shift : shift > 0 ? shift : 0;
}

/* The creation fields from the days: the lead's date and the plans. */
static void fill_dates(struct pz *x, int i)
{
	struct pp *p = &x->pp[i];
	p->in.lead_date = p->d[PS_LEAD] ? dtext(x, p->d[PS_LEAD]) : NULL;
	for (int k = 0; k < N_STAGE_DATES; k++) {
		const char **plan = (const char **)(void *)((char *)&p->in + STAGE_DATES[k].plan);
		*plan = p->pl[STAGE_DATES[k].s] ? dtext(x, p->pl[STAGE_DATES[k].s]) : NULL;
	}
}

/* ---- what people write ------------------------------------------------------------------------
 */

static const char *const visit_notes[] = {
    "赴{r}拜访{i}，介绍园区产业基础、要素保障和招商政策，企业有意在{z}布局新的产能",
    "在{r}与{i}负责人座谈，了解企业扩产计划和选址要求，推介园区标准厂房和可供地块",
    "以商招商：经园区企业引荐结识{i}，对方正在比选北方和中部的投资地",
    "在行业展会上与{i}对接，企业对园区的配套企业和物流条件感兴趣",
};
static const char *const cloud_visit_notes[] = {
    "与{i}视频连线“云拜访”，在线推介园区产业链配套和厂房、人才公寓“热力地图”",
    "通过“云拜访”向{i}介绍园区投资环境和惠企政策，发送项目推介材料",
};
static const char *const talk_notes[] = {
    "{i}高管一行来园区考察，实地查看地块和标准厂房，就用地、厂房租金和扶持政策进行洽谈",
    "与{i}就投资协议主要条款逐条洽谈，对投资强度、达产期限和税收贡献达成初步共识",
    "组织规划、项目办与{i}技术团队对接，明确项目用电、用水和环保要求",
    "招商会审研究{i}项目，同意推进，要求补充项目可行性研究报告",
};
static const char *const cloud_talk_notes[] = {
    "与{i}“云洽谈”，视频会议逐条确认投资协议文本",
    "受疫情影响客商无法来园，通过视频会议与{i}进行“云洽谈”，确定项目选址",
};
static const char *const next_steps[] = {
    "邀请企业来园区实地考察", "提供项目选址方案和政策清单", "报送项目投资协议文本",
    "提请招商会审",           "对接项目用地指标",           "协调规划部门出具规划条件",
    "跟进企业董事会投资决策", "再次上门拜访企业负责人",
};

static const char *expand(struct pz *x, const char *tpl, const struct pp *p)
{
	const char *out = tpl;
	const char *keys[] = {"{r}", "{i}", "{z}", "{n}"};
	const char *vals[] = {
	    p->in.investor_region && *p->in.investor_region ? p->in.investor_region : x->z->city,
	    p->in.investor ? p->in.investor : "", x->z->short_name, p->in.name};
	for (int k = 0; k < 4; k++) {
		const char *q;
		while ((q = strstr(out, keys[k])) != NULL)
			out = arena_printf(x->a, "%.*s%s%s", (int)(q - out), out, vals[k],
			                   q + strlen(keys[k]));
	}
	return out;
}

#define PICK(arr) (arr)[rng_below(&x->r, (int)(sizeof(arr) / sizeof((arr)[0])))]

static const char *const drop_reasons[] = {
    "投资方资金链紧张，项目暂缓后终止",
    "企业调整全国产能布局，选址其他地区",
    "用地指标无法落实，企业放弃投资",
    "投资方决策层变动，项目终止",
    "项目能耗指标无法满足，经会审否决",
    "受市场下行影响，投资方取消投资计划",
    "项目产业方向与园区定位不符，经招商会审否决",
};

/* The follow-ups of project i before its signing (or today, or its end): visits, then
 * negotiations, each with its next step, done when the next one is taken. An open lead's last
 * step waits, some of them past their day. */
static int emit_followups(struct pz *x, int i)
{
	struct pp *p = &x->pp[i];
	int64_t lead = p->d[PS_LEAD];
	int64_t end = p->d[PS_SIGNED]    ? p->d[PS_SIGNED]
	              : p->d[PS_DROPPED] ? p->d[PS_DROPPED]
	                                 : x->today;
	int open = !p->d[PS_SIGNED] && !p->d[PS_DROPPED];
	int k = end - lead > 20 ? 1 + rng_below(&x->r, 3) : open ? 1 : 0;
	if (p->in.amount_wan >= 100000 && end - lead > 60)
		k++;
	int64_t day[6];
	int n = 0;
	for (int j = 0; j < k && j < 6; j++) {
		int64_t t = workday(x, lead + (end - lead) * (j + 1) / (k + 1));
		if (t <= lead || t >= end || t >= x->today || (n && t <= day[n - 1]))
			continue;
		day[n++] = t;
	}
	if (!n && open && workday(x, lead + 1) < x->today)
		day[n++] = workday(x, lead + 1);
	int prev = -1;
	for (int j = 0; j < n; j++) {
		int nego = p->d[PS_NEGOTIATING] && day[j] >= p->d[PS_NEGOTIATING];
		int cloud = p->fu_kinds == 1 || rng_pct(&x->r, 12);
		const char *kind = nego ? (cloud                ? "cloud_talk"
		                           : rng_pct(&x->r, 30) ? "inspection"
		                                                : "negotiation")
		                        : (cloud ? "cloud_visit" : "visit");
		const char *notes =
		    expand(x,
		           nego    ? (cloud ? PICK(cloud_talk_notes) : PICK(talk_notes))
		           : cloud ? PICK(cloud_visit_notes)
		                   : PICK(visit_notes),
		           p);
		const char *next;
		int64_t next_day;
		if (j + 1 < n) {
			next = PICK(next_steps);
			next_day = day[j + 1];
		} else if (p->d[PS_SIGNED]) {
			next = "组织项目签约";
			next_day = p->d[PS_SIGNED];
		} else if (open) {
			next = PICK(next_steps);
			next_day = rng_pct(&x->r, 30) ? x->today - rng_range(&x->r, 2, 40)
			                              : x->today + rng_range(&x->r, 3, 30);
			if (next_day <= day[j])
				next_day = day[j] + 7;
		} else {
			next = "跟进企业投资决策";
			next_day = day[j] + rng_range(&x->r, 7, 21);
		}
		const char *people =
		    arena_printf(x->a, "%s、%s（%s）", x->actors[p->owner].name, a_person(x),
		                 p->in.investor ? p->in.investor : "");
		int64_t at = at_on(x, day[j], 1);
		int f = fu_add(x, i, at, kind, notes, next, workday(x, next_day), people);
		if (f < 0)
			return -1;
		if (prev >= 0 && fu_done(x, prev, at - 60) < 0)
			return -1;
		prev = f;
	}
	if (prev >= 0 && p->d[PS_SIGNED] && fu_done(x, prev, at_on(x, p->d[PS_SIGNED], 0)) < 0)
		return -1;
	return 0;
}

/* The project's writes: its creation, follow-ups, moves with their evidence. */
static int emit_life(struct pz *x, int i)
{
	struct pp *p = &x->pp[i];
	if (!p->d[PS_LEAD] || p->d[PS_LEAD] >= x->today)
		return 0;
	fill_dates(x, i);
	struct ev *v = ev_add(x, EV_CREATE, at_on(x, p->d[PS_LEAD], 0), i, p->owner);
	if (!v)
		return -1;
	if (!p->no_fu && emit_followups(x, i) < 0)
		return -1;
	p = &x->pp[i];
	for (int s = PS_NEGOTIATING; s <= PS_DROPPED; s++) {
		if (!p->d[s])
			continue;
		int by = s == PS_NEGOTIATING || s == PS_SIGNED ||
		                 (s == PS_DROPPED && stage_on(p, p->d[s] - 1) <= PS_SIGNED)
		             ? p->owner
		             : p->office;
		int64_t at = at_on(x, p->d[s], s == PS_SIGNED);
		if (s == PS_SIGNED) {
			int y = year_of(p->d[s]) - 2000;
			p->contract_no =
			    arena_printf(x->a, "%s-%d-%03d", x->contract_prefix, year_of(p->d[s]),
			                 ++x->contract_seq[y < 0 ? 0 : y % 120]);
			if (!(v = ev_add(x, EV_ATTACH, at - rng_range(&x->r, 300, 1500), i, by)))
				return -1;
		}
		if (s == PS_STARTED)
			p->permit_no = arena_printf(x->a, "%s%s%02d01", x->region6,
			                            dtext(x, p->d[s] - rng_range(&x->r, 3, 20)),
			                            ++x->permit_seq % 100);
		if (!(v = ev_add(x, EV_MOVE, at, i, by)))
			return -1;
		v->stage = (enum proj_stage)s;
		if (s == PS_SIGNED && p->cloud_sign) {
			int f = fu_add(
			    x, i, at + 600, "cloud_sign",
			    expand(
			        x,
			        "通过视频连线与{i}“云签约”，项目投资协议在线签署，纸质文本邮寄签章",
			        p),
			    "协助企业办理项目公司注册", workday(x, p->d[s] + 20),
			    arena_printf(x->a, "%s、%s", x->actors[p->owner].name, p->in.investor));
			if (f < 0 || (x->pp[i].d[PS_REGISTERED] &&
			              fu_done(x, f, at_on(x, x->pp[i].d[PS_REGISTERED], 0)) < 0))
				return -1;
		}
		p = &x->pp[i];
	}
	return 0;
}

/* ---- investment ------------------------------------------------------------------------------ */

/* The monthly plan of project i for `year`: `total` 万元 over months m0..m1, a little more in the
 * busy months, the first month's share `first` of a whole one (a start in its middle), whole
 * 万元, set by the project office on `day`. Returns the twelve months. */
static double *plan_year(struct pz *x, int i, int year, int m0, int m1, double total, int64_t day,
                         double first)
{
	double *m = arena_zalloc(x->a, 12 * sizeof *m);
	if (!m || m0 < 1 || m1 > 12 || m1 < m0 || !(total > 0))
		return m;
	double w[12], sum = 0;
	for (int k = m0 - 1; k < m1; k++)
		sum += w[k] = rng_real(&x->r, 0.7, 1.3) * (k == 0 || k == 1 ? 0.6 : 1.0) *
		              (k == m0 - 1 ? first : 1.0);
	double left = round(total);
	for (int k = m0 - 1; k < m1; k++) {
		m[k] = k == m1 - 1 ? left : round(total * w[k] / sum);
		left -= m[k];
	}
	int who = x->pp[i].office >= 0 ? x->pp[i].office : office_person(x);
	struct ev *v = ev_add(x, EV_PLAN, at_on(x, workday(x, day), 0), i, who);
	if (!v)
		return NULL;
	v->year = year;
	v->months = m;
	return m;
}

/* The report of month (year, m) of project i: its completed investment and 到位资金 (万元), in the
 * first working days of the next month, by its enterprise once registered, else the project
 * office; none while that day has not come. 0, or -1 on error. */
static int report(struct pz *x, int i, int year, int m, double actual, double funds)
{
	int64_t first = dymd(year + (m == 12), m == 12 ? 1 : m + 1, 1);
	int64_t day = workday(x, first + rng_range(&x->r, 0, 1));
	struct pp *p = &x->pp[i];
	if (day >= x->today || (p->d[PS_DROPPED] && day >= p->d[PS_DROPPED]))
		return 0;
	int who = p->reporter >= 0 && p->d[PS_REGISTERED] && p->d[PS_REGISTERED] < day ? p->reporter
	          : p->office >= 0                                                     ? p->office
	                           : office_person(x);
	struct ev *v = ev_add(x, EV_REPORT, at_on(x, day, 0), i, who);
	if (!v)
		return -1;
	v->year = year;
	v->s1 = mtext(x, year, m);
	v->v1 = round(actual * 100) / 100;
	v->v2 = round(funds * 100) / 100;
	return 0;
}

/* Project i's investment in `year`: the plan over its construction months (from its start, or
 * its planned start, to its capacity, actual or planned) set early in the year, and its reports
 * from the month it started to month `last` at `ratio` of the plan (each month a little off),
 * 到位资金 at about `fratio` of it. 0, or -1 on error. */
static int invest(struct pz *x, int i, int year, int last, double ratio, double fratio)
{
	struct pp *p = &x->pp[i];
	int64_t y0 = dymd(year, 1, 1), y1 = dymd(year, 12, 31);
	int64_t from = p->d[PS_STARTED] ? p->d[PS_STARTED] : p->pl[PS_STARTED];
	int64_t to = p->d[PS_CAPACITY] ? p->d[PS_CAPACITY] : p->pl[PS_CAPACITY];
	if (!to)
		to = y1;
	if (!from || from > y1 || to < y0 || (p->d[PS_DROPPED] && p->d[PS_DROPPED] < y0))
		return 0;
	int m0 = from < y0 ? 1 : month_of(from), m1 = to > y1 ? 12 : month_of(to);
	/* the year's share of the fixed investment: its months of the whole */
	double months_all = (double)(to - from) / 30.4 + 1, months_y = m1 - m0 + 1;
	double fixed = isfinite(p->in.fixed_investment) ? p->in.fixed_investment : p->in.amount_wan;
	double total = fixed * (months_y / months_all > 1 ? 1 : months_y / months_all);
	int64_t pday = dymd(year, 1, 5) > p->d[PS_SIGNED] ? dymd(year, 1, 5) : p->d[PS_SIGNED] + 3;
	if (pday >= x->today)
		return 0;
	double part = 1.0;
	if (from >= y0) {
		int64_t next = dymd(year + (m0 == 12), m0 == 12 ? 1 : m0 + 1, 1);
		part = (double)(next - from) / (double)(next - dymd(year, m0, 1));
		if (part < 0.15)
			part = 0.15;
	}
	double *m = plan_year(x, i, year, m0, m1, total, pday, part);
	if (!m)
		return -1;
	p = &x->pp[i];
	if (!p->d[PS_STARTED] || p->d[PS_STARTED] > y1)
		return 0;
	int sm = p->d[PS_STARTED] >= y0 ? month_of(p->d[PS_STARTED]) : 1;
	for (int k = sm; k <= last && k <= m1; k++) {
		double a = m[k - 1] * ratio * rng_real(&x->r, 0.9, 1.1);
		if (report(x, i, year, k, a, a * fratio * rng_real(&x->r, 0.8, 1.15)) < 0)
			return -1;
	}
	return 0;
}

/* invest() with its ratios drawn in [r0, r1) and [f0, f1): the second first, in the order gcc
 * evaluated the two arguments when they were drawn in the call (a_person). */
static int invest_drawn(struct pz *x, int i, int year, int last, double r0, double r1, double f0,
                        double f1)
{
	double fratio = rng_real(&x->r, f0, f1);
	double ratio = rng_real(&x->r, r0, r1);
	return invest(x, i, year, last, ratio, fratio);
}

/* Scales the reports of months of `year` to `last` to sum to `total` 万元 of completed
 * investment (whole 万元, the remainder on the largest), their 到位资金 along. */
static void scale_reports(struct pz *x, int year, int last, double total)
{
	double sum = 0, left = total;
	int big = -1;
	char to[16];
	snprintf(to, sizeof to, "%04d-%02d", year % 10000, last % 100);
	for (int k = 0; k < x->nev; k++)
		if (x->ev[k].kind == EV_REPORT && x->ev[k].year == year &&
		    strcmp(x->ev[k].s1, to) <= 0)
			sum += x->ev[k].v1;
	if (!(sum > 0))
		return;
	for (int k = 0; k < x->nev; k++) {
		struct ev *v = &x->ev[k];
		if (v->kind != EV_REPORT || v->year != year || strcmp(v->s1, to) > 0)
			continue;
		double f = v->v1 > 0 ? v->v2 / v->v1 : 0;
		v->v1 = round(v->v1 * total / sum);
		v->v2 = round(v->v1 * f);
		left -= v->v1;
		if (big < 0 || v->v1 > x->ev[big].v1)
			big = k;
	}
	x->ev[big].v1 += left;
}

/* Scales the plans of `year` to sum to `total` 万元. */
static void scale_plans(struct pz *x, int year, double total)
{
	double sum = 0, left = total;
	double *big = NULL;
	for (int k = 0; k < x->nev; k++)
		if (x->ev[k].kind == EV_PLAN && x->ev[k].year == year)
			for (int m = 0; m < 12; m++)
				sum += x->ev[k].months[m];
	if (!(sum > 0))
		return;
	for (int k = 0; k < x->nev; k++) {
		if (x->ev[k].kind != EV_PLAN || x->ev[k].year != year)
			continue;
		double *m = (double *)x->ev[k].months;
		for (int j = 0; j < 12; j++) {
			m[j] = round(m[j] * total / sum);
			left -= m[j];
			if (!big || m[j] > *big)
				big = &m[j];
		}
	}
	if (big)
		*big += left;
}

/* ---- problems (问题清单) ------------------------------------------------------------------------
 */

struct pb_text {
	const char *cat, *title, *detail, *reply, *close;
};
static const struct pb_text pb_texts[] = {
    {"land", "项目用地指标未落实", "项目需新增建设用地，年度用地指标尚未下达，影响供地进度",
     "已向市自然资源部门申请追加年度用地指标，同步开展地块组卷报批",
     "用地指标已下达，地块完成挂牌出让，问题销号"},
    {"land", "地块土地出让手续待办结", "项目地块已完成征收，出让方案待批复，企业急于开工",
     "出让方案已上报审批，开通绿色通道加快办理", "土地出让合同已签订，问题销号"},
    {"planning", "项目地块规划条件需调整", "企业新增研发楼，需调整地块容积率和建筑密度",
     "已组织规划论证，规划条件调整方案报规委会审议", "规划条件调整已批复，问题销号"},
    {"approval", "施工许可证办理进度慢", "施工图审查意见反复修改，施工许可证迟迟未能核发",
     "已安排审批秘书全程代办，施工图审查容缺受理、并联办理",
     "施工许可证已核发，项目具备开工条件，问题销号"},
    {"approval", "环评批复待出具", "项目环境影响报告书已报审，批复时间影响开工节点",
     "已协调生态环境部门提前介入，引用区域评估成果，缩短审批时间", "环评批复已出具，问题销号"},
    {"funding", "项目建设资金缺口", "企业自有资金到位不足，银行贷款审批尚未完成",
     "已推荐合作银行上门对接，纳入银企对接重点项目清单", "银行贷款已获批并首笔放款，问题销号"},
    {"utilities", "项目用电报装容量不足", "项目试生产用电负荷大，现有线路容量不足",
     "已协调供电公司加快配套变电工程建设，临时供电方案已确定",
     "配套线路已送电，满足试生产用电需求，问题销号"},
    {"utilities", "施工用水用气未接入", "项目地块周边给水、燃气管网尚未接入，影响施工和试生产",
     "已协调水务、燃气公司制定管网接入方案，“报装即接入”", "管网已接通，问题销号"},
    {"demolition", "地块内附属物未清表", "地块内尚有零星附属物和管线未迁移，影响场地平整",
     "已协调属地和产权单位限期迁移清表", "地块已完成清表移交，问题销号"},
    {"other", "项目周边道路未贯通", "项目运输通道尚未贯通，大件设备进场困难",
     "已将道路纳入今年市政工程计划，先行修建临时便道", "道路已通车，问题销号"},
    {"other", "施工人员进场受疫情防控影响", "外地施工队伍进场需闭环管理，影响施工进度",
     "已设立项目闭环管理专班，为施工人员办理通行证、上门核酸", "施工人员已全部进场，问题销号"},
};
#define N_PB_TEXTS ((int)(sizeof pb_texts / sizeof pb_texts[0]))

static int pb_new(struct pz *x, int i, int64_t at, const char *cat, const char *title,
                  const char *detail, int days, int dept)
{
	if (grow((void **)&x->pb, &x->cap_pb, x->npb, sizeof *x->pb) < 0)
		return -1;
	struct pprob *b = &x->pb[x->npb];
	memset(b, 0, sizeof *b);
	b->proj = i;
	b->q.title = title;
	b->q.detail = detail;
	b->q.category = cat;
	b->q.days = days;
	int d = dept >= 0 ? dept : dept_for_category(x, cat);
	b->q.dept_id = x->depts[d].id;
	int who = office_person(x);
	struct ev *v = ev_add(x, EV_PROBLEM, at, i, who);
	if (!v)
		return -1;
	v->ref = x->npb;
	return x->npb++;
}

static int pb_step(struct pz *x, int b, enum ev_kind kind, int64_t at, const char *text)
{
	int d = dept_index(x, x->pb[b].q.dept_id), who;
	if (kind == EV_ANSWER) {
		who = pick_in(x, d, rng_pct(&x->r, 75) ? "s" : "h");
		if (who < 0)
			who = pick_in(x, d, "hs");
	} else if (kind == EV_ESCALATE) {
		who = pick_in(x, -1, "l");
	} else {
		who = office_person(x);
	}
	if (who < 0)
		who = office_person(x);
	struct ev *v = ev_add(x, kind, at, x->pb[b].proj, who);
	if (!v)
		return -1;
	v->ref = b;
	v->s1 = text;
	return 0;
}

enum pb_fate { PB_CLOSED, PB_ANSWERED, PB_OPEN, PB_ESCALATED, PB_ESCALATED_CLOSED };

/* A problem of project i raised on `day` from the texts of its category, played out to its
 * fate: answered and closed (销号), answered and awaiting the office, still open, or flagged by
 * a leader (挂牌督办) and then closed or still open. Every step before today. */
static int pb_story(struct pz *x, int i, int64_t day, const char *cat, enum pb_fate fate)
{
	const struct pb_text *t = NULL;
	int n = 0;
	for (int k = 0; k < N_PB_TEXTS; k++)
		if (strcmp(pb_texts[k].cat, cat) == 0 && rng_below(&x->r, ++n) == 0)
			t = &pb_texts[k];
	if (!t)
		return 0;
	day = workday(x, day);
	if (day >= x->today)
		return 0;
	int days = 5 + rng_below(&x->r, 4) * 5;
	int b = pb_new(x, i, at_on(x, day, 0), t->cat, t->title, t->detail, days, -1);
	if (b < 0)
		return -1;
	int64_t ans = workday(x, day + rng_range(&x->r, 2, days + 3));
	int64_t esc = workday(x, day + days + rng_range(&x->r, 3, 10));
	int64_t cls = workday(x, (fate >= PB_ESCALATED ? esc : ans) + rng_range(&x->r, 2, 12));
	if (fate == PB_ESCALATED || fate == PB_ESCALATED_CLOSED) {
		if (esc >= x->today)
			return 0;
		const char *note = arena_printf(x->a, "挂牌督办：请%s于%s前解决，逐个破解销号",
		                                x->depts[dept_index(x, x->pb[b].q.dept_id)].name,
		                                dtext(x, workday(x, esc + 10)));
		if (pb_step(x, b, EV_ESCALATE, at_on(x, esc, 0), note) < 0)
			return -1;
		x->ev[x->nev - 1].s2 = rng_pct(&x->r, 40)   ? "red"
		                       : rng_pct(&x->r, 50) ? "orange"
		                                            : "yellow";
		x->ev[x->nev - 1].s3 = dtext(x, workday(x, esc + 10));
		if (fate == PB_ESCALATED)
			return 0;
		ans = workday(x, esc + rng_range(&x->r, 1, 6));
	}
	if (fate == PB_OPEN || ans >= x->today)
		return 0;
	if (pb_step(x, b, EV_ANSWER, at_on(x, ans, 0), t->reply) < 0)
		return -1;
	if (fate == PB_ANSWERED || cls >= x->today)
		return 0;
	if (cls <= ans)
		cls = workday(x, ans + 1);
	return cls < x->today ? pb_step(x, b, EV_CLOSE, at_on(x, cls, 0), t->close) : 0;
}

/* A problem with its own texts (a report's story) for department `dept` (NULL: its category's):
 * raised on `day`, answered on `ans` and closed on `cls` (0: not yet), flagged on `esc` (0:
 * never). */
static int pb_told(struct pz *x, int i, int64_t day, const char *cat, const char *dept,
                   const char *title, const char *detail, int days, int64_t esc, int64_t ans,
                   const char *reply, int64_t cls, const char *close)
{
	int b = pb_new(x, i, at_on(x, workday(x, day), 0), cat, title, detail, days,
	               dept ? dept_named(x, dept) : -1);
	if (b < 0)
		return -1;
	if (esc && workday(x, esc) < x->today) {
		if (pb_step(x, b, EV_ESCALATE, at_on(x, workday(x, esc), 0),
		            arena_printf(x->a, "挂牌督办：%s，限期解决", title)) < 0)
			return -1;
		x->ev[x->nev - 1].s2 = "red";
		x->ev[x->nev - 1].s3 = dtext(x, workday(x, esc + 10));
	}
	if (ans && workday(x, ans) < x->today &&
	    pb_step(x, b, EV_ANSWER, at_on(x, workday(x, ans), 0), reply) < 0)
		return -1;
	if (cls && workday(x, cls) < x->today &&
	    pb_step(x, b, EV_CLOSE, at_on(x, workday(x, cls), 0), close) < 0)
		return -1;
	return 0;
}

/* ---- targets --------------------------------------------------------------------------------- */

/* The signings of `year` by department d among the projects from `first` on, as targets count
 * them: their number, amount and counts of 1亿, 5亿 and 10亿元 or more (and, with usd, of 1亿美元
 * or more); the other figures 0. */
static void signed_figures(const struct pz *x, int first, int d, int year, int usd,
                           double v[FIG__COUNT])
{
	memset(v, 0, FIG__COUNT * sizeof *v);
	for (int i = first; i < x->np; i++) {
		const struct pp *p = &x->pp[i];
		if (p->in.dept_id != x->depts[d].id || !p->d[PS_SIGNED] ||
		    year_of(p->d[PS_SIGNED]) != year)
			continue;
		v[FIG_SIGNED_COUNT]++;
		v[FIG_SIGNED_AMOUNT] += p->in.amount_wan;
		v[FIG_COUNT_100M] += p->in.amount_wan >= 10000;
		v[FIG_COUNT_500M] += p->in.amount_wan >= 50000;
		v[FIG_COUNT_1000M] += p->in.amount_wan >= 100000;
		if (usd)
			v[FIG_COUNT_USD100M] +=
			    strcmp(p->in.currency, "USD") == 0 && p->in.total_investment >= 10000;
	}
}

/* The target of `year` for bureau d (and person `user`, an actor; -1: the bureau): the figures
 * in the order of PROJ_FIG_KEYS. */
static int target(struct pz *x, int year, int d, int user, const double v[FIG__COUNT])
{
	if (grow((void **)&x->tg, &x->cap_tg, x->ntg, sizeof *x->tg) < 0)
		return -1;
	struct ptarget *t = &x->tg[x->ntg++];
	t->year = year;
	t->dept_id = x->depts[d].id;
	t->user_id = user >= 0 ? x->actors[user].id : 0;
	memcpy(t->f.v, v, sizeof t->f.v);
	return 0;
}

/* ---- the contract's scan ----------------------------------------------------------------------
 */

/* Appends the UTF-16BE hex of UTF-8 `s` (characters of the Basic Multilingual Plane). */
static void utf16_hex(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p++;
		if (c >= 0xe0 && p[0] && p[1]) {
			c = ((c & 0x0f) << 12) | ((p[0] & 0x3f) << 6) | (p[1] & 0x3f);
			p += 2;
		} else if (c >= 0xc0 && p[0]) {
			c = ((c & 0x1f) << 6) | (p[0] & 0x3f);
			p += 1;
		} else if (c >= 0x80) {
			c = '?';
		}
		strbuf_addf(b, "%04X", c & 0xffff);
	}
}

/* A one-page PDF of the contract: its title and the lines given, in the reader's own Song
 * typeface (STSong-Light, not embedded). */
static int contract_pdf(const char *const *lines, int n, struct strbuf *out)
{
	struct strbuf content = STRBUF_INIT(1u << 16);
	strbuf_addf(&content, "BT /F1 22 Tf 170 760 Td <");
	utf16_hex(&content, lines[0]);
	strbuf_addf(&content, "> Tj ET\n0.5 w 72 740 m 523 740 l S\n");
	for (int k = 1; k < n; k++) {
		strbuf_addf(&content, "BT /F1 12 Tf 80 %d Td <", 700 - (k - 1) * 28);
		utf16_hex(&content, lines[k]);
		strbuf_addf(&content, "> Tj ET\n");
	}
	const char *objs[7];
	char *made[7] = {0};
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
	          "5 0 R >> >> /Contents 4 0 R >>";
	objs[3] = NULL; /* the content stream */
	objs[4] = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
	          "/DescendantFonts [6 0 R] >>";
	objs[5] =
	    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << "
	    "/Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 "
	    ">>";
	objs[6] = "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 "
	          "1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";
	size_t off[8];
	strbuf_addf(out, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	for (int k = 0; k < 7; k++) {
		off[k] = out->len;
		if (k == 3)
			strbuf_addf(out,
			            "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
			            content.len + 0, content.buf ? content.buf : "");
		else
			strbuf_addf(out, "%d 0 obj\n%s\nendobj\n", k + 1, objs[k]);
	}
	size_t xref = out->len;
	strbuf_addf(out, "xref\n0 8\n0000000000 65535 f \n");
	for (int k = 0; k < 7; k++)
		strbuf_addf(out, "%010zu 00000 n \n", off[k]);
	strbuf_addf(out, "trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	(void)made;
	int failed = content.failed || out->failed;
	strbuf_release(&content);
	return failed ? -1 : 0;
}

static int attach_scan(struct pz *x, const struct ev *v, const struct principal *who,
                       struct yq_err *e)
{
	struct pp *p = &x->pp[v->proj];
	char ymd[11], sha[65];
	dstr(p->d[PS_SIGNED], ymd);
	const char *amount =
	    p->in.currency && strcmp(p->in.currency, "USD") == 0
	        ? arena_printf(x->a, "项目总投资：%.0f万美元（按签约日汇率%.2f折合人民币%.0f万元）",
	                       p->in.total_investment, p->in.fx_rate, p->in.amount_wan)
	        : arena_printf(x->a, "项目总投资：人民币%.0f万元", p->in.total_investment);
	const char *lines[] = {
	    "项目投资合同（签字页扫描件）",
	    arena_printf(x->a, "合同编号：%s", p->contract_no),
	    arena_printf(x->a, "项目名称：%s", p->in.name),
	    arena_printf(x->a, "甲方：%s管理委员会", x->z->short_name),
	    arena_printf(x->a, "乙方：%s", p->in.investor ? p->in.investor : ""),
	    amount,
	    arena_printf(x->a, "签约日期：%.4s年%.2s月%.2s日", ymd, ymd + 5, ymd + 8),
	    "甲方（盖章）：                    乙方（盖章）：",
	    "（演示数据）",
	};
	struct strbuf pdf = STRBUF_INIT(1u << 17);
	if (contract_pdf(lines, (int)(sizeof lines / sizeof lines[0]), &pdf) < 0 ||
	    attachment_file_put(x->z->data_dir, pdf.buf, pdf.len, sha, e) < 0) {
		strbuf_release(&pdf);
		return error("demo: the scan of contract %s: %s", p->contract_no,
		             e->message_en ? e->message_en : "cannot be made");
	}
	int64_t size = (int64_t)pdf.len;
	strbuf_release(&pdf);
	return attachment_add_in(x->z->tx, who, &project_kind, p->id, sha, size,
	                         arena_printf(x->a, "合同扫描件-%s.pdf", p->contract_no),
	                         "application/pdf", v->at, &p->att_id, e);
}

/* ---- playing the writes out ------------------------------------------------------------------ */

static int run_ev(struct pz *x, const struct ev *v)
{
	struct db *tx = x->z->tx;
	struct yq_err e = {0};
	struct arena a = ARENA_INIT;
	struct principal who = as_actor(x, v->who);
	struct pp *p = v->proj >= 0 ? &x->pp[v->proj] : NULL;
	int rc = 0;
	const char *what = "";
	if (p && v->kind != EV_CREATE && !p->id)
		return 0; /* not created: its lead lies after now */
	if ((v->kind == EV_ANSWER || v->kind == EV_CLOSE || v->kind == EV_ESCALATE) &&
	    !x->pb[v->ref].id)
		return 0; /* a problem raised after now */
	switch (v->kind) {
	case EV_CREATE:
		what = "create";
		rc = proj_create_in(tx, &who, &p->in, v->at, &a, &e);
		p->id = p->in.id;
		x->z->res->projects++;
		break;
	case EV_ATTACH:
		what = "scan";
		rc = attach_scan(x, v, &who, &e);
		break;
	case EV_MOVE: {
		what = proj_stage_name(v->stage);
		struct proj_move m = {.to = proj_stage_name(v->stage),
		                      .date = dtext(x, p->d[v->stage])};
		switch (v->stage) {
		case PS_SIGNED:
			m.contract_no = p->contract_no;
			m.attachment_id = p->att_id;
			break;
		case PS_REGISTERED:
			m.uscc = x->ents[p->ent].uscc;
			break;
		case PS_STARTED:
			m.start_permit_no = p->permit_no;
			break;
		case PS_PRODUCING:
			m.first_output_month = arena_printf(x->a, "%.7s", m.date);
			break;
		case PS_DROPPED:
			m.reason = p->drop_reason;
			break;
		default:
			break;
		}
		rc = proj_move_in(tx, &who, p->id, &m, v->at, &a, &e);
		break;
	}
	case EV_FOLLOWUP:
		what = "follow-up";
		rc = proj_followup_add_in(tx, &who, p->id, &x->fu[v->ref].f, v->at, &e);
		x->fu[v->ref].id = x->fu[v->ref].f.id;
		break;
	case EV_FU_DONE:
		what = "follow-up done";
		if (x->fu[v->ref].id)
			rc = proj_followup_done_in(tx, &who, x->fu[v->ref].id, &e);
		break;
	case EV_PLAN: {
		what = "plan";
		struct proj_month m[12];
		int n = 0;
		for (int k = 0; k < 12; k++)
			if (v->months[k] > 0) {
				memset(&m[n], 0, sizeof m[n]);
				snprintf(m[n].month, sizeof m[n].month, "%04u-%02u",
				         (unsigned)v->year % 10000u, (unsigned)(k + 1) % 100u);
				m[n++].planned = v->months[k];
			}
		if (n)
			rc = proj_invest_plan_in(tx, &who, p->id, v->year, m, n, &e);
		break;
	}
	case EV_REPORT:
		what = "report";
		rc = proj_invest_report_in(tx, &who, p->id, v->s1, v->v1, v->v2, v->at, &a, &e);
		break;
	case EV_PROBLEM:
		what = "problem";
		rc = problem_add_in(tx, &who, p->id, &x->pb[v->ref].q, v->at, &e);
		x->pb[v->ref].id = x->pb[v->ref].q.id;
		break;
	case EV_ANSWER:
		what = "answer";
		rc = problem_answer_in(tx, &who, x->pb[v->ref].id, v->s1, v->at, &e);
		break;
	case EV_CLOSE:
		what = "close";
		rc = problem_close_in(tx, &who, x->pb[v->ref].id, v->s1, v->at, &e);
		break;
	case EV_ESCALATE:
		what = "escalate";
		rc =
		    problem_escalate_in(tx, &who, x->pb[v->ref].id, v->s2, v->s1, v->s3, v->at, &e);
		break;
	}
	arena_release(&a);
	if (rc < 0)
		return error("demo: zone %s: project %s: %s by %s: %s: %s", x->z->code,
		             p && p->in.name ? p->in.name : "?", what, x->actors[v->who].username,
		             e.field ? e.field : "", e.message_en ? e.message_en : "failed");
	return 0;
}

/* ---- the zone's bureaus and people ------------------------------------------------------------
 */

static void release_model(struct pz *x)
{
	yq_free(x->actors);
	yq_free(x->ents);
	x->actors = NULL;
	x->ents = NULL;
	x->na = x->ne = 0;
}

/* demo.json "projects": the bureaus (name, parent to add it under, or an existing one's name;
 * the sectors it works; foreign: it works the foreign investors), the cadres to add to them
 * ("staff": dept, role, count; named at random, the cadres' shared password) and the listed
 * accounts ("users", printed). */
static int add_org(struct pz *x, json_t *cfg, int n_named)
{
	struct zone_ctx *z = x->z;
	size_t i;
	json_t *b;
	json_array_foreach(json_object_get(cfg, "bureaus"), i, b)
	{
		const char *name = json_string_value(json_object_get(b, "name"));
		const char *parent = json_string_value(json_object_get(b, "parent"));
		if (!name)
			return error("demo: zone %s: a bureau without a name", z->code);
		if (dept_named(x, name) >= 0)
			continue;
		int pd = dept_named(x, parent);
		if (pd < 0)
			return error("demo: zone %s: bureau %s: no department %s", z->code, name,
			             parent ? parent : "?");
		struct dept in = {.name = name,
		                  .kind = "investment",
		                  .parent_id = x->depts[pd].id,
		                  .sort = 10 + (int64_t)i};
		struct yq_err e = {0};
		if (dept_add_in(z->tx, z->who, &in, &e) < 0)
			return error("demo: department %s: %s", name,
			             e.message_en ? e.message_en : "failed");
		z->res->depts++;
		/* the new one's path, for the next */
		release_model(x);
		if (load_model(x, n_named) < 0)
			return -1;
	}
	json_t *ids = json_object();
	if (!ids)
		return -1;
	for (int d = 0; d < x->nd; d++)
		json_object_set_new(ids, x->depts[d].name, json_integer(x->depts[d].id));
	int serial = 0, ret = 0;
	json_t *s;
	json_array_foreach(json_object_get(cfg, "staff"), i, s)
	{
		int d = dept_named(x, json_string_value(json_object_get(s, "dept")));
		const char *role = json_string_value(json_object_get(s, "role"));
		int n = (int)json_integer_value(json_object_get(s, "count"));
		if (d < 0 || !role) {
			ret =
			    error("demo: zone %s: project staff of an unknown department", z->code);
			break;
		}
		for (int k = 0; k < n && ret == 0; k++) {
			char uname[40];
			snprintf(uname, sizeof uname, "%s-zs%02d", z->code, ++serial % 100);
			struct user in = {
			    .username = uname,
			    .display_name = a_person(x),
			    .role = role,
			    .dept_id = x->depts[d].id,
			    .password_hash = z->account_hash,
			    .must_change = 1,
			};
			struct yq_err e = {0};
			if (user_add_in(z->tx, z->who, z->zone_id, &in, &e) < 0)
				ret = error("demo: user %s: %s", uname,
				            e.message_en ? e.message_en : "failed");
			else
				z->res->users++;
		}
	}
	json_t *u;
	json_array_foreach(json_object_get(cfg, "users"), i, u)
	{
		int64_t id;
		if (ret == 0 && demo_user_add(z, u, ids, &id) < 0)
			ret = -1;
	}
	json_decref(ids);
	if (ret < 0)
		return -1;
	release_model(x);
	if (load_model(x, n_named) < 0)
		return -1;
	json_array_foreach(json_object_get(cfg, "bureaus"), i, b)
	{
		struct pdept *d =
		    &x->depts[dept_named(x, json_string_value(json_object_get(b, "name")))];
		size_t k;
		json_t *l;
		d->bureau = 1;
		d->foreign = json_is_true(json_object_get(b, "foreign"));
		json_array_foreach(json_object_get(b, "sectors"), k, l) if (d->n_sectors < 8)
		    d->sectors[d->n_sectors++] = json_string_value(l);
	}
	if (!n_bureaus(x))
		for (int d = 0; d < x->nd; d++)
			x->depts[d].bureau = strcmp(x->depts[d].kind, "investment") == 0;
	return n_bureaus(x) ? 0 : error("demo: zone %s has no investment bureau", z->code);
}

/* A sector drawn by the zone's weights. */
static int pick_sector(struct pz *x)
{
	int w = rng_below(&x->r, x->z->total_weight > 0 ? x->z->total_weight : 1), k = 0;
	while (k < x->z->n_sectors - 1 && w >= x->z->sectors[k].weight)
		w -= x->z->sectors[k++].weight;
	return k;
}

/* The sector of a demo.json label. */
static int sector_named(const struct pz *x, const char *label)
{
	for (int k = 0; label && k < x->n_labels; k++)
		if (strcmp(x->labels[k], label) == 0)
			return k;
	return 0;
}

/* An amount (万元) in one of the bands: 0 ≥ 10亿, 1 5亿-10亿, 2 1亿-5亿, 3 below (lo..hi). */
static double band_amount(struct pz *x, int band, double lo, double hi)
{
	switch (band) {
	case 0:
		return 100000 + rng_below(&x->r, 41) * 5000;
	case 1:
		return 50000 + rng_below(&x->r, 48) * 1000;
	case 2:
		return 10000 + rng_below(&x->r, 390) * 100;
	default:
		return round(rng_real(&x->r, lo, hi) / 50) * 50;
	}
}

/* ---- the months before now ------------------------------------------------------------------- */

/* Plays project i out: who reports its investment, its writes, this year's investment at the
 * pace of its health (0 green, 1 amber, 2 red), a problem or two by its age. */
static int play_current(struct pz *x, int i, int health)
{
	struct pp *p = &x->pp[i];
	int year = year_of(x->today), month = month_of(x->today);
	if (p->ent >= 0 && x->ents[p->ent].account >= 0)
		p->reporter = x->ents[p->ent].account;
	enum proj_stage st = stage_of(p);
	int dispatched = proj_dispatched(st);
	double ratio = 1.0;
	if (dispatched && health) {
		/* late on its next milestone, or short of its planned investment, or both */
		int how = rng_below(&x->r, 3);
		if (how != 1)
			set_late(x, i,
			         health == 1 ? (int)rng_range(&x->r, 2, 14)
			                     : (int)rng_range(&x->r, 20, 110));
		if (how != 0)
			ratio =
			    health == 1 ? rng_real(&x->r, 0.76, 0.87) : rng_real(&x->r, 0.45, 0.66);
	} else if (dispatched) {
		ratio = rng_real(&x->r, 0.95, 1.08);
	}
	if (emit_life(x, i) < 0)
		return -1;
	p = &x->pp[i];
	if ((dispatched || (st == PS_CAPACITY && year_of(p->d[PS_CAPACITY]) == year)) &&
	    invest(x, i, year, month - 1, ratio, rng_real(&x->r, 0.55, 0.95)) < 0)
		return -1;
	p = &x->pp[i];
	if (dispatched && st >= PS_REGISTERED && rng_pct(&x->r, 38)) {
		static const char *const cats[] = {
		    "land",    "land",      "planning",  "approval",   "approval",
		    "funding", "utilities", "utilities", "demolition", "other"};
		int n = 1 + rng_pct(&x->r, 20);
		for (int k = 0; k < n; k++) {
			int64_t from =
			    p->d[PS_SIGNED] > x->today - 240 ? p->d[PS_SIGNED] : x->today - 240;
			int64_t day = rng_range(&x->r, from + 5, x->today - 2);
			int64_t age = x->today - day;
			int dice = rng_below(&x->r, 100);
			enum pb_fate fate = age > 60   ? (dice < 68   ? PB_CLOSED
			                                  : dice < 84 ? PB_ESCALATED_CLOSED
			                                  : dice < 94 ? PB_ANSWERED
			                                              : PB_ESCALATED)
			                    : age > 20 ? (dice < 35   ? PB_CLOSED
			                                  : dice < 60 ? PB_ANSWERED
			                                  : dice < 82 ? PB_OPEN
			                                              : PB_ESCALATED)
			                               : (dice < 50   ? PB_OPEN
			                                  : dice < 80 ? PB_ANSWERED
			                                              : PB_CLOSED);
			if (pb_story(x, i, day, PICK(cats), fate) < 0)
				return -1;
		}
	}
	return 0;
}

/* The projects of the months before now (from October of last year): signings at the bureaus'
 * pace (demo.json "projects.current": rate a year, the per-mille of ≥10亿, 5亿-10亿 and 1亿-5亿,
 * the small ones' range, the percent of foreign investors, of renovations and of rented
 * factories), open leads, dropped ones; and this year's targets of the bureaus and their people
 * from the pace. */
static int current(struct pz *x, json_t *c)
{
	int rate = (int)json_integer_value(json_object_get(c, "rate"));
	int leads = (int)json_integer_value(json_object_get(c, "leads"));
	json_t *bands = json_object_get(c, "bands"), *small = json_object_get(c, "small");
	int foreign = (int)json_integer_value(json_object_get(c, "foreign"));
	int renov = (int)json_integer_value(json_object_get(c, "renovation"));
	int leased = (int)json_integer_value(json_object_get(c, "leased"));
	double lo = json_number_value(json_array_get(small, 0)),
	       hi = json_number_value(json_array_get(small, 1));
	if (!(hi > lo))
		lo = 1000, hi = 9800;
	int year = year_of(x->today);
	int64_t w0 = dymd(year - 1, 10, 1);
	int n = (int)((int64_t)rate * (x->today - w0) / 365);
	int first = x->np;
	for (int k = 0; k < n; k++) {
		int dice = rng_below(&x->r, 1000), band = 3, acc = 0;
		for (int b = 0; b < 3; b++) {
			acc += (int)json_integer_value(json_array_get(bands, (size_t)b));
			if (dice < acc) {
				band = b;
				break;
			}
		}
		int flags = rng_pct(&x->r, renov)    ? PF_RENOV
		            : rng_pct(&x->r, leased) ? PF_LEASED
		                                     : 0;
		if (!(flags & PF_RENOV) && rng_pct(&x->r, foreign))
			flags |= rng_pct(&x->r, 70) ? PF_FOREIGN : PF_HMT;
		int64_t sign = workday(x, rng_range(&x->r, w0, x->today - 4));
		double amount = band_amount(x, band, lo, hi); /* before the sector (a_person) */
		int i = pp_synth(x, pick_sector(x), amount, flags, year_of(sign));
		if (i < 0)
			return -1;
		int64_t day[PS__COUNT];
		sched(x, i, sign, day);
		commit(x, i, day, x->today);
		if (rng_pct(&x->r, 5)) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, rng_range(&x->r, sign + 10, x->today - 2), why);
		}
		int dice2 = rng_below(&x->r, 100);
		if (play_current(x, i, dice2 < 68 ? 0 : dice2 < 87 ? 1 : 2) < 0)
			return -1;
	}
	/* whatever the dice said, the office's list holds a problem of each kind: flagged by a
	 * leader and overdue, open past its deadline, answered and waiting for 销号, just raised */
	static const struct {
		int age;
		enum pb_fate fate;
		const char *cat;
	} kinds[] = {{45, PB_ESCALATED, "land"},
	             {30, PB_OPEN, "approval"},
	             {14, PB_ANSWERED, "utilities"},
	             {3, PB_OPEN, "funding"}};
	for (int i = first, k = 0; i < x->np && k < 4; i++) {
		const struct pp *p = &x->pp[i];
		if (!proj_dispatched(stage_of(p)) || stage_of(p) < PS_REGISTERED ||
		    p->d[PS_SIGNED] > x->today - kinds[k].age - 5)
			continue;
		if (pb_story(x, i, x->today - kinds[k].age, kinds[k].cat, kinds[k].fate) < 0)
			return -1;
		k++;
	}
	/* leads being worked, and some given up */
	for (int k = 0; k < leads; k++) {
		int band = rng_below(&x->r, 100) < 6 ? 0 : rng_below(&x->r, 100) < 25 ? 2 : 3;
		int flags = rng_pct(&x->r, foreign) ? PF_FOREIGN : 0;
		int64_t sign = x->today + rng_range(&x->r, 15, 200);
		double amount = band_amount(x, band, lo, hi); /* before the sector (a_person) */
		int i = pp_synth(x, pick_sector(x), amount, flags, year);
		if (i < 0)
			return -1;
		int64_t day[PS__COUNT];
		sched(x, i, sign, day);
		if (day[PS_LEAD] >= x->today - 3)
			day[PS_LEAD] = x->today - rng_range(&x->r, 10, 200);
		if (day[PS_NEGOTIATING] && day[PS_NEGOTIATING] <= day[PS_LEAD])
			day[PS_NEGOTIATING] = 0;
		commit(x, i, day, x->today);
		if (rng_pct(&x->r, 14)) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, rng_range(&x->r, x->pp[i].d[PS_LEAD] + 20, x->today - 2),
			        why);
		}
		if (emit_life(x, i) < 0)
			return -1;
	}
	/* this year's targets: the pace of each bureau a little raised */
	double elapsed = (double)(x->today - dymd(year, 1, 1) + 1) / 365.0;
	if (elapsed < 0.08)
		elapsed = 0.08;
	for (int d = 0; d < x->nd; d++) {
		if (!x->depts[d].bureau)
			continue;
		double v[FIG__COUNT];
		signed_figures(x, first, d, year, 0, v);
		double up = rng_real(&x->r, 1.0, 1.3) / elapsed;
		double t[FIG__COUNT] = {
		    ceil(v[FIG_SIGNED_COUNT] * up + 1),
		    round(v[FIG_SIGNED_AMOUNT] * up / 1000 + 1) * 1000,
		    ceil(v[FIG_COUNT_100M] * up),
		    ceil(v[FIG_COUNT_500M] * up),
		    ceil(v[FIG_COUNT_1000M] * up),
		    0,
		    round(v[FIG_SIGNED_AMOUNT] * up * 0.35 / 1000) * 1000,
		    ceil(v[FIG_SIGNED_COUNT] * up * 0.7),
		    ceil(v[FIG_SIGNED_COUNT] * up * 0.4),
		};
		if (t[FIG_SIGNED_COUNT] > 1 && target(x, year, d, -1, t) < 0)
			return -1;
		/* the 招商专员 who signed most this year */
		for (int a = 0; a < x->na; a++) {
			if (x->actors[a].dept != d)
				continue;
			double mine = 0, amount = 0;
			for (int i = first; i < x->np; i++)
				if (x->pp[i].owner == a && x->pp[i].d[PS_SIGNED] &&
				    year_of(x->pp[i].d[PS_SIGNED]) == year) {
					mine++;
					amount += x->pp[i].in.amount_wan;
				}
			if (mine < 2)
				continue;
			double pt[FIG__COUNT] = {ceil(mine * up),
			                         round(amount * up / 1000 + 1) * 1000};
			if (target(x, year, d, a, pt) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- the zones --------------------------------------------------------------------------------
 */

static int zone_ccetdz(struct pz *x);
static int zone_cczb(struct pz *x);
static int zone_hmetdz(struct pz *x);
static int zone_wcetdz(struct pz *x);

static const struct {
	const char *code;
	int (*fn)(struct pz *x);
} seed_zones[] = {
    {"ccetdz", zone_ccetdz},
    {"cczb", zone_cczb},
    {"hmetdz", zone_hmetdz},
    {"wcetdz", zone_wcetdz},
};

int demo_projects_add(struct zone_ctx *z, const struct calendar *cal, json_t *zj, int64_t now)
{
	json_t *cfg = json_object_get(zj, "projects");
	if (!cfg)
		return 0;
	struct pz x;
	memset(&x, 0, sizeof x);
	x.z = z;
	x.cal = cal;
	x.a = &z->za;
	x.now = now;
	x.today = day_of(now);
	/* a generator of its own, so the rest of the demo does not move */
	x.r.s = 0x51ed270b27a3c2d1ull;
	for (const char *c = z->code; *c; c++)
		x.r.s = (x.r.s ^ (unsigned char)*c) * 1099511628211ull;
	x.contract_prefix = json_string_value(json_object_get(cfg, "contract_prefix"));
	if (!x.contract_prefix)
		x.contract_prefix = "HT";
	x.region6 = z->prefix8 + 2;
	size_t k;
	json_t *s;
	json_array_foreach(json_object_get(zj, "sectors"), k, s) if (x.n_labels < 12)
	    x.labels[x.n_labels++] = json_string_value(json_object_get(s, "label"));
	int n_named = (int)json_array_size(json_object_get(zj, "enterprises"));
	int ret = -1;
	if (load_model(&x, n_named) < 0 || add_org(&x, cfg, n_named) < 0)
		goto out;
	for (size_t i = 0; i < sizeof seed_zones / sizeof seed_zones[0]; i++)
		if (strcmp(seed_zones[i].code, z->code) == 0 && seed_zones[i].fn(&x) < 0)
			goto out;
	if (current(&x, json_object_get(cfg, "current")) < 0)
		goto out;
	qsort(x.ev, (size_t)x.nev, sizeof *x.ev, cmp_ev);
	for (int i = 0; i < x.nev; i++) {
		if (x.ev[i].at >= now)
			continue;
		if (run_ev(&x, &x.ev[i]) < 0)
			goto out;
	}
	struct principal admin = as_actor(&x, x.admin);
	for (int i = 0; i < x.ntg; i++) {
		struct yq_err e = {0};
		if (proj_target_set_in(z->tx, &admin, x.tg[i].year, x.tg[i].dept_id,
		                       x.tg[i].user_id, &x.tg[i].f, &e) < 0) {
			error("demo: zone %s: target %d: %s", z->code, x.tg[i].year,
			      e.message_en ? e.message_en : "failed");
			goto out;
		}
	}
	ret = 0;
out:
	release_model(&x);
	yq_free(x.pp);
	yq_free(x.ev);
	yq_free(x.fu);
	yq_free(x.pb);
	yq_free(x.tg);
	return ret;
}

/* ---- the reports' projects --------------------------------------------------------------------
 */

static int ent_named(const struct pz *x, const char *name)
{
	for (int i = 0; name && i < x->ne; i++)
		if (strcmp(x->ents[i].name, name) == 0)
			return i;
	return -1;
}

/* A project a report names, or one of its kind: pp_synth's for sector `label` and `amount` 万元,
 * with its own name, investor (region, type; NULL: keep), the registry's enterprise it registers
 * as (NULL: a synthetic one; a renovation's investor is it), worked by bureau `bureau` (NULL:
 * its sector's). */
static int named(struct pz *x, const char *label, double amount, int flags, int year,
                 const char *bureau, const char *name, const char *investor, const char *region,
                 const char *itype, const char *ent)
{
	int i = pp_synth(x, sector_named(x, label), amount, flags, year);
	if (i < 0)
		return -1;
	struct pp *p = &x->pp[i];
	if (name)
		p->in.name = name;
	if (ent) {
		int e = ent_named(x, ent);
		if (e < 0)
			return error("demo: zone %s: no enterprise %s", x->z->code, ent);
		p->ent = e;
		p->in.industry_code = x->ents[e].industry;
		if (flags & PF_RENOV)
			p->in.investor = x->ents[e].name;
	}
	if (investor)
		p->in.investor = investor;
	if (region)
		p->in.investor_region = region;
	if (itype)
		p->in.investor_type = itype;
	if (bureau) {
		int d = dept_named(x, bureau);
		if (d < 0)
			return error("demo: zone %s: no bureau %s", x->z->code, bureau);
		p->in.dept_id = x->depts[d].id;
		p->owner = owner_in(x, d);
		p->in.owner_user_id = x->actors[p->owner].id;
	}
	return i;
}

/* A foreign project's amount: exactly `usd` 万美元 at the year's rate. */
static void set_usd(struct pz *x, int i, double usd, int year)
{
	struct project *in = &x->pp[i].in;
	in->currency = "USD";
	in->fx_rate = fx_of(year);
	in->total_investment = usd;
	in->amount_wan = usd * in->fx_rate;
	in->fixed_investment = round(in->amount_wan * 0.8);
	in->registered_capital = round(in->amount_wan * 0.3);
}

struct cohort {
	int n;            /* projects */
	int64_t from, to; /* their signing days */
	int bands[3];     /* of them ≥10亿, 5亿-10亿, 1亿-5亿; the rest below */
	double lo, hi;    /* the rest: 万元 */
	int foreign, renov, leased, drop; /* percent */
	const char *sector;               /* NULL: by the zone's weights */
};

/* The cohort's projects, planned as usual up to today (some dropped); returns the first index
 * (the others follow), -1 on error. Nothing is written yet. */
static int cohort(struct pz *x, const struct cohort *c)
{
	int first = x->np;
	int *band = arena_zalloc(x->a, sizeof(int) * (size_t)(c->n + 1));
	if (!band)
		return -1;
	for (int k = 0, b = 0; b < 4; b++)
		for (int j = 0; j < (b < 3 ? c->bands[b] : c->n) && k < c->n; j++)
			band[k++] = b;
	for (int k = c->n - 1; k > 0; k--) {
		int j = rng_below(&x->r, k + 1), t = band[k];
		band[k] = band[j];
		band[j] = t;
	}
	for (int k = 0; k < c->n; k++) {
		int64_t sign = workday(x, rng_range(&x->r, c->from, c->to));
		if (sign >= x->today)
			continue;
		int flags = rng_pct(&x->r, c->renov)    ? PF_RENOV
		            : rng_pct(&x->r, c->leased) ? PF_LEASED
		                                        : 0;
		if (!(flags & PF_RENOV) && rng_pct(&x->r, c->foreign))
			flags |= rng_pct(&x->r, 70) ? PF_FOREIGN : PF_HMT;
		int sector = c->sector ? sector_named(x, c->sector) : pick_sector(x);
		int i = pp_synth(x, sector, band_amount(x, band[k], c->lo, c->hi), flags,
		                 year_of(sign));
		if (i < 0)
			return -1;
		plan_life(x, i, sign, NULL, NULL, x->today);
		if (rng_pct(&x->r, c->drop)) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, rng_range(&x->r, sign + 10, sign + 300), why);
		}
		/* the record of the visits before the signing: kept for the bigger ones and some
		 * others */
		x->pp[i].no_fu = x->pp[i].in.amount_wan < 10000 && !rng_pct(&x->r, 25);
	}
	return first;
}

static int emit_range(struct pz *x, int from, int to)
{
	for (int i = from; i < to; i++)
		if (emit_life(x, i) < 0)
			return -1;
	return 0;
}

static void over_set(int64_t o[PS__COUNT], int64_t reg, int64_t land, int64_t start,
                     int64_t complete, int64_t produce, int64_t capacity)
{
	memset(o, 0, sizeof(int64_t) * PS__COUNT);
	o[PS_REGISTERED] = reg;
	o[PS_LAND] = land;
	o[PS_STARTED] = start;
	o[PS_COMPLETED] = complete;
	o[PS_PRODUCING] = produce;
	o[PS_CAPACITY] = capacity;
}

/* ---- 长春经开区 --------------------------------------------------------------------------------
 */

static int zone_ccetdz(struct pz *x)
{
	int64_t o[PS__COUNT];
	/* 001: 全年完成签约项目179个,增长38%: 130 signed in 2018 (179 / 130 = 1.377) */
	const struct cohort y2018 = {
	    130, dymd(2018, 1, 8), dymd(2018, 12, 25), {3, 2, 10}, 500, 9800, 4, 10, 10, 10, NULL};
	int a = cohort(x, &y2018);
	if (a < 0 || emit_range(x, a, x->np) < 0)
		return -1;
	/* 2019. 001: 亿元以上项目20个,包括5亿元至10亿元项目4个,10亿元以上项目4个,特别是浪潮北方生产
	 * 基地项目填补了东北地区PC整机生产的空白。2019年租厂房类项目19个,总投48.65亿元 … 吉林省众道
	 * 科技有限公司生产项目、光波导多功能集成光子芯片项目和长春杰维技术有限公司智能装备制造生产线
	 * 项目等9个项目实现当年签约,当年投产见效 (达产见效) */
	int b = x->np;
	int lc = named(x, "光电信息", 120000, PF_LEASED, 2019, "光电信息招商处",
	               "浪潮北方生产基地项目", "浪潮电子信息产业股份有限公司", "山东省济南市",
	               "local_soe", "浪潮北方（长春）信息技术有限公司");
	if (lc < 0)
		return -1;
	x->pp[lc].in.level = "province";
	x->pp[lc].in.special_team = 1;
	x->pp[lc].in.notes = "租赁标准厂房建设PC整机生产线，填补东北地区PC整机生产的空白";
	over_set(o, dymd(2019, 4, 16), 0, dymd(2019, 5, 20), dymd(2019, 10, 30), dymd(2019, 11, 18),
	         dymd(2020, 9, 24));
	plan_life(x, lc, dymd(2019, 3, 28), o, NULL, x->today);
	/* the nine signed and at capacity within the year, all in rented factories */
	static const struct {
		const char *label, *name, *investor, *ent;
		double amount;
		int m;
	} same[] = {
	    {"光电信息", "吉林省众道科技有限公司生产项目", NULL, "吉林省众道科技有限公司", 18000,
	     2},
	    {"光电信息", "光波导多功能集成光子芯片项目", "长春光波导科技研究院有限公司", NULL,
	     12000, 1},
	    {"高端装备", "长春杰维技术有限公司智能装备制造生产线项目", NULL, "长春杰维技术有限公司",
	     6500, 4},
	    {"汽车零部件", NULL, NULL, NULL, 35000, 1},
	    {"医疗器械", NULL, NULL, NULL, 28000, 2},
	    {"光电信息", NULL, NULL, NULL, 32000, 3},
	    {"汽车零部件", NULL, NULL, NULL, 8000, 3},
	    {"现代服务业", NULL, NULL, NULL, 5500, 4},
	    {"高端装备", NULL, NULL, NULL, 6800, 2},
	};
	for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
		int i = named(x, same[k].label, same[k].amount, PF_LEASED, 2019, NULL, same[k].name,
		              same[k].investor, NULL, NULL, same[k].ent);
		if (i < 0)
			return -1;
		int64_t sign = workday(x, dymd(2019, same[k].m, 8 + rng_below(&x->r, 18)));
		int64_t reg = same[k].ent ? dnum("2019-03-22") : sign + 12;
		if (same[k].ent && strcmp(same[k].ent, "长春杰维技术有限公司") == 0)
			reg = dymd(2019, 5, 9);
		if (reg <= sign)
			reg = sign + 5;
		int64_t start = reg + rng_range(&x->r, 8, 20);
		int64_t done = start + rng_range(&x->r, 80, 130);
		int64_t prod = done + rng_range(&x->r, 8, 20);
		int64_t cap = prod + rng_range(&x->r, 35, 80);
		if (cap > dymd(2019, 12, 20))
			cap = dymd(2019, 12, 20);
		over_set(o, reg, 0, start, done, prod, cap);
		plan_life(x, i, sign, o, NULL, x->today);
	}
	/* the other rented-factory projects: 48.65亿元 with the ten above */
	static const double rented[] = {62000, 55000, 26000, 22000, 28000, 4200, 7500, 5000, 5000};
	for (size_t k = 0; k < sizeof rented / sizeof rented[0]; k++) {
		int i = pp_synth(x, pick_sector(x), rented[k], PF_LEASED, 2019);
		if (i < 0)
			return -1;
		plan_life(x, i, workday(x, dymd(2019, 1, 10) + rng_below(&x->r, 330)), NULL, NULL,
		          x->today);
	}
	/* 10亿 or more: 光电信息产业园 (001: 谋划了占地4.4万平方米的光电信息产业园; 002:
	 * 光电信息产业 基地一期竣工、二期主体施工) and two more; 5亿-10亿 two more, 1亿-5亿 four
	 * more */
	int park = named(x, "光电信息", 150000, 0, 2019, "光电信息招商处", "光电信息产业园项目",
	                 "长春经开光电产业投资有限公司", "吉林省长春市", "local_soe", NULL);
	if (park < 0)
		return -1;
	x->pp[park].in.land_mu = 66;
	x->pp[park].in.level = "province";
	x->pp[park].in.special_team = 1;
	x->pp[park].in.notes = "占地4.4万平方米；一期标准厂房及研发楼，二期、三期滚动开发";
	over_set(o, dymd(2019, 10, 15), dymd(2019, 12, 12), dymd(2020, 4, 20), dymd(2021, 10, 28),
	         dymd(2021, 12, 16), dymd(2022, 11, 30));
	plan_life(x, park, dymd(2019, 9, 20), o, NULL, x->today);
	int big0 = x->np;
	static const int bands2019[][2] = {{0, 2}, {1, 2}, {2, 4}};
	for (size_t k = 0; k < 3; k++)
		for (int j = 0; j < bands2019[k][1]; j++) {
			double amount =
			    band_amount(x, bands2019[k][0], 0, 0); /* first (a_person) */
			int i = pp_synth(x, pick_sector(x), amount, 0, 2019);
			if (i < 0)
				return -1;
			x->pp[i].in.special_team = bands2019[k][0] == 0;
			plan_life(x, i, workday(x, dymd(2019, 1, 15) + rng_below(&x->r, 320)), NULL,
			          NULL, x->today);
		}
	const struct cohort rest = {
	    151, dymd(2019, 1, 7), dymd(2019, 12, 27), {0, 0, 0}, 500, 9800, 3, 12, 0, 8, NULL};
	if (cohort(x, &rest) < 0 || emit_range(x, b, x->np) < 0)
		return -1;
	/* 001: 挂牌督办,逐个破解销号 — the 专班 projects' problems of 2020 */
	if (pb_told(x, park, dymd(2020, 3, 16), "demolition", NULL,
	            "光电信息产业园地块征收清表滞后",
	            "产业园二期地块内尚有3户企业厂房未完成征收，影响场地平整和二期开工", 15,
	            dymd(2020, 4, 10), dymd(2020, 4, 24),
	            "已成立征收专班逐户协商，3户企业均已签订补偿协议", dymd(2020, 6, 12),
	            "地块已完成征收清表并移交，问题销号") < 0 ||
	    pb_told(x, big0, dymd(2020, 4, 13), "approval", NULL, "项目施工图审查进度慢",
	            "项目施工图多轮修改，审查意见未闭合，影响施工许可证办理", 10, dymd(2020, 5, 6),
	            dymd(2020, 5, 11), "审批秘书全程代办，施工图审查开通绿色通道，容缺受理",
	            dymd(2020, 5, 29), "施工许可证已核发，问题销号") < 0 ||
	    pb_told(x, big0 + 1, dymd(2021, 5, 17), "utilities", NULL, "金钱地地块缺水",
	            "项目所在金钱地地块市政给水管网未覆盖，生产用水无法保障", 20, 0,
	            dymd(2021, 6, 15), "北远达大街给水工程纳入今年市政工程计划，9月底前建成通水",
	            dymd(2021, 10, 11),
	            "北远达大街给水工程建成通水，金钱地地块缺水问题彻底解决，销号") < 0)
		return -1;
	/* 002:
	 * 吉林省首个医疗器械产业创新示范区落地经开区,晨裕生物、爱诺德、眼动力科技等20多家企业也
	 * 相继入园发展; 敏华、日丰管等重大项目实施落地 */
	int c0 = x->np;
	static const struct {
		const char *name, *ent;
		double amount;
		int y, m, d, ry, rm, rd;
	} med[] = {
	    {"晨裕生物医疗器械生产项目", "长春晨裕生物医疗科技有限公司", 12000, 2020, 5, 12, 2020,
	     6, 15},
	    {"爱诺德医疗器械研发生产项目", "长春爱诺德医疗器械有限公司", 8000, 2020, 8, 6, 2020, 9,
	     3},
	    {"眼动力科技眼科医疗器械项目", "长春眼动力科技有限公司", 6000, 2020, 10, 22, 2020, 11,
	     20},
	};
	for (size_t k = 0; k < 3; k++) {
		int i = named(x, "医疗器械", med[k].amount, PF_LEASED, 2020, "医药健康招商处",
		              med[k].name, NULL, NULL, NULL, med[k].ent);
		if (i < 0)
			return -1;
		x->pp[i].in.notes = "入驻吉林省医疗器械产业创新示范区标准厂房";
		over_set(o, dymd(med[k].ry, med[k].rm, med[k].rd), 0, 0, 0, 0, 0);
		plan_life(x, i, dymd(med[k].y, med[k].m, med[k].d), o, NULL, x->today);
	}
	int mh =
	    named(x, "现代服务业", 100000, 0, 2021, "汽车零部件招商处", "敏华家具东北生产基地项目",
	          "敏华控股有限公司", "中国香港", "hmt", "敏华家具制造（长春）有限公司");
	int rf =
	    named(x, "高端装备", 60000, 0, 2021, "汽车零部件招商处", "日丰管业东北生产基地项目",
	          "日丰企业集团有限公司", "广东省佛山市", "private", "长春日丰管业有限公司");
	if (mh < 0 || rf < 0)
		return -1;
	x->pp[mh].in.investor_origin = "hmt";
	over_set(o, dymd(2021, 5, 10), dymd(2021, 7, 20), dymd(2021, 9, 6), 0, 0, 0);
	plan_life(x, mh, dymd(2021, 3, 18), o, NULL, x->today);
	over_set(o, dymd(2021, 7, 8), dymd(2021, 9, 14), 0, 0, 0, 0);
	plan_life(x, rf, dymd(2021, 5, 20), o, NULL, x->today);
	/* 002: 纬湃 … 在质量实验室项目的搭建中进行全程跟踪协调,仅用了4个月就从立项到投产 */
	int lab =
	    named(x, "汽车零部件", 3500, PF_RENOV, 2021, "汽车零部件招商处",
	          "纬湃汽车电子质量实验室项目", NULL, NULL, NULL, "纬湃汽车电子(长春)有限公司");
	if (lab < 0)
		return -1;
	over_set(o, dymd(2021, 3, 17), 0, dymd(2021, 3, 25), dymd(2021, 6, 18), dymd(2021, 7, 1),
	         dymd(2021, 10, 15));
	o[PS_LEAD] = dymd(2021, 3, 1);
	plan_life(x, lab, dymd(2021, 3, 15), o, NULL, x->today);
	if (pb_told(x, mh, dymd(2021, 6, 7), "demolition", NULL, "北海公园电力线路排迁",
	            "项目地块内有北海公园高压电力线路穿越，需排迁后方可供地", 20, 0,
	            dymd(2021, 6, 25), "已与供电公司确定排迁方案，排迁工程7月中旬完成",
	            dymd(2021, 7, 16), "电力线路排迁完成，加速了土地释放，问题销号") < 0 ||
	    emit_range(x, c0, x->np) < 0)
		return -1;
	/* the enterprises' accounts: 中科精研 (002: 2022年的工作重点是准备二期厂房建设) and 纬湃
	 * (积极争取 新项目及技改项目落户) report their own projects' investment */
	int zk = named(x, "医疗器械", 26000, 0, 2022, "医药健康招商处", "中科精研二期厂房建设项目",
	               "吉林省中科精研健康产业集团有限公司", "吉林省长春市", "private",
	               "吉林省中科精研健康产业集团有限公司");
	if (zk < 0)
		return -1;
	x->pp[zk].in.land_mu = 30;
	over_set(o, dymd(2022, 3, 25), dymd(2022, 8, 16), dymd(2023, 4, 10), dymd(2025, 5, 20),
	         dymd(2025, 8, 5), x->today + 90);
	plan_life(x, zk, dymd(2022, 3, 18), o, NULL, x->today);
	int wp = named(x, "汽车零部件", 35000, PF_RENOV, year_of(x->today), "汽车零部件招商处",
	               "纬湃汽车电子新一代电控单元生产线技术改造项目", NULL, NULL, NULL,
	               "纬湃汽车电子(长春)有限公司");
	if (wp < 0)
		return -1;
	int64_t ws = workday(x, x->today - 210);
	over_set(o, ws + 4, 0, ws + 25, x->today + 150, x->today + 170, x->today + 330);
	plan_life(x, wp, ws, o, NULL, x->today);
	if (play_current(x, zk, 0) < 0 || play_current(x, wp, 0) < 0)
		return -1;
	/* 001: 全年要完成签约项目170个,完成引进5亿元以上大项目16个 (2020); 002:
	 * 全年目标就是实现5000万 元以上项目100个以上,开工率实现100% (2022) */
	static const char *const bureaus[] = {"汽车零部件招商处", "光电信息招商处",
	                                      "医药健康招商处", "现代服务业招商处", NULL};
	static const double signed20[] = {58, 46, 36, 30}, big20[] = {6, 4, 3, 3};
	static const double n22[] = {30, 28, 22, 20};
	for (int k = 0; bureaus[k]; k++) {
		double v20[FIG__COUNT] = {0}, v22[FIG__COUNT] = {0};
		v20[FIG_SIGNED_COUNT] = signed20[k];
		v20[FIG_COUNT_500M] = big20[k];
		v22[FIG_SIGNED_COUNT] = n22[k];
		v22[FIG_STARTED] = n22[k];
		int d = dept_named(x, bureaus[k]);
		if (d < 0 || target(x, 2020, d, -1, v20) < 0 || target(x, 2022, d, -1, v22) < 0)
			return -1;
	}
	return 0;
}

/* ---- 长春装备制造产业开发区
 * ---------------------------------------------------------------------- */

static int zone_cczb(struct pz *x)
{
	int64_t o[PS__COUNT];
	int first = x->np;
	/* 000:
	 * 成功吸引了华腾轨道、金沙数控、智能制造产业园二期、泰盟智能化工厂二期、新型管业二期等企业和
	 * 项目入驻;通过开展“政企对话助力长春振兴”活动,实现与尼特固汽车部件、华芯智能识别等项目达成协议
	 */
	static const struct {
		const char *label, *name, *ent;
		double amount;
		int flags;
		int sy, sm, sd; /* signed */
		int ry, rm, rd; /* registered */
		const char *source;
	} named2020[] = {
	    {"智能制造", "智能制造产业园二期项目", NULL, 40000, 0, 2020, 3, 20, 2020, 4, 8,
	     "cloud"},
	    {"轨道交通", "华腾轨道交通设备生产项目", "长春华腾轨道交通设备有限公司", 30000, 0, 2020,
	     4, 16, 2020, 5, 12, "cloud"},
	    {"智能制造", "金沙数控机床智能制造项目", "吉林省金沙数控机床股份有限公司", 25000, 0,
	     2020, 5, 26, 2020, 6, 3, "resident"},
	    {"智能制造", "泰盟智能化工厂二期项目", "长春泰盟机械制造股份有限公司", 18000, PF_RENOV,
	     2020, 6, 12, 2020, 6, 16, "business"},
	    {"配套服务", "新型管业二期项目", "长春新型管业有限公司", 8000, PF_RENOV, 2020, 7, 9,
	     2020, 7, 14, "business"},
	    {"轨道交通", "尼特固汽车部件生产项目", "长春尼特固汽车部件有限公司", 12000, 0, 2020, 9,
	     10, 2020, 9, 25, "business"},
	    {"智能制造", "华芯智能识别设备项目", "长春华芯智能识别科技有限公司", 6000, PF_LEASED,
	     2020, 9, 10, 2020, 10, 13, "business"},
	};
	int idx[8];
	for (size_t k = 0; k < sizeof named2020 / sizeof named2020[0]; k++) {
		int i = named(x, named2020[k].label, named2020[k].amount, named2020[k].flags, 2020,
		              NULL, named2020[k].name, NULL, NULL, NULL, named2020[k].ent);
		if (i < 0)
			return -1;
		idx[k] = i;
		x->pp[i].in.source = named2020[k].source;
		x->pp[i].fu_kinds = strcmp(named2020[k].source, "cloud") == 0;
		if (x->pp[i].fu_kinds)
			x->pp[i].in.notes = "疫情期间“不见面”线上招商，通过电话、视频开展对接洽谈";
		over_set(o, dymd(named2020[k].ry, named2020[k].rm, named2020[k].rd), 0, 0, 0, 0, 0);
		plan_life(x, i, dymd(named2020[k].sy, named2020[k].sm, named2020[k].sd), o, NULL,
		          x->today);
	}
	/* 智能制造产业园二期: 占地8.5万平方米,建筑面积6.3万平方米,预计总投资4亿元 */
	struct pp *park = &x->pp[idx[0]];
	park->in.investor = "吉林省智造产业园运营管理有限公司";
	park->in.investor_region = "吉林省长春市";
	park->in.land_mu = 127.5;
	park->in.notes = "占地8.5万平方米，建筑面积6.3万平方米；疫情期间“不见面”线上招商落地";
	over_set(o, dymd(2020, 4, 8), dymd(2020, 5, 15), dymd(2020, 6, 18), dymd(2021, 8, 30),
	         dymd(2021, 10, 20), dymd(2022, 9, 28));
	plan_life(x, idx[0], dymd(2020, 3, 20), o, NULL, x->today);
	/* the projects under construction since 2019: 长客动车组三四级维修, 中车车辆公司整体搬迁 */
	int ck = named(x, "轨道交通", 50000, PF_RENOV, 2019, NULL, "长客动车组三四级维修项目", NULL,
	               NULL, NULL, "中车长春轨道客车股份有限公司");
	int cl = named(x, "轨道交通", 260000, 0, 2019, NULL, "中车长客长春车辆公司整体搬迁项目",
	               NULL, NULL, "central_soe", "中车长客长春车辆有限公司");
	if (ck < 0 || cl < 0)
		return -1;
	x->pp[cl].in.investor = "中车长春轨道客车股份有限公司";
	x->pp[cl].in.investor_region = "吉林省长春市";
	x->pp[cl].in.land_mu = 420;
	x->pp[cl].in.special_team = 1;
	x->pp[cl].in.level = "province";
	over_set(o, dymd(2019, 5, 24), 0, dymd(2019, 8, 12), dymd(2020, 10, 30), dymd(2020, 12, 1),
	         dymd(2021, 9, 15));
	plan_life(x, ck, dymd(2019, 5, 20), o, NULL, x->today);
	over_set(o, dymd(2019, 4, 2), dymd(2019, 6, 20), dymd(2019, 8, 26), dymd(2021, 6, 28),
	         dymd(2021, 9, 8), dymd(2022, 10, 20));
	plan_life(x, cl, dymd(2019, 3, 28), o, NULL, x->today);
	const struct cohort y2019 = {
	    6, dymd(2019, 3, 1), dymd(2019, 11, 29), {0, 0, 2}, 1500, 9800, 0, 20, 10, 0, NULL};
	const struct cohort y2020 = {
	    10, dymd(2020, 2, 10), dymd(2020, 10, 30), {0, 1, 3}, 800, 9800, 0, 20, 10, 10, NULL};
	if (cohort(x, &y2019) < 0 || cohort(x, &y2020) < 0)
		return -1;
	for (int i = first; i < x->np; i++)
		if (x->pp[i].ent >= 0 && x->ents[x->pp[i].ent].account >= 0)
			x->pp[i].reporter = x->ents[x->pp[i].ent].account;
	if (emit_range(x, first, x->np) < 0)
		return -1;
	/* 000: 疫情发生后…为我们专门配了一台接送员工上下班的车辆; 为保证中车车辆公司整体搬迁 …
	 * 解决了
	 * 供水能力不足的问题;通过物华路拓宽工程、金麦街拓宽工程、建业大街南延长线工程和停车场的建设,
	 * 完善了项目周边路网 …
	 * 推进吉祥66KV变电站及中车66KV变电站配套工程,为项目提供了足够的电力支持;
	 * 协调区规自局、市建委为企业开通“绿色通道”,帮助企业在短期内取得建设用地规划许可证、建设用地
	 * 工程许可证 */
	if (pb_told(x, ck, dymd(2020, 2, 10), "other", "经发局", "员工居住合隆镇，复工通勤困难",
	            "项目大部分员工住在合隆镇，疫情期间公共交通停运，无法复工", 3, 0,
	            dymd(2020, 2, 12), "经开发区领导协调，为项目专门配备一台接送员工上下班的车辆",
	            dymd(2020, 2, 19), "接送车辆已运行，项目复工复产，问题销号") < 0 ||
	    pb_told(x, cl, dymd(2020, 3, 16), "utilities", NULL, "整体搬迁后供水能力不足",
	            "新厂区生产、生活用水需求大，现有供水管网能力不足", 20, 0, dymd(2020, 4, 28),
	            "已与长春水务集团和市政府相关部门协调，实施供水管网扩容改造", dymd(2020, 8, 20),
	            "供水管网扩容完成，供水能力不足问题解决，问题销号") < 0 ||
	    pb_told(x, cl, dymd(2020, 4, 10), "other", "规划建设部", "项目周边路网不完善、停车难",
	            "厂区周边道路狭窄，员工和货运车辆通行、停车困难", 30, 0, dymd(2020, 5, 15),
	            "物华路拓宽工程、金麦街拓宽工程、建业大街南延长线工程和停车场建设纳入今年计划",
	            dymd(2020, 10, 28),
	            "周边道路拓宽及停车场已建成，满足企业通行和停车需求，问题销号") < 0 ||
	    pb_told(x, cl, dymd(2020, 4, 22), "utilities", NULL, "项目用电负荷缺口",
	            "搬迁后新厂区用电负荷大幅增加，现有变电站容量不足", 20, dymd(2020, 6, 1),
	            dymd(2020, 6, 10),
	            "已与长春供电公司协调，推进吉祥66KV变电站及中车66KV变电站配套工程",
	            dymd(2020, 10, 15), "变电站配套工程投运，电力保障到位，问题销号") < 0 ||
	    pb_told(x, idx[0], dymd(2020, 5, 18), "planning", NULL,
	            "建设用地规划许可证、建设工程规划许可证待办理",
	            "项目急于开工，规划许可手续材料准备不足", 5, 0, dymd(2020, 5, 21),
	            "主动帮助企业准备资料，协调区规自局、市建委开通“绿色通道”", dymd(2020, 6, 5),
	            "已取得建设用地规划许可证、建设工程规划许可证，问题销号") < 0)
		return -1;
	/* 000: 2020年1—9月…固定资产投资完成12.6亿元 */
	for (int i = first; i < x->np; i++)
		if (invest_drawn(x, i, 2020, 9, 0.7, 1.05, 0.6, 0.95) < 0)
			return -1;
	scale_reports(x, 2020, 9, 126000);
	return 0;
}

/* ---- 海门开发区 ---------------------------------------------------------------------------------
 */

/* 003 (2022): 二季度签约5亿元以上项目8个,其中超50亿元项目2个,签约超亿美元项目4个,到账外资8000万
 * 美元 … 6个招商分局重点落实 … 每周进行招商会审、公布招商“龙虎榜”. 上月底,开发区7个超亿元项目
 * 集中开工,3个大项目集中“云签约”. 新中联供应链管理项目通过“云”签约,落户开发区,该项目由新加坡新
 * 中联集团投资,总投资额超过2亿美元. 纳琳科高功能纳米材料项目、金益成精密机械项目等4个超5亿元大
 * 项目和3个超亿元的科创项目顺利开工. 重点推进胜宏科技、康佳科技园项目审图、施工队伍确定,确保5月份
 * 开工建设 … 二季度确保新开工超5亿元项目7个,其中超100亿元项目1个 … 二季度完成竣工、达产项目各2个 */
struct hm_proj {
	const char *label, *bureau, *name, *investor, *region, *itype, *ent;
	double amount; /* 万元, or 万美元 when usd */
	int usd, flags;
	const char *source;
	int64_t sign, reg, land, start;
	int cloud_sign;
};

static int hm_add(struct pz *x, const struct hm_proj *h)
{
	int year = year_of(h->sign);
	int i = named(x, h->label, h->usd ? h->amount * fx_of(year) : h->amount,
	              h->flags | (h->usd ? PF_FOREIGN : 0), year, h->bureau, h->name, h->investor,
	              h->region, h->itype, h->ent);
	if (i < 0)
		return -1;
	struct pp *p = &x->pp[i];
	if (h->usd)
		set_usd(x, i, h->amount, year);
	if (h->usd) {
		p->in.investor_origin = h->region && strncmp(h->region, "中国", strlen("中国")) == 0
		                            ? "hmt"
		                            : "foreign";
		p->in.investor_type = p->in.investor_origin[0] == 'h' ? "hmt" : "foreign";
	}
	if (h->source)
		p->in.source = h->source;
	p->cloud_sign = h->cloud_sign;
	p->fu_kinds = h->source && strcmp(h->source, "cloud") == 0;
	if (p->in.amount_wan >= 100000)
		p->in.special_team = 1;
	int64_t o[PS__COUNT];
	over_set(o, h->reg, h->land, h->start, 0, 0, 0);
	plan_life(x, i, h->sign, o, NULL, x->today);
	return i;
}

static int zone_hmetdz(struct pz *x)
{
	const int64_t start = dymd(2022, 4, 29); /* 上月底: the seven started together */
	const char *const b1 = "招商一分局", *const b2 = "招商二分局", *const b3 = "招商三分局",
	                  *const b4 = "招商四分局", *const b5 = "招商五分局",
	                  *const b6 = "招商六分局";
	const struct hm_proj named22[] = {
	    /* signed in 2021, started in the second quarter of 2022 */
	    {"新一代信息技术", b2, "康佳科技园项目", "康佳集团股份有限公司", "广东省深圳市",
	     "central_soe", "南通康佳科技有限公司", 200000, 0, 0, "business", dymd(2021, 8, 20),
	     dymd(2021, 9, 14), dymd(2022, 3, 18), dymd(2022, 5, 26), 0},
	    {"智能装备", b3, "金益成精密机械项目", "昆山金益成精密机械集团有限公司", "江苏省苏州市",
	     "private", "南通金益成精密机械有限公司", 52000, 0, 0, "resident", dymd(2021, 9, 15),
	     dymd(2021, 10, 11), dymd(2022, 3, 8), start, 0},
	    {"新一代信息技术", b2, "普奥电子元器件生产项目", NULL, NULL, NULL,
	     "南通普奥电子科技有限公司", 18000, 0, 0, "business", dymd(2021, 10, 20),
	     dymd(2021, 11, 15), dymd(2022, 2, 10), dymd(2022, 3, 22), 0},
	    {"塑料与新材料", b4, "纳琳科高功能纳米材料项目", "上海纳琳科新材料科技有限公司",
	     "上海市", "private", "纳琳科新材料（南通）有限公司", 80000, 0, 0, "resident",
	     dymd(2021, 11, 26), dymd(2021, 12, 20), dymd(2022, 3, 25), start, 0},
	    {"船舶海工", b1, "高技术船舶及海工装备产业基地项目", "华海船舶重工集团有限公司",
	     "上海市", "central_soe", NULL, 1050000, 0, 0, "business", dymd(2021, 12, 16),
	     dymd(2022, 1, 20), dymd(2022, 4, 8), start, 0},
	    {"新一代信息技术", b2, "胜宏科技高端印制电路板项目", "胜宏科技（惠州）股份有限公司",
	     "广东省惠州市", "private", "胜宏科技（南通）有限公司", 300000, 0, 0, "business",
	     dymd(2021, 12, 10), dymd(2022, 1, 6), dymd(2022, 4, 15), dymd(2022, 5, 18), 0},
	    {"供应链与科创服务", b6, "博浩信息工业软件科创项目", NULL, NULL, NULL,
	     "南通博浩信息科技有限公司", 15000, 0, PF_LEASED, "cloud", dymd(2021, 12, 28),
	     dymd(2022, 1, 17), 0, start, 0},
	    {"智能装备", b3, "智能装备关键部件制造项目", NULL, NULL, NULL, NULL, 68000, 0, 0,
	     "agent", dymd(2022, 1, 12), dymd(2022, 2, 15), dymd(2022, 3, 30), start, 0},
	    {"供应链与科创服务", b6, "金利轩精密制造科创项目", NULL, NULL, NULL,
	     "南通金利轩科技有限公司", 12000, 0, PF_LEASED, "cloud", dymd(2022, 1, 25),
	     dymd(2022, 2, 21), 0, start, 0},
	    {"智能装备", b3, "科沃斯机器人智能制造基地项目", "科沃斯机器人股份有限公司",
	     "江苏省苏州市", "private", "科沃斯机器人（南通）有限公司", 200000, 0, 0, "business",
	     dymd(2022, 2, 10), dymd(2022, 3, 8), dymd(2022, 8, 18), dymd(2022, 10, 12), 0},
	    {"供应链与科创服务", b6, "北斗导航终端研发科创项目", NULL, NULL, NULL, NULL, 11000, 0,
	     PF_LEASED, "cloud", dymd(2022, 2, 16), dymd(2022, 3, 10), 0, start, 0},
	    {"新一代信息技术", b2, "半导体封装测试项目", NULL, NULL, NULL, NULL, 90000, 0, 0,
	     "agent", dymd(2022, 2, 22), dymd(2022, 3, 16), dymd(2022, 5, 12), dymd(2022, 6, 16),
	     0},
	    {"智能装备", b3, "昆山模具产业园项目", "昆山模具工业协会会员企业联合体", "江苏省苏州市",
	     "private", NULL, 45000, 0, 0, "business", dymd(2022, 3, 15), dymd(2022, 5, 10),
	     dymd(2022, 9, 20), dymd(2022, 11, 8), 0},
	    /* the second quarter: 8 of 5亿 or more, 2 of them over 50亿, 4 of 1亿美元 or more */
	    {"供应链与科创服务", b5, "新中联供应链管理项目", "新加坡新中联集团有限公司", "新加坡",
	     "foreign", "新中联供应链管理（南通）有限公司", 21000, 1, 0, "cloud", dymd(2022, 4, 27),
	     dymd(2022, 4, 28), dymd(2022, 7, 26), dymd(2022, 9, 15), 1},
	    {"船舶海工", b1, "高端船舶海工装备制造基地项目", NULL, NULL, "local_soe", NULL, 620000,
	     0, 0, "cloud", dymd(2022, 4, 27), dymd(2022, 5, 30), dymd(2022, 8, 22),
	     dymd(2022, 10, 28), 1},
	    {"智能装备", b5, "德资船用智能装备项目", "德国汉斯船舶技术有限公司", "德国", NULL, NULL,
	     15000, 1, 0, "cloud", dymd(2022, 4, 27), dymd(2022, 5, 24), dymd(2022, 8, 30),
	     dymd(2022, 11, 15), 1},
	    {"智能装备", b5, "日资精密模具制造项目", "日本精工模具株式会社", "日本", NULL, NULL,
	     12000, 1, 0, "expo", dymd(2022, 4, 12), dymd(2022, 5, 6), dymd(2022, 7, 18),
	     dymd(2022, 9, 6), 0},
	    {"智能装备", b3, "工业机器人整机制造项目", NULL, NULL, NULL, NULL, 80000, 0, 0,
	     "business", dymd(2022, 5, 11), dymd(2022, 6, 8), dymd(2022, 9, 9), dymd(2022, 11, 2),
	     0},
	    {"供应链与科创服务", b5, "港资冷链供应链基地项目", "香港冷链物流控股有限公司",
	     "中国香港", NULL, NULL, 10500, 1, 0, "agent", dymd(2022, 5, 20), dymd(2022, 7, 12),
	     dymd(2022, 10, 10), dymd(2022, 12, 6), 0},
	    {"塑料与新材料", b4, "高性能复合新材料产业基地项目", NULL, NULL, "local_soe", NULL,
	     160000, 0, 0, "cloud", dymd(2022, 5, 26), dymd(2022, 6, 22), dymd(2022, 9, 16),
	     dymd(2022, 11, 25), 0},
	    {"新一代信息技术", b2, "新一代信息技术产业园项目", NULL, NULL, "central_soe", NULL,
	     550000, 0, 0, "cloud", dymd(2022, 6, 10), dymd(2022, 7, 5), dymd(2022, 10, 18),
	     dymd(2023, 1, 10), 0},
	    /* foreign ones of before: 赐宝's expansion, a Singapore supplier's plant */
	    {"塑料与新材料", b5, "赐宝新型薄板扩产项目", NULL, NULL, NULL,
	     "赐宝新型薄板(江苏)有限公司", 3000, 1, PF_RENOV, "business", dymd(2021, 5, 18),
	     dymd(2021, 5, 25), 0, dymd(2021, 9, 13), 0},
	    {"新一代信息技术", b5, "新加坡电子材料生产项目", "新加坡恒泰电子材料私人有限公司",
	     "新加坡", NULL, NULL, 4500, 1, 0, "business", dymd(2022, 1, 14), dymd(2022, 2, 10),
	     dymd(2022, 3, 1), dymd(2022, 3, 28), 0},
	};
	int first = x->np;
	int ids[40];
	int n = (int)(sizeof named22 / sizeof named22[0]);
	for (int k = 0; k < n; k++)
		if ((ids[k] = hm_add(x, &named22[k])) < 0)
			return -1;
	int zx = ids[13], cb = ids[21], sg = ids[22], usa = ids[16], usb = ids[15];
	x->pp[zx].in.notes = "通过“云拜访”“云洽谈”“云签约”落户，总投资超过2亿美元";
	x->pp[ids[4]].in.level = "province";
	/* 二季度完成竣工、达产项目各2个: four of 2020 and 2021 */
	static const struct {
		const char *label;
		double amount;
		int sy, sm, sd;
		int cy, cm, cd; /* completed, or at capacity when `cap` */
		int cap;
	} older[] = {
	    {"智能装备", 26000, 2020, 9, 15, 2022, 5, 12, 0},
	    {"船舶海工", 48000, 2020, 11, 20, 2022, 6, 8, 0},
	    {"新一代信息技术", 32000, 2020, 6, 18, 2022, 4, 20, 1},
	    {"塑料与新材料", 15000, 2020, 8, 26, 2022, 6, 22, 1},
	};
	for (size_t k = 0; k < 4; k++) {
		int i =
		    pp_synth(x, sector_named(x, older[k].label), older[k].amount, 0, older[k].sy);
		if (i < 0)
			return -1;
		int64_t o[PS__COUNT] = {0};
		o[older[k].cap ? PS_CAPACITY : PS_COMPLETED] =
		    dymd(older[k].cy, older[k].cm, older[k].cd);
		plan_life(x, i, dymd(older[k].sy, older[k].sm, older[k].sd), o, NULL, x->today);
	}
	/* the rest of the first half of 2022: 1亿-5亿 and smaller (none of 5亿 or more in the
	 * second quarter besides the eight), and leads worked towards the second half */
	const struct cohort q1 = {
	    12, dymd(2022, 1, 6), dymd(2022, 3, 30), {0, 0, 4}, 1500, 9800, 0, 10, 15, 0, NULL};
	const struct cohort q2 = {
	    14, dymd(2022, 4, 6), dymd(2022, 6, 24), {0, 0, 6}, 1500, 9800, 0, 10, 15, 0, NULL};
	if (cohort(x, &q1) < 0 || cohort(x, &q2) < 0)
		return -1;
	/* leads of the first half: 北斗数字产业园, 筑梦之星总部孵化基地 (推进…签约落地) and others
	 */
	static const char *const leads[] = {"北斗数字产业园项目", "筑梦之星总部孵化基地项目"};
	for (int k = 0; k < 12; k++) {
		double amount = band_amount(x,
		                            k < 2                        ? 2
		                            : rng_below(&x->r, 100) < 30 ? 2
		                                                         : 3,
		                            1500, 9800); /* before the sector (a_person) */
		int i = pp_synth(x, k < 2 ? sector_named(x, "供应链与科创服务") : pick_sector(x),
		                 amount, 0, 2022);
		if (i < 0)
			return -1;
		if (k < 2)
			x->pp[i].in.name = leads[k];
		int64_t d[PS__COUNT];
		sched(x, i, workday(x, dymd(2022, 8, 1) + rng_below(&x->r, 200)), d);
		d[PS_LEAD] = dymd(2022, 1, 10) + rng_below(&x->r, 130);
		d[PS_NEGOTIATING] = d[PS_LEAD] + rng_range(&x->r, 10, 40);
		commit(x, i, d, x->today);
		if (k >= 2 && rng_pct(&x->r, 30)) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, dymd(2022, 9, 1) + rng_below(&x->r, 120), why);
		}
	}
	/* nobody else started on the day the seven did */
	for (int i = first; i < x->np; i++) {
		int seven = 0;
		for (int k = 0; k < n; k++)
			seven |= ids[k] == i && named22[k].start == start;
		if (!seven && x->pp[i].d[PS_STARTED] == start)
			x->pp[i].d[PS_STARTED] = workday(x, start + 5);
	}
	for (int i = first; i < x->np; i++)
		if (x->pp[i].ent >= 0 && x->ents[x->pp[i].ent].account >= 0)
			x->pp[i].reporter = x->ents[x->pp[i].ent].account;
	if (emit_range(x, first, x->np) < 0)
		return -1;
	/* the first half's investment: the plans of 2022 and the reports of January to June; the
	 * foreign money of the second quarter (到账外资) as its projects reported it */
	for (int i = first; i < x->np; i++) {
		const struct project *in = &x->pp[i].in;
		if (in->currency && strcmp(in->currency, "USD") == 0)
			continue;
		if (invest_drawn(x, i, 2022, 6, 0.8, 1.1, 0.6, 0.9) < 0)
			return -1;
	}
	static const struct {
		int which; /* 0 新中联, 1 赐宝, 2 Singapore supplier, 3 the 12,000万美元 one, 4 the
		              15,000 */
		int month;
		double actual, usd;
	} funds[] = {
	    {0, 5, 1800, 2000}, {0, 6, 2600, 1800}, {1, 4, 2400, 500}, {1, 5, 2900, 600},
	    {1, 6, 2100, 400},  {2, 4, 3100, 300},  {2, 5, 2600, 200}, {2, 6, 1900, 100},
	    {3, 6, 600, 1200},  {4, 6, 800, 900},
	};
	const int which[] = {zx, cb, sg, usa, usb};
	for (int w = 0; w < 5; w++) {
		int i = which[w];
		struct pp *p = &x->pp[i];
		int64_t s0 = p->d[PS_STARTED] ? p->d[PS_STARTED] : p->pl[PS_STARTED];
		int m0 = s0 && year_of(s0) == 2022 ? month_of(s0) : 1;
		double fixed = p->in.fixed_investment;
		if (!plan_year(x, i, 2022, m0, 12, fixed * 0.45,
		               p->d[PS_REGISTERED] > dymd(2022, 1, 5) ? p->d[PS_REGISTERED] + 2
		                                                      : dymd(2022, 1, 5),
		               1.0))
			return -1;
		for (size_t k = 0; k < sizeof funds / sizeof funds[0]; k++)
			if (funds[k].which == w &&
			    report(x, i, 2022, funds[k].month, funds[k].actual,
			           funds[k].usd * x->pp[i].in.fx_rate) < 0)
				return -1;
	}
	/* the problems the report names: 能耗、用地 under a 专班, 审图, the power and water before
	 * the start, the 区域评估 that saved 普奥 two thirds of its 环评's time */
	int sh = ids[5], kj = ids[0], nl = ids[3], pa = ids[2], kw = ids[9];
	if (pb_told(x, sh, dymd(2022, 3, 1), "other", "经发局", "项目能耗指标缺口",
	            "项目年综合能耗较大，区内能耗指标不足，影响项目节能审查", 20, dymd(2022, 3, 25),
	            dymd(2022, 4, 8), "专班向上争取能耗指标，企业同步优化用能方案",
	            dymd(2022, 4, 22), "能耗指标已落实，节能审查通过，问题销号") < 0 ||
	    pb_told(x, sh, dymd(2022, 4, 20), "approval", NULL, "施工图审查待完成",
	            "项目施工图量大，审查周期影响5月开工节点", 10, 0, dymd(2022, 4, 28),
	            "审图机构加班审查，分批出具审查意见", dymd(2022, 5, 12),
	            "施工图审查已完成，施工许可证核发，问题销号") < 0 ||
	    pb_told(x, kj, dymd(2022, 4, 18), "approval", NULL, "康佳科技园审图和施工队伍确定",
	            "项目施工图审查和施工总承包招标未完成，影响5月开工", 10, 0, dymd(2022, 4, 29),
	            "审图与招标并联推进，施工总承包单位已确定", dymd(2022, 5, 20),
	            "施工队伍进场，项目具备开工条件，问题销号") < 0 ||
	    pb_told(x, nl, dymd(2022, 4, 6), "utilities", NULL, "开工前用电、用水未接入",
	            "项目地块施工用电、用水尚未接入，影响4月底集中开工", 10, 0, dymd(2022, 4, 13),
	            "超前服务，协调供电、水务公司先行接入施工临时水电", dymd(2022, 4, 27),
	            "施工用水用电已接通，问题销号") < 0 ||
	    pb_told(x, pa, dymd(2022, 2, 14), "approval", NULL, "项目环评办理",
	            "项目需编制环境影响报告表，企业自行办理周期较长", 10, 0, dymd(2022, 2, 16),
	            "开发区区域评估成果为企业共享应用，变“企业付费”为“政府买单”，直接引用",
	            dymd(2022, 3, 1),
	            "直接引用区域评估成果，比自行办理环评节约三分之二时间，问题销号") < 0 ||
	    pb_told(x, kw, dymd(2022, 5, 9), "land", NULL, "项目用地指标未落实",
	            "项目需新增工业用地，年度用地指标不足，影响落地", 30, dymd(2022, 6, 20),
	            dymd(2022, 7, 15), "专班突破用地制约，盘活低效用地200亩，优先保障项目供地",
	            dymd(2022, 8, 12), "项目地块已完成出让，问题销号") < 0)
		return -1;
	/* the enterprises' accounts report their own projects: 三鑫电子 and 华通塑胶 (003:
	 * 受疫情影响, 1000多吨缠绕膜积压 … a line of degradable film since) */
	int sx = named(x, "新一代信息技术", 6800, PF_RENOV, year_of(x->today), b2,
	               "三鑫电子智能化改造项目", NULL, NULL, NULL, "南通三鑫电子科技有限公司");
	int ht = named(x, "塑料与新材料", 12500, PF_RENOV, year_of(x->today), b4,
	               "华通塑胶可降解缠绕膜生产线项目", NULL, NULL, NULL,
	               "华通联合(南通)塑胶工业有限公司");
	if (sx < 0 || ht < 0)
		return -1;
	int64_t o2[PS__COUNT];
	int64_t s1 = workday(x, x->today - 150), s2 = workday(x, x->today - 260);
	over_set(o2, s1 + 3, 0, s1 + 20, x->today + 60, x->today + 75, x->today + 240);
	plan_life(x, sx, s1, o2, NULL, x->today);
	over_set(o2, s2 + 5, 0, s2 + 30, x->today + 40, x->today + 60, x->today + 200);
	plan_life(x, ht, s2, o2, NULL, x->today);
	if (play_current(x, sx, 0) < 0 || play_current(x, ht, 1) < 0)
		return -1;
	/* the bureaus' targets of 2022 */
	const char *const bs[] = {b1, b2, b3, b4, b5, b6};
	for (int k = 0; k < 6; k++) {
		int d = dept_named(x, bs[k]);
		double v[FIG__COUNT];
		signed_figures(x, first, d, 2022, 1, v);
		double t[FIG__COUNT] = {
		    ceil(v[FIG_SIGNED_COUNT] * 2.2 + 2),
		    round(v[FIG_SIGNED_AMOUNT] * 1.8 / 10000 + 1) * 10000,
		    ceil(v[FIG_COUNT_100M] * 2 + 1),
		    ceil(v[FIG_COUNT_500M] * 1.8 + 1),
		    ceil(v[FIG_COUNT_1000M] * 1.5),
		    k == 4 ? 6 : 0,
		    round(v[FIG_SIGNED_AMOUNT] * 0.25 / 1000 + 1) * 1000,
		    ceil(v[FIG_SIGNED_COUNT] * 1.2 + 1),
		    2 + k % 3,
		};
		if (target(x, 2022, d, -1, t) < 0)
			return -1;
	}
	return 0;
}

/* ---- 望城经开区 ---------------------------------------------------------------------------------
 */

/* 004 (July 2020): 今年以来,园区已有212个项目,包括74个新项目。截至目前,已完成投资115.5亿元 …
 * 毛亨高新、日本涂料、永善锂盐、恒凯智能等54个新项目开工,6个工业项目提前6个月开工。新项目开工率
 * 达到73.0%,JD.COM亚洲一号和国美重大项目开工率达到100% … 上半年,引进投资2万元的项目52个,总投资98
 * 亿元。其中投资过亿的项目14个 … 托普联科、科阳半导体、九木集团等30个优质项目正在紧锣密鼓跟进 …
 * 确保年投资261.4亿元. The report's day is the end of the zone's 2020 here: nothing more happens
 * until 2021 (the gap), so the year's figures are the report's. */
static int zone_wcetdz(struct pz *x)
{
	const char *const bt = "智能终端招商分局", *const bm = "新材料和智能制造招商分局",
	                  *const be = "电商物流和服务业招商分局";
	x->gap_from = dymd(2020, 7, 11);
	x->gap_to = dymd(2021, 1, 4);
	int first = x->np;
	int64_t o[PS__COUNT], pl[PS__COUNT];
	/* under construction since 2019 (续建): the report's names first */
	static const struct {
		const char *label, *name, *investor, *region, *ent;
		double amount;
		const char *s, *r, *l, *st, *pr; /* signed, registered, land, started, produced */
	} cont[] = {
	    {"电商物流", "华为枢纽仓库项目", "华为技术有限公司", "广东省深圳市",
	     "湖南华为供应链管理有限公司", 200000, "2019-09-18", "2019-11-26", "2019-11-28",
	     "2019-12-02", "2020-12-15"},
	    {"智能终端", "德赛电池二期项目", "湖南德赛电池有限公司", "湖南省长沙市",
	     "湖南德赛电池有限公司", 150000, "2019-04-16", "2019-04-25", "2019-07-12", "2019-09-06",
	     "2020-11-18"},
	    {"智能终端", "比亚迪电子智能终端产业园项目", "比亚迪股份有限公司", "广东省深圳市",
	     "比亚迪电子（长沙）有限公司", 500000, "2019-06-18", "2019-07-15", "2019-08-02",
	     "2019-08-20", "2020-04-15"},
	    {"智能终端", "新世电子智能终端配件项目", NULL, NULL, "湖南新世电子有限公司", 50000,
	     "2019-03-12", "2019-04-18", "2019-05-30", "2019-07-08", "2020-06-12"},
	    {"电商物流", "唯品会华中物流园项目", "唯品会（中国）有限公司", "广东省广州市",
	     "湖南唯品会物流有限公司", 100000, "2018-10-26", "2018-12-14", "2019-01-22",
	     "2019-03-18", "2020-09-24"},
	};
	int ids_cont[5];
	for (int k = 0; k < 5; k++) {
		int i =
		    named(x, cont[k].label, cont[k].amount, 0, year4(cont[k].s), NULL, cont[k].name,
		          cont[k].investor, cont[k].region, "private", cont[k].ent);
		if (i < 0)
			return -1;
		ids_cont[k] = i;
		x->pp[i].in.special_team = cont[k].amount >= 100000;
		x->pp[i].in.level = cont[k].amount >= 100000 ? "city" : "district";
		over_set(o, dnum(cont[k].r), dnum(cont[k].l), 0, 0, 0, 0);
		o[PS_STARTED] = dnum(cont[k].st);
		o[PS_PRODUCING] = dnum(cont[k].pr);
		o[PS_COMPLETED] = o[PS_PRODUCING] - 40;
		memset(pl, 0, sizeof pl);
		pl[PS_STARTED] = o[PS_STARTED] - rng_range(&x->r, 0, 20);
		plan_life(x, i, dnum(cont[k].s), o, pl, x->today);
	}
	x->pp[ids_cont[2]].in.expected_output = 1500000; /* 年产5000万台、年产值150亿元 */
	x->pp[ids_cont[2]].in.notes = "力争日产24万台、年产5000万台、年产值150亿元";
	/* the other 133 under construction: started from 2018 to November 2019, 45 to produce in
	 * 2020 */
	const struct cohort cc = {
	    133, dymd(2017, 3, 6), dymd(2019, 6, 28), {6, 10, 40}, 2000, 9800, 3, 15, 10, 0, NULL};
	int c0 = cohort(x, &cc);
	if (c0 < 0)
		return -1;
	for (int i = c0; i < x->np; i++) {
		int64_t sign = x->pp[i].d[PS_SIGNED];
		int64_t st = sign + rng_range(&x->r, 40, 200);
		if (st < dymd(2018, 3, 1))
			st = dymd(2018, 3, 1) + rng_below(&x->r, 60);
		if (st > dymd(2019, 11, 29))
			st = dymd(2019, 11, 29) - rng_below(&x->r, 30);
		int64_t prod = i - c0 < 45 ? dymd(2020, 1, 10) + rng_below(&x->r, 340)
		                           : dymd(2021, 1, 15) + rng_below(&x->r, 400);
		memset(o, 0, sizeof o);
		memset(pl, 0, sizeof pl);
		o[PS_STARTED] = st;
		o[PS_COMPLETED] = prod - rng_range(&x->r, 20, 60);
		o[PS_PRODUCING] = prod;
		pl[PS_STARTED] = st - rng_range(&x->r, 0, 20);
		x->pp[i].d[PS_DROPPED] = 0;
		plan_life(x, i, sign, o, pl, x->today);
	}
	/* 74 new projects planned to start in 2020: the report's six, 44 more signed in 2019, 24
	 * signed this half-year; 54 started by the report (6 of them six months early), 20 not in
	 * 2020 */
	static const struct {
		const char *label, *name, *investor, *region, *itype, *ent;
		double amount;
		int usd;
		const char *s, *r, *l, *st;
	} fresh[] = {
	    {"智能终端", "毛亨高新智能终端产业园项目", NULL, NULL, "private",
	     "湖南毛亨高新科技有限公司", 60000, 0, "2019-11-08", "2019-12-03", "2020-01-10",
	     "2020-03-18"},
	    {"新材料", "立邦涂料长沙生产基地项目", "立邦涂料（中国）投资有限公司", "日本",
	     "foreign", "立邦涂料（长沙）有限公司", 8000, 1, "2019-10-15", "2019-11-18",
	     "2020-01-06", "2020-04-15"},
	    {"新材料", "永杉锂业年产2万吨锂盐项目", NULL, NULL, "private", "湖南永杉锂业有限公司",
	     120000, 0, "2019-09-20", "2019-10-21", "2020-02-28", "2020-05-20"},
	    {"智能制造", "恒凯智能装备生产基地项目", NULL, NULL, "private",
	     "湖南恒凯智能科技有限公司", 30000, 0, "2019-07-10", "2019-08-06", "2020-01-14",
	     "2020-04-08"},
	    {"电商物流", "京东亚洲一号长沙智能物流园项目", "北京京东世纪贸易有限公司", "北京市",
	     "private", "长沙京东亚洲一号物流有限公司", 150000, 0, "2019-04-22", "2019-05-20",
	     "2019-12-18", "2020-03-16"},
	    {"电商物流", "国美智慧物流园项目", "国美电器有限公司", "北京市", "private",
	     "湖南国美电器物流有限公司", 100000, 0, "2019-05-28", "2019-06-25", "2020-01-20",
	     "2020-04-09"},
	};
	int n0 = x->np;
	for (int k = 0; k < 6; k++) {
		int y = year4(fresh[k].s);
		int i = named(x, fresh[k].label,
		              fresh[k].usd ? fresh[k].amount * fx_of(y) : fresh[k].amount,
		              fresh[k].usd ? PF_FOREIGN : 0, y, NULL, fresh[k].name,
		              fresh[k].investor, fresh[k].region, fresh[k].itype, fresh[k].ent);
		if (i < 0)
			return -1;
		if (fresh[k].usd) {
			set_usd(x, i, fresh[k].amount, y);
			x->pp[i].in.investor_origin = "foreign";
		}
		x->pp[i].in.level = fresh[k].amount >= 100000 ? "city" : "district";
		x->pp[i].in.special_team = fresh[k].amount >= 100000;
		over_set(o, dnum(fresh[k].r), dnum(fresh[k].l), dnum(fresh[k].st), 0, 0, 0);
		memset(pl, 0, sizeof pl);
		pl[PS_STARTED] = dymd(2020, 3, 2) + rng_below(&x->r, 60);
		plan_life(x, i, dnum(fresh[k].s), o, pl, x->today);
	}
	/* 44 signed in 2019: 36 started (6 of them early), 8 not */
	const struct cohort n19 = {
	    44, dymd(2019, 2, 11), dymd(2019, 12, 20), {2, 4, 12}, 2000, 9800, 2, 0, 10, 0, NULL};
	int f0 = cohort(x, &n19);
	if (f0 < 0)
		return -1;
	/* 52 signed in the first half of 2020 (98亿元, 14 of 1亿元 or more, 16 智能终端): the first
	 * 24 planned to start in 2020 (12 started by the report), the others in 2021 */
	static const double big52[] = {120000, 105000, 68000, 75000, 62000, 35000, 28000,
	                               42000,  18000,  25000, 31000, 22000, 15000, 30000};
	int h0 = x->np, term = sector_named(x, "智能终端");
	for (int k = 0; k < 52; k++) {
		/* the fourteen big ones spread over the half-year; the 38 others in pairs about
		 * 8000万 (98亿元 in all) */
		int a = (k * 23) % 52;
		double amount = a < 14 ? big52[a]
		                       : 8000 + ((a - 14) % 2 ? -1 : 1) *
		                                    (double)((((a - 14) / 2) * 7) % 19) * 90;
		int sector = term;
		for (int tries = 0; k >= 16 && sector == term && tries < 50; tries++)
			sector = pick_sector(x);
		int i = pp_synth(x, sector, amount, 0, 2020);
		if (i < 0)
			return -1;
	}
	for (int k = 0; k < 3; k++)
		x->pp[h0 + k * 7].in.notes = "“三类500强”企业投资项目";
	/* when each starts */
	for (int i = f0; i < x->np; i++) {
		int j = i - f0; /* 0-43: signed 2019; 44-95: the 52 */
		int64_t sign =
		    j < 44 ? x->pp[i].d[PS_SIGNED]
		           : workday(x, (j - 44) < 24 ? dymd(2020, 1, 6) + rng_below(&x->r, 100)
		                                      : dymd(2020, 1, 6) + rng_below(&x->r, 180));
		memset(o, 0, sizeof o);
		memset(pl, 0, sizeof pl);
		int started = j < 36 || (j >= 44 && j < 56);
		int early = j < 6;
		int year2021 = j >= 68;
		if (year2021) {
			o[PS_STARTED] = dymd(2021, 2, 1) + rng_below(&x->r, 250);
			pl[PS_STARTED] = o[PS_STARTED] - rng_range(&x->r, 0, 20);
		} else if (started) {
			int64_t lo = sign + 45 > dymd(2020, 2, 17) ? sign + 45 : dymd(2020, 2, 17);
			if (lo > dymd(2020, 7, 1))
				lo = dymd(2020, 6, 20);
			o[PS_STARTED] = rng_range(&x->r, lo, dymd(2020, 7, 8));
			pl[PS_STARTED] = early ? o[PS_STARTED] + rng_range(&x->r, 170, 190)
			                       : o[PS_STARTED] - rng_range(&x->r, -10, 25);
			if (pl[PS_STARTED] < dymd(2020, 1, 2))
				pl[PS_STARTED] = dymd(2020, 1, 2) + rng_below(&x->r, 20);
			if (pl[PS_STARTED] > dymd(2020, 12, 28))
				pl[PS_STARTED] = dymd(2020, 12, 28);
		} else {
			/* planned for 2020, started in 2021 (a few given up) */
			pl[PS_STARTED] = dymd(2020, 3, 2) + rng_below(&x->r, 290);
			o[PS_STARTED] = dymd(2021, 1, 18) + rng_below(&x->r, 240);
		}
		if (o[PS_STARTED] - sign < 30)
			o[PS_STARTED] = sign + 30;
		plan_life(x, i, sign, o, pl, x->today);
		if (!started && !year2021 && j % 7 == 3) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, dymd(2021, 3, 1) + rng_below(&x->r, 120), why);
		}
	}
	/* leads followed at the report (托普联科、科阳半导体、九木集团等30个), and the four
	 * contacted (新伟通信、比亚迪精密结构件、石天精工、华融科技): signed or given up from 2021
	 */
	static const char *const lead_names[][2] = {
	    {"托普联科智能终端项目", "托普联科（深圳）科技有限公司"},
	    {"科阳半导体封装项目", "科阳半导体（苏州）有限公司"},
	    {"九木集团智能制造项目", "九木集团有限公司"},
	    {"新伟通信智能终端配套项目", "新伟通信技术有限公司"},
	    {"比亚迪精密结构件项目", "比亚迪精密部件有限公司"},
	    {"石天精工精密结构件项目", "石天精工科技有限公司"},
	    {"华融科技智能终端项目", "华融科技股份有限公司"},
	};
	int l0 = x->np;
	for (int k = 0; k < 34; k++) {
		int term_lead = k < 7 || k % 3 == 0;
		/* the amount drawn before the sector (a_person) */
		double amount = band_amount(x,
		                            rng_below(&x->r, 100) < 8 ? 0
		                            : rng_pct(&x->r, 35)      ? 2
		                                                      : 3,
		                            2000, 9800);
		int i = pp_synth(x, term_lead ? term : pick_sector(x), amount, 0, 2020);
		if (i < 0)
			return -1;
		if (k < 7) {
			x->pp[i].in.name = lead_names[k][0];
			x->pp[i].in.investor = lead_names[k][1];
		}
		int64_t d[PS__COUNT];
		sched(x, i, dymd(2021, 1, 20) + rng_below(&x->r, 330), d);
		d[PS_LEAD] = k >= 3 && k < 7 ? dymd(2020, 6, 8) + rng_below(&x->r, 25)
		                             : dymd(2020, 1, 8) + rng_below(&x->r, 170);
		d[PS_NEGOTIATING] = k >= 3 && k < 7 ? 0 : d[PS_LEAD] + rng_range(&x->r, 10, 40);
		commit(x, i, d, x->today);
		/* the plan: signed in the second half of 2020 (力争下半年再签约8至10个智能终端项目)
		 */
		x->pp[i].pl[PS_SIGNED] = workday(x, dymd(2020, 8, 3) + rng_below(&x->r, 140));
		if (k == 5 || (k >= 7 && rng_pct(&x->r, 40))) {
			const char *why = PICK(drop_reasons); /* drawn first (a_person) */
			drop_at(x, i, dymd(2021, 2, 1) + rng_below(&x->r, 200), why);
		}
	}
	(void)l0;
	/* the enterprises' accounts report theirs (德赛电池二期: wcetdz-qiye) */
	for (int i = first; i < x->np; i++)
		if (x->pp[i].ent >= 0 && x->ents[x->pp[i].ent].account >= 0)
			x->pp[i].reporter = x->ents[x->pp[i].ent].account;
	if (emit_range(x, first, x->np) < 0)
		return -1;
	/* 2020's investment: the plans of the 212 (261.4亿元) and what was completed to June
	 * (115.5亿) */
	for (int i = first; i < n0 + 6 + 44 + 52 && i < x->np; i++)
		if (invest_drawn(x, i, 2020, 6, 0.75, 1.05, 0.55, 0.9) < 0)
			return -1;
	scale_plans(x, 2020, 2614000);
	scale_reports(x, 2020, 6, 1155000);
	/* problems of the half-year */
	int byd = ids_cont[2], hw = ids_cont[0], jd = n0 + 4, ys = n0 + 2;
	if (pb_told(x, byd, dymd(2020, 2, 12), "other", "人力资源服务中心", "疫情期间员工返岗难",
	            "春节后外地员工无法按时返岗，生产线用工缺口大", 5, 0, dymd(2020, 2, 14),
	            "组建专业人力资源服务团队，专车接员工返岗", dymd(2020, 2, 28),
	            "员工已全部返岗，生产线满负荷运转，问题销号") < 0 ||
	    pb_told(x, hw, dymd(2020, 3, 9), "utilities", NULL, "仓库用电、通信线路接入",
	            "枢纽仓库投运需双回路供电和通信光缆接入", 15, 0, dymd(2020, 3, 20),
	            "主动对接，水电信息综合保障，供电公司、通信运营商已制定接入方案",
	            dymd(2020, 5, 22), "双回路供电和通信光缆已接入，问题销号") < 0 ||
	    pb_told(x, jd, dymd(2020, 4, 20), "funding", NULL, "项目建设资金需求",
	            "项目二期建设资金需通过政策性银行贷款解决", 20, 0, dymd(2020, 5, 8),
	            "已对接农发行、国家开发银行，纳入政策性贷款支持项目", dymd(2020, 6, 30),
	            "政策性贷款已获批，首笔资金到位，问题销号") < 0 ||
	    pb_told(x, ys, dymd(2020, 3, 23), "approval", NULL, "锂盐项目环评、安评审批",
	            "项目涉及化工工艺，环评和安全评价审批时间长", 15, 0, dymd(2020, 4, 10),
	            "审批前置辅导，环评、安评并联审批", dymd(2020, 5, 12),
	            "环评、安评批复均已取得，问题销号") < 0)
		return -1;
	for (int i = f0, n = 0; i < x->np && n < 6; i++) {
		const struct pp *p = &x->pp[i];
		if (p->d[PS_STARTED] && year_of(p->d[PS_STARTED]) == 2020)
			continue;
		if (!p->pl[PS_STARTED] || year_of(p->pl[PS_STARTED]) != 2020 || p->d[PS_DROPPED])
			continue;
		int64_t day = dymd(2020, 5, 6) + rng_below(&x->r, 40);
		if (pb_told(x, i, day, n % 2 ? "demolition" : "land", NULL,
		            n % 2 ? "地块征拆未完成" : "项目用地报批未完成",
		            n % 2 ? "地块内尚有住户未完成征收，无法交地"
		                  : "项目用地农转用报批尚未获批，无法供地开工",
		            20, dymd(2020, 6, 22), dymd(2020, 7, 6),
		            "已列入重点攻坚清单，专人跟进报批和征拆",
		            dymd(2021, 1, 25) + rng_below(&x->r, 60),
		            "地块已交付，项目具备开工条件，问题销号") < 0)
			return -1;
		n++;
	}
	/* 2020's targets (004:
	 * 确保全年引进10亿元以上项目5个、亿元以上项目20个、2000万元以上项目100个) */
	const char *const bureaus[] = {bt, bm, be};
	static const double n20[] = {45, 30, 25}, b100[] = {9, 6, 5}, b1000[] = {2, 2, 1};
	for (int k = 0; k < 3; k++) {
		double v[FIG__COUNT] = {0};
		v[FIG_SIGNED_COUNT] = n20[k];
		v[FIG_COUNT_100M] = b100[k];
		v[FIG_COUNT_1000M] = b1000[k];
		int d = dept_named(x, bureaus[k]);
		if (d < 0 || target(x, 2020, d, -1, v) < 0)
			return -1;
	}
	return 0;
}

/* ---- gen: projects at province scale ------------------------------------------------------------
 */

static const char SQL_GEN_PROJECT[] =
    "INSERT INTO project (zone_id, no, name, investor, investor_origin, investor_region, "
    "investor_type, industry_code, currency, total_investment, fx_rate, amount_wan, "
    "fixed_investment, registered_capital, land_mu, expected_output, expected_tax, expected_jobs, "
    "dept_id, owner_user_id, source, level, special_team, renovation, stage, enterprise_id, uscc, "
    "contract_no, start_permit_no, first_output_month, drop_reason, dropped_from, lead_date, "
    "plan_sign_date, sign_date, plan_register_date, register_date, plan_land_date, land_date, "
    "plan_start_date, start_date, plan_complete_date, complete_date, plan_produce_date, "
    "produce_date, plan_capacity_date, capacity_date, drop_date, next_due, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_GEN_INVEST[] =
    "INSERT INTO project_invest (project_id, month, zone_id, planned, actual, funds, reported_at, "
    "reported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_GEN_FOLLOWUP[] =
    "INSERT INTO project_followup (zone_id, project_id, kind, on_date, people, notes, next_step, "
    "next_date, next_done, user_id, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, "
    "?, "
    "?)";
static const char SQL_GEN_PROBLEM[] =
    "INSERT INTO project_problem (zone_id, project_id, no, title, detail, category, dept_id, days, "
    "status, reply, close_note, started_at, due_at, answered_at, closed_at, author_id, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char SQL_GEN_SEQ[] =
    "INSERT INTO project_seq (zone_id, kind, year, n) VALUES (?, ?, ?, ?)";
static const char SQL_GEN_TARGET[] =
    "INSERT INTO project_target (zone_id, year, dept_id, user_id, signed_count, signed_amount, "
    "count_100m, count_500m, count_1000m, count_usd100m, funds, started_count, producing_count, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* One generated project: its days (as the demo's, pp.d and pp.pl) and what its row says. */
struct gproj {
	int64_t d[PS__COUNT], pl[PS__COUNT];
	double amount, total, fx;
	int usd, sector, renov, ent, health, drop;
	int64_t id;
};

static int cmp_gproj(const void *a, const void *b)
{
	const struct gproj *x = a, *y = b;
	return (x->d[PS_LEAD] > y->d[PS_LEAD]) - (x->d[PS_LEAD] < y->d[PS_LEAD]);
}

struct gen_ctx {
	struct zone_ctx *z;
	struct rng r;
	int64_t today, now, office, owner, dispatcher;
	const char *owner_name, *dispatcher_name;
	int64_t *ent_id;
	char (*ent_uscc)[USCC_LEN + 1];
	int ne;
	int xm[40], wt[40]; /* numbers by year - 2000 */
};

static const char *dtext_a(struct arena *a, int64_t day)
{
	char s[11];
	dstr(day, s);
	return arena_strdup(a, s);
}

static void bind_day(struct db_stmt *st, int i, int64_t day)
{
	if (day) {
		char s[11];
		dstr(day, s);
		db_bind_text(st, i, s);
	} else {
		db_bind_null(st, i);
	}
}

static int gen_event(struct gen_ctx *g, int64_t id, int64_t at, const char *action,
                     const char *from, const char *to, const char *body, int by_owner)
{
	struct work_event_in ev = {
	    .at = at,
	    .user_id = by_owner ? g->owner : g->dispatcher,
	    .user_name = by_owner ? g->owner_name : g->dispatcher_name,
	    .action = action,
	    .from_state = from,
	    .to_state = to,
	    .body = body,
	};
	return work_event_add(g->z->tx, NULL, &project_kind, g->z->zone_id, id, &ev);
}

/* The row of project p: inserted, with its timeline. */
static int gen_insert(struct gen_ctx *g, struct gproj *p, struct arena *a)
{
	struct zone_ctx *z = g->z;
	const struct sector *sec = &z->sectors[p->sector];
	const char *w = sec->n_words ? sec->words[rng_below(&g->r, sec->n_words)] : "实业";
	const char *b = brands[rng_below(&g->r, N_BRANDS)];
	enum proj_stage st = PS_LEAD;
	for (int k = PS_LEAD; k <= PS_CAPACITY; k++)
		if (p->d[k])
			st = (enum proj_stage)k;
	enum proj_stage last = st;
	if (p->d[PS_DROPPED])
		st = PS_DROPPED;
	int64_t next_due = 0;
	for (int k = last + 1; st != PS_DROPPED && k <= PS_CAPACITY; k++)
		if (p->pl[k] && (!next_due || p->pl[k] < next_due))
			next_due = p->pl[k];
	int year = year_of(p->d[PS_LEAD]);
	int y = year - 2000 < 0 ? 0 : (year - 2000) % 40;
	const char *no = arena_printf(a, "XM%04d-%04d", year % 10000, ++g->xm[y] % 10000);
	int c = rng_below(&g->r, N_DOMESTIC);
	const char *investor = p->usd ? arena_printf(a, "新加坡%s%s私人有限公司", b, w)
	                              : arena_printf(a, "%s%s%s%s", domestic[c].city, b, w,
	                                             suffixes[rng_below(&g->r, 5)]);
	int64_t created =
	    p->d[PS_LEAD] * DAY - CST_OFFSET + CAL_HM(9, 0) + rng_below(&g->r, 7 * 3600);
	struct db_stmt *s = db_prepare(z->tx, SQL_GEN_PROJECT);
	if (!s)
		return -1;
	int i = 1;
	db_bind_int(s, i++, z->zone_id);
	db_bind_text(s, i++, no);
	db_bind_text(s, i++,
	             p->renov ? arena_printf(a, "%s%s技术改造项目", b, w)
	                      : arena_printf(a, "%s%s%s", b, w,
	                                     p->amount >= 100000 ? "产业基地项目" : "生产线项目"));
	db_bind_text(s, i++, investor);
	db_bind_text(s, i++, p->usd ? "foreign" : "domestic");
	db_bind_text(s, i++, p->usd ? "新加坡" : domestic[c].region);
	db_bind_text(s, i++, p->usd ? "foreign" : "private");
	db_bind_text(s, i++, sec->n_industries ? sec->industries[0] : "3499");
	db_bind_text(s, i++, p->usd ? "USD" : "CNY");
	db_bind_double(s, i++, p->total);
	if (p->usd)
		db_bind_double(s, i++, p->fx);
	else
		db_bind_null(s, i++);
	db_bind_double(s, i++, p->amount);
	db_bind_double(s, i++, round(p->amount * 0.8));
	db_bind_double(s, i++, round(p->amount * 0.2));
	if (p->renov)
		db_bind_null(s, i++);
	else
		db_bind_double(s, i++, round(p->amount / 250) + 10);
	db_bind_double(s, i++, round(p->amount * 1.8));
	db_bind_double(s, i++, round(p->amount * 0.09));
	db_bind_int(s, i++, (int64_t)(p->amount / 150) + 20);
	db_bind_int(s, i++, z->invest_depts[0]);
	db_bind_int(s, i++, g->owner);
	static const char *const sources[] = {"business", "resident", "expo", "cloud", "agent"};
	db_bind_text(s, i++, sources[rng_below(&g->r, 5)]);
	db_bind_text(s, i++, p->amount >= 100000 ? "city" : p->amount >= 10000 ? "district" : "");
	db_bind_int(s, i++, p->amount >= 100000);
	db_bind_int(s, i++, p->renov);
	db_bind_text(s, i++, proj_stage_name(st));
	int reg = p->d[PS_REGISTERED] != 0;
	db_bind_opt(s, i++, reg ? g->ent_id[p->ent] : 0);
	db_bind_text(s, i++, reg ? g->ent_uscc[p->ent] : "");
	db_bind_text(s, i++, p->d[PS_SIGNED] ? arena_printf(a, "HT-%s", no) : "");
	db_bind_text(s, i++,
	             p->d[PS_STARTED] ? arena_printf(a, "%.6s%s01", z->prefix8 + 2, no + 2) : "");
	db_bind_text(s, i++,
	             p->d[PS_PRODUCING] ? arena_printf(a, "%.7s", dtext_a(a, p->d[PS_PRODUCING]))
	                                : "");
	db_bind_text(s, i++, p->d[PS_DROPPED] ? "投资方调整投资计划，项目终止" : "");
	db_bind_text(s, i++, p->d[PS_DROPPED] ? proj_stage_name(last) : "");
	bind_day(s, i++, p->d[PS_LEAD]);
	for (int k = PS_SIGNED; k <= PS_CAPACITY; k++) {
		bind_day(s, i++, p->pl[k]);
		bind_day(s, i++, p->d[k]);
	}
	bind_day(s, i++, p->d[PS_DROPPED]);
	bind_day(s, i++, next_due);
	db_bind_int(s, i++, created);
	db_bind_int(s, i++, p->d[last] * DAY - CST_OFFSET + CAL_HM(15, 0));
	int rc = db_step(s);
	p->id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW)
		return -1;
	/* the timeline: created, then each stage it reached */
	if (gen_event(g, p->id, created, "create", NULL, "lead", NULL, 1) < 0)
		return -1;
	enum proj_stage from = PS_LEAD;
	for (int k = PS_NEGOTIATING; k <= PS_DROPPED; k++) {
		if (!p->d[k])
			continue;
		int64_t at =
		    p->d[k] * DAY - CST_OFFSET + CAL_HM(10, 0) + rng_below(&g->r, 6 * 3600);
		if (gen_event(g, p->id, at, "move", proj_stage_name(from), proj_stage_name(k),
		              k == PS_SIGNED ? "合同已签订" : NULL,
		              k <= PS_SIGNED || k == PS_DROPPED) < 0)
			return -1;
		from = (enum proj_stage)k;
	}
	return 0;
}

/* The monthly investment of project p over the 36 months: planned across its construction,
 * reported to last month at the pace of its health, and the rest of this year planned. */
static int gen_invest(struct gen_ctx *g, const struct gproj *p, int64_t w0)
{
	int64_t from = p->d[PS_STARTED] ? p->d[PS_STARTED] : p->pl[PS_STARTED];
	int64_t to = p->d[PS_CAPACITY] ? p->d[PS_CAPACITY] : p->pl[PS_CAPACITY];
	if (!from || !to || p->d[PS_DROPPED])
		return 0;
	int ty = year_of(g->today), tm = month_of(g->today);
	int64_t end = dymd(ty, 12, 31);
	if (to > end)
		to = end;
	if (from < w0)
		from = w0;
	double months = (double)(to - from) / 30.4 + 1;
	double per = round(p->amount * 0.8 / (months < 1 ? 1 : months));
	double ratio = p->health == 0 ? 1.0 : p->health == 1 ? 0.82 : 0.6;
	struct db_stmt *st = db_prepare(g->z->tx, SQL_GEN_INVEST);
	if (!st)
		return -1;
	for (int y = year_of(from), m = month_of(from); y < ty || (y == ty && m <= 12);) {
		if (dymd(y, m, 1) > to)
			break;
		char mo[16];
		snprintf(mo, sizeof mo, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
		int reported =
		    (y < ty || (y == ty && m < tm)) && p->d[PS_STARTED] &&
		    dymd(y, m, 1) >= dymd(year_of(p->d[PS_STARTED]), month_of(p->d[PS_STARTED]), 1);
		double planned = round(per * rng_real(&g->r, 0.8, 1.2));
		double actual = round(planned * ratio * rng_real(&g->r, 0.9, 1.1));
		db_bind_args(st,
		             DB_ARGS(DB_I(p->id), DB_T(mo), DB_I(g->z->zone_id), DB_F(planned)));
		if (reported) {
			db_bind_double(st, 5, actual);
			db_bind_double(st, 6, round(actual * rng_real(&g->r, 0.5, 0.9)));
			db_bind_int(st, 7,
			            (dymd(y + (m == 12), m == 12 ? 1 : m + 1, 6)) * DAY -
			                CST_OFFSET + CAL_HM(10, 0));
			db_bind_int(st, 8, g->dispatcher);
		} else {
			db_bind_null(st, 5);
			db_bind_double(st, 6, 0);
			db_bind_null(st, 7);
			db_bind_null(st, 8);
		}
		if (db_run(st) < 0)
			return -1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return 0;
}

/* A lead's follow-up with its next step (some past their day), or a problem of a project
 * under dispatch (closed, answered or open). */
static int gen_extras(struct gen_ctx *g, const struct gproj *p, struct arena *a)
{
	struct zone_ctx *z = g->z;
	enum proj_stage st = PS_LEAD;
	for (int k = PS_LEAD; k <= PS_CAPACITY; k++)
		if (p->d[k])
			st = (enum proj_stage)k;
	if (p->d[PS_DROPPED])
		return 0;
	if (st <= PS_NEGOTIATING) {
		int64_t day = p->d[st] + 3 < g->today ? p->d[st] + 3 : p->d[st];
		struct db_stmt *s = db_prepare(z->tx, SQL_GEN_FOLLOWUP);
		if (!s)
			return -1;
		db_bind_int(s, 1, z->zone_id);
		db_bind_int(s, 2, p->id);
		db_bind_text(s, 3, st == PS_LEAD ? "visit" : "negotiation");
		db_bind_text(s, 4, dtext_a(a, day));
		db_bind_text(s, 5, g->owner_name);
		db_bind_text(s, 6,
		             st == PS_LEAD ? "上门拜访企业负责人，介绍园区招商政策"
		                           : "企业来园区考察，就用地和扶持政策进行洽谈");
		db_bind_text(s, 7, next_steps[rng_below(&g->r, 8)]);
		db_bind_text(s, 8,
		             dtext_a(a, g->today + (rng_pct(&g->r, 30) ? -rng_range(&g->r, 2, 30)
		                                                       : rng_range(&g->r, 3, 30))));
		db_bind_int(s, 9, g->owner);
		db_bind_text(s, 10, g->owner_name);
		db_bind_int(s, 11, day * DAY - CST_OFFSET + CAL_HM(16, 0));
		return db_run(s) < 0 ? -1 : 0;
	}
	if (!proj_dispatched(st) || !rng_pct(&g->r, 14))
		return 0;
	const struct pb_text *t = &pb_texts[rng_below(&g->r, N_PB_TEXTS)];
	int64_t day = g->today - rng_range(&g->r, 3, 200);
	if (day <= p->d[PS_SIGNED])
		day = p->d[PS_SIGNED] + 1;
	if (day >= g->today)
		return 0;
	int64_t at = day * DAY - CST_OFFSET + CAL_HM(10, 30), days = 10;
	int64_t due = at + days * 7 / 5 * DAY;
	int fate = g->today - day > 40 ? (rng_pct(&g->r, 75) ? 2 : 1) : rng_below(&g->r, 3);
	int64_t answered = fate ? at + 4 * DAY : 0, closed = fate == 2 ? at + 9 * DAY : 0;
	int y = year_of(day) - 2000 < 0 ? 0 : (year_of(day) - 2000) % 40;
	const char *no = arena_printf(a, "WT%04d-%04d", year_of(day) % 10000, ++g->wt[y] % 10000);
	struct db_stmt *s = db_prepare(z->tx, SQL_GEN_PROBLEM);
	if (!s)
		return -1;
	int i = 1;
	db_bind_int(s, i++, z->zone_id);
	db_bind_int(s, i++, p->id);
	db_bind_text(s, i++, no);
	db_bind_text(s, i++, t->title);
	db_bind_text(s, i++, t->detail);
	db_bind_text(s, i++, t->cat);
	db_bind_int(s, i++, g->office);
	db_bind_int(s, i++, days);
	db_bind_text(s, i++, fate == 2 ? "closed" : fate == 1 ? "answered" : "open");
	db_bind_text(s, i++, fate ? t->reply : "");
	db_bind_text(s, i++, fate == 2 ? t->close : "");
	db_bind_int(s, i++, at);
	db_bind_int(s, i++, due);
	db_bind_opt(s, i++, answered);
	db_bind_opt(s, i++, closed);
	db_bind_int(s, i++, g->dispatcher);
	db_bind_int(s, i++, at);
	db_bind_int(s, i++, closed ? closed : answered ? answered : at);
	int rc = db_step(s);
	int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW)
		return -1;
	struct work_event_in ev = {.at = at,
	                           .user_id = g->dispatcher,
	                           .user_name = g->dispatcher_name,
	                           .action = "create",
	                           .to_state = "open",
	                           .body = t->title};
	return work_event_add(z->tx, NULL, &problem_kind, z->zone_id, id, &ev) < 0 ? -1 : 0;
}

int demo_gen_projects(struct zone_ctx *z, int n, int64_t office, int64_t owner, int64_t dispatcher,
                      int64_t now, uint64_t seed)
{
	struct gen_ctx g;
	memset(&g, 0, sizeof g);
	g.z = z;
	g.r.s = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
	g.now = now;
	g.today = day_of(now);
	g.office = office;
	g.owner = owner;
	g.dispatcher = dispatcher;
	g.ne = z->n_ents;
	struct arena a = ARENA_INIT;
	char owner_name[128], dispatcher_name[128]; /* not in `a`: it is reset every few projects */
	if (db_query_text(z->tx, "SELECT display_name FROM app_user WHERE id = ?", owner, NULL,
	                  owner_name, sizeof owner_name) != DB_ROW)
		owner_name[0] = 0;
	if (db_query_text(z->tx, "SELECT display_name FROM app_user WHERE id = ?", dispatcher, NULL,
	                  dispatcher_name, sizeof dispatcher_name) != DB_ROW)
		dispatcher_name[0] = 0;
	g.owner_name = owner_name;
	g.dispatcher_name = dispatcher_name;
	struct gproj *ps = yq_calloc((size_t)n + 1, sizeof *ps);
	g.ent_id = yq_calloc((size_t)g.ne + 1, sizeof *g.ent_id);
	g.ent_uscc = yq_calloc((size_t)g.ne + 1, sizeof *g.ent_uscc);
	int ret = -1;
	if (!ps || !g.ent_id || !g.ent_uscc || !z->n_ents || !z->n_invest)
		goto out;
	/* the registry's enterprises a project registers as */
	struct db_stmt *st =
	    db_prepare(z->tx, "SELECT id, uscc FROM enterprise WHERE zone_id = ? ORDER BY id");
	if (!st)
		goto out;
	db_bind_int(st, 1, z->zone_id);
	int k = 0, rc;
	while ((rc = db_step(st)) == DB_ROW && k < g.ne) {
		g.ent_id[k] = db_col_int(st, 0);
		snprintf(g.ent_uscc[k], USCC_LEN + 1, "%s", db_col_text(st, 1));
		k++;
	}
	db_reset(st);
	if (rc < 0)
		goto out;
	g.ne = k;
	/* the plans: signed over the 36 months (a few leads still worked), stages as the demo's */
	int64_t w0 = g.today - 1095;
	for (int i = 0; i < n; i++) {
		struct gproj *p = &ps[i];
		/* a smaller zone (scale < 1) lands fewer of the large projects */
		int dice = rng_below(&g.r, 1000);
		double sc = z->scale > 0 && z->scale < 1 ? z->scale : 1;
		p->amount = dice < 20 * sc    ? 100000 + rng_below(&g.r, 40) * 5000
		            : dice < 60 * sc  ? 50000 + rng_below(&g.r, 48) * 1000
		            : dice < 260 * sc ? 10000 + rng_below(&g.r, 390) * 100
		                              : 500 + rng_below(&g.r, 187) * 50;
		p->usd = rng_pct(&g.r, 5);
		p->sector = rng_below(&g.r, z->n_sectors > 0 ? z->n_sectors : 1);
		p->renov = !p->usd && rng_pct(&g.r, 12);
		p->ent = rng_below(&g.r, g.ne);
		p->health = rng_below(&g.r, 100) < 70 ? 0 : rng_pct(&g.r, 60) ? 1 : 2;
		int64_t sign = i % 8 == 7 ? g.today + rng_range(&g.r, 20, 200)
		                          : rng_range(&g.r, w0, g.today - 5);
		p->fx = fx_of(year_of(sign));
		if (p->usd) {
			p->total = ceil(p->amount / p->fx / 10) * 10;
			p->amount = p->total * p->fx;
		} else {
			p->total = p->amount;
		}
		int64_t t = sign;
		p->d[PS_LEAD] = sign - rng_range(&g.r, 30, 200);
		if (p->d[PS_LEAD] >= g.today)
			p->d[PS_LEAD] = g.today - rng_range(&g.r, 5, 150);
		p->d[PS_NEGOTIATING] =
		    rng_pct(&g.r, 70) ? p->d[PS_LEAD] + rng_range(&g.r, 5, 25) : 0;
		int64_t day[PS__COUNT] = {0};
		day[PS_SIGNED] = t;
		day[PS_REGISTERED] = t += rng_range(&g.r, 5, 40);
		if (!p->renov)
			day[PS_LAND] = t += rng_range(&g.r, 20, 100);
		day[PS_STARTED] = t += rng_range(&g.r, 5, 60);
		day[PS_COMPLETED] = t +=
		    p->amount < 10000 ? rng_range(&g.r, 120, 300) : rng_range(&g.r, 240, 600);
		day[PS_PRODUCING] = t += rng_range(&g.r, 15, 60);
		day[PS_CAPACITY] = t += rng_range(&g.r, 120, 360);
		for (int s = PS_SIGNED; s <= PS_CAPACITY; s++) {
			if (!day[s])
				continue;
			if (day[s] < g.today) {
				p->d[s] = day[s];
				p->pl[s] = day[s] - rng_range(&g.r, -10, 25);
			} else {
				p->pl[s] = day[s];
			}
		}
		if (p->d[PS_NEGOTIATING] >= (p->d[PS_SIGNED] ? p->d[PS_SIGNED] : g.today))
			p->d[PS_NEGOTIATING] = 0;
		/* late: the next milestone planned before today */
		for (int s = PS_SIGNED; p->health && s <= PS_CAPACITY; s++)
			if (!p->d[s] && p->pl[s] && p->d[PS_SIGNED]) {
				p->pl[s] = g.today - (p->health == 1 ? rng_range(&g.r, 2, 14)
				                                     : rng_range(&g.r, 20, 90));
				break;
			}
		if (rng_pct(&g.r, 6)) {
			/* dropped before production */
			int64_t dd = p->d[PS_LEAD] + rng_range(&g.r, 20, 300);
			if (p->d[PS_PRODUCING] && dd >= p->d[PS_PRODUCING])
				dd = p->d[PS_PRODUCING] - 5;
			if (dd < g.today && dd > p->d[PS_LEAD]) {
				for (int s = PS_NEGOTIATING; s <= PS_CAPACITY; s++)
					if (p->d[s] >= dd)
						p->d[s] = 0;
				p->d[PS_DROPPED] = dd;
			}
		}
	}
	qsort(ps, (size_t)n, sizeof *ps, cmp_gproj);
	for (int i = 0; i < n; i++) {
		if (gen_insert(&g, &ps[i], &a) < 0 || gen_invest(&g, &ps[i], w0) < 0 ||
		    gen_extras(&g, &ps[i], &a) < 0) {
			error("gen: zone %s: project %d: %s", z->code, i, db_errmsg(z->tx));
			goto out;
		}
		if (i % 64 == 63)
			arena_reset(&a);
	}
	/* the numbers go on from here; the bureau's targets of each year, a little above its pace
	 */
	if (!(st = db_prepare(z->tx, SQL_GEN_SEQ)))
		goto out;
	for (int y = 0; y < 40; y++)
		for (int kind = 0; kind < 2; kind++) {
			int nn = kind ? g.wt[y] : g.xm[y];
			if (!nn)
				continue;
			db_bind_args(st, DB_ARGS(DB_I(z->zone_id), DB_T(kind ? "WT" : "XM"),
			                         DB_I(2000 + y), DB_I(nn)));
			if (db_run(st) < 0)
				goto out;
		}
	if (!(st = db_prepare(z->tx, SQL_GEN_TARGET)))
		goto out;
	for (int y = year_of(w0); y <= year_of(g.today); y++) {
		double v[FIG__COUNT] = {0};
		for (int i = 0; i < n; i++) {
			const struct gproj *p = &ps[i];
			if (p->d[PS_SIGNED] && year_of(p->d[PS_SIGNED]) == y) {
				v[FIG_SIGNED_COUNT]++;
				v[FIG_SIGNED_AMOUNT] += p->amount;
				v[FIG_COUNT_100M] += p->amount >= 10000;
				v[FIG_COUNT_500M] += p->amount >= 50000;
				v[FIG_COUNT_1000M] += p->amount >= 100000;
				v[FIG_COUNT_USD100M] += p->usd && p->total >= 10000;
			}
			v[FIG_STARTED] += p->d[PS_STARTED] && year_of(p->d[PS_STARTED]) == y;
			v[FIG_PRODUCING] += p->d[PS_PRODUCING] && year_of(p->d[PS_PRODUCING]) == y;
		}
		double up =
		    y == year_of(g.today) ? 365.0 / (double)(g.today - dymd(y, 1, 1) + 1) : 1.0;
		for (int user = 0; user < 2; user++) {
			db_bind_args(st, DB_ARGS(DB_I(z->zone_id), DB_I(y),
			                         DB_I(z->invest_depts[0]), DB_O(user ? owner : 0)));
			for (int f = 0; f < FIG__COUNT; f++)
				db_bind_double(st, 5 + f,
				               f == FIG_FUNDS
				                   ? round(v[FIG_SIGNED_AMOUNT] * up * 0.3)
				                   : ceil(v[f] * up * (user ? 0.6 : 1.1)));
			db_bind_int(st, 14, now);
			if (db_run(st) < 0)
				goto out;
		}
	}
	z->res->projects += n;
	ret = 0;
out:
	arena_release(&a);
	yq_free(ps);
	yq_free(g.ent_id);
	yq_free(g.ent_uscc);
	return ret;
}
