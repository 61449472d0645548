/* Demo zones from the seed reports and the province-scale generator (see demo.h). */
#include "demo/demo.h"
#include "auth/password.h"
#include "enterprise/enterprise.h"
#include "enterprise/enterprise_int.h"
#include "lib/arena.h"
#include "lib/embedded.h"
#include "lib/log.h"
#include "org/org.h"
#include "lib/alloc.h"
#include "lib/util.h"
#include "ticket/calendar.h"
#include "ticket/ticket_store.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* xorshift64*: a small deterministic generator, so a seed always gives the same data. */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ull;
}

static int rng_below(struct rng *r, int n)
{
	return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

/* Brand syllables for synthetic company names. */
static const char *const brands[] = {
    "华", "恒", "鑫", "泰", "瑞", "博", "宏", "天", "盛", "辉", "正", "德", "信", "达", "安",
    "永", "金", "丰", "源", "通", "凯", "裕", "隆", "昌", "宇", "嘉", "腾", "创", "远", "晟",
    "锦", "科", "新", "联", "航", "卓", "益", "万", "精", "誉", "润", "邦", "星", "光", "海",
};
static const char *const suffixes[] = {"有限公司", "科技有限公司", "股份有限公司", "制造有限公司",
                                       "技术有限公司"};

/* A sector of the synthetic fill: industry codes and name words, with a weight. */
struct sector {
	const char *industries[8];
	int n_industries;
	const char *words[12];
	int n_words;
	int weight;
};

struct zone_ctx {
	int64_t zone_id;
	const char *city; /* name prefix for synthetic companies, e.g. "长春" */
	char prefix8[9];  /* USCC prefix: "91" + region code */
	struct sector sectors[12];
	int n_sectors, total_weight;
	int64_t leaders[16]; /* 包保 leaders: the leader and department heads */
	int n_leaders;
	int64_t liaisons[8]; /* liaison cadres */
	int n_liaisons;
	int64_t invest_depts[8]; /* departments responsible for enterprises */
	int n_invest;
	int64_t service_dept;
	uint64_t serial;
	int64_t handle_depts[24]; /* departments that handle requests */
	int n_handle;
	int64_t *ents; /* enterprises made so far, for requests */
	size_t n_ents, cap_ents;
};

static void remember_ent(struct zone_ctx *z, int64_t id)
{
	if (z->n_ents == z->cap_ents) {
		size_t cap = z->cap_ents ? z->cap_ents * 2 : 256;
		int64_t *p = yq_realloc(z->ents, cap * sizeof *p);
		if (!p)
			return;
		z->ents = p;
		z->cap_ents = cap;
	}
	z->ents[z->n_ents++] = id;
}

/* Request templates per category: a title and an answer, with %d for a number. */
static const struct {
	const char *category;
	int weight;
	const char *titles[3];
	const char *answer;
} asks[] = {
    {"用工",
     20,
     {"急需普工%d人", "招聘技术工人%d名", "职业院校实习生对接%d人"},
     "已对接人社局组织专场招聘会，推荐求职者到岗"},
    {"融资",
     15,
     {"申请流动资金贷款%d万元", "技改项目融资需求%d万元", "知识产权质押贷款%d万元"},
     "已组织银企对接，银行完成授信审批并放款"},
    {"审批",
     15,
     {"施工许可证办理进度（%d号地块）", "环评批复加快办理", "规划许可变更咨询（%d号厂房）"},
     "已协调审批部门并联办理，证照已核发"},
    {"政策",
     12,
     {"咨询稳岗补贴政策（%d人）", "高新技术企业奖励兑现", "专精特新扶持资金申报"},
     "已解读政策并协助企业完成申报"},
    {"物流",
     10,
     {"常州方向拼车发货（%d吨）", "冷链运输车辆协调%d台", "货物出口通关加急"},
     "已在工业物流群匹配同路车辆，货物按期发运"},
    {"水电气",
     10,
     {"厂区用电增容%d千伏安", "天然气接入申请", "用水管网压力不足"},
     "已协调供电、供气单位现场勘查并完成接入"},
    {"用地",
     8,
     {"扩建项目用地指标%d亩", "标准厂房租赁需求%d平方米", "土地证办理进度"},
     "已纳入供地计划，完成用地预审"},
    {"基础设施",
     6,
     {"厂区门前道路积水", "园区路灯损坏（%d盏）", "企业周边公交线路调整"},
     "已安排市政部门维修整改"},
    {"其他",
     4,
     {"员工子女入学咨询", "人才公寓申请%d套", "企业宣传推介需求"},
     "已协调相关部门答复办理"},
};

/* The template with its "%d" replaced by n (templates are data, not format strings). */
static const char *fill_number(struct arena *a, const char *tpl, int n)
{
	const char *p = strstr(tpl, "%d");
	if (!p)
		return tpl;
	return arena_printf(a, "%.*s%d%s", (int)(p - tpl), tpl, n, p + 2);
}

/* Adds `count` requests of the past to zone z, from `start` until now: most resolved and rated,
 * some open (a few past their deadline), some rejected, a few escalated. */
static int synth_tickets(struct db *tx, struct rng *r, struct zone_ctx *z, int count, int64_t start,
                         int64_t now, struct calendar *cal, struct arena *a)
{
	static const char *const channels[] = {"online", "online", "online", "online",  "online",
	                                       "phone",  "phone",  "visit",  "hotline", "wechat"};
	int total_w = 0;
	for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++)
		total_w += asks[i].weight;
	if (!z->n_ents || !z->n_handle)
		return 0;
	for (int k = 0; k < count; k++) {
		int w = rng_below(r, total_w);
		size_t c = 0;
		while (c + 1 < sizeof asks / sizeof asks[0] && w >= asks[c].weight)
			w -= asks[c++].weight;
		struct ticket_hist h = {0};
		h.zone_id = z->zone_id;
		h.enterprise_id = z->ents[rng_below(r, (int)z->n_ents)];
		h.channel = channels[rng_below(r, 10)];
		h.category = asks[c].category;
		h.priority = rng_below(r, 10) == 0 ? "urgent" : "normal";
		int num = 2 + rng_below(r, 98);
		h.title = fill_number(a, asks[c].titles[rng_below(r, 3)], num * (c == 1 ? 50 : 1));
		h.description = arena_printf(
		    a, "%s。企业反映：%s，希望园区协调解决。联系人已留电话。", h.title,
		    rng_below(r, 2) ? "情况紧急，影响正常生产" : "按计划推进中遇到困难");
		h.actor = "系统导入";
		h.created_at = start + (int64_t)(rng_next(r) % (uint64_t)(now - start - 3600));
		struct ticket_rule rule;
		ticket_rule_default(h.category, h.priority, &rule);
		int roll = rng_below(r, 100);
		if (roll < 3) {
			h.status = TS_REJECTED;
			h.closed_at = h.created_at + 3600 + rng_below(r, 20000);
			h.reject_reason = "经核实属个人事项，不属于企业诉求受理范围";
		} else {
			h.accepted_at = h.created_at + 1800 + rng_below(r, 14400);
			if (h.accepted_at > now) {
				h.status = TS_RECEIVED;
				h.accepted_at = 0;
				goto insert;
			}
			h.dept_id = z->handle_depts[rng_below(r, z->n_handle)];
			h.due_first_contact = calendar_add_work_seconds(cal, h.accepted_at, 3600);
			h.due_resolve =
			    calendar_deadline_days(cal, h.accepted_at, rule.resolve_days);
			h.first_contact_at =
			    calendar_add_work_seconds(cal, h.accepted_at, 600 + rng_below(r, 7200));
			/* handling time in working days, mostly within the deadline */
			double days = (double)(rng_below(r, 1000)) / 1000.0 *
			              (rng_below(r, 10) < 8 ? 4.5 : 9.0);
			h.resolved_at = calendar_add_work_seconds(cal, h.accepted_at,
			                                          (int64_t)(days * 25200) + 1800);
			h.status = TS_IN_PROGRESS;
			if (h.first_contact_at > now) {
				h.first_contact_at = 0;
				h.status = TS_ASSIGNED;
			}
			/* a few get stuck: still open long after, past their deadline */
			if (h.resolved_at > now || rng_below(r, 100) < 2) {
				h.resolved_at = 0;
			} else {
				h.answer = asks[c].answer;
				h.status = TS_RESOLVED;
				if (h.resolved_at + 7 * 86400 < now || rng_below(r, 3) == 0) {
					h.status = TS_CLOSED;
					int rate = rng_below(r, 100);
					if (rate < 6 && h.resolved_at + 7 * 86400 < now) {
						h.unrated = 1;
						h.closed_at = h.resolved_at + 7 * 86400;
					} else {
						h.rating = rate < 80 ? "satisfied" : "basic";
						h.closed_at =
						    h.resolved_at + 3600 + rng_below(r, 86400 * 3);
						if (h.closed_at > now)
							h.closed_at = now;
					}
				}
			}
			if (ticket_is_open(h.status) && h.status != TS_RESOLVED &&
			    rng_below(r, 25) == 0) {
				static const char *const levels[] = {"yellow", "orange", "red"};
				h.escalated = 1;
				h.esc_level = levels[rng_below(r, 3)];
				h.esc_note = "影响项目投产，限期解决";
			}
		}
	insert:;
		int64_t id;
		int rc = ticket_insert_history(tx, &h, &id);
		if (rc < 0)
			return error("demo: request %s: database error %d", h.title, rc);
		if (k % 200 == 199)
			arena_release(a);
	}
	return 0;
}

static const struct principal *as_admin(struct principal *p, int64_t zone)
{
	org_cli_principal(p, zone);
	p->username = "(demo)";
	return p;
}

/* Adds the department tree under parent; records investment and service departments. */
static int add_depts(struct db *tx, struct zone_ctx *z, json_t *list, int64_t parent, json_t *ids,
                     struct demo_result *res)
{
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d)
	{
		struct dept_input in = {
		    .name = json_string_value(json_object_get(d, "name")),
		    .kind = json_string_value(json_object_get(d, "kind")),
		    .parent_id = parent,
		    .sort = (int64_t)i,
		};
		int64_t id;
		struct yq_err e = {0};
		if (dept_insert(tx, z->zone_id, &in, &id, &e) < 0)
			return error("demo: department %s: %s", in.name ? in.name : "?",
			             e.message_en ? e.message_en : "failed");
		res->depts++;
		json_object_set_new(ids, in.name, json_integer(id));
		if (in.kind && strcmp(in.kind, "investment") == 0 && z->n_invest < 8)
			z->invest_depts[z->n_invest++] = id;
		if (in.kind && strcmp(in.kind, "service_center") == 0 && !z->service_dept)
			z->service_dept = id;
		if (in.kind && strcmp(in.kind, "service_center") && strcmp(in.kind, "leadership") &&
		    z->n_handle < 24)
			z->handle_depts[z->n_handle++] = id;
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

static int add_user(struct db *tx, const struct principal *who, struct zone_ctx *z,
                    const char *zone_name, json_t *u, json_t *dept_ids, int64_t enterprise_id,
                    const char *password, struct demo_result *res, int64_t *id)
{
	char pw[130];
	if (password)
		snprintf(pw, sizeof pw, "%s", password);
	else
		password_generate(pw);
	const char *dept = json_string_value(json_object_get(u, "dept"));
	const char *role = json_string_value(json_object_get(u, "role"));
	struct user_input in = {
	    .username = json_string_value(json_object_get(u, "username")),
	    .display_name = json_string_value(json_object_get(u, "display_name")),
	    .role = role,
	    .dept_id = dept ? json_integer_value(json_object_get(dept_ids, dept)) : 0,
	    .enterprise_id = enterprise_id,
	    .password = pw,
	    .must_change = password == NULL,
	};
	/* the service center works with every enterprise of the zone */
	if (role && strcmp(role, "staff") == 0 && in.dept_id == z->service_dept)
		in.data_scope = "zone";
	struct yq_err e = {0};
	if (user_insert(tx, who, z ? z->zone_id : 0, &in, id, &e) < 0)
		return error("demo: user %s: %s: %s", in.username ? in.username : "?",
		             e.field ? e.field : "", e.message_en ? e.message_en : "failed");
	res->users++;
	remember(res, zone_name, in.username, role, pw);
	return 0;
}

/* Random date between two years, as YYYY-MM-DD. */
static void rand_date(struct rng *r, int y0, int y1, char out[11])
{
	snprintf(out, 11, "%04d-%02d-%02d", (y0 + rng_below(r, y1 - y0 + 1)) % 10000,
	         1 + rng_below(r, 12), 1 + rng_below(r, 28));
}

/* Fills an input for one synthetic enterprise of zone z. */
static void synth(struct rng *r, struct zone_ctx *z, struct arena *a, struct ent_input *in,
                  char (*dates)[11])
{
	memset(in, 0, sizeof *in);
	int w = rng_below(r, z->total_weight), k = 0;
	while (k < z->n_sectors - 1 && w >= z->sectors[k].weight)
		w -= z->sectors[k++].weight;
	const struct sector *s = &z->sectors[k];
	const char *word = s->n_words ? s->words[rng_below(r, s->n_words)] : "实业";
	const char *b1 = brands[rng_below(r, (int)(sizeof brands / sizeof brands[0]))];
	const char *b2 = brands[rng_below(r, (int)(sizeof brands / sizeof brands[0]))];
	const char *suf = suffixes[rng_below(r, (int)(sizeof suffixes / sizeof suffixes[0]))];
	uscc_make(z->prefix8, ++z->serial, in->uscc_norm);
	in->uscc = in->uscc_norm;
	in->name = arena_printf(a, "%s%s%s%s%s", z->city, b1, b2, word, suf);
	in->short_name = arena_printf(a, "%s%s%s", b1, b2, word);
	in->industry_code = s->n_industries ? s->industries[rng_below(r, s->n_industries)] : "3499";
	in->building = arena_printf(a, "%s%d号楼", rng_below(r, 3) ? "标准厂房" : "产业园",
	                            1 + rng_below(r, 40));
	in->address = arena_printf(a, "%s开发区%s路%d号", z->city, brands[rng_below(r, 45)],
	                           1 + rng_below(r, 999));
	in->has_capital = 1;
	in->registered_capital = (double)(50 + rng_below(r, 200) * 50);
	rand_date(r, 2000, 2024, dates[0]);
	in->established_on = dates[0];
	in->ent_type = rng_below(r, 20) == 0   ? "foreign"
	               : rng_below(r, 30) == 0 ? "hmt"
	                                       : "domestic";
	if (rng_below(r, 100) < 35) {
		rand_date(r, 2015, 2024, dates[1]);
		in->flags[in->n_flags++] =
		    (struct ent_flag_span){FLAG_ABOVE_SIZE, dates[1], NULL, ""};
	}
	if (rng_below(r, 100) < 15) {
		int y = 2016 + rng_below(r, 9);
		snprintf(dates[2], 11, "%04d-11-01", y % 10000);
		snprintf(dates[3], 11, "%04d-10-31", (y + 3) % 10000);
		in->flags[in->n_flags++] = (struct ent_flag_span){
		    FLAG_HIGH_TECH, dates[2], dates[3],
		    arena_printf(a, "GR%d%s%06d", y, z->prefix8 + 2, rng_below(r, 999999))};
	}
	if (rng_below(r, 100) < 6) {
		rand_date(r, 2019, 2024, dates[4]);
		in->flags[in->n_flags++] =
		    (struct ent_flag_span){FLAG_SPECIALIZED, dates[4], NULL, ""};
	}
	in->contacts[0] =
	    (struct ent_contact){arena_printf(a, "%s经理",
	                                      (const char *[]){"王", "李", "张", "刘", "陈", "杨",
	                                                       "赵", "黄"}[rng_below(r, 8)]),
	                         arena_printf(a, "13%09d", rng_below(r, 999999999)), "总经理"};
	in->n_contacts = 1;
	if (z->n_invest)
		in->dept_id = z->invest_depts[rng_below(r, z->n_invest)];
	/* 包保: key (规上) enterprises get a leader and a liaison */
	if (in->n_flags && in->flags[0].flag == FLAG_ABOVE_SIZE && z->n_leaders) {
		in->leader_user_id = z->leaders[rng_below(r, z->n_leaders)];
		if (z->n_liaisons)
			in->liaison_user_id = z->liaisons[rng_below(r, z->n_liaisons)];
	}
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

/* Inserts one enterprise; validates like any input. */
static int add_enterprise(struct db *tx, const struct principal *who, struct ent_input *in,
                          int64_t *id, struct demo_result *res)
{
	struct yq_err e = {0};
	if (ent_validate(in, &e) < 0 || ent_insert(tx, who, in, id, &e) < 0)
		return error("demo: enterprise %s: %s: %s", in->name, e.field ? e.field : "",
		             e.message_en ? e.message_en : "failed");
	res->enterprises++;
	return 0;
}

static const char SQL_VISIT[] =
    "INSERT INTO enterprise_visit (zone_id, enterprise_id, visited_on, visitor_user_id, kind, "
    "findings, follow_ups, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static int load_zone(struct db_pool *pool, json_t *zj, const char *password, struct rng *r,
                     struct demo_result *res)
{
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return error("demo: database unavailable");
	struct zone_ctx z;
	memset(&z, 0, sizeof z);
	struct arena a = ARENA_INIT;
	json_t *dept_ids = json_object(), *ent_ids = json_object();
	struct principal who;
	const char *zname = json_string_value(json_object_get(zj, "short_name"));
	const char *city = json_string_value(json_object_get(zj, "city"));
	const char *region = json_string_value(json_object_get(zj, "region_code"));
	if (!zname || !city || !region || strlen(region) != 6)
		goto out_fail;
	if (zone_create(tx, json_string_value(json_object_get(zj, "code")),
	                json_string_value(json_object_get(zj, "name")), &z.zone_id) != DB_OK)
		goto out_fail;
	res->zones++;
	as_admin(&who, z.zone_id);
	z.city = arena_strndup(&a, city,
	                       strlen(city) >= 6 && strcmp(city + strlen(city) - 3, "市") == 0
	                           ? strlen(city) - 3
	                           : strlen(city));
	snprintf(z.prefix8, sizeof z.prefix8, "91%s", region);
	if (add_depts(tx, &z, json_object_get(zj, "depts"), 0, dept_ids, res) < 0 ||
	    load_sectors(&z, json_object_get(zj, "sectors")) < 0)
		goto out_fail;
	/* staff first: they are the 包保 leaders and liaisons */
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(zj, "users"), i, u)
	{
		const char *role = json_string_value(json_object_get(u, "role"));
		if (!role || strcmp(role, "enterprise") == 0)
			continue;
		int64_t id;
		if (add_user(tx, &who, &z, zname, u, dept_ids, 0, password, res, &id) < 0)
			goto out_fail;
		if ((strcmp(role, "leader") == 0 || strcmp(role, "dept_head") == 0) &&
		    z.n_leaders < 16)
			z.leaders[z.n_leaders++] = id;
		if (strcmp(role, "staff") == 0 && z.n_liaisons < 8)
			z.liaisons[z.n_liaisons++] = id;
	}
	/* the enterprises the reports name */
	json_t *en;
	json_array_foreach(json_object_get(zj, "enterprises"), i, en)
	{
		struct ent_input in;
		memset(&in, 0, sizeof in);
		char from[11];
		uscc_make(z.prefix8, ++z.serial, in.uscc_norm);
		in.uscc = in.uscc_norm;
		in.name = json_string_value(json_object_get(en, "name"));
		in.short_name = json_string_value(json_object_get(en, "short_name"));
		in.industry_code = json_string_value(json_object_get(en, "industry"));
		in.ent_type = json_string_value(json_object_get(en, "ent_type"));
		in.building = json_string_value(json_object_get(en, "building"));
		in.established_on = json_string_value(json_object_get(en, "established_on"));
		json_t *cap = json_object_get(en, "registered_capital");
		in.has_capital = json_is_number(cap);
		in.registered_capital = json_number_value(cap);
		snprintf(from, sizeof from, "%.4s-01-01",
		         in.established_on && strcmp(in.established_on, "2019") > 0
		             ? in.established_on
		             : "2019");
		size_t k;
		json_t *f;
		json_array_foreach(json_object_get(en, "flags"), k, f)
		{
			enum ent_flag_kind fk = ent_flag_from_name(json_string_value(f));
			if (fk < FLAG__COUNT && in.n_flags < ENT_MAX_FLAGS)
				in.flags[in.n_flags++] = (struct ent_flag_span){fk, from, NULL, ""};
		}
		if (z.n_invest)
			in.dept_id = z.invest_depts[i % (size_t)z.n_invest];
		if (z.n_leaders)
			in.leader_user_id = z.leaders[i % (size_t)z.n_leaders];
		if (z.n_liaisons)
			in.liaison_user_id = z.liaisons[i % (size_t)z.n_liaisons];
		int64_t id;
		if (add_enterprise(tx, &who, &in, &id, res) < 0)
			goto out_fail;
		remember_ent(&z, id);
		json_object_set_new(ent_ids, in.name, json_integer(id));
		/* a 摸底 visit on record for each named enterprise */
		struct db_stmt *st = db_prepare(tx, SQL_VISIT);
		if (!st)
			goto out_fail;
		char day[11];
		snprintf(day, sizeof day, "2026-%02d-%02d", 1 + (int)(i % 10), 3 + (int)(i % 20));
		db_bind_int(st, 1, z.zone_id);
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, day);
		db_bind_int(st, 4, in.leader_user_id ? in.leader_user_id : z.leaders[0]);
		db_bind_text(st, 5, "摸底");
		db_bind_text(st, 6,
		             arena_printf(&a, "走访%s，了解生产经营、用工和融资需求",
		                          in.short_name ? in.short_name : in.name));
		db_bind_text(st, 7, "按月跟踪排产和产值");
		db_bind_int(st, 8, (int64_t)time(NULL));
		if (db_run(st) < 0)
			goto out_fail;
	}
	/* the synthetic fill in the zone's leading sectors */
	/* their strings live in an arena of their own, released every 256 enterprises: `a` also
	 * holds the zone's city name and sector words, which later enterprises still use */
	int n = (int)json_integer_value(json_object_get(zj, "synthetic_count"));
	struct arena fill = ARENA_INIT;
	for (int k = 0; k < n; k++) {
		struct ent_input in;
		char dates[5][11];
		synth(r, &z, &fill, &in, dates);
		int64_t id;
		if (add_enterprise(tx, &who, &in, &id, res) < 0) {
			arena_release(&fill);
			goto out_fail;
		}
		remember_ent(&z, id);
		if (k % 256 == 255)
			arena_release(&fill);
	}
	arena_release(&fill);
	/* a year of requests: about one per enterprise */
	struct calendar *cal;
	if (ticket_calendar(tx, &cal) < 0)
		goto out_fail;
	char year0[16];
	time_t nowt = time(NULL);
	struct tm tmy;
	gmtime_r(&nowt, &tmy);
	snprintf(year0, sizeof year0, "%04d-01-01", (tmy.tm_year + 1900) % 10000);
	struct tm t0 = {0};
	strptime(year0, "%Y-%m-%d", &t0);
	int nt = (int)z.n_ents / 2;
	rc = synth_tickets(tx, r, &z, nt, (int64_t)timegm(&t0) - 8 * 3600, now_unix(), cal, &a);
	calendar_free(cal);
	if (rc < 0)
		goto out_fail;
	res->tickets += nt;
	/* enterprise users last: they belong to an enterprise */
	json_array_foreach(json_object_get(zj, "users"), i, u)
	{
		const char *role = json_string_value(json_object_get(u, "role"));
		if (!role || strcmp(role, "enterprise") != 0)
			continue;
		const char *ename = json_string_value(json_object_get(u, "enterprise"));
		int64_t eid = ename ? json_integer_value(json_object_get(ent_ids, ename)) : 0, id;
		if (!eid) {
			error("demo: user %s: no enterprise named %s",
			      json_string_value(json_object_get(u, "username")),
			      ename ? ename : "?");
			goto out_fail;
		}
		if (add_user(tx, &who, &z, zname, u, dept_ids, eid, password, res, &id) < 0)
			goto out_fail;
	}
	json_decref(dept_ids);
	json_decref(ent_ids);
	arena_release(&a);
	yq_free(z.ents);
	return db_tx_end(pool, tx, 1) < 0 ? -1 : 0;
out_fail:
	json_decref(dept_ids);
	json_decref(ent_ids);
	arena_release(&a);
	yq_free(z.ents);
	db_tx_end(pool, tx, 0);
	return -1;
}

int demo_load(struct db_pool *pool, const char *password, uint64_t seed, struct demo_result *res)
{
	memset(res, 0, sizeof *res);
	const struct embedded_file *f = embedded_find("demo.json");
	if (!f)
		return error("demo: demo.json is not compiled into this program");
	json_error_t je;
	json_t *root = json_loadb(f->data, f->len, 0, &je);
	if (!root)
		return error("demo: demo.json: %s", je.text);
	struct rng r = {seed ? seed : 20261123};
	size_t i;
	json_t *zj;
	int ret = 0;
	json_array_foreach(json_object_get(root, "zones"), i, zj)
	{
		if (load_zone(pool, zj, password, &r, res) < 0) {
			ret = -1;
			break;
		}
	}
	/* province users read every zone */
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
			             password, res, &id) < 0)
				ret = -1;
		}
		if (db_tx_end(pool, tx, ret == 0) < 0)
			ret = -1;
	}
	json_decref(root);
	return ret;
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
	struct rng r = {o->seed ? o->seed : 42};
	int64_t now = o->now > 0 ? o->now : now_unix();
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
		char code[16], name[64];
		snprintf(code, sizeof code, "gen%03d", zi + 1);
		snprintf(name, sizeof name, "第%d开发区", zi + 1);
		z.city = "示范";
		/* a distinct, well-formed region code per zone */
		snprintf(z.prefix8, sizeof z.prefix8, "91%06d", (110000 + zi * 97) % 1000000);
		struct principal who;
		if (zone_create(tx, code, name, &z.zone_id) != DB_OK)
			goto out_fail;
		res->zones++;
		as_admin(&who, z.zone_id);
		static const char *const dnames[] = {"管委会", "企业服务中心", "招商局",
		                                     "经济发展局", "项目办"};
		static const char *const dkinds[] = {"leadership", "service_center", "investment",
		                                     "economic", "project"};
		int64_t dept_ids[5];
		for (int d = 0; d < 5; d++) {
			struct dept_input in = {dnames[d], dkinds[d], d ? dept_ids[0] : 0, d};
			struct yq_err e = {0};
			if (dept_insert(tx, z.zone_id, &in, &dept_ids[d], &e) < 0)
				goto out_fail;
			res->depts++;
		}
		z.invest_depts[z.n_invest++] = dept_ids[2];
		z.service_dept = dept_ids[1];
		z.handle_depts[z.n_handle++] = dept_ids[2];
		z.handle_depts[z.n_handle++] = dept_ids[3];
		z.handle_depts[z.n_handle++] = dept_ids[4];
		static const char *const roles[] = {"admin", "leader", "dept_head", "staff"};
		static const int rdept[] = {-1, 0, 2, 1};
		for (int k = 0; k < 4; k++) {
			char uname[40];
			snprintf(uname, sizeof uname, "%s-%s", code, roles[k]);
			struct user_input in = {
			    .username = uname,
			    .display_name = roles[k],
			    .role = roles[k],
			    .dept_id = rdept[k] >= 0 ? dept_ids[rdept[k]] : 0,
			    .password = "Gen-Passw0rd-2026",
			};
			if (k == 3)
				in.data_scope = "zone";
			int64_t id;
			struct yq_err e = {0};
			if (user_insert(tx, &who, z.zone_id, &in, &id, &e) < 0)
				goto out_fail;
			res->users++;
			if (k == 1 || k == 2)
				z.leaders[z.n_leaders++] = id;
			if (k == 3)
				z.liaisons[z.n_liaisons++] = id;
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
			struct ent_input in;
			char dates[5][11];
			synth(&r, &z, &a, &in, dates);
			int64_t id;
			struct yq_err e = {0};
			if (ent_insert(tx, &who, &in, &id, &e) < 0) {
				error("gen: %s: %s", in.name,
				      e.message_en ? e.message_en : "failed");
				goto out_fail;
			}
			res->enterprises++;
			remember_ent(&z, id);
			if (k % 256 == 255)
				arena_release(&a);
		}
		if (o->tickets_per_zone > 0) {
			struct calendar *cal;
			if (ticket_calendar(tx, &cal) < 0)
				goto out_fail;
			/* the year up to now */
			int64_t start = now - 330 * 86400;
			rc = synth_tickets(tx, &r, &z, o->tickets_per_zone, start, now, cal, &a);
			calendar_free(cal);
			if (rc < 0)
				goto out_fail;
			res->tickets += o->tickets_per_zone;
		}
		arena_release(&a);
		yq_free(z.ents);
		z.ents = NULL;
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
		arena_release(&a);
		yq_free(z.ents);
		db_bulk(tx, 0);
		db_tx_end(pool, tx, 0);
		return -1;
	}
	return 0;
}
