/* The demo's 用工: 望城经开区 "组建专业人力资源服务团队,共招用工12000人" (its secretary, 7月10日,
 * on the first half of 2020). The zone's human-resources team ran job fairs from the restart after
 * 春节 (an online one in February while the epidemic kept people at home, then on-site ones each
 * fortnight until June), its enterprises posted their demands from mid-February to May, five
 * vocational colleges of 长沙 sent interns, and the hires recorded against the demands — at the
 * fairs, through the colleges, by referral, online and otherwise — sum to exactly 12,000 in 2020,
 * all made on working days by the end of June. About nine in ten of the people asked for were
 * found; some demands were filled. Besides that history the zone's listed enterprise account has
 * an open demand and the next fair is ahead, so its phone page has something to do. Registered
 * through the jobs store as the service center would (jobs.h, the *_in writes). Its own
 * generator, seeded by the zone's code, so the rest of the demo does not move. */
#include "demo/demo_int.h"
#include "jobs/jobs.h"
#include "lib/arena.h"
#include "lib/log.h"
#include <stdio.h>
#include <string.h>

#define HIRES_2020 12000 /* the report's figure */
#define N_DEMANDS  48
#define LAST_DAY   "2020-06-30"

static const struct {
	const char *date, *title, *venue, *mode;
} FAIRS[] = {
    {"2020-02-20", "2020年“春风行动”网络招聘会", "线上（望城经开区人力资源服务平台）", "online"},
    {"2020-03-06", "复工复产专场招聘会", "望城经开区人力资源服务中心", "offline"},
    {"2020-03-20", "智能终端产业专场招聘会", "望城经开区人力资源服务中心", "offline"},
    {"2020-04-10", "湘西、湘南劳务协作专场招聘会", "望城区人民广场", "offline"},
    {"2020-04-24", "高校毕业生专场招聘会", "长沙航空职业技术学院", "offline"},
    {"2020-05-15", "食品与先进储能材料专场招聘会", "望城经开区人力资源服务中心", "offline"},
    {"2020-06-05", "退役军人专场招聘会", "望城经开区人力资源服务中心", "offline"},
    {"2020-06-19", "“百日千万”网络招聘专项行动", "线上（望城经开区人力资源服务平台）", "online"},
};
#define N_FAIRS ((int)(sizeof FAIRS / sizeof FAIRS[0]))

static const struct {
	const char *title, *skills, *education;
	int pay_min, pay_max, min, max; /* 元 a month; the people one demand asks for */
} POSTS[] = {
    {"普工", "身体健康，能适应两班倒，无需经验，岗前带薪培训", "any", 4000, 5500, 150, 700},
    {"电子装配工", "视力良好，手脚灵活，有电子厂经验优先", "middle", 4200, 6000, 120, 600},
    {"SMT操作员", "熟悉贴片机、回流焊操作优先，能适应倒班", "high", 4500, 6500, 60, 260},
    {"品质检验员", "熟悉来料、制程和成品检验，会使用常用量具", "high", 4500, 6000, 30, 150},
    {"仓储物流员", "熟悉出入库流程，持叉车证优先", "high", 4200, 5800, 20, 120},
    {"设备维修技术员", "机电一体化或电气自动化专业，持电工证", "college", 6000, 9000, 10, 60},
    {"注塑技术员", "三年以上注塑调机经验", "high", 5500, 8000, 10, 50},
    {"工艺工程师", "熟悉SMT或锂电池生产工艺，本科及以上", "bachelor", 8000, 13000, 5, 25},
    {"食品生产操作工", "持健康证，适应洁净车间要求", "middle", 4000, 5200, 40, 200},
    {"焊工", "持特种作业操作证（焊接与热切割）", "middle", 6000, 8500, 10, 60},
};
#define N_POSTS ((int)(sizeof POSTS / sizeof POSTS[0]))

static const struct {
	const char *school, *major;
	int planned;
} SCHOOLS[] = {
    {"湖南信息职业技术学院", "电子信息工程技术", 300},
    {"长沙航空职业技术学院", "机电一体化技术", 200},
    {"湖南工业职业技术学院", "工业机器人技术", 150},
    {"长沙民政职业技术学院", "物流管理", 120},
    {"湖南机电职业技术学院", "电气自动化技术", 180},
};
#define N_SCHOOLS ((int)(sizeof SCHOOLS / sizeof SCHOOLS[0]))

static uint64_t seed_of(const char *code)
{
	uint64_t h = 1469598103934665603ull;
	for (; *code; code++)
		h = (h ^ (unsigned char)*code) * 1099511628211ull;
	return h ? h : 1;
}

/* The day of the week of date s, 0 for Sunday. */
static int weekday(const char *s)
{
	int64_t days = (cst_parse(s) + CST_OFFSET) / DAY;
	return (int)((days + 4) % 7);
}

/* Date s moved to the next working day of the week when it falls on a weekend. */
static void workday(char s[11])
{
	int w = weekday(s);
	if (w == 6)
		date_add(s, 2, s);
	else if (w == 0)
		date_add(s, 1, s);
}

/* A day from `from` to `to` (both included) on a working day of the week, not after `to`. */
static void day_between(struct rng *r, const char *from, const char *to, char out[11])
{
	int span = (int)((cst_parse(to) - cst_parse(from)) / DAY);
	date_add(from, span > 0 ? rng_below(r, span + 1) : 0, out);
	workday(out);
	if (strcmp(out, to) > 0) {
		snprintf(out, 11, "%s", to);
		while (weekday(out) == 0 || weekday(out) == 6)
			date_add(out, -1, out);
	}
	if (strcmp(out, from) < 0)
		snprintf(out, 11, "%s", from);
}

struct plan {
	int ent, post;
	int64_t id, headcount, fill;
	char posted[11], deadline[11];
	int fairs[3], n_fairs; /* the fairs its enterprise joined at or after its posting */
	int64_t ps;            /* its enterprise's school partnership (0: none) */
};

int demo_jobs_add(struct zone_ctx *z, int64_t now)
{
	if (strcmp(z->code, "wcetdz") != 0 || z->n_ents == 0)
		return 0;
	struct rng r = {seed_of(z->code) ^ 0x10b5ull};
	struct yq_err e = {0};
	struct arena a = ARENA_INIT;
	int ret = -1;
	int64_t fair_ids[N_FAIRS];
	struct plan plan[N_DEMANDS];
	memset(plan, 0, sizeof plan);
	/* the fairs */
	for (int i = 0; i < N_FAIRS; i++) {
		struct jobs_fair f = {.title = FAIRS[i].title,
		                      .fair_date = FAIRS[i].date,
		                      .venue = FAIRS[i].venue,
		                      .mode = FAIRS[i].mode,
		                      .notes = ""};
		if (store_create_in(z->tx, z->who, &JOBS_FAIR_EDIT, &f, &e) < 0)
			goto out;
		fair_ids[i] = f.id;
	}
	/* the demands: up to 30 enterprises, most posting once or twice, asking for about 13,500
	 * people in all */
	int n_ent = z->n_ents < 30 ? z->n_ents : 30;
	int64_t asked = 0;
	for (int i = 0; i < N_DEMANDS; i++) {
		struct plan *p = &plan[i];
		p->ent = i < n_ent ? i : rng_below(&r, n_ent);
		p->post = i < 12 ? i % 3 : rng_below(&r, N_POSTS);
		int lo = POSTS[p->post].min, hi = POSTS[p->post].max;
		p->headcount = (lo + rng_below(&r, hi - lo + 1)) / 10 * 10;
		if (p->headcount < 5)
			p->headcount = 5;
		asked += p->headcount;
		/* posted from the restart (10 February) to the end of May, the deadline 45 to 120
		 * days on, within the year */
		day_between(&r, "2020-02-10", "2020-05-29", p->posted);
		date_add(p->posted, 45 + rng_below(&r, 76), p->deadline);
		if (strcmp(p->deadline, "2020-12-31") > 0)
			snprintf(p->deadline, sizeof p->deadline, "%s", "2020-12-31");
	}
	/* the big posts ask for more until the people asked for pass 13,300 */
	for (int i = 0; asked < 13300; i = (i + 1) % 12) {
		plan[i].headcount += 50;
		asked += 50;
	}
	/* each demand's share of the 12,000: six big ones filled outright, the others their count
	 * scaled to what is left, then the rest one by one to those with room */
	int64_t given = 0, rest_asked = 0;
	for (int i = 0; i < N_DEMANDS; i++) {
		if (i < 6) {
			plan[i].fill = plan[i].headcount;
			given += plan[i].fill;
		} else {
			rest_asked += plan[i].headcount;
		}
	}
	int64_t target = HIRES_2020 - given;
	for (int i = 6; i < N_DEMANDS; i++) {
		plan[i].fill = plan[i].headcount * target / rest_asked;
		given += plan[i].fill;
	}
	for (int i = 6; given < HIRES_2020; i = i + 1 < N_DEMANDS ? i + 1 : 6) {
		if (plan[i].fill < plan[i].headcount) {
			plan[i].fill++;
			given++;
		}
	}
	for (int i = 0; i < N_DEMANDS; i++) {
		struct plan *p = &plan[i];
		struct jobs_demand d = {
		    .enterprise_id = z->ents[p->ent].id,
		    .title = POSTS[p->post].title,
		    .headcount = p->headcount,
		    .pay_min = POSTS[p->post].pay_min,
		    .pay_max = POSTS[p->post].pay_max,
		    .skills = POSTS[p->post].skills,
		    .education = POSTS[p->post].education,
		    .location = "望城经开区",
		    .deadline = p->deadline,
		    .posted_on = p->posted,
		    .contact = z->ents[p->ent].contact ? z->ents[p->ent].contact : "",
		    .notes = "",
		};
		if (jobs_demand_create_in(z->tx, z->who, &d, &e) < 0)
			goto out;
		p->id = d.id;
	}
	/* its enterprise takes part in up to three fairs held after it posted, before its deadline
	 */
	for (int i = 0; i < N_DEMANDS; i++) {
		struct plan *p = &plan[i];
		for (int f = 0; f < N_FAIRS && p->n_fairs < 3; f++) {
			if (strcmp(FAIRS[f].date, p->posted) < 0 ||
			    strcmp(FAIRS[f].date, p->deadline) > 0)
				continue;
			if (p->n_fairs > 0 && !rng_pct(&r, 60))
				continue;
			p->fairs[p->n_fairs++] = f;
			int64_t ent = z->ents[p->ent].id;
			int seen = 0;
			for (int k = 0; k < i && !seen; k++)
				for (int m = 0; m < plan[k].n_fairs; m++)
					seen |= plan[k].ent == p->ent && plan[k].fairs[m] == f;
			if (!seen && jobs_fair_join_in(z->tx, z->who, fair_ids[f], ent, &e) < 0)
				goto out;
		}
	}
	/* the colleges' partnerships, each with an enterprise that posts */
	for (int s = 0; s < N_SCHOOLS; s++) {
		int ent = plan[s * 2].ent;
		char signed_on[11];
		day_between(&r, "2020-03-02", "2020-04-30", signed_on);
		struct jobs_partnership ps = {.enterprise_id = z->ents[ent].id,
		                              .school = SCHOOLS[s].school,
		                              .major = SCHOOLS[s].major,
		                              .year = 2020,
		                              .planned = SCHOOLS[s].planned,
		                              .arrived = SCHOOLS[s].planned *
		                                         (70 + rng_below(&r, 31)) / 100,
		                              .signed_on = signed_on,
		                              .notes = ""};
		if (store_create_in(z->tx, z->who, &JOBS_PARTNERSHIP_EDIT, &ps, &e) < 0)
			goto out;
		for (int i = 0; i < N_DEMANDS; i++)
			if (plan[i].ent == ent && !plan[i].ps)
				plan[i].ps = ps.id;
	}
	/* the hires: each demand's share in two to four records, more than half at the fairs */
	static const enum jobs_channel OTHERS[] = {JOBS_CH_REFERRAL, JOBS_CH_ONLINE, JOBS_CH_OTHER};
	for (int i = 0; i < N_DEMANDS; i++) {
		struct plan *p = &plan[i];
		int64_t left = p->fill;
		int parts = 2 + rng_below(&r, 3);
		for (int k = 0; k < parts && left > 0; k++) {
			int64_t n = k == parts - 1 ? left : left * (30 + rng_below(&r, 40)) / 100;
			if (n < 1)
				n = left;
			struct jobs_hire h = {.demand_id = p->id, .headcount = n, .notes = ""};
			char day[11], until[11];
			snprintf(until, sizeof until, "%s",
			         strcmp(p->deadline, LAST_DAY) < 0 ? p->deadline : LAST_DAY);
			int use_fair = p->n_fairs > 0 && (k < p->n_fairs) && rng_pct(&r, 80);
			if (use_fair) {
				int f = p->fairs[k];
				char week[11];
				date_add(FAIRS[f].date, 10, week);
				day_between(&r, FAIRS[f].date,
				            strcmp(week, until) < 0 ? week : until, day);
				h.channel = jobs_channel_name(JOBS_CH_FAIR);
				h.fair_id = fair_ids[f];
			} else if (p->ps && rng_pct(&r, 75)) {
				const char *from = strcmp(p->posted, "2020-04-01") > 0 ||
				                           strcmp("2020-04-01", until) > 0
				                       ? p->posted
				                       : "2020-04-01";
				day_between(&r, from, until, day);
				h.channel = jobs_channel_name(JOBS_CH_SCHOOL);
				h.partnership_id = p->ps;
			} else {
				day_between(&r, p->posted, until, day);
				h.channel = jobs_channel_name(OTHERS[rng_below(&r, 3)]);
			}
			h.hired_on = day;
			if (jobs_hire_create_in(z->tx, z->who, &h, &e) < 0)
				goto out;
			left -= n;
		}
	}
	/* today: the listed enterprise account has an open demand, and the next fair is ahead */
	char today[11], ahead[11], deadline[11];
	cst_date(now, today);
	date_add(today, 20, ahead);
	workday(ahead);
	date_add(today, 60, deadline);
	struct jobs_fair next = {.title = "望城经开区春季综合招聘会",
	                         .fair_date = ahead,
	                         .venue = "望城经开区人力资源服务中心",
	                         .mode = "offline",
	                         .notes = ""};
	if (store_create_in(z->tx, z->who, &JOBS_FAIR_EDIT, &next, &e) < 0)
		goto out;
	for (int k = 0; k < z->n_ents; k++) {
		if (!z->ents[k].account_username || !strstr(z->ents[k].account_username, "-qiye"))
			continue;
		struct jobs_demand d = {.enterprise_id = z->ents[k].id,
		                        .title = "电子装配工",
		                        .headcount = 80,
		                        .pay_min = 4800,
		                        .pay_max = 6500,
		                        .skills = POSTS[1].skills,
		                        .education = "middle",
		                        .location = "望城经开区",
		                        .deadline = deadline,
		                        .posted_on = today,
		                        .contact = z->ents[k].contact ? z->ents[k].contact : "",
		                        .notes = ""};
		if (jobs_demand_create_in(z->tx, z->who, &d, &e) < 0)
			goto out;
		break;
	}
	ret = 0;
out:
	if (ret < 0)
		error("demo: zone %s: jobs: %s (%s)", z->code, e.message_en ? e.message_en : "?",
		      e.field ? e.field : "");
	arena_release(&a);
	return ret;
}
