/* The demo's 通知公告: what a zone's service center sends its enterprises over a few months, the
 * channel through which cadres "当面推送惠企助企政策" (seed 000). Policy pushes (稳岗返还,
 * 技术改造补助, 专精特新申报, the zone's list of 惠企政策), notices (安全生产隐患排查, a building's
 * 停电检修) and events (银企融资对接会, 校企合作招聘会), each to the audience it concerns: every
 * enterprise, those holding a flag on the day, manufacturing (section C), or one building. The
 * center's officer writes each as a draft in office hours and publishes it a day or two later,
 * through the announcement store as a user would (announce.h, the *_at writes); the enterprises'
 * accounts open some of them in the following days, the older ones more often — most are not
 * read. One draft is still being written. */
#include "demo/demo_int.h"
#include "announce/announce.h"
#include "access/perm.h"
#include "lib/arena.h"
#include "lib/log.h"
#include <string.h>

/* One announcement of the demo: published `days_ago` days before now (a draft when `draft`),
 * its date `{day}` in the text `event_in` days after it. `{zone}`, `{year}`, `{month}`, `{day}`
 * and `{building}` in the title and body are the zone's. */
struct demo_ann {
	int days_ago, event_in, draft;
	const char *category, *audience;
	const char *flags;    /* audience "flag": the JSON list of flags, in the table's order */
	const char *industry; /* audience "industry" */
	const char *title, *body;
};

static const struct demo_ann anns[] = {
    {150, 20, 0, "policy", "all", NULL, NULL, "关于申领{year}年失业保险稳岗返还资金的通知",
     "各企业：\n"
     "根据人力资源社会保障部门关于失业保险稳岗返还政策的部署，现将{year}年稳岗返还申领工作通知如"
     "下：\n"
     "一、返还对象：依法参加失业保险并足额缴纳失业保险费，上年度未裁员或裁员率不高于规定标准的企"
     "业。\n"
     "二、申领方式：实行“免申即享”，由人社部门比对参保和缴费信息后直接发放，企业无需提交申请。请"
     "各企业核对在社保经办机构登记的对公账户，确保资金及时到账。\n"
     "三、对比对结果有疑问的，请于{day}前联系{zone}企业服务中心或本企业的包保干部。\n"
     "请各企业留意查收。"},
    {128, 30, 0, "policy", "industry", NULL, "C",
     "关于组织申报{year}年度工业企业技术改造补助资金的通知",
     "各工业企业：\n"
     "为鼓励企业加大技术改造投入，推进智能化改造、数字化转型和设备更新，现组织申报{year}年度工业企"
     "业技术改造补助资金。\n"
     "一、支持范围：已开工建设、设备投资已完成或基本完成的技术改造项目，包括智能制造、绿色化改造、"
     "设备更新、质量提升等。\n"
     "二、申报材料：项目申报书、项目备案证明、设备购置合同及发票、付款凭证、营业执照复印件。\n"
     "三、申报时间：即日起至{day}，逾期不予受理。\n"
     "请有意向的企业对照条件准备材料，报经济发展局初审。包保干部将上门解读政策，协助企业申报。"},
    {104, 8, 0, "event", "all", NULL, NULL, "关于举办银企融资对接会的通知",
     "各企业：\n"
     "为帮助企业破解融资难题，{zone}定于{day}下午2:30在管委会会议室举办银企融资对接会，邀请辖区合"
     "作银行、担保机构介绍信贷产品，并与企业一对一洽谈。\n"
     "有融资需求的企业，请于会前两个工作日将需求（金额、期限、用途）报企业服务中心，以便提前匹配金"
     "融机构。每家企业限2人参会。\n"
     "会上未能对接的需求，可在平台“企业诉求”中以“融资”类别提交，由经济发展局跟踪办理。"},
    {85, 5, 0, "notice", "flag", "[\"above_size\"]", NULL, "关于开展安全生产隐患排查整治的通知",
     "各规上企业：\n"
     "为切实做好安全生产工作，{zone}将于{day}起组织安全生产隐患排查，由包保干部会同安全监管人员逐户"
     "上门检查。\n"
     "一、检查重点：消防设施和疏散通道、危险化学品储存使用、特种设备定期检验、有限空间作业、用电"
     "安全。\n"
     "二、请各企业先行自查，建立隐患清单：能立即整改的立即整改；不能立即整改的，落实防范措施并明确"
     "整改时限。\n"
     "三、检查中发现的重大隐患挂牌督办，整改完成后销号。\n"
     "请各企业主要负责人高度重视，安排专人配合检查。"},
    {63, 25, 0, "policy", "flag", "[\"high_tech\",\"specialized\"]", NULL,
     "关于开展{year}年度专精特新中小企业申报工作的通知",
     "各有关企业：\n"
     "根据省工业和信息化主管部门的工作安排，现启动{year}年度专精特新中小企业认定和专精特新“小巨人”"
     "企业推荐工作。\n"
     "一、申报对象：在本区注册，专注细分市场、专业化程度高、创新能力强的中小企业；已认定为专精特新"
     "中小企业的，可申报“小巨人”企业推荐。\n"
     "二、申报方式：在省中小企业公共服务平台在线填报，纸质材料一式两份报经济发展局。\n"
     "三、截止时间：{day}。\n"
     "经济发展局将组织政策解读会，包保干部可上门指导填报。"},
    {41, 6, 0, "notice", "building", NULL, NULL, "关于{building}计划停电检修的通知",
     "{building}各企业：\n"
     "接供电公司通知，因配电设施检修，{day}8:00至17:00{building}停止供电。\n"
     "请各企业提前调整生产计划，做好设备保护；停电期间关闭用电设备总开关，注意消防安全。确需保障用"
     "电的，请自备发电设备并报企业服务中心备案。\n"
     "如遇恶劣天气，检修顺延，另行通知。给您带来不便，敬请谅解。"},
    {22, 9, 0, "event", "all", NULL, NULL, "关于举办校企合作专场招聘会的通知",
     "各企业：\n"
     "为帮助企业解决用工需求，{zone}联合区人社部门和驻地院校，定于{day}上午9:00举办校企合作专场招"
     "聘会。\n"
     "有用工需求的企业，请于招聘会三个工作日前将招聘岗位、人数和薪资待遇报企业服务中心，统一制作岗"
     "位信息；现场提供展位，每家企业限2名工作人员。\n"
     "需要开展“订单式”培训的企业，可同时提出培训需求，由人社部门对接院校。"},
    {9, 0, 0, "policy", "all", NULL, NULL, "{zone}惠企政策清单（{year}年{month}月更新）",
     "各企业：\n"
     "为便于企业及时了解和享受政策，企业服务中心对现行惠企政策进行了梳理更新，主要包括：\n"
     "1. 稳岗返还、社保补贴等稳就业政策；\n"
     "2. 技术改造、设备更新补助政策；\n"
     "3. 高新技术企业、专精特新企业认定奖励政策；\n"
     "4. 银企对接、贷款贴息等融资支持政策；\n"
     "5. 厂房租金减免、人才公寓等要素保障政策。\n"
     "各项政策的条件、申报时间和受理部门，可向企业服务中心或本企业的包保干部咨询。包保干部将逐户上"
     "门当面推送政策、解读条件，帮助企业应享尽享；政策执行中的问题，可通过平台“企业诉求”反映。"},
    {1, 15, 1, "notice", "all", NULL, NULL, "关于开展企业用工需求调查的通知",
     "各企业：\n"
     "为做好来年用工保障，现开展企业用工需求调查。请于{day}前将来年招聘计划（岗位、人数、学历要求）"
     "报企业服务中心。"},
};
#define N_ANNS ((int)(sizeof anns / sizeof anns[0]))

/* tpl with each "{key}" of keys[] replaced by vals[] (templates are data, not format strings). */
static const char *fill(struct arena *a, const char *tpl, const char *const *keys,
                        const char *const *vals, int n)
{
	const char *out = tpl;
	for (int k = 0; k < n; k++) {
		const char *p;
		while (out && (p = strstr(out, keys[k])) != NULL)
			out = arena_printf(a, "%.*s%s%s", (int)(p - out), out, vals[k],
			                   p + strlen(keys[k]));
	}
	return out;
}

/* The building most of the zone's enterprises are in (the first of the most when several are). */
static const char *busiest_building(const struct zone_ctx *z)
{
	const char *best = NULL;
	int best_n = 0;
	for (int i = 0; i < z->n_ents; i++) {
		const char *b = z->ents[i].building;
		int n = 0, seen = 0;
		if (!b || !*b)
			continue;
		for (int j = 0; j < i && !seen; j++)
			seen = z->ents[j].building && strcmp(z->ents[j].building, b) == 0;
		for (int j = i; j < z->n_ents && !seen; j++)
			n += z->ents[j].building && strcmp(z->ents[j].building, b) == 0;
		if (n > best_n) {
			best = b;
			best_n = n;
		}
	}
	return best;
}

/* An instant in office hours on a working day from the day of `from` on (within a month). */
static int64_t office_from(const struct calendar *cal, struct rng *r, int64_t from)
{
	int64_t t = 0;
	for (int span = 3; !t && span <= 30; span += 3)
		t = demo_office_arrival(cal, r, from, cst_midnight(from) + (int64_t)span * DAY, 1);
	return t;
}

/* "11月20日": the first working day `days` after t. */
static const char *day_after(struct arena *a, const struct calendar *cal, int64_t t, int days)
{
	int64_t d = cst_midnight(t) + (int64_t)days * DAY + 12 * 3600;
	for (int k = 0; k < 30 && !is_workday(cal, d); k++)
		d += DAY;
	char s[11];
	cst_date(d, s);
	return arena_printf(a, "%d月%d日", (s[5] - '0') * 10 + (s[6] - '0'),
	                    (s[8] - '0') * 10 + (s[9] - '0'));
}

/* A user of zone z acting as its account would, signed in: the role's permissions. */
static struct principal account(const struct zone_ctx *z, int64_t id, const char *username,
                                const char *name, enum role role, enum data_scope scope)
{
	return (struct principal){
	    .user_id = id,
	    .zone_id = z->zone_id,
	    .home_zone_id = z->zone_id,
	    .role = role,
	    .scope = scope,
	    .username = username,
	    .display_name = name,
	    .perms = role_perms(role),
	    .ip = "local",
	};
}

/* The enterprise accounts of the audience read announcement `id`, published at `pub`: each one
 * that may see it with a chance that grows with its age, on a working day within ten days. */
static int read_some(struct zone_ctx *z, struct rng *r, const struct calendar *cal, int64_t id,
                     int64_t pub, int64_t now)
{
	int64_t age = (now - pub) / DAY;
	int pct = 15 + (int)(age > 120 ? 120 : age) / 3; /* 15 in 100 this week, 55 after months */
	int64_t until = pub + 10 * DAY < now ? pub + 10 * DAY : now;
	for (int i = 0; i < z->n_ents; i++) {
		const struct ent_row *e = &z->ents[i];
		if (!e->account.user_id)
			continue;
		struct principal p = account(z, e->account.user_id, e->account_username,
		                             e->account.name, ROLE_ENTERPRISE, SCOPE_ENTERPRISE);
		p.enterprise_id = e->id;
		struct arena a = ARENA_INIT;
		struct announcement seen;
		struct yq_err err = {0};
		/* addressed to its enterprise? (the store's own disclosure rule says) */
		int in = ann_get(z->tx, &p, id, &a, &seen, &err) == 0;
		arena_release(&a);
		if (!in && err.code != ERR_NOT_FOUND)
			return error("demo: announcement %lld: %s", (long long)id,
			             err.message_en ? err.message_en : "");
		if (!in || !rng_pct(r, pct))
			continue;
		int64_t at = demo_office_arrival(cal, r, pub + 3600, until, 0);
		if (at && ann_mark_read_at(z->tx, &p, id, at, &err) < 0)
			return error("demo: receipt of announcement %lld: %s", (long long)id,
			             err.message_en ? err.message_en : "");
	}
	return 0;
}

int demo_announce_add(struct zone_ctx *z, const struct calendar *cal, int64_t now)
{
	if (!z->announcer.id)
		return 0;
	/* a generator of its own, so the requests and enterprises do not move */
	struct rng r = {0x9e3779b97f4a7c15ull};
	for (const char *c = z->code; *c; c++)
		r.s = (r.s ^ (unsigned char)*c) * 1099511628211ull;
	struct principal officer = account(z, z->announcer.id, z->announcer.username,
	                                   z->announcer.name, ROLE_STAFF, SCOPE_ZONE);
	officer.dept_id = z->service_dept;
	const char *building = busiest_building(z);
	struct arena a = ARENA_INIT;
	int ret = 0;
	for (int k = 0; k < N_ANNS && ret == 0; k++) {
		const struct demo_ann *d = &anns[k];
		if (strcmp(d->audience, "building") == 0 && !building)
			continue;
		/* written a day or so before it goes out */
		int64_t pub = office_from(cal, &r, cst_midnight(now - (int64_t)d->days_ago * DAY));
		if (!pub || pub >= now)
			continue;
		int64_t made = demo_office_arrival(cal, &r, pub - 3 * DAY, pub, 0);
		if (!made)
			made = pub - 3600;
		char date[11];
		cst_date(pub, date);
		const char *keys[] = {"{zone}", "{year}", "{month}", "{day}", "{building}"};
		const char *vals[] = {
		    z->short_name, arena_printf(&a, "%.4s", date),
		    arena_printf(&a, "%d", (date[5] - '0') * 10 + (date[6] - '0')),
		    day_after(&a, cal, pub, d->event_in), building ? building : ""};
		struct announcement ann = {
		    .title = fill(&a, d->title, keys, vals, 5),
		    .body = fill(&a, d->body, keys, vals, 5),
		    .category = d->category,
		    .audience = d->audience,
		    .audience_flags = d->flags ? d->flags : "[]",
		    .audience_industry = d->industry ? d->industry : "",
		    .audience_building = strcmp(d->audience, "building") == 0 ? building : "",
		};
		struct yq_err e = {0};
		if (!ann.title || !ann.body ||
		    entity_check(&ENTITY_ANNOUNCEMENT, &ann, &a, &e) < 0 ||
		    ann_create_at(z->tx, &officer, &ann, made, &e) < 0 ||
		    (!d->draft && ann_publish_at(z->tx, &officer, ann.id, pub, &e) < 0)) {
			ret = error("demo: announcement %s of zone %s: %s: %s",
			            ann.title ? ann.title : "?", z->code, e.field ? e.field : "",
			            e.message_en ? e.message_en : "failed");
			break;
		}
		if (!d->draft)
			ret = read_some(z, &r, cal, ann.id, pub, now);
		arena_reset(&a);
	}
	arena_release(&a);
	return ret;
}
