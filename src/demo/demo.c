/* Demo zones from the seed reports and the province-scale generator (see demo.h). */
#include "economy/economy.h"
#include "demo/demo_int.h"
#include "audit/write_tx.h"
#include "access/password.h"
#include "enterprise/enterprise.h"
#include "enterprise/enterprise_int.h"
#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/embedded.h"
#include "lib/log.h"
#include "lib/util.h"
#include "org/org.h"
#include "org/region.h"
#include "work/calendar.h"
#include "work/calendar_store.h"
#include "ticket/ticket_store.h"
#include "ticket/ticket_summary.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- names ------------------------------------------------------------------------------- */

/* Brand syllables for synthetic company names. */
static const char *const brands[] = {
    "华", "恒", "鑫", "泰", "瑞", "博", "宏", "天", "盛", "辉", "正", "德", "信", "达", "安",
    "永", "金", "丰", "源", "通", "凯", "裕", "隆", "昌", "宇", "嘉", "腾", "创", "远", "晟",
    "锦", "科", "新", "联", "航", "卓", "益", "万", "精", "誉", "润", "邦", "星", "光", "海",
};
#define N_BRANDS ((int)(sizeof brands / sizeof brands[0]))
static const char *const suffixes[] = {"有限公司", "科技有限公司", "股份有限公司", "制造有限公司",
                                       "技术有限公司"};
static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
    "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
    "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
};
static const char *const given[] = {
    "伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",   "勇",   "艳",
    "杰",   "娟",   "涛",   "明",   "超",   "秀英", "霞",   "平",   "刚",   "桂英", "文",   "华",
    "建国", "志强", "海燕", "晓东", "春梅", "立新", "玉兰", "国华", "红梅", "永刚", "丽娟", "子涵",
    "浩然", "思远", "雨欣", "佳怡", "宇轩", "梓萱", "俊杰", "晓燕", "建华", "文静", "晨曦", "鹏飞",
};
static const char *const contact_roles[] = {"总经理",   "行政经理", "办公室主任",
                                            "财务总监", "人事经理", "副总经理"};

/* A person's name: surname and given name. */
static const char *person_name(struct rng *r, struct arena *a)
{
	/* one draw after the other: the order of a call's arguments is the compiler's (gcc draws
	 * the last first, clang the first), and the demo must be the same with both */
	int g = rng_below(r, (int)(sizeof given / sizeof given[0]));
	int s = rng_below(r, (int)(sizeof surnames / sizeof surnames[0]));
	return arena_printf(a, "%s%s", surnames[s], given[g]);
}

/* A mobile number in 138-0000-xxxx, a block no carrier hands out: plainly fictional. */
static const char *fake_phone(struct arena *a, int n)
{
	return arena_printf(a, "1380000%04d", n % 10000);
}

static int add_person(struct zone_ctx *z, int64_t id, int64_t dept, const char *name, char role)
{
	if (z->n_people == z->cap_people) {
		int cap = z->cap_people ? z->cap_people * 2 : 64;
		struct person *p = yq_realloc(z->people, (size_t)cap * sizeof *p);
		if (!p)
			return error("demo: out of memory");
		z->people = p;
		z->cap_people = cap;
	}
	z->people[z->n_people++] =
	    (struct person){id, dept, name, role, dept && dept == z->service_dept};
	return 0;
}

static struct ent_row *add_ent_row(struct zone_ctx *z)
{
	if (z->n_ents == z->cap_ents) {
		int cap = z->cap_ents ? z->cap_ents * 2 : 256;
		struct ent_row *p = yq_realloc(z->ents, (size_t)cap * sizeof *p);
		if (!p)
			return NULL;
		z->ents = p;
		z->cap_ents = cap;
	}
	struct ent_row *e = &z->ents[z->n_ents++];
	memset(e, 0, sizeof *e);
	return e;
}

static void zone_release(struct zone_ctx *z)
{
	yq_free(z->people);
	yq_free(z->ents);
	arena_release(&z->za);
	z->people = NULL;
	z->ents = NULL;
}

/* ---- the demo zones ------------------------------------------------------------------------- */

static const struct principal *as_admin(struct principal *p, int64_t zone)
{
	org_cli_principal(p, zone);
	p->username = "(demo)";
	return p;
}

/* Adds the department tree under parent, with the topics each handles. */
static int add_depts(struct db *tx, struct zone_ctx *z, json_t *list, int64_t parent, json_t *ids,
                     struct demo_result *res)
{
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d)
	{
		struct dept in = {
		    .name = json_string_value(json_object_get(d, "name")),
		    .kind = json_string_value(json_object_get(d, "kind")),
		    .parent_id = parent,
		    .sort = (int64_t)i,
		};
		struct yq_err e = {0};
		if (z->n_depts >= 64)
			return error("demo: more than 64 departments in zone %s", z->code);
		if (dept_add_in(tx, z->who, &in, &e) < 0)
			return error("demo: department %s: %s", in.name ? in.name : "?",
			             e.message_en ? e.message_en : "failed");
		int64_t id = in.id;
		res->depts++;
		json_object_set_new(ids, in.name, json_integer(id));
		struct dept_row *row = &z->depts[z->n_depts++];
		memset(row, 0, sizeof *row);
		row->id = id;
		row->name = in.name;
		size_t j;
		json_t *h;
		json_array_foreach(json_object_get(d, "handles"), j, h) if (row->n_handles < 16)
		    row->handles[row->n_handles++] = json_string_value(h);
		if (in.kind && strcmp(in.kind, "investment") == 0 && z->n_invest < 8)
			z->invest_depts[z->n_invest++] = id;
		if (in.kind && strcmp(in.kind, "service_center") == 0 && !z->service_dept)
			z->service_dept = id;
		json_t *children = json_object_get(d, "children");
		if (children && add_depts(tx, z, children, id, ids, res) < 0)
			return -1;
	}
	return 0;
}

static void remember(struct demo_result *res, const char *zone, const char *user, const char *role,
                     const char *password)
{
	if (res->n_accounts >= 64)
		return;
	struct demo_account *a = &res->accounts[res->n_accounts++];
	snprintf(a->zone, sizeof a->zone, "%s", zone);
	snprintf(a->username, sizeof a->username, "%s", user);
	snprintf(a->role, sizeof a->role, "%s", role);
	snprintf(a->password, sizeof a->password, "%s", password);
}

/* A listed account (demo.json "users"): its own password, printed once. */
static int add_user(struct db *tx, const struct principal *who, struct zone_ctx *z,
                    const char *zone_name, json_t *u, json_t *dept_ids, int64_t enterprise_id,
                    const char *phone, const char *password, struct demo_result *res, int64_t *id)
{
	char pw[130];
	if (password)
		snprintf(pw, sizeof pw, "%s", password);
	else
		password_generate(pw);
	const char *dept = json_string_value(json_object_get(u, "dept"));
	const char *role = json_string_value(json_object_get(u, "role"));
	struct user in = {
	    .username = json_string_value(json_object_get(u, "username")),
	    .display_name = json_string_value(json_object_get(u, "display_name")),
	    .role = role,
	    .dept_id = dept ? json_integer_value(json_object_get(dept_ids, dept)) : 0,
	    .enterprise_id = enterprise_id,
	    .password = pw,
	    .phone = phone,
	    .region_code = json_string_value(json_object_get(u, "region_code")),
	    /* "all": the platform's administrator, who also manages the province's users */
	    .data_scope = json_string_value(json_object_get(u, "data_scope")),
	    .must_change = password == NULL,
	};
	/* the service center works with every enterprise of the zone */
	if (z && role && strcmp(role, "staff") == 0 && in.dept_id == z->service_dept)
		in.data_scope = "zone";
	struct yq_err e = {0};
	if (user_add_in(tx, who, z ? z->zone_id : 0, &in, &e) < 0)
		return error("demo: user %s: %s: %s", in.username ? in.username : "?",
		             e.field ? e.field : "", e.message_en ? e.message_en : "failed");
	*id = in.id;
	res->users++;
	remember(res, zone_name, in.username, role, pw);
	return 0;
}

int demo_user_add(struct zone_ctx *z, json_t *u, json_t *dept_ids, int64_t *id)
{
	return add_user(z->tx, z->who, z, z->short_name, u, dept_ids, 0, NULL, z->password, z->res,
	                id);
}

int demo_org_account_add(struct zone_ctx *z, const char *suffix, struct user *in, struct yq_err *e)
{
	char uname[48];
	snprintf(uname, sizeof uname, "%s-%s", z->code, suffix);
	in->username = uname;
	in->password = z->password;
	in->password_hash = z->password ? NULL : z->account_hash;
	in->must_change = z->password == NULL;
	if (!in->password && !in->password_hash)
		return 0;
	if (user_add_in(z->tx, z->who, z->zone_id, in, e) < 0)
		return -1;
	z->res->users++;
	return 0;
}

static char role_code(const char *role)
{
	return strcmp(role, "leader") == 0      ? P_LEADER
	       : strcmp(role, "dept_head") == 0 ? P_HEAD
	                                        : P_STAFF;
}

/* The zone's cadres beyond the listed accounts (demo.json "cadres": department, role, count):
 * named at random, sharing the account hash; not printed. */
static int add_cadres(struct db *tx, struct zone_ctx *z, struct rng *r, json_t *list,
                      json_t *dept_ids)
{
	size_t i;
	json_t *c;
	int serial = 0;
	json_array_foreach(list, i, c)
	{
		const char *dept = json_string_value(json_object_get(c, "dept"));
		const char *role = json_string_value(json_object_get(c, "role"));
		int64_t dept_id = dept ? json_integer_value(json_object_get(dept_ids, dept)) : 0;
		int n = (int)json_integer_value(json_object_get(c, "count"));
		if (!dept_id || !role)
			return error("demo: cadres of zone %s: unknown department %s", z->code,
			             dept ? dept : "?");
		for (int k = 0; k < n; k++) {
			char uname[40];
			snprintf(uname, sizeof uname, "%s-gb%03d", z->code, ++serial % 1000);
			struct user in = {
			    .username = uname,
			    .display_name = person_name(r, &z->za),
			    .role = role,
			    .dept_id = dept_id,
			    .password_hash = z->account_hash,
			    .must_change = 1,
			};
			if (dept_id == z->service_dept && strcmp(role, "staff") == 0)
				in.data_scope = "zone";
			struct yq_err e = {0};
			if (user_add_in(tx, z->who, z->zone_id, &in, &e) < 0)
				return error("demo: user %s: %s", uname,
				             e.message_en ? e.message_en : "failed");
			int64_t id = in.id;
			z->res->users++;
			if (add_person(z, id, dept_id, in.display_name, role_code(role)) < 0)
				return -1;
		}
	}
	return 0;
}

/* Random date in a year, as YYYY-MM-DD (months m0..m1). */
static const char *rand_day(struct rng *r, struct arena *a, int year, int m0, int m1)
{
	int day = 1 + rng_below(r, 28), month = m0 + rng_below(r, m1 - m0 + 1); /* in this order */
	return arena_printf(a, "%04d-%02d-%02d", year % 10000, month, day);
}

/* An enterprise being planned: the enterprise, its lists kept as arrays while the plans work on
 * them (made into their stored form when it is written, as a body's are), and what the plans
 * decided. */
struct plan_ent {
	struct enterprise en;
	char uscc[USCC_LEN + 1];
	struct ent_contact contacts[ENT_MAX_CONTACTS];
	int n_contacts;
	const char *tags[ENT_MAX_TAGS];
	int n_tags;
	struct ent_flag_span flags[ENT_MAX_FLAGS];
	int n_flags;
	int est_year, named, manufacturing;
	int first[FLAG__COUNT]; /* the year each flag was first granted; 0: never */
	int holds[FLAG__COUNT]; /* holds it today */
	int covered;
};

static void add_span(struct plan_ent *pe, enum ent_flag_kind f, const char *from, const char *to,
                     const char *cert)
{
	if (pe->n_flags >= ENT_MAX_FLAGS)
		return;
	pe->flags[pe->n_flags++] = (struct ent_flag_span){f, from, to, cert ? cert : ""};
	int y = 0;
	sscanf(from, "%4d", &y);
	if (!pe->first[f] || y < pe->first[f])
		pe->first[f] = y;
}

/* A flag's plan (demo.json "flag_plan"): how many enterprises were first granted it each year;
 * 高新技术企业 certificates last three years and are renewed at `renew` percent, always in the
 * `no_lapse` years (those whose growth a seed states). */
struct flag_plan {
	int first[100]; /* index year - 1990 */
	int renew;
	int no_lapse[8], n_no_lapse;
};

static void read_plan(json_t *j, struct flag_plan *p)
{
	memset(p, 0, sizeof *p);
	p->renew = json_is_integer(json_object_get(j, "renew"))
	               ? (int)json_integer_value(json_object_get(j, "renew"))
	               : 75;
	const char *key;
	json_t *v;
	json_object_foreach(json_object_get(j, "first"), key, v)
	{
		int y = 0;
		if (sscanf(key, "%4d", &y) == 1 && y >= 1990 && y < 2090)
			p->first[y - 1990] = (int)json_integer_value(v);
	}
	size_t i;
	json_array_foreach(json_object_get(j, "no_lapse"), i, v) if (p->n_no_lapse < 8)
	    p->no_lapse[p->n_no_lapse++] = (int)json_integer_value(v);
}

/* The 高新技术企业 certificates of an enterprise first certified on `from`: three years each,
 * renewed while the renewal falls before today, unless it lapses (never when `keep`). */
static void grant_high_tech(struct zone_ctx *z, struct rng *r, struct plan_ent *pe,
                            const char *from, const struct flag_plan *p, int keep,
                            const char *today)
{
	char next[11], to[11];
	snprintf(next, sizeof next, "%s", from);
	for (int k = 0; k < 6; k++) {
		int y = 0;
		sscanf(next, "%4d", &y);
		char end[16];
		snprintf(end, sizeof end, "%04u%.6s", (unsigned)(y + 3) % 10000u, next + 4);
		date_add(end, -1, to);
		const char *f = arena_strdup(&z->za, next), *t = arena_strdup(&z->za, to);
		add_span(pe, FLAG_HIGH_TECH, f, t,
		         arena_printf(&z->za, "GR%04d%.2s%05d", y % 10000, z->prefix8 + 2,
		                      rng_below(r, 99999)));
		if (strcmp(end, today) > 0) {
			pe->holds[FLAG_HIGH_TECH] = strcmp(f, today) <= 0;
			return;
		}
		int lapse_free = keep;
		for (int i = 0; i < p->n_no_lapse; i++)
			lapse_free |= p->no_lapse[i] == y + 3;
		if (!lapse_free && !rng_pct(r, p->renew))
			return;
		snprintf(next, sizeof next, "%.10s", end);
	}
}

static enum ent_flag_kind flag_of(const char *name)
{
	return name ? ent_flag_from_name(name) : FLAG__COUNT;
}

/* The manufacturing codes of GB/T 4754 (section C: divisions 13-43): 规上工业. */
static int is_manufacturing(const char *code)
{
	int d = code && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9'
	            ? (code[0] - '0') * 10 + (code[1] - '0')
	            : 0;
	return d >= 13 && d <= 43;
}

/* Fills an input for one synthetic enterprise of zone z (flags come from the plans; gen draws
 * them here). Strings live in `a`; the contact in the zone's arena. */
static void synth(struct rng *r, struct zone_ctx *z, struct arena *a, struct plan_ent *pe,
                  int *est_year)
{
	struct enterprise *in = &pe->en;
	memset(in, 0, sizeof *in);
	int w = rng_below(r, z->total_weight), k = 0;
	while (k < z->n_sectors - 1 && w >= z->sectors[k].weight)
		w -= z->sectors[k++].weight;
	const struct sector *s = &z->sectors[k];
	const char *word = s->n_words ? s->words[rng_below(r, s->n_words)] : "实业";
	const char *b1 = brands[rng_below(r, N_BRANDS)];
	const char *b2 = brands[rng_below(r, N_BRANDS)];
	const char *suf = suffixes[rng_below(r, (int)(sizeof suffixes / sizeof suffixes[0]))];
	uscc_make(z->prefix8, ++z->serial, pe->uscc);
	in->uscc = pe->uscc;
	in->name = arena_printf(a, "%s%s%s%s%s", z->city, b1, b2, word, suf);
	in->short_name = arena_printf(a, "%s%s%s", b1, b2, word);
	in->industry_code = s->n_industries ? s->industries[rng_below(r, s->n_industries)] : "3499";
	int no = 1 + rng_below(r, 40); /* draws in this order (see person_name) */
	in->building = arena_printf(a, "%s%d号楼", rng_below(r, 3) ? "标准厂房" : "产业园", no);
	no = 1 + rng_below(r, 999);
	in->address =
	    arena_printf(a, "%s开发区%s路%d号", z->city, brands[rng_below(r, N_BRANDS)], no);
	in->registered_capital = (double)(50 + rng_below(r, 200) * 50);
	*est_year = 2000 + rng_below(r, 25);
	in->established_on = rand_day(r, a, *est_year, 1, 12);
	in->ent_type = rng_below(r, 20) == 0   ? "foreign"
	               : rng_below(r, 30) == 0 ? "hmt"
	                                       : "domestic";
	pe->contacts[0] = (struct ent_contact){
	    person_name(r, &z->za), fake_phone(&z->za, 100 + rng_below(r, 9900)),
	    contact_roles[rng_below(r, (int)(sizeof contact_roles / sizeof contact_roles[0]))]};
	pe->n_contacts = 1;
	if (z->n_invest)
		in->dept_id = z->invest_depts[rng_below(r, z->n_invest)];
}

static int load_sectors(struct zone_ctx *z, json_t *sectors)
{
	size_t i, j;
	json_t *s, *x;
	json_array_foreach(sectors, i, s)
	{
		if (z->n_sectors >= 12)
			break;
		struct sector *t = &z->sectors[z->n_sectors++];
		t->weight = (int)json_integer_value(json_object_get(s, "weight"));
		if (t->weight <= 0)
			t->weight = 1;
		z->total_weight += t->weight;
		json_array_foreach(json_object_get(s, "industries"), j, x) if (t->n_industries < 8)
		    t->industries[t->n_industries++] = json_string_value(x);
		json_array_foreach(json_object_get(s, "name_words"), j, x) if (t->n_words < 12)
		    t->words[t->n_words++] = json_string_value(x);
	}
	return z->n_sectors ? 0 : -1;
}

static int do_insert(struct write_ctx *w, void *arg, struct yq_err *e)
{
	return ent_insert(w, arg, e);
}

/* Inserts one planned enterprise inside tx, audited, its lists in their stored form (in a);
 * validates like any input. */
static int add_enterprise(struct db *tx, const struct principal *who, struct plan_ent *pe,
                          struct arena *a, int64_t *id, struct demo_result *res)
{
	struct yq_err e = {0};
	struct enterprise *en = &pe->en;
	en->flags = pe->flags;
	en->n_flags = pe->n_flags;
	if (ent_contacts_json(pe->contacts, pe->n_contacts, a, &en->contacts, &e) < 0 ||
	    ent_tags_json(pe->tags, pe->n_tags, a, &en->tags, &e) < 0 ||
	    ent_validate(en, a, &e) < 0 || write_in(tx, who, who->zone_id, do_insert, en, &e) < 0)
		return error("demo: enterprise %s: %s: %s", en->name, e.field ? e.field : "",
		             e.message_en ? e.message_en : "failed");
	*id = en->id;
	res->enterprises++;
	return 0;
}

/* Index of a random planned enterprise for which ok() holds, or -1 (tries a few hundred). */
static int pick_plan(struct rng *r, struct plan_ent *pes, int n, int (*ok)(struct plan_ent *, int),
                     int arg)
{
	for (int tries = 0; tries < 400; tries++) {
		int i = rng_below(r, n);
		if (ok(&pes[i], arg))
			return i;
	}
	for (int i = 0; i < n; i++)
		if (ok(&pes[i], arg))
			return i;
	return -1;
}

static int ok_above_size(struct plan_ent *pe, int year)
{
	return !pe->named && pe->manufacturing && !pe->first[FLAG_ABOVE_SIZE] &&
	       pe->est_year < year;
}
static int ok_high_tech(struct plan_ent *pe, int year)
{
	return !pe->named && !pe->first[FLAG_HIGH_TECH] && pe->est_year < year;
}
static int ok_specialized(struct plan_ent *pe, int year)
{
	return !pe->named && !pe->first[FLAG_SPECIALIZED] && pe->est_year + 2 <= year;
}
static int ok_little_giant(struct plan_ent *pe, int year)
{
	return ok_specialized(pe, year) && !pe->first[FLAG_LITTLE_GIANT] &&
	       pe->first[FLAG_HIGH_TECH] && pe->first[FLAG_HIGH_TECH] <= year;
}
static int ok_little_giant_any(struct plan_ent *pe, int year)
{
	return !pe->named && !pe->first[FLAG_LITTLE_GIANT] && pe->est_year + 2 <= year;
}

/* Grants the flags of the zone's plan (demo.json "flag_plan") to the synthetic enterprises: the
 * named ones keep theirs and count in it. 规上: `count` hold it today, having entered between
 * the years `from` and `to` (on 1 January, by the yearly statistics), and `left` others held it
 * for a while before. */
static void plan_flags(struct zone_ctx *z, struct rng *r, struct plan_ent *pes, int n, json_t *fp,
                       const char *today)
{
	int year_now = 0;
	sscanf(today, "%4d", &year_now);
	/* 规上 */
	json_t *as = json_object_get(fp, "above_size");
	int want = (int)json_integer_value(json_object_get(as, "count"));
	int y0 = (int)json_integer_value(json_object_get(as, "from"));
	int y1 = (int)json_integer_value(json_object_get(as, "to"));
	int left = (int)json_integer_value(json_object_get(as, "left"));
	if (y0 < 1990 || y1 < y0)
		y0 = 2008, y1 = year_now;
	for (int i = 0; i < n; i++)
		want -= pes[i].holds[FLAG_ABOVE_SIZE];
	for (; want > 0; want--) {
		int i = pick_plan(r, pes, n, ok_above_size, y1);
		if (i < 0)
			break;
		int lo = pes[i].est_year + 1 > y0 ? pes[i].est_year + 1 : y0;
		int y = lo + rng_below(r, y1 - lo + 1);
		add_span(&pes[i], FLAG_ABOVE_SIZE, arena_printf(&z->za, "%04d-01-01", y % 10000),
		         NULL, NULL);
		pes[i].holds[FLAG_ABOVE_SIZE] = 1;
	}
	for (; left > 0; left--) {
		int i = pick_plan(r, pes, n, ok_above_size, y1 - 3);
		if (i < 0)
			break;
		int lo = pes[i].est_year + 1 > y0 ? pes[i].est_year + 1 : y0;
		int a = lo + rng_below(r, y1 - 3 - lo + 1), b = a + 1 + rng_below(r, y1 - 1 - a);
		add_span(&pes[i], FLAG_ABOVE_SIZE, arena_printf(&z->za, "%04d-01-01", a % 10000),
		         arena_printf(&z->za, "%04d-12-31", b % 10000), NULL);
	}
	/* 高新, 专精特新, 小巨人: first grants per year */
	static const struct {
		enum ent_flag_kind f;
		const char *key;
		int m0, m1;
		int (*ok)(struct plan_ent *, int);
	} kinds[] = {
	    {FLAG_HIGH_TECH, "high_tech", 9, 12, ok_high_tech},
	    {FLAG_SPECIALIZED, "specialized", 5, 9, ok_specialized},
	    {FLAG_LITTLE_GIANT, "little_giant", 7, 11, ok_little_giant},
	};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct flag_plan p;
		read_plan(json_object_get(fp, kinds[k].key), &p);
		for (int i = 0; i < n; i++)
			if (pes[i].first[kinds[k].f] >= 1990 && pes[i].first[kinds[k].f] < 2090)
				p.first[pes[i].first[kinds[k].f] - 1990]--;
		for (int y = 1990; y <= year_now && y < 2090; y++) {
			for (int c = 0; c < p.first[y - 1990]; c++) {
				int i = pick_plan(r, pes, n, kinds[k].ok, y);
				if (i < 0 && kinds[k].f == FLAG_LITTLE_GIANT)
					i = pick_plan(r, pes, n, ok_little_giant_any, y);
				if (i < 0)
					break;
				const char *from = rand_day(r, &z->za, y, kinds[k].m0, kinds[k].m1);
				if (strcmp(from, today) > 0)
					from = arena_printf(&z->za, "%.8s01", today);
				if (kinds[k].f == FLAG_HIGH_TECH) {
					grant_high_tech(z, r, &pes[i], from, &p, 0, today);
				} else {
					add_span(&pes[i], kinds[k].f, from, NULL, NULL);
					pes[i].holds[kinds[k].f] = 1;
				}
			}
		}
	}
}

/* Tags (demo.json "tag_plan": tag, count, among): the named enterprises that carry a tag count
 * in it; the rest go to random enterprises holding the flag `among` (any when absent). */
static void plan_tags(struct rng *r, struct plan_ent *pes, int n, json_t *tp)
{
	size_t i;
	json_t *t;
	json_array_foreach(tp, i, t)
	{
		const char *tag = json_string_value(json_object_get(t, "tag"));
		int want = (int)json_integer_value(json_object_get(t, "count"));
		enum ent_flag_kind among = flag_of(json_string_value(json_object_get(t, "among")));
		if (!tag)
			continue;
		for (int k = 0; k < n; k++)
			for (int j = 0; j < pes[k].n_tags; j++)
				want -= strcmp(pes[k].tags[j], tag) == 0;
		for (int tries = 0; want > 0 && tries < 100000; tries++) {
			struct plan_ent *pe = &pes[rng_below(r, n)];
			int has = 0;
			for (int j = 0; j < pe->n_tags; j++)
				has |= strcmp(pe->tags[j], tag) == 0;
			if (has || pe->named || pe->n_tags >= ENT_MAX_TAGS ||
			    (among < FLAG__COUNT && !pe->holds[among]))
				continue;
			pe->tags[pe->n_tags++] = tag;
			want--;
		}
	}
}

/* Members of a pool of people: roles (a string of role codes) and departments (names; none:
 * any). */
static int pool_of(const struct zone_ctx *z, json_t *spec, const char *roles_default, int *out,
                   int max)
{
	const char *roles = json_string_value(json_object_get(spec, "roles"));
	json_t *depts = json_object_get(spec, "depts");
	if (!roles)
		roles = roles_default;
	int n = 0;
	for (int i = 0; i < z->n_people && n < max; i++) {
		const struct person *p = &z->people[i];
		if (!strchr(roles, p->role))
			continue;
		if (json_array_size(depts)) {
			int in = 0;
			size_t j;
			json_t *d;
			json_array_foreach(depts, j, d)
			{
				const char *name = json_string_value(d);
				for (int k = 0; k < z->n_depts; k++)
					in |= z->depts[k].id == p->dept_id && name &&
					      strcmp(z->depts[k].name, name) == 0;
			}
			if (!in)
				continue;
		}
		out[n++] = i;
	}
	return n;
}

/* 包保 (demo.json "baobao"): `covered` enterprises get a leader — the 规上 first, then the
 * named, then the 高新, then any — from the leader pool; with `all`, every member of the pool
 * leads at least one. Liaisons likewise from theirs. */
static void plan_baobao(struct zone_ctx *z, struct rng *r, struct plan_ent *pes, int n, json_t *bb)
{
	int covered = (int)json_integer_value(json_object_get(bb, "covered"));
	int *order = yq_calloc((size_t)n + 1, sizeof *order);
	int *lead = yq_calloc((size_t)z->n_people + 1, sizeof *lead);
	int *liai = yq_calloc((size_t)z->n_people + 1, sizeof *liai);
	if (!order || !lead || !liai)
		goto out;
	int k = 0;
	for (int pass = 0; pass < 4; pass++) {
		int start = k;
		for (int i = 0; i < n; i++) {
			struct plan_ent *pe = &pes[i];
			int in = pass == 0   ? pe->holds[FLAG_ABOVE_SIZE]
			         : pass == 1 ? pe->named && !pe->holds[FLAG_ABOVE_SIZE]
			         : pass == 2 ? !pe->named && !pe->holds[FLAG_ABOVE_SIZE] &&
			                           pe->holds[FLAG_HIGH_TECH]
			                     : !pe->named && !pe->holds[FLAG_ABOVE_SIZE] &&
			                           !pe->holds[FLAG_HIGH_TECH];
			if (in)
				order[k++] = i;
		}
		for (int i = k - 1; i > start; i--) { /* shuffle within the pass */
			int j = start + rng_below(r, i - start + 1), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
	}
	if (covered > n)
		covered = n;
	json_t *ls = json_object_get(bb, "leaders"), *ns = json_object_get(bb, "liaisons");
	int n_lead = pool_of(z, ls, "lh", lead, z->n_people);
	int n_liai = ns ? pool_of(z, ns, "s", liai, z->n_people) : 0;
	int lead_all = json_is_true(json_object_get(ls, "all"));
	int liai_all = json_is_true(json_object_get(ns, "all"));
	/* the covered, in a random order, so the first of each pool's round go anywhere */
	int *cov = yq_calloc((size_t)covered + 1, sizeof *cov);
	if (!cov)
		goto out;
	memcpy(cov, order, (size_t)covered * sizeof *cov);
	for (int i = covered - 1; i > 0; i--) {
		int j = rng_below(r, i + 1), t = cov[i];
		cov[i] = cov[j];
		cov[j] = t;
	}
	for (int c = 0; c < covered; c++) {
		struct plan_ent *pe = &pes[cov[c]];
		pe->covered = 1;
		if (n_lead)
			pe->en.leader_user_id =
			    z->people[lead[lead_all && c < n_lead ? c : rng_below(r, n_lead)]].id;
		if (n_liai)
			pe->en.liaison_user_id =
			    z->people[liai[liai_all && c < n_liai ? c : rng_below(r, n_liai)]].id;
	}
	yq_free(cov);
out:
	yq_free(order);
	yq_free(lead);
	yq_free(liai);
}

static const char *person_name_of(const struct zone_ctx *z, int64_t id)
{
	for (int i = 0; i < z->n_people; i++)
		if (z->people[i].id == id)
			return z->people[i].name;
	return NULL;
}

/* Reads a named enterprise of demo.json into a plan. */
static int named_plan(struct zone_ctx *z, struct rng *r, json_t *en, int idx, struct plan_ent *pe,
                      const char *today)
{
	memset(pe, 0, sizeof *pe);
	struct enterprise *in = &pe->en;
	pe->named = 1;
	uscc_make(z->prefix8, ++z->serial, pe->uscc);
	in->uscc = pe->uscc;
	in->name = json_string_value(json_object_get(en, "name"));
	in->short_name = json_string_value(json_object_get(en, "short_name"));
	in->industry_code = json_string_value(json_object_get(en, "industry"));
	in->ent_type = json_string_value(json_object_get(en, "ent_type"));
	in->building = json_string_value(json_object_get(en, "building"));
	in->address = json_string_value(json_object_get(en, "address"));
	in->established_on = json_string_value(json_object_get(en, "established_on"));
	json_t *cap = json_object_get(en, "registered_capital");
	in->registered_capital = json_is_number(cap) ? json_number_value(cap) : NAN;
	pe->est_year = 2000;
	if (in->established_on)
		sscanf(in->established_on, "%4d", &pe->est_year);
	pe->manufacturing = is_manufacturing(in->industry_code);
	size_t k;
	json_t *x;
	json_array_foreach(json_object_get(en, "contacts"), k,
	                   x) if (pe->n_contacts < ENT_MAX_CONTACTS)
	    pe->contacts[pe->n_contacts++] =
	    (struct ent_contact){json_string_value(json_object_get(x, "name")),
	                         json_string_value(json_object_get(x, "phone")),
	                         json_string_value(json_object_get(x, "role"))};
	if (!pe->n_contacts)
		return error("demo: enterprise %s has no contact", in->name ? in->name : "?");
	json_array_foreach(json_object_get(en, "tags"), k, x) if (pe->n_tags < ENT_MAX_TAGS)
	    pe->tags[pe->n_tags++] = json_string_value(x);
	json_array_foreach(json_object_get(en, "flags"), k, x)
	{
		enum ent_flag_kind f = flag_of(json_string_value(json_object_get(x, "flag")));
		const char *from = json_string_value(json_object_get(x, "from"));
		if (f >= FLAG__COUNT || !from)
			return error("demo: enterprise %s: a flag needs a known name and a date",
			             in->name ? in->name : "?");
		if (f == FLAG_HIGH_TECH) {
			struct flag_plan none = {.renew = 100};
			grant_high_tech(z, r, pe, from, &none, 1, today);
		} else {
			add_span(pe, f, from, NULL, NULL);
			pe->holds[f] = strcmp(from, today) <= 0;
		}
	}
	if (z->n_invest)
		in->dept_id = z->invest_depts[idx % z->n_invest];
	return 0;
}

/* The days an object of demo.json spans, "from" and "to" (YYYY-MM-DD, both included): their
 * first instants; -1 when either is missing or malformed, or they are out of order. */
static int json_span(json_t *j, int64_t *from, int64_t *to)
{
	*from = cst_parse(json_string_value(json_object_get(j, "from")));
	*to = cst_parse(json_string_value(json_object_get(j, "to")));
	return *from < 0 || *to < *from ? -1 : 0;
}

static const char SQL_VISIT[] =
    "INSERT INTO enterprise_visit (zone_id, enterprise_id, visited_on, visitor_user_id, "
    "visitor_name, kind, findings, follow_ups, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int add_visit(struct db *tx, const struct zone_ctx *z, int64_t ent, const char *day,
                     struct ticket_actor by, const char *kind, const char *findings,
                     const char *follow_ups)
{
	struct db_stmt *st = db_prepare(tx, SQL_VISIT);
	if (!st)
		return -1;
	db_bind_args(st,
	             DB_ARGS(DB_I(z->zone_id), DB_I(ent), DB_T(day), DB_I(by.user_id),
	                     DB_T(by.name ? by.name : ""), DB_T(kind), DB_T(findings),
	                     DB_T(follow_ups), DB_I(by.user_id), DB_I(cst_parse(day) + 17 * 3600)));
	return db_run(st) < 0 ? -1 : 0;
}

/* Visits: this year's 摸底 of every covered enterprise by its leader and a 服务 visit by its
 * liaison (一户一摸底、一户一服务), and the zone's visit campaigns (demo.json "visits": a
 * department's members visit `count` covered enterprises between two dates). */
static int add_visits(struct db *tx, struct zone_ctx *z, struct rng *r, json_t *campaigns,
                      int64_t now, struct arena *a)
{
	char today[11];
	cst_date(now, today);
	int year = cst_year(now), month = 0;
	sscanf(today + 5, "%2d", &month);
	for (int i = 0; i < z->n_ents; i++) {
		const struct ent_row *e = &z->ents[i];
		if (!e->covered)
			continue;
		const char *day = rand_day(r, a, year, 1, month > 3 ? 3 : month);
		if (strcmp(day, today) > 0)
			day = arena_printf(a, "%.8s01", today);
		if (e->leader.user_id &&
		    add_visit(tx, z, e->id, day, e->leader, "摸底",
		              "一户一摸底：了解今年生产计划、订单和用工、融资需求",
		              "月初定目标、月中调度排产、月末跟踪排数") < 0)
			return -1;
		if (e->liaison.user_id && month > 4 &&
		    add_visit(tx, z, e->id, rand_day(r, a, year, 4, month - 1), e->liaison, "服务",
		              "一户一服务：跟进企业反映的问题办理进度", "按月回访") < 0)
			return -1;
	}
	size_t k;
	json_t *c;
	json_array_foreach(campaigns, k, c)
	{
		const char *dept = json_string_value(json_object_get(c, "dept"));
		int64_t from, to;
		int bad = json_span(c, &from, &to) < 0;
		int n = (int)json_integer_value(json_object_get(c, "count"));
		const struct dept_row *d = NULL;
		for (int i = 0; i < z->n_depts; i++)
			if (dept && strcmp(z->depts[i].name, dept) == 0)
				d = &z->depts[i];
		if (!d || bad)
			return error("demo: visits of zone %s: department and dates needed",
			             z->code);
		for (int v = 0; v < n; v++) {
			int i, tries = 0;
			do
				i = rng_below(r, z->n_ents);
			while ((!z->ents[i].covered || z->ents[i].est_year > cst_year(to)) &&
			       ++tries < 1000);
			char day[11];
			cst_date(from + (int64_t)rng_below(r, (int)((to - from) / DAY + 1)) * DAY,
			         day);
			if (add_visit(tx, z, z->ents[i].id, day,
			              demo_pick_person(z, r, 0, -1, d->id, d->name),
			              json_string_value(json_object_get(c, "kind")),
			              json_string_value(json_object_get(c, "findings")),
			              json_string_value(json_object_get(c, "follow_ups"))) < 0)
				return -1;
		}
	}
	return 0;
}

/* The zone's enterprises: the named ones of demo.json, then the synthetic fill in its leading
 * sectors; flags, tags and 包保 as the zone's plans say; inserted, and remembered for requests. */
static int add_enterprises(struct db *tx, struct zone_ctx *z, struct rng *r, json_t *zj,
                           json_t *ent_ids, int64_t now)
{
	json_t *named = json_object_get(zj, "enterprises");
	int n_named = (int)json_array_size(named);
	int n = n_named + (int)json_integer_value(json_object_get(zj, "synthetic_count"));
	char today[11];
	cst_date(now - 7 * DAY, today);
	struct plan_ent *pes = yq_calloc((size_t)n + 1, sizeof *pes);
	if (!pes)
		return error("demo: out of memory");
	int ret = -1;
	for (int i = 0; i < n_named; i++)
		if (named_plan(z, r, json_array_get(named, (size_t)i), i, &pes[i], today) < 0)
			goto out;
	for (int i = n_named; i < n; i++) {
		synth(r, z, &z->za, &pes[i], &pes[i].est_year);
		pes[i].manufacturing = is_manufacturing(pes[i].en.industry_code);
	}
	plan_flags(z, r, pes, n, json_object_get(zj, "flag_plan"), today);
	plan_tags(r, pes, n, json_object_get(zj, "tag_plan"));
	plan_baobao(z, r, pes, n, json_object_get(zj, "baobao"));
	for (int i = 0; i < n; i++) {
		struct enterprise *in = &pes[i].en;
		int64_t id;
		if (add_enterprise(tx, z->who, &pes[i], &z->za, &id, z->res) < 0)
			goto out;
		struct ent_row *e = add_ent_row(z);
		if (!e) {
			error("demo: out of memory");
			goto out;
		}
		e->id = id;
		e->est_year = pes[i].est_year;
		e->contact = pes[i].contacts[0].name;
		e->phone = pes[i].contacts[0].phone;
		e->covered = pes[i].covered;
		e->building = in->building;
		if (in->leader_user_id)
			e->leader = (struct ticket_actor){in->leader_user_id,
			                                  person_name_of(z, in->leader_user_id)};
		if (in->liaison_user_id)
			e->liaison = (struct ticket_actor){in->liaison_user_id,
			                                   person_name_of(z, in->liaison_user_id)};
		if (pes[i].named)
			json_object_set_new(ent_ids, in->name, json_integer(z->n_ents - 1));
	}
	ret = 0;
out:
	yq_free(pes);
	return ret;
}

static int cmp_story(const void *a, const void *b)
{
	const struct story *x = a, *y = b;
	return (x->at > y->at) - (x->at < y->at);
}

/* The stories of a zone, sorted by date, with their enterprises found. */
static int read_stories(struct zone_ctx *z, json_t *list, json_t *ent_ids, struct story **out,
                        int *n_out)
{
	int n = (int)json_array_size(list);
	struct story *s = n ? yq_calloc((size_t)n, sizeof *s) : NULL;
	*out = s;
	*n_out = 0;
	if (n && !s)
		return error("demo: out of memory");
	for (int i = 0; i < n; i++) {
		json_t *j = json_array_get(list, (size_t)i);
		const char *ename = json_string_value(json_object_get(j, "enterprise"));
		json_t *idx = ename ? json_object_get(ent_ids, ename) : NULL;
		s[i].j = j;
		s[i].at = cst_parse(json_string_value(json_object_get(j, "at")));
		s[i].resolved = cst_parse(json_string_value(json_object_get(j, "resolved")));
		s[i].rated = cst_parse(json_string_value(json_object_get(j, "rated")));
		s[i].escalated = cst_parse(json_string_value(json_object_get(j, "escalated")));
		if (s[i].escalated < 0)
			s[i].escalated = 0;
		if (!idx || s[i].at < 0)
			return error("demo: story of zone %s: unknown enterprise %s or bad date",
			             z->code, ename ? ename : "?");
		s[i].ent = (int)json_integer_value(idx);
	}
	qsort(s, (size_t)n, sizeof *s, cmp_story);
	*n_out = n;
	return 0;
}

/* The request periods of a zone (demo.json "requests"): "from": "current" is this year up to
 * now. */
static int read_period(json_t *j, int64_t now, struct period *p)
{
	memset(p, 0, sizeof *p);
	const char *from = json_string_value(json_object_get(j, "from"));
	if (from && strcmp(from, "current") == 0) {
		char y0[16];
		snprintf(y0, sizeof y0, "%04d-01-01", cst_year(now) % 10000);
		p->from = cst_parse(y0);
		p->to = now;
	} else {
		p->from = cst_parse(from);
		p->to = cst_parse(json_string_value(json_object_get(j, "to"))) + DAY;
	}
	p->count = (int)json_integer_value(json_object_get(j, "count"));
	json_t *rej = json_object_get(j, "rejected");
	p->rejected = json_is_integer(rej) ? (int)json_integer_value(rej) : -1;
	p->all_satisfied = json_is_true(json_object_get(j, "all_satisfied"));
	p->served = json_string_value(json_object_get(j, "served"));
	p->n_served = (int)json_integer_value(json_object_get(j, "served_enterprises"));
	return p->from < 0 || p->to <= p->from || p->count < 0 ? -1 : 0;
}

static int load_zone(struct db_pool *pool, json_t *zj, const char *password,
                     const char *account_hash, struct rng *r, int64_t now, const char *data_dir,
                     struct demo_result *res)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return error("demo: database unavailable");
	int ret = -1;
	struct zone_ctx z;
	memset(&z, 0, sizeof z);
	struct arena a = ARENA_INIT;
	struct story *stories = NULL;
	int n_stories = 0;
	struct calendar *cal = NULL;
	json_t *dept_ids = json_object(), *ent_ids = json_object();
	struct principal who;
	const char *zname = json_string_value(json_object_get(zj, "short_name"));
	const char *city = json_string_value(json_object_get(zj, "city"));
	const char *region = json_string_value(json_object_get(zj, "region_code"));
	z.code = json_string_value(json_object_get(zj, "code"));
	z.short_name = zname;
	z.tx = tx;
	z.who = &who;
	z.account_hash = account_hash;
	z.res = res;
	z.password = password;
	z.data_dir = data_dir && *data_dir ? data_dir : "data";
	if (!zname || !city || !region || !z.code || strlen(region) != 6)
		goto out_release;
	struct yq_err ze = {0};
	if (zone_create(tx, z.code, json_string_value(json_object_get(zj, "name")), &z.zone_id) !=
	        DB_OK ||
	    zone_set_region(tx, z.zone_id, region, json_string_value(json_object_get(zj, "level")),
	                    &ze) < 0 ||
	    econ_zone_init(tx, z.zone_id) != DB_OK)
		goto out_release;
	res->zones++;
	as_admin(&who, z.zone_id);
	z.city = arena_strndup(&z.za, city,
	                       strlen(city) >= 6 && strcmp(city + strlen(city) - 3, "市") == 0
	                           ? strlen(city) - 3
	                           : strlen(city));
	snprintf(z.prefix8, sizeof z.prefix8, "91%s", region);
	if (add_depts(tx, &z, json_object_get(zj, "depts"), 0, dept_ids, res) < 0 ||
	    load_sectors(&z, json_object_get(zj, "sectors")) < 0)
		goto out_release;
	/* staff first: they are the 包保 leaders and liaisons and handle the requests */
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(zj, "users"), i, u)
	{
		const char *role = json_string_value(json_object_get(u, "role"));
		if (!role || strcmp(role, "enterprise") == 0)
			continue;
		int64_t id;
		if (add_user(tx, &who, &z, zname, u, dept_ids, 0, NULL, password, res, &id) < 0)
			goto out_release;
		const char *dept = json_string_value(json_object_get(u, "dept"));
		int64_t dept_id = dept ? json_integer_value(json_object_get(dept_ids, dept)) : 0;
		if (strcmp(role, "staff") == 0 && dept_id && dept_id == z.service_dept &&
		    !z.announcer.id) {
			z.announcer.id = id;
			z.announcer.username = json_string_value(json_object_get(u, "username"));
			z.announcer.name = json_string_value(json_object_get(u, "display_name"));
		}
		if (strcmp(role, "admin") != 0 &&
		    add_person(&z, id, dept_id,
		               json_string_value(json_object_get(u, "display_name")),
		               role_code(role)) < 0)
			goto out_release;
	}
	if (add_cadres(tx, &z, r, json_object_get(zj, "cadres"), dept_ids) < 0 ||
	    add_enterprises(tx, &z, r, zj, ent_ids, now) < 0)
		goto out_release;
	/* the enterprises' listed accounts */
	json_array_foreach(json_object_get(zj, "users"), i, u)
	{
		const char *role = json_string_value(json_object_get(u, "role"));
		if (!role || strcmp(role, "enterprise") != 0)
			continue;
		const char *ename = json_string_value(json_object_get(u, "enterprise"));
		json_t *idx = ename ? json_object_get(ent_ids, ename) : NULL;
		int64_t id;
		if (!idx) {
			error("demo: user %s: no enterprise named %s",
			      json_string_value(json_object_get(u, "username")),
			      ename ? ename : "?");
			goto out_release;
		}
		struct ent_row *e = &z.ents[json_integer_value(idx)];
		if (add_user(tx, &who, &z, zname, u, dept_ids, e->id, e->phone, password, res,
		             &id) < 0)
			goto out_release;
		e->account = (struct ticket_actor){
		    id, json_string_value(json_object_get(u, "display_name"))};
		e->account_username = json_string_value(json_object_get(u, "username"));
	}
	if (add_visits(tx, &z, r, json_object_get(zj, "visits"), now, &a) < 0)
		goto out_release;
	arena_release(&a);
	/* requests: the periods the seeds speak of and this year, with the seeds' stories */
	if (work_calendar(tx, &cal) < 0 ||
	    read_stories(&z, json_object_get(zj, "stories"), ent_ids, &stories, &n_stories) < 0)
		goto out_release;
	json_t *pj;
	int *done = n_stories ? yq_calloc((size_t)n_stories, sizeof *done) : NULL;
	if (n_stories && !done)
		goto out_release;
	json_array_foreach(json_object_get(zj, "requests"), i, pj)
	{
		struct period p;
		if (read_period(pj, now, &p) < 0) {
			error("demo: zone %s: request period %zu is malformed", z.code, i);
			yq_free(done);
			goto out_release;
		}
		if (demo_period_add(tx, r, &z, cal, &p, stories, n_stories, now, &a) < 0) {
			yq_free(done);
			goto out_release;
		}
		for (int s = 0; s < n_stories; s++)
			done[s] |= stories[s].at >= p.from && stories[s].at < p.to;
	}
	/* stories outside every period */
	for (int s = 0; s < n_stories; s++) {
		if (done[s] || stories[s].at > now)
			continue;
		if (demo_story_add(&z, r, cal, tx, &stories[s], now) < 0) {
			yq_free(done);
			goto out_release;
		}
		res->tickets++;
	}
	yq_free(done);
	/* the zone's announcements, read by the accounts its requests made */
	if (demo_announce_add(&z, cal, now) < 0)
		goto out_release;
	/* the zone's investment projects, worked by its bureaus and its project office */
	if (demo_projects_add(&z, cal, zj, now) < 0)
		goto out_release;
	/* the monthly figures its 规上 enterprises have reported */
	if (demo_economy_add(&z, now) < 0 || demo_baobao_add(&z, now) < 0)
		goto out_release;
	/* its buildings and units, and the leases of the let ones */
	if (demo_space_add(&z, now) < 0)
		goto out_release;
	/* its policy library, matched to its enterprises, and their applications */
	if (demo_policy_add(&z, now) < 0)
		goto out_release;
	/* its banks and the loans they made (银企对接) */
	if (demo_finance_add(&z, now) < 0)
		goto out_release;
	/* its 工业物流群: carriers, capacity, matched part-loads, vehicle registrations */
	if (demo_freight_add(&z, now) < 0)
		goto out_release;
	/* its job fairs, demands, school partnerships and hires */
	if (demo_jobs_add(&z, now) < 0)
		goto out_release;
	/* the zone's figures as summaries (ticket_summary.h) */
	if (ticket_summary_rebuild(tx, z.zone_id, cal) < 0) {
		error("demo: zone %s: cannot build the request figures", z.code);
		goto out_release;
	}
	ret = 0;
out_release: /* the zone is kept whole or not at all */
	calendar_free(cal);
	yq_free(stories);
	json_decref(dept_ids);
	json_decref(ent_ids);
	arena_release(&a);
	zone_release(&z);
	if (db_tx_end(pool, tx, ret == 0) < 0)
		ret = -1;
	return ret;
}

/* The official holidays and make-up working days of the years the demo's history covers
 * (demo.json "holidays"), entered as an administrator enters a year's notice. */
static int add_holidays(struct db_pool *pool, json_t *list)
{
	struct principal who;
	as_admin(&who, 0);
	size_t i;
	json_t *h;
	json_array_foreach(list, i, h)
	{
		const char *name = json_string_value(json_object_get(h, "name"));
		int64_t from, to;
		struct yq_err e = {0};
		if (json_span(h, &from, &to) < 0)
			return error("demo: holiday %s: bad dates", name ? name : "?");
		for (int64_t t = from; t <= to; t += DAY) {
			char d[11];
			cst_date(t, d);
			if (work_holiday_set(pool, &who, d, "holiday", name, &e) < 0)
				return error("demo: holiday %s: %s", d,
				             e.message_en ? e.message_en : "");
		}
		size_t j;
		json_t *w;
		json_array_foreach(json_object_get(h, "workdays"), j, w)
		{
			if (work_holiday_set(pool, &who, json_string_value(w), "workday", name,
			                     &e) < 0)
				return error("demo: workday %s: %s", json_string_value(w),
				             e.message_en ? e.message_en : "");
		}
	}
	return 0;
}

int demo_load(struct db_pool *pool, const char *password, uint64_t seed, int64_t now,
              const char *data_dir, struct demo_result *res)
{
	memset(res, 0, sizeof *res);
	const struct embedded_file *f = embedded_find("demo.json");
	if (!f)
		return error("demo: demo.json is not compiled into this program");
	json_error_t je;
	json_t *root = json_loadb(f->data, f->len, 0, &je);
	if (!root)
		return error("demo: demo.json: %s", je.text);
	if (now <= 0)
		now = now_unix();
	struct rng r = {seed ? seed : 20261123};
	/* the cadres and the enterprises' accounts share one hash: of the demo password, or of a
	 * password nobody is shown (an administrator sets theirs) */
	char pw[130], hash[PASSWORD_HASH_LEN];
	if (password)
		snprintf(pw, sizeof pw, "%s", password);
	else
		password_generate(pw);
	int ret = password_hash(pw, hash, 1) < 0 ? error("demo: cannot hash the password") : 0;
	explicit_bzero(pw, sizeof pw);
	if (ret == 0)
		ret = add_holidays(pool, json_object_get(root, "holidays"));
	size_t i;
	json_t *zj;
	json_array_foreach(json_object_get(root, "zones"), i, zj)
	{
		if (ret < 0)
			break;
		ret = load_zone(pool, zj, password, hash, &r, now, data_dir, res);
	}
	/* province users read the zones of their region */
	json_t *prov = json_object_get(root, "province"), *u;
	int rc;
	struct db *tx = ret == 0 ? db_tx_begin(pool, &rc) : NULL;
	if (tx) {
		struct principal who;
		as_admin(&who, 0);
		json_array_foreach(json_object_get(prov, "users"), i, u)
		{
			int64_t id;
			if (add_user(tx, &who, NULL,
			             json_string_value(json_object_get(prov, "name")), u, NULL, 0,
			             NULL, password, res, &id) < 0)
				ret = -1;
		}
		if (db_tx_end(pool, tx, ret == 0) < 0)
			ret = -1;
	}
	json_decref(root);
	return ret;
}

/* ---- the scale generator ------------------------------------------------------------------- */

/* gen's flags, drawn per enterprise: 35 in 100 规上 since a year of 2015-2024; 15 in 100 first
 * certified 高新技术企业 in 2016-2024 and renewed at 75 in 100; 6 in 100 专精特新 since 2019-2024.
 */
static void gen_flags(struct zone_ctx *z, struct rng *r, struct plan_ent *pe, const char *today)
{
	if (rng_pct(r, 35)) {
		add_span(pe, FLAG_ABOVE_SIZE, rand_day(r, &z->za, 2015 + rng_below(r, 10), 1, 12),
		         NULL, "");
		pe->holds[FLAG_ABOVE_SIZE] = 1;
	}
	if (rng_pct(r, 15)) {
		struct flag_plan p = {.renew = 75};
		grant_high_tech(z, r, pe, rand_day(r, &z->za, 2016 + rng_below(r, 9), 9, 12), &p, 0,
		                today);
	}
	if (rng_pct(r, 6))
		add_span(pe, FLAG_SPECIALIZED, rand_day(r, &z->za, 2019 + rng_below(r, 6), 5, 9),
		         NULL, "");
}

int demo_gen(struct db_pool *pool, const struct gen_opts *o, struct demo_result *res)
{
	memset(res, 0, sizeof *res);
	static const char *const words[][4] = {
	    {"3670", "汽车部件", "汽配", "底盘"},   {"3976", "光电", "光学", "激光"},
	    {"3581", "医疗器械", "医疗", "生物"},   {"3711", "轨道交通", "轨道", "机车"},
	    {"3491", "智能装备", "机器人", "数控"}, {"3731", "船舶", "海工", "港机"},
	    {"3922", "智能终端", "电子", "通信"},   {"2929", "新材料", "塑胶", "材料"},
	};
	/* the departments and the request topics each handles */
	static const struct {
		const char *name, *kind, *handles[8];
	} gdepts[] = {
	    {"管委会", "leadership", {NULL}},
	    {"企业服务中心", "service_center", {NULL}},
	    {"招商局", "investment", {"厂房", "推介", "物流"}},
	    {"经济发展局", "economic", {"融资", "用工", "政策", "科技", "人才", "其他"}},
	    {"项目办", "project", {"审批", "项目", "用地", "水电气", "基础设施"}},
	};
	struct rng r = {o->seed ? o->seed : 42};
	int64_t now = o->now > 0 ? o->now : now_unix();
	char today[11];
	cst_date(now, today);
	for (int zi = 0; zi < o->zones; zi++) {
		int rc;
		struct db *tx = db_tx_begin(pool, &rc);
		if (!tx)
			return error("gen: database unavailable");
		/* PostgreSQL: the INSERTs whose reply is not needed go out in pipelines */
		db_bulk(tx, 1);
		struct zone_ctx z;
		memset(&z, 0, sizeof z);
		struct arena a = ARENA_INIT;
		struct calendar *cal = NULL;
		char code[16], name[64];
		snprintf(code, sizeof code, "gen%03d", zi + 1);
		/* the first is 长春经开区, the province's strongest (全省综合考核第1: the seed's);
		 * the others smaller, each by its own draw (apart from r: the rows stay those of
		 * the same seed) */
		struct rng zr = {(o->seed ? o->seed : 42) * 7919u + (uint64_t)zi * 104729u + 1};
		if (zi == 0) {
			snprintf(name, sizeof name, "长春经济技术开发区");
			z.scale = 1;
			z.growth = 0.05;
		} else {
			snprintf(name, sizeof name, "第%d开发区", zi + 1);
			z.scale = 0.3 + 0.5 * (double)rng_below(&zr, 1000) / 1000.0;
			z.growth = -0.03 + 0.05 * (double)rng_below(&zr, 1000) / 1000.0;
		}
		z.code = code;
		z.city = "示范";
		z.res = res;
		/* a distinct, well-formed region code per zone */
		snprintf(z.prefix8, sizeof z.prefix8, "91%06u",
		         (unsigned)(110000 + zi * 97) % 1000000u);
		struct principal who;
		/* the generated province is 吉林省: its zones spread over its nine cities, the
		 * first eight national (国家级), the rest provincial */
		static const char *const cities[] = {"220100", "220200", "220300",
		                                     "220400", "220500", "220600",
		                                     "220700", "220800", "222400"};
		struct yq_err ze = {0};
		if (zone_create(tx, code, name, &z.zone_id) != DB_OK ||
		    zone_set_region(tx, z.zone_id, cities[zi % 9],
		                    zi < 8 ? "national" : "provincial", &ze) < 0 ||
		    econ_zone_init(tx, z.zone_id) != DB_OK)
			goto out_fail;
		res->zones++;
		as_admin(&who, z.zone_id);
		z.tx = tx;
		z.who = &who;
		int64_t dept_ids[5];
		for (int d = 0; d < 5; d++) {
			struct dept in = {.name = gdepts[d].name,
			                  .kind = gdepts[d].kind,
			                  .parent_id = d ? dept_ids[0] : 0,
			                  .sort = d};
			struct yq_err e = {0};
			if (dept_add_in(tx, &who, &in, &e) < 0)
				goto out_fail;
			dept_ids[d] = in.id;
			res->depts++;
			struct dept_row *row = &z.depts[z.n_depts++];
			memset(row, 0, sizeof *row);
			row->id = dept_ids[d];
			row->name = gdepts[d].name;
			for (int k = 0; k < 8 && gdepts[d].handles[k]; k++)
				row->handles[row->n_handles++] = gdepts[d].handles[k];
		}
		z.invest_depts[z.n_invest++] = dept_ids[2];
		z.service_dept = dept_ids[1];
		static const char *const roles[] = {"admin", "leader", "dept_head", "staff"};
		static const char *const names[] = {"系统管理员", "园区领导", "招商局负责人",
		                                    "服务专员"};
		static const int rdept[] = {-1, 0, 2, 1};
		int64_t uid[4];
		for (int k = 0; k < 4; k++) {
			char uname[40];
			snprintf(uname, sizeof uname, "%s-%s", code, roles[k]);
			struct user in = {
			    .username = uname,
			    .display_name = names[k],
			    .role = roles[k],
			    .dept_id = rdept[k] >= 0 ? dept_ids[rdept[k]] : 0,
			    .password = "Gen-Passw0rd-2026",
			};
			if (k == 3)
				in.data_scope = "zone";
			struct yq_err e = {0};
			if (user_add_in(tx, &who, z.zone_id, &in, &e) < 0)
				goto out_fail;
			uid[k] = in.id;
			res->users++;
			if (k &&
			    add_person(&z, uid[k], in.dept_id, names[k], role_code(roles[k])) < 0)
				goto out_fail;
		}
		for (int s = 0; s < 3; s++) {
			const char *const *w = words[(zi + s) % 8];
			struct sector *t = &z.sectors[z.n_sectors++];
			t->industries[0] = w[0];
			t->n_industries = 1;
			for (int k = 1; k < 4; k++)
				t->words[t->n_words++] = w[k];
			t->weight = 3 - s;
			z.total_weight += t->weight;
		}
		for (int k = 0; k < o->enterprises_per_zone; k++) {
			struct plan_ent pe;
			memset(&pe, 0, sizeof pe);
			synth(&r, &z, &a, &pe, &pe.est_year);
			gen_flags(&z, &r, &pe, today);
			/* 包保: key (规上) enterprises get a leader and a liaison */
			if (pe.holds[FLAG_ABOVE_SIZE]) {
				pe.en.leader_user_id = uid[1 + rng_below(&r, 2)];
				pe.en.liaison_user_id = uid[3];
			}
			int64_t id;
			if (add_enterprise(tx, &who, &pe, &a, &id, res) < 0)
				goto out_fail;
			struct ent_row *row = add_ent_row(&z);
			if (!row)
				goto out_fail;
			row->id = id;
			row->est_year = pe.est_year;
			row->contact = pe.contacts[0].name;
			row->phone = pe.contacts[0].phone;
			if (pe.en.leader_user_id)
				row->leader = (struct ticket_actor){
				    pe.en.leader_user_id, person_name_of(&z, pe.en.leader_user_id)};
			if (pe.en.liaison_user_id)
				row->liaison = (struct ticket_actor){uid[3], names[3]};
			if (k % 256 == 255)
				arena_release(&a);
		}
		arena_release(&a);
		if (o->tickets_per_zone > 0) {
			if (work_calendar(tx, &cal) < 0)
				goto out_fail;
			/* the year up to now */
			struct period p = {.from = now - 330 * DAY,
			                   .to = now,
			                   .count = o->tickets_per_zone,
			                   .rejected = -1};
			rc = demo_period_add(tx, &r, &z, cal, &p, NULL, 0, now, &a);
			/* the zone's figures as summaries (ticket_summary.h); bulk mode ends there
			 */
			if (rc >= 0 && (rc = ticket_summary_rebuild(tx, z.zone_id, cal)) < 0)
				error("gen: zone %s: cannot build the request figures", code);
			calendar_free(cal);
			cal = NULL;
			if (rc < 0)
				goto out_fail;
		}
		/* the investment projects of the past 36 months, worked by the 招商局 head and
		 * dispatched by the project office; generator of their own (the requests above do
		 * not move) */
		if (o->projects_per_zone > 0 &&
		    demo_gen_projects(&z, (int)lround(o->projects_per_zone * z.scale), dept_ids[4],
		                      uid[2], uid[0], now,
		                      (o->seed ? o->seed : 42) * 1000003u + (uint64_t)zi) < 0)
			goto out_fail;
		/* the enterprises' monthly figures; generator of their own */
		if (o->econ_months > 0 &&
		    demo_gen_economy(&z, o->econ_months, now,
		                     (o->seed ? o->seed : 42) * 2654435761u + (uint64_t)zi) < 0)
			goto out_fail;
		/* 载体: buildings and units at scale (the vacancy summary's benchmark) */
		if (o->space_units_per_zone > 0 &&
		    demo_gen_space(&z, o->space_units_per_zone, now,
		                   (o->seed ? o->seed : 42) * 40503u + (uint64_t)zi) < 0)
			goto out_fail;
		zone_release(&z);
		if (db_bulk(tx, 0) < 0) {
			db_tx_end(pool, tx, 0);
			return error("gen: zone %s: %s", code, db_errmsg(tx));
		}
		if (db_tx_end(pool, tx, 1) < 0)
			return -1;
		if (o->progress)
			o->progress(o->progress_ctx, zi + 1, o->zones);
		continue;
	out_fail:
		calendar_free(cal);
		arena_release(&a);
		zone_release(&z);
		db_bulk(tx, 0);
		db_tx_end(pool, tx, 0);
		return -1;
	}
	/* the province's user, who reads every zone of 吉林省 */
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return error("gen: database unavailable");
	struct principal who;
	as_admin(&who, 0);
	struct user in = {.username = "gen-province",
	                  .display_name = "省级用户",
	                  .role = "province",
	                  .region_code = "220000",
	                  .password = "Gen-Passw0rd-2026"};
	struct yq_err e = {0};
	rc = user_add_in(tx, &who, 0, &in, &e);
	if (rc == 0)
		res->users++;
	if (db_tx_end(pool, tx, rc == 0) < 0 || rc < 0)
		return error("gen: the province user: %s", e.message_en ? e.message_en : "?");
	return 0;
}
