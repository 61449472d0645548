/* The demo's 惠企政策: each zone's policy library — 专精特新 rewards, 稳岗返还, 技改补助, 高企认定
 *奖励, a rent subsidy for young firms, published and matched to the zone's enterprises through
 * the policy store as the service center would (policy.h, the *_in writes; the seeds' cadres
 * "当面推送惠企助企政策"), and a 外资 policy still a draft. Enterprises with an account apply
 * for some of the policies they fit, with their application form attached: a few are paid in
 * full, one partly, some under review or just submitted, one rejected, one still a draft. The
 * zone's listed enterprise account (…-qiye) applies for none, so it finds its policies waiting.
 * Its own generator, seeded by the zone's code, so the rest of the demo does not move. */
#include "demo/demo_int.h"
#include "policy/policy.h"
#include "work/store_list.h"
#include "work/attachment.h"
#include "lib/arena.h"
#include "lib/log.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

struct demo_policy {
	const char *title, *issuer, *doc, *summary, *benefit;
	double max_amount;
	int from_days, to_days; /* the window, days from today */
	const char *materials, *industries, *flags, *ent_types;
	int min_age, max_age;
	int publish;
};

static const struct demo_policy policies[] = {
    {"专精特新中小企业认定奖励", "管委会", "发〔2026〕8号",
     "为引导中小企业走专业化、精细化、特色化、新颖化发展之路，对首次认定的专精特新企业给予一次性"
     "奖励。",
     "首次认定为省级专精特新中小企业的奖励20万元，国家级专精特新“小巨人”企业奖励50万元", 50, -60,
     120, "[\"奖励申请表\",\"认定文件复印件\",\"营业执照复印件\"]", "[]",
     "[\"specialized\",\"little_giant\"]", "[]", 0, 0, 1},
    {"失业保险稳岗返还", "人力资源和社会保障局", "人社发〔2026〕3号",
     "对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的一定比例，支持企业稳定就业岗位。",
     "按上年度实际缴纳失业保险费的60%返还，单户最高30万元", 30, -30, 90,
     "[\"稳岗返还申请表\",\"上年度失业保险缴费明细\"]", "[]", "[]", "[]", 1, 0, 1},
    {"工业企业技术改造补助", "经济发展局", "经发〔2026〕15号",
     "支持规模以上工业企业实施智能化、绿色化技术改造，按设备投资给予补助。",
     "按项目设备投资额的10%给予补助，单个项目最高200万元", 200, -90, 60,
     "[\"技改项目申报书\",\"设备购置发票\",\"项目备案证明\"]", "[\"C\"]", "[\"above_size\"]", "[]",
     0, 0, 1},
    {"高新技术企业认定奖励", "科技局", "科发〔2026〕6号",
     "对首次通过或重新通过高新技术企业认定的企业给予奖励，鼓励企业加大研发投入。",
     "首次认定奖励30万元，重新认定奖励10万元", 30, -45, 75,
     "[\"奖励申请表\",\"高新技术企业证书复印件\"]", "[]", "[\"high_tech\"]", "[]", 0, 0, 1},
    {"科技型初创企业房租补贴", "管委会", "发〔2026〕11号",
     "对成立不满三年、入驻园区载体的初创企业给予房租补贴，降低创业成本。",
     "按实际租金的50%给予补贴，每年最高10万元，连续补贴不超过三年", 10, -20, 160,
     "[\"补贴申请表\",\"租赁合同复印件\",\"租金支付凭证\"]", "[]", "[]", "[]", 0, 3, 1},
    {"外资企业增资扩股奖励", "商务局", "商发〔2026〕2号",
     "对年度实际到位外资增资达到一定规模的外资企业给予奖励。",
     "按实际到位外资增资额的1%给予奖励，最高100万元", 100, 10, 200, "[\"奖励申请表\",\"验资报告\"]",
     "[]", "[]", "[\"foreign\",\"hk_mo_tw\"]", 0, 0, 0},
};
#define N_POLICIES (int)(sizeof policies / sizeof policies[0])

/* The steps a demo application takes: how far along it is. */
enum step { S_DRAFT, S_SUBMITTED, S_REVIEWING, S_REJECTED, S_PART_PAID, S_PAID };

static const char PDF[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type"
                          "/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

static struct principal ent_account(const struct zone_ctx *z, const struct ent_row *e)
{
	return (struct principal){
	    .user_id = e->account.user_id,
	    .zone_id = z->zone_id,
	    .home_zone_id = z->zone_id,
	    .role = ROLE_ENTERPRISE,
	    .scope = SCOPE_ENTERPRISE,
	    .enterprise_id = e->id,
	    .username = e->account_username,
	    .display_name = e->account.name,
	    .perms = role_perms(ROLE_ENTERPRISE),
	    .ip = "local",
	};
}

/* Enterprise e applies for policy `id` and the desk takes it as far as `step`. */
static int apply(struct zone_ctx *z, const struct ent_row *e, const struct policy *p,
                 enum step step, const char *sha, int64_t now, struct arena *a)
{
	struct principal who = ent_account(z, e);
	struct yq_err err = {0};
	double max = isnan(p->max_amount) ? 10 : p->max_amount;
	struct policy_app app = {.policy_id = p->id,
	                         .amount_requested = round(max * (step == S_PART_PAID ? 1 : 0.6)),
	                         .note = "按政策要求提交申报材料，请审核。"};
	int64_t fid;
	const char *ask = arena_printf(a, "%s申请表.pdf", p->title);
	if (store_create_in(z->tx, &who, &POLICY_APP_EDIT, &app, &err) < 0 ||
	    attachment_add_in(z->tx, &who, &policy_app_kind, app.id, sha, (int64_t)sizeof PDF - 1,
	                      ask, "application/pdf", now, &fid, &err) < 0)
		goto fail;
	if (step == S_DRAFT)
		return 0;
	if (policy_app_move_in(z->tx, &who, app.id, APP_EV_SUBMIT, NAN, NULL, NULL, &err) < 0)
		goto fail;
	if (step == S_SUBMITTED)
		return 0;
	if (step == S_REJECTED)
		return policy_app_move_in(z->tx, z->who, app.id, APP_EV_REJECT, NAN,
		                          "所附材料不能证明符合申报条件，请补齐后重新申报。", NULL,
		                          &err) < 0
		           ? error("demo: policy application: %s",
		                   err.message_en ? err.message_en : "")
		           : 0;
	if (policy_app_move_in(z->tx, z->who, app.id, APP_EV_ACCEPT, NAN, "材料齐全，进入审核。",
	                       NULL, &err) < 0)
		goto fail;
	if (step == S_REVIEWING)
		return 0;
	double approved = app.amount_requested;
	char paid_on[11];
	cst_date(now - 10 * DAY, paid_on);
	if (policy_app_move_in(z->tx, z->who, app.id, APP_EV_APPROVE, approved, "经审核符合条件。",
	                       NULL, &err) < 0 ||
	    policy_app_move_in(z->tx, z->who, app.id, APP_EV_PAY,
	                       step == S_PAID ? approved : round(approved / 2), "第一笔资金拨付",
	                       paid_on, &err) < 0)
		goto fail;
	return 0;
fail:
	return error("demo: policy application of enterprise %lld: %s", (long long)e->id,
	             err.message_en ? err.message_en : "");
}

int demo_policy_add(struct zone_ctx *z, int64_t now)
{
	struct rng r = {0x2545f4914f6cdd1dull};
	for (const char *c = z->code; *c; c++)
		r.s = (r.s ^ (unsigned char)*c) * 1099511628211ull;
	struct arena a = ARENA_INIT;
	struct yq_err err = {0};
	char sha[65];
	int ret = -1;
	if (attachment_file_put(z->data_dir, PDF, sizeof PDF - 1, sha, &err) < 0) {
		error("demo: the application form: %s", err.message_en ? err.message_en : "");
		goto out;
	}
	static const enum step steps[] = {S_PAID,      S_REVIEWING, S_PAID,  S_SUBMITTED,
	                                  S_PART_PAID, S_REJECTED,  S_DRAFT, S_PAID};
	int next = 0;
	for (int k = 0; k < N_POLICIES; k++) {
		const struct demo_policy *d = &policies[k];
		char from[11], to[11];
		cst_date(now + (int64_t)d->from_days * DAY, from);
		cst_date(now + (int64_t)d->to_days * DAY, to);
		struct policy p = {
		    .title = d->title,
		    .issuer = arena_printf(&a, "%s%s", z->short_name, d->issuer),
		    .doc_no = arena_printf(&a, "%s%s", z->short_name, d->doc),
		    .summary = d->summary,
		    .benefit = d->benefit,
		    .max_amount = d->max_amount,
		    .apply_from = arena_strdup(&a, from),
		    .deadline = arena_strdup(&a, to),
		    .materials = d->materials,
		    .industries = d->industries,
		    .flags = d->flags,
		    .ent_types = d->ent_types,
		    .min_capital = NAN,
		    .min_age = d->min_age,
		    .max_age = d->max_age,
		    .buildings = "[]",
		};
		int64_t matched = 0;
		if (store_create_in(z->tx, z->who, &POLICY_EDIT, &p, &err) < 0 ||
		    (d->publish && policy_publish_in(z->tx, z->who, p.id, &matched, &err) < 0)) {
			error("demo: policy %s: %s", d->title,
			      err.message_en ? err.message_en : "");
			goto out;
		}
		if (!d->publish)
			continue;
		/* a few of the eligible enterprises with an account apply (never the listed one) */
		int applied = 0, want = 2 + rng_below(&r, 3);
		for (int i = 0; i < z->n_ents && applied < want; i++) {
			const struct ent_row *e = &z->ents[i];
			if (!e->account.user_id || !e->account_username ||
			    strstr(e->account_username, "-qiye") || !rng_pct(&r, 60))
				continue;
			struct principal who = ent_account(z, e);
			struct policy seen;
			struct arena pa = ARENA_INIT;
			int fits =
			    store_list_get(z->tx, &POLICY_Q, &who, p.id, &pa, &seen, &err) == 0;
			arena_release(&pa);
			if (!fits)
				continue;
			if (apply(z, e, &p, steps[next++ % (int)(sizeof steps / sizeof steps[0])],
			          sha, now, &a) < 0)
				goto out;
			applied++;
		}
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}
