/* The requests of the demo zones and of gen: when they arrive, who takes them, which department
 * handles them, how they are answered and rated (see demo_int.h). */
#include "demo/demo_int.h"
#include "lib/alloc.h"
#include "lib/log.h"
#include "org/org.h"
#include <stdlib.h>
#include <string.h>

struct ticket_actor demo_pick_person(const struct zone_ctx *z, struct rng *r, char role,
                                     int service, int64_t dept, const char *fallback)
{
	int n = 0;
	for (int i = 0; i < z->n_people; i++) {
		const struct person *p = &z->people[i];
		if ((!role || p->role == role) && (service < 0 || p->service == service) &&
		    (!dept || p->dept_id == dept))
			n++;
	}
	if (!n)
		return (struct ticket_actor){0, fallback};
	int k = rng_below(r, n);
	for (int i = 0; i < z->n_people; i++) {
		const struct person *p = &z->people[i];
		if ((!role || p->role == role) && (service < 0 || p->service == service) &&
		    (!dept || p->dept_id == dept) && k-- == 0)
			return (struct ticket_actor){p->id, p->name};
	}
	return (struct ticket_actor){0, fallback};
}

struct ticket_actor demo_pick_officer(const struct zone_ctx *z, struct rng *r)
{
	return demo_pick_person(z, r, 0, 1, 0, "企业服务中心");
}

/* Who handles a request in department d: one of its staff, else its head, else the department. */
static struct ticket_actor dept_handler(const struct zone_ctx *z, struct rng *r,
                                        const struct dept_row *d)
{
	struct ticket_actor a = demo_pick_person(z, r, P_STAFF, -1, d->id, NULL);
	if (!a.name)
		a = demo_pick_person(z, r, P_HEAD, -1, d->id, d->name);
	return a;
}

/* The department that handles a topic: one whose "handles" lists the route key, else the
 * category, else 其他; NULL when none does. */
static const struct dept_row *route_dept(const struct zone_ctx *z, struct rng *r, const char *route,
                                         const char *category)
{
	const char *keys[3] = {route, category, "其他"};
	for (int k = 0; k < 3; k++) {
		if (!keys[k])
			continue;
		int n = 0, match[64];
		for (int i = 0; i < z->n_depts; i++)
			for (int j = 0; j < z->depts[i].n_handles; j++)
				if (strcmp(z->depts[i].handles[j], keys[k]) == 0) {
					match[n++] = i;
					break;
				}
		if (n)
			return &z->depts[match[rng_below(r, n)]];
	}
	return NULL;
}

/* ---- requests ------------------------------------------------------------------------------- */

/* Request templates per category: titles (with %d for a number) and the department topic each
 * goes to (a key of the departments' "handles"); the answer that settles it; an answer an
 * enterprise rated 不满意, with its comment. No text holds 用工 (the benchmark's search for the
 * category name must find nothing) and about one title in ten holds 贷款. */
static const struct ask {
	const char *category;
	int weight;
	const char *titles[3];
	const char *routes[3];
	const char *answer, *first_answer, *complaint;
} asks[] = {
    {"用工",
     20,
     {"急需普工%d人", "招聘技术工人%d名", "职业院校实习生对接%d人"},
     {"用工", "用工", "用工"},
     "已组织专场招聘会并对接职业院校订单班，推荐求职者到岗",
     "已将招聘信息发布到园区招聘平台，请企业留意应聘人员",
     "只发布了招聘信息，岗位仍然空缺"},
    {"融资",
     15,
     {"申请流动资金贷款%d万元", "技改项目融资需求%d万元", "知识产权质押贷款%d万元"},
     {"融资", "融资", "融资"},
     "已组织银企对接，银行完成授信审批并放款",
     "已向合作银行推送企业融资需求，请等待银行联系",
     "银行一直没有联系，资金缺口仍未解决"},
    {"审批",
     15,
     {"施工许可证办理进度（%d号地块）", "环评批复加快办理", "技改项目备案（%d万元）"},
     {"审批", "审批", "项目"},
     "已协调审批部门并联办理，证照已核发",
     "已催办，材料正在审查中",
     "只告知在审查，没有明确办结时间"},
    {"政策",
     12,
     {"咨询稳岗补贴政策（%d人）", "高新技术企业奖励兑现", "专精特新扶持资金申报"},
     {"人才", "科技", "科技"},
     "已解读政策并协助企业完成申报，资金已拨付",
     "已发送政策文件，请企业对照条件自行申报",
     "只给了文件，申报材料怎么准备仍不清楚"},
    {"物流",
     10,
     {"零星货物拼车发运（%d吨）", "冷链运输车辆协调%d台", "货物出口通关加急"},
     {"物流", "物流", "物流"},
     "已在工业物流群匹配同路车辆，货物按期发运",
     "已将需求转给物流企业，请企业直接联系",
     "没有找到合适车辆，货物仍未发出"},
    {"水电气",
     10,
     {"厂区用电增容%d千伏安", "天然气接入申请", "用水管网压力不足"},
     {"水电气", "水电气", "水电气"},
     "已协调供电、供气、供水单位现场勘查并完成接入",
     "已联系供电公司，纳入年度增容计划",
     "要等到年底才能增容，影响新产线投产"},
    {"用地",
     8,
     {"扩建项目用地指标%d亩", "标准厂房租赁需求%d平方米", "土地证办理进度"},
     {"用地", "厂房", "用地"},
     "已纳入供地计划，完成用地预审",
     "已登记需求，有合适地块再通知",
     "没有给出供地时间表"},
    {"基础设施",
     6,
     {"厂区门前道路积水", "园区路灯损坏（%d盏）", "企业周边公交线路调整"},
     {"基础设施", "基础设施", "基础设施"},
     "已安排市政部门维修整改",
     "已派人查看，列入维修计划",
     "问题还在，下雨天门前仍然积水"},
    {"其他",
     4,
     {"员工子女入学咨询", "人才公寓申请%d套", "企业宣传推介需求"},
     {"人才", "人才", "推介"},
     "已协调相关部门答复办理",
     "已登记，等待统一安排",
     "等了很久没有结果"},
};
#define N_ASKS ((int)(sizeof asks / sizeof asks[0]))

static const char *const reject_reasons[] = {
    "经核实属个人事项，不属于企业诉求受理范围",
    "属于司法诉讼事项，已告知企业通过法律途径解决",
    "属市直部门权限，已告知企业向市12345热线反映",
    "与企业前一诉求内容重复，已在前一诉求中一并办理",
};
static const char *const esc_notes[] = {
    "影响项目投产，限期解决",
    "企业多次反映，列入挂牌督办",
    "超期未办结，请主办部门加快办理",
};

/* The template with its "%d" replaced by n (templates are data, not format strings). */
static const char *fill_number(struct arena *a, const char *tpl, int n)
{
	const char *p = strstr(tpl, "%d");
	if (!p)
		return tpl;
	return arena_printf(a, "%.*s%d%s", (int)(p - tpl), tpl, n, p + 2);
}

/* An instant on a working day in [from, to) when an office answers the phone and cadres visit:
 * 08:30-17:30, seldom over lunch (12:00-13:30); visits 09:00-11:30 and 14:00-17:00. 0 when the
 * range holds no working day. */
int64_t demo_office_arrival(const struct calendar *cal, struct rng *r, int64_t from, int64_t to,
                            int visit)
{
	int64_t days = (to - from) / DAY + 1;
	for (int tries = 0; tries < 200; tries++) {
		int64_t day = cst_midnight(from) + (int64_t)rng_below(r, (int)days) * DAY;
		if (!is_workday(cal, day + 12 * 3600))
			continue;
		int sod;
		if (visit)
			sod = rng_pct(r, 55) ? CAL_HM(9, 0) + rng_below(r, 150 * 60)
			                     : CAL_HM(14, 0) + rng_below(r, 180 * 60);
		else if (rng_pct(r, 5))
			sod = CAL_HM(12, 0) + rng_below(r, 90 * 60);
		else
			sod = rng_pct(r, 45) ? CAL_HM(8, 30) + rng_below(r, 210 * 60)
			                     : CAL_HM(13, 30) + rng_below(r, 240 * 60);
		int64_t t = day + sod;
		if (t >= from && t < to)
			return t;
	}
	return 0;
}

/* An instant in [from, to) when an enterprise writes online: any day, rest days less often;
 * mostly in the daytime, some evenings, a few at night. */
static int64_t online_arrival(const struct calendar *cal, struct rng *r, int64_t from, int64_t to)
{
	int64_t days = (to - from) / DAY + 1;
	for (int tries = 0; tries < 200; tries++) {
		int64_t day = cst_midnight(from) + (int64_t)rng_below(r, (int)days) * DAY;
		if (!is_workday(cal, day + 12 * 3600) && !rng_pct(r, 35))
			continue;
		int roll = rng_below(r, 100), sod;
		if (roll < 75)
			sod = CAL_HM(8, 0) + rng_below(r, 10 * 3600);
		else if (roll < 95)
			sod = CAL_HM(18, 0) + rng_below(r, 5 * 3600);
		else
			sod = (CAL_HM(23, 0) + rng_below(r, 8 * 3600)) % DAY;
		int64_t t = day + sod;
		if (t >= from && t < to)
			return t;
	}
	return 0;
}

/* t plus [lo, hi) seconds, moved into 08:00-22:00 (an enterprise rating from its phone). */
static int64_t daytime_after(struct rng *r, int64_t t, int lo, int hi)
{
	int64_t x = t + lo + rng_below(r, hi - lo);
	int sod = cst_sod(x);
	if (sod < CAL_HM(8, 0))
		x = cst_midnight(x) + CAL_HM(8, 0) + rng_below(r, 7200);
	else if (sod >= CAL_HM(22, 0))
		x = cst_midnight(x) + DAY + CAL_HM(8, 0) + rng_below(r, 7200);
	return x;
}

/* Office seconds of `days` working days (7 office hours each). */
static int64_t work_days(double days)
{
	return (int64_t)(days * 25200.0);
}

/* Makes an account for an enterprise that writes online (its contact person), sharing the
 * zone's account hash. */
static int ensure_account(struct zone_ctx *z, struct ent_row *e)
{
	if (e->account.user_id || !z->account_hash)
		return 0;
	char uname[40];
	snprintf(uname, sizeof uname, "%s-qy%04d", z->code, ++z->n_accounts % 10000);
	struct user in = {
	    .username = uname,
	    .display_name = e->contact,
	    .role = "enterprise",
	    .enterprise_id = e->id,
	    .password_hash = z->account_hash,
	    .phone = e->phone,
	    .must_change = 1,
	};
	struct yq_err err = {0};
	if (user_add_in(z->tx, z->who, z->zone_id, &in, &err) < 0)
		return error("demo: account %s: %s", uname, err.message_en ? err.message_en : "");
	int64_t id = in.id;
	z->res->users++;
	e->account = (struct ticket_actor){id, e->contact};
	e->account_username = arena_strdup(&z->za, uname);
	return e->account_username ? 0 : error("demo: out of memory");
}

/* What the generator decided about a request before its life is played out. */
struct req_opts {
	int reject;        /* 不予受理 at triage */
	int served;        /* always answered (a category a seed says was served) */
	int all_satisfied; /* every rating ends 满意 or 基本满意 (a seed's 满意率 100%) */
	int current;       /* of the running year: may still be open, stuck or past its deadline */
};

/* When an answer gets its rating: the enterprise rates from its account at any time of day
 * within three days; the service center calls it back (回访) in office hours. */
static int64_t rate_time(struct rng *r, const struct calendar *cal, int by_enterprise,
                         int64_t answered)
{
	if (by_enterprise)
		return daytime_after(r, answered, 1800, 3 * DAY);
	return calendar_add_work_seconds(cal, answered, 3600 + rng_below(r, 2 * 25200));
}

/* Plays out the life of request h (created, channel, category, enterprise and submitter set)
 * up to `now`: triage by the service center, handling by department d, the enterprise's rating
 * with at most one 不满意 round, 挂牌督办 of the slow ones. Working steps fall in office hours
 * by the zone's calendar; deadlines follow the category's rule. */
static void play(struct zone_ctx *z, struct rng *r, const struct calendar *cal,
                 struct ticket_hist *h, const struct ent_row *e, const struct dept_row *d,
                 const struct ask *k, const struct req_opts *o, int64_t now)
{
	struct ticket_rule rule;
	ticket_rule_default(h->category, h->priority, &rule);
	/* phone, hotline and WeChat requests are typed in by the officer who then triages them */
	int64_t t_acc =
	    strcmp(h->channel, "online") == 0 || strcmp(h->channel, "visit") == 0
	        ? calendar_add_work_seconds(cal, h->created_at, 600 + rng_below(r, 5400))
	        : h->created_at + 120 + rng_below(r, 900);
	if (!h->officer.name)
		h->officer = demo_pick_officer(z, r);
	if (t_acc > now) {
		h->status = TS_RECEIVED;
		return;
	}
	if (o->reject) {
		h->status = TS_REJECTED;
		h->closed_at = t_acc;
		h->reject_reason = reject_reasons[rng_below(r, 4)];
		return;
	}
	h->dept_id = d ? d->id : 0;
	h->handler = d ? dept_handler(z, r, d) : h->officer;
	h->accepted_at = t_acc;
	h->due_first_contact =
	    calendar_add_work_seconds(cal, t_acc, (int64_t)rule.first_contact_hours * 3600);
	h->due_resolve = calendar_deadline_days(cal, t_acc, rule.resolve_days);
	h->status = TS_ASSIGNED;
	int64_t t_start = calendar_add_work_seconds(
	    cal, t_acc, rng_pct(r, 85) ? 300 + rng_below(r, 3000) : 3600 + rng_below(r, 3 * 3600));
	if (t_start > now)
		return;
	h->first_contact_at = t_start;
	h->status = TS_IN_PROGRESS;
	int stuck = o->current && !o->served && rng_pct(r, 2);
	double days = rng_pct(r, 80) ? 0.1 + rng_below(r, 1000) / 1000.0 * 4.4
	                             : 1.0 + rng_below(r, 1000) / 1000.0 * 8.0;
	int64_t t_res = calendar_add_work_seconds(cal, t_acc, work_days(days) + 1800);
	if (t_res <= t_start)
		t_res = calendar_add_work_seconds(cal, t_start, 1800);
	/* 挂牌督办: a leader flags some requests that run past their deadline */
	if ((stuck || t_res > h->due_resolve) && rng_pct(r, stuck ? 60 : 25)) {
		int64_t t_esc =
		    calendar_add_work_seconds(cal, h->due_resolve, 3600 + rng_below(r, 2 * 25200));
		if (t_esc <= now && (stuck || t_esc < t_res)) {
			static const char *const levels[] = {"yellow", "yellow", "orange", "red"};
			char day[11], deadline[11];
			h->escalated = 1;
			h->escalated_at = t_esc;
			h->esc_level = levels[rng_below(r, 4)];
			h->esc_note = esc_notes[rng_below(r, 3)];
			cst_date(t_esc, day);
			calendar_add_workdays(cal, day, 5, deadline);
			h->esc_deadline = arena_strdup(&z->za, deadline);
			h->leader = demo_pick_person(z, r, P_LEADER, -1, 0, "管委会");
		}
	}
	if (stuck || t_res > now)
		return;
	h->resolved_at = t_res;
	h->answer = k->answer;
	h->status = TS_RESOLVED;
	/* the rating: the enterprise's account, or the service center's call back (回访) */
	h->rater = e->account.user_id && (strcmp(h->channel, "online") == 0 || rng_pct(r, 50))
	               ? e->account
	               : demo_pick_officer(z, r);
	int by_ent = h->rater.user_id && h->rater.user_id == e->account.user_id;
	/* 7 days without a rating: closed as unrated */
	if (rng_pct(r, 8)) {
		if (t_res + 7 * DAY <= now) {
			h->status = TS_CLOSED;
			h->unrated = 1;
			h->closed_at = t_res + 7 * DAY;
		}
		goto settle;
	}
	int64_t t_rate = rate_time(r, cal, by_ent, t_res);
	int roll = rng_below(r, 100);
	const char *first = roll < (o->all_satisfied ? 5 : 9) ? "unsatisfied"
	                    : roll < 85                       ? "satisfied"
	                                                      : "basic";
	if (t_rate > now)
		goto settle;
	if (strcmp(first, "unsatisfied") != 0) {
		h->status = TS_CLOSED;
		h->rating = first;
		h->rated_at = h->closed_at = t_rate;
		goto settle;
	}
	/* 不满意: reopened to the same department with a fresh deadline, answered again */
	h->first_resolved_at = t_res;
	h->first_answer = k->first_answer;
	h->reopened_at = t_rate;
	h->reopen_comment = k->complaint;
	h->rating = "unsatisfied";
	h->rated_at = t_rate;
	h->resolved_at = 0;
	h->answer = k->first_answer; /* as the state machine leaves it until the next answer */
	h->status = TS_IN_PROGRESS;
	h->due_resolve = calendar_deadline_days(cal, t_rate, rule.resolve_days);
	if (o->current && !o->served && !o->all_satisfied && rng_pct(r, 10))
		goto settle; /* still at it */
	int64_t t_res2 = calendar_add_work_seconds(
	    cal, t_rate, work_days(0.5 + rng_below(r, 1000) / 1000.0 * 3.5));
	if (t_res2 > now)
		goto settle;
	h->resolved_at = t_res2;
	h->answer = arena_printf(&z->za, "经再次协调：%s", k->answer);
	h->status = TS_RESOLVED;
	roll = rng_below(r, 100);
	if (!o->all_satisfied && roll < 15) {
		/* no second rating: closed after 7 days, the 不满意 stands */
		if (t_res2 + 7 * DAY <= now) {
			h->status = TS_CLOSED;
			h->unrated = 1;
			h->closed_at = t_res2 + 7 * DAY;
		}
		goto settle;
	}
	int64_t t_rate2 = rate_time(r, cal, by_ent, t_res2);
	if (t_rate2 > now)
		goto settle;
	h->status = TS_CLOSED;
	h->rating = roll < 60 ? "satisfied" : "basic";
	h->rating_comment = "问题已解决";
	h->rated_at = h->closed_at = t_rate2;
settle:
	if (h->escalated && h->status == TS_CLOSED)
		h->escalated = 2; /* flagged, since settled */
}

struct arrival {
	int64_t at;
	const char *channel;
};

static int cmp_arrival(const void *a, const void *b)
{
	const struct arrival *x = a, *y = b;
	return (x->at > y->at) - (x->at < y->at);
}

/* Who registers a request of this channel: the enterprise's account online (made on demand),
 * the officer who took the call or message, the 包保 cadre who visited. */
static int submitter_for(struct zone_ctx *z, struct rng *r, struct ticket_hist *h,
                         struct ent_row *e)
{
	if (strcmp(h->channel, "online") == 0) {
		if (ensure_account(z, e) < 0)
			return -1;
		h->submitter =
		    e->account.user_id ? e->account : (struct ticket_actor){0, e->contact};
	} else if (strcmp(h->channel, "visit") == 0) {
		h->submitter = e->liaison.user_id  ? e->liaison
		               : e->leader.user_id ? e->leader
		                                   : demo_pick_officer(z, r);
	} else {
		h->officer = h->submitter = demo_pick_officer(z, r);
	}
	return 0;
}

static int insert_hist(struct db *tx, const struct ticket_hist *h)
{
	int64_t id;
	int rc = ticket_insert_history(tx, h, &id);
	if (rc < 0)
		return error("demo: request %s: database error %d", h->title, rc);
	return 0;
}

/* Inserts a story: triaged within the hour, handled by the department its topic goes to,
 * answered and rated on the days the report gives. */
int demo_story_add(struct zone_ctx *z, struct rng *r, const struct calendar *cal, struct db *tx,
                   const struct story *s, int64_t now)
{
	json_t *j = s->j;
	struct ent_row *e = &z->ents[s->ent];
	struct ticket_hist h = {0};
	h.zone_id = z->zone_id;
	h.enterprise_id = e->id;
	h.channel = json_string_value(json_object_get(j, "channel"));
	h.category = json_string_value(json_object_get(j, "category"));
	h.priority = json_string_value(json_object_get(j, "priority"));
	h.title = json_string_value(json_object_get(j, "title"));
	h.description = json_string_value(json_object_get(j, "description"));
	h.contact_name = e->contact;
	h.contact_phone = e->phone;
	h.created_at = s->at;
	if (!h.channel || !h.category || !h.title || !h.description)
		return error("demo: story %s: channel, category, title and description are needed",
		             h.title ? h.title : "?");
	if (submitter_for(z, r, &h, e) < 0)
		return -1;
	if (!h.officer.name)
		h.officer = demo_pick_officer(z, r);
	const struct dept_row *d =
	    route_dept(z, r, json_string_value(json_object_get(j, "route")), h.category);
	struct ticket_rule rule;
	ticket_rule_default(h.category, h.priority ? h.priority : "normal", &rule);
	h.dept_id = d ? d->id : 0;
	h.handler = d ? dept_handler(z, r, d) : h.officer;
	h.accepted_at = calendar_add_work_seconds(cal, s->at, 1200);
	h.due_first_contact =
	    calendar_add_work_seconds(cal, h.accepted_at, (int64_t)rule.first_contact_hours * 3600);
	h.due_resolve = calendar_deadline_days(cal, h.accepted_at, rule.resolve_days);
	h.first_contact_at = calendar_add_work_seconds(cal, h.accepted_at, 1800);
	h.status = TS_IN_PROGRESS;
	if (s->escalated) {
		h.escalated = 1;
		h.escalated_at = s->escalated;
		h.esc_level = json_string_value(json_object_get(j, "esc_level"));
		h.esc_note = json_string_value(json_object_get(j, "esc_note"));
		h.leader = demo_pick_person(z, r, P_LEADER, -1, 0, "管委会");
	}
	if (s->resolved > 0 && s->resolved <= now) {
		h.resolved_at = s->resolved > h.first_contact_at ? s->resolved : h.first_contact_at;
		h.answer = json_string_value(json_object_get(j, "answer"));
		h.status = TS_RESOLVED;
		const char *rating = json_string_value(json_object_get(j, "rating"));
		if (rating && s->rated > h.resolved_at && s->rated <= now) {
			h.rater = e->account.user_id ? e->account : demo_pick_officer(z, r);
			h.rating = rating;
			h.rating_comment = json_string_value(json_object_get(j, "comment"));
			h.rated_at = h.closed_at = s->rated;
			h.status = TS_CLOSED;
			if (h.escalated)
				h.escalated = 2;
		}
	}
	return insert_hist(tx, &h);
}

/* The category of each of n requests: each category's share of the weights, rounded by largest
 * remainder so the shares are exact, in a shuffled order. */
static void category_sequence(struct rng *r, int n, int *out)
{
	int total = 0, k = 0, quota[N_ASKS];
	long rem[N_ASKS];
	for (int i = 0; i < N_ASKS; i++)
		total += asks[i].weight;
	for (int i = 0; i < N_ASKS; i++) {
		quota[i] = (int)((long)n * asks[i].weight / total);
		rem[i] = (long)n * asks[i].weight % total;
		k += quota[i];
	}
	while (k < n) {
		int best = 0;
		for (int i = 1; i < N_ASKS; i++)
			if (rem[i] > rem[best])
				best = i;
		quota[best]++;
		rem[best] = -1;
		k++;
	}
	k = 0;
	for (int i = 0; i < N_ASKS; i++)
		for (int j = 0; j < quota[i]; j++)
			out[k++] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = rng_below(r, i + 1), t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
}

/* A random enterprise already established in `year`; any one when none is. */
static int pick_ent(const struct zone_ctx *z, struct rng *r, int year)
{
	for (int tries = 0; tries < 40; tries++) {
		int i = rng_below(r, z->n_ents);
		if (z->ents[i].est_year <= year)
			return i;
	}
	return rng_below(r, z->n_ents);
}

/* Adds the requests of period p (and the stories dated in it, in their place): arrivals by
 * channel in office hours or, online, at any hour; exact category shares; each played out to
 * `now`. Inserted in creation order, so the numbers follow the days. */
int demo_period_add(struct db *tx, struct rng *r, struct zone_ctx *z, const struct calendar *cal,
                    const struct period *p, struct story *stories, int n_stories, int64_t now,
                    struct arena *a)
{
	static const char *const channels[] = {"online", "phone", "visit", "hotline", "wechat"};
	static const int channel_w[] = {45, 18, 17, 8, 12};
	int n_story = 0;
	for (int i = 0; i < n_stories; i++)
		n_story += stories[i].at >= p->from && stories[i].at < p->to;
	int n = p->count - n_story;
	if (n < 0 || !z->n_ents)
		n = 0;
	struct arrival *arr = n ? yq_calloc((size_t)n, sizeof *arr) : NULL;
	int *cats = n ? yq_calloc((size_t)n, sizeof *cats) : NULL;
	int served[64], n_served = 0, k_served = 0, ret = -1;
	if (n && (!arr || !cats)) {
		error("demo: out of memory");
		goto out;
	}
	int64_t to = p->to < now ? p->to : now;
	for (int i = 0; i < n; i++) {
		int w = rng_below(r, 100), c = 0;
		while (c < 4 && w >= channel_w[c])
			w -= channel_w[c++];
		arr[i].channel = channels[c];
		arr[i].at = c == 0 ? online_arrival(cal, r, p->from, to)
		                   : demo_office_arrival(cal, r, p->from, to, c == 2);
		if (!arr[i].at)
			arr[i].at = p->from;
	}
	if (n)
		qsort(arr, (size_t)n, sizeof *arr, cmp_arrival);
	category_sequence(r, n, cats);
	/* the enterprises a served category's requests come from */
	while (p->served && n_served < p->n_served && n_served < 64) {
		int i = pick_ent(z, r, cst_year(p->from)), dup = 0;
		for (int j = 0; j < n_served; j++)
			dup |= served[j] == i;
		if (!dup)
			served[n_served++] = i;
	}
	int candidates = 0, to_reject = p->rejected;
	for (int i = 0; i < n; i++)
		candidates += !(p->served && strcmp(asks[cats[i]].category, p->served) == 0);
	int si = 0;
	for (int i = 0; i < n; i++) {
		while (si < n_stories && stories[si].at < arr[i].at) {
			if (stories[si].at >= p->from && stories[si].at < p->to &&
			    demo_story_add(z, r, cal, tx, &stories[si], now) < 0)
				goto out;
			si++;
		}
		const struct ask *k = &asks[cats[i]];
		struct req_opts o = {.all_satisfied = p->all_satisfied, .current = p->to >= now};
		o.served = p->served && strcmp(k->category, p->served) == 0 && n_served;
		if (!o.served) {
			if (to_reject >= 0) {
				o.reject = rng_below(r, candidates) < to_reject;
				to_reject -= o.reject;
			} else {
				o.reject = rng_pct(r, 3);
			}
			candidates--;
		}
		int ei =
		    o.served ? served[k_served++ % n_served] : pick_ent(z, r, cst_year(arr[i].at));
		struct ent_row *e = &z->ents[ei];
		int ti = rng_below(r, 3), num = 2 + rng_below(r, 98);
		struct ticket_hist h = {0};
		h.zone_id = z->zone_id;
		h.enterprise_id = e->id;
		h.channel = arr[i].channel;
		h.category = k->category;
		h.priority = rng_pct(r, 10) ? "urgent" : "normal";
		h.title = fill_number(a, k->titles[ti], num * (cats[i] == 1 ? 50 : 1));
		h.description = arena_printf(a, "%s。企业反映：%s，希望园区协调解决。", h.title,
		                             rng_below(r, 2) ? "情况紧急，影响正常生产"
		                                             : "按计划推进中遇到困难");
		h.contact_name = e->contact;
		h.contact_phone = e->phone;
		h.created_at = arr[i].at;
		if (submitter_for(z, r, &h, e) < 0)
			goto out;
		play(z, r, cal, &h, e, route_dept(z, r, k->routes[ti], k->category), k, &o, now);
		if (insert_hist(tx, &h) < 0)
			goto out;
		if (i % 200 == 199)
			arena_release(a);
	}
	for (; si < n_stories; si++)
		if (stories[si].at >= p->from && stories[si].at < p->to &&
		    demo_story_add(z, r, cal, tx, &stories[si], now) < 0)
			goto out;
	z->res->tickets += n + n_story;
	ret = 0;
out:
	yq_free(arr);
	yq_free(cats);
	arena_release(a);
	return ret;
}
