/* The demo's 工业物流: 海门's 工业物流群 (seed 003: "开发区千方百计帮助企业降低物流成本，为零星
 * 货物搭建物流通道 … 通过建立的‘工业物流群’，联系到一辆正要去常州的没有装载满的物流车"; "平均每天
 * 有5单以上"; "平均每天闭环接送货运车辆200多辆"). Carriers of the zone with their trucks, the
 * spare capacity they post, about five part-loads a day matched and delivered over the last two
 * weeks, a few loads still waiting for a truck, 三鑫电子's 2万元 of goods to 常州 on a truck going
 * there with room to spare (confirmed by both sides), 冠东模塑's box truck going to 上海 empty,
 * and the vehicle registrations (报备) of the last two weeks — today's at the zone's figure, two
 * hundred and more, the earlier days at a lighter forty a day so the demo stays quick. 海门通达物流
 * has its own account (承运方, hmetdz-chengyun): a part-load the desk proposed for its truck to
 * 南京 waits for its confirmation. Everything is written through the freight store as the
 * service center and the enterprises would. Its own generator, seeded by the zone's code, so the
 * rest of the demo does not move. */
#include "demo/demo_int.h"
#include "freight/freight.h"
#include "org/org.h"
#include "lib/arena.h"
#include "lib/log.h"
#include <math.h>
#include <string.h>

#define REGS_TODAY  206 /* 海门: "平均每天闭环接送货运车辆200多辆" */
#define REGS_BEFORE 40  /* each earlier day, lighter */
#define REG_DAYS    14
#define LOADS_A_DAY 5 /* "平均每天有5单以上" */
#define LOAD_DAYS   14

struct demo_truck {
	const char *plate, *driver, *phone;
	double t, m3;
};
struct demo_carrier {
	const char *name, *contact, *phone, *notes;
	struct demo_truck trucks[4];
};

static const struct demo_carrier CARRIERS[] = {
    {"海门通达物流有限公司",
     "顾建华",
     "0513-82216688",
     "工业物流群成员，常跑常州、无锡、苏州线",
     {{"苏F3K268", "施卫东", "13962875521", 12, 45},
      {"苏FD62901", "陆海峰", "13815214476", 4.5, 18},
      {"苏F5M117", "沈国平", "13773629910", 18, 60},
      {.plate = NULL}}},
    {"海门顺捷运输车队",
     "黄志明",
     "13906287733",
     "个体车队联合体，9.6米厢式货车为主",
     {{"苏F8B560", "黄志明", "13906287733", 15, 55},
      {"苏F2C939", "茅晓兵", "13584701265", 15, 55},
      {"苏F61208D", "倪建军", "13656271840", 8, 32},
      {.plate = NULL}}},
    {"南通江海快运有限公司",
     "张丽",
     "0513-85501234",
     "上海、宁波方向专线",
     {{"苏F7H385", "曹永兴", "13951340078", 20, 70},
      {"苏FA6627", "季红兵", "13862911305", 10, 40},
      {.plate = NULL}}},
    {"冠东模塑科技自备车队",
     "宋晓燕",
     "13801472258",
     "企业自备厢式卡车，去上海装货时空车可捎带零星货物",
     {{"苏F9E713", "宋立新", "13801472258", 10, 42}, {.plate = NULL}}},
};

/* Routes of the zone's trucks: destination and the cities on the way (JSON), a full truck's
 * price there in 元. */
static const struct {
	const char *to, *via;
	double full;
} ROUTES[] = {
    {"常州", "[\"南通\",\"江阴\"]", 2800}, {"上海", "[\"启东\"]", 2200},
    {"苏州", "[\"南通\",\"常熟\"]", 2400}, {"无锡", "[\"南通\",\"江阴\"]", 2600},
    {"南京", "[\"南通\",\"泰州\"]", 3600}, {"宁波", "[\"上海\"]", 4200},
};

static const char *const GOODS[] = {"电子元器件",  "五金配件", "纺织面料", "塑料粒子",
                                    "机械零部件",  "包装纸箱", "缠绕膜",   "汽车线束",
                                    "LED灯具配件", "医用耗材", "家纺成品", "电机配件"};
static const char *const SURNAMES[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "施",
                                       "顾", "陆", "沈", "倪", "季", "茅", "曹", "宋"};
static const char *const GIVEN[] = {"建华", "卫东", "海峰", "国平", "志明", "晓兵", "建军",
                                    "永兴", "红兵", "立新", "俊杰", "志强", "小军", "春林"};
static const char *const REG_ROUTES[] = {"海门—上海", "海门—苏州", "海门—南通港", "海门—常州",
                                         "海门—无锡", "海门—宁波", "海门—杭州",   "海门—南京"};
static const char SERIAL[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

static uint64_t seed_of(const char *code)
{
	uint64_t h = 1469598103934665603ull;
	for (; *code; code++)
		h = (h ^ (unsigned char)*code) * 1099511628211ull;
	return h ? h : 1;
}

/* A 海门 (苏F) plate: five serials, or a new-energy one one time in five. */
static const char *plate_of(struct rng *r, struct arena *a)
{
	char s[8];
	if (rng_pct(r, 20)) {
		s[0] = rng_pct(r, 50) ? 'D' : 'F';
		s[1] = SERIAL[rng_below(r, (int)sizeof SERIAL - 1)];
		for (int i = 2; i < 6; i++)
			s[i] = (char)('0' + rng_below(r, 10));
		s[6] = '\0';
	} else {
		for (int i = 0; i < 5; i++)
			s[i] = SERIAL[rng_below(r, (int)sizeof SERIAL - 1)];
		s[5] = '\0';
	}
	return arena_printf(a, "苏F%s", s);
}

static const char *person(struct rng *r, struct arena *a)
{
	return arena_printf(a, "%s%s", SURNAMES[rng_below(r, 16)], GIVEN[rng_below(r, 14)]);
}

static const char *mobile(struct rng *r, struct arena *a)
{
	static const char *const pre[] = {"139", "138", "137", "136", "135", "158", "151", "188"};
	return arena_printf(a, "%s%04d%04d", pre[rng_below(r, 8)], rng_below(r, 10000),
	                    rng_below(r, 10000));
}

/* The enterprise of the zone named `name`, or 0. */
static int64_t ent_named(struct zone_ctx *z, const char *name)
{
	int64_t id = 0;
	struct db_stmt *st = db_prepare_with(z->tx,
	                                     "SELECT id FROM enterprise WHERE zone_id = ? AND "
	                                     "name = ?",
	                                     DB_I(z->zone_id), DB_T(name));
	if (st && db_step(st) == DB_ROW)
		id = db_col_int(st, 0);
	if (st)
		db_reset(st);
	return id;
}

/* The caller acting as enterprise `ent` (its confirmation of a match). */
static struct principal as_shipper(const struct zone_ctx *z, int64_t ent)
{
	struct principal p = *z->who;
	p.role = ROLE_ENTERPRISE;
	p.scope = SCOPE_ENTERPRISE;
	p.enterprise_id = ent;
	p.dept_id = 0;
	p.dept_path = NULL;
	p.perms = role_perms(ROLE_ENTERPRISE);
	return p;
}

/* The account of carrier `carrier` (承运方): "<zone>-chengyun", with the demo's password as
 * the bank's account has (demo_finance.c). */
static int add_carrier_user(struct zone_ctx *z, int64_t carrier, const char *name, struct yq_err *e)
{
	struct user in = {.display_name = name, .role = "carrier", .carrier_id = carrier};
	return demo_org_account_add(z, "chengyun", &in, e);
}

/* Posts load l for enterprise ent, matches it to offer, both sides confirm, and, when `done`,
 * records it delivered. */
static int trip(struct zone_ctx *z, struct freight_load *l, int64_t offer, int done,
                const char *note, struct yq_err *e)
{
	struct principal shipper = as_shipper(z, l->enterprise_id);
	struct freight_load_move m = {.action = FLA_MATCH, .offer_id = offer};
	if (store_create_in(z->tx, z->who, &FREIGHT_LOAD_EDIT, l, e) < 0 ||
	    freight_load_act_in(z->tx, z->who, l->id, &m, e) < 0)
		return -1;
	m = (struct freight_load_move){.action = FLA_CONFIRM};
	if (freight_load_act_in(z->tx, z->who, l->id, &m, e) < 0 ||
	    freight_load_act_in(z->tx, &shipper, l->id, &m, e) < 0)
		return -1;
	if (!done)
		return 0;
	m = (struct freight_load_move){.action = FLA_DONE, .outcome = "delivered", .note = note};
	return freight_load_act_in(z->tx, z->who, l->id, &m, e);
}

int demo_freight_add(struct zone_ctx *z, int64_t now)
{
	if (strcmp(z->code, "hmetdz") != 0 || z->n_ents == 0)
		return 0;
	struct rng r = {seed_of(z->code) ^ 0xf4e16ull};
	struct arena a = ARENA_INIT;
	struct yq_err e = {0};
	int ret = -1;
	char today[11];
	cst_date(now, today);
	int64_t trucks[16];
	double cap_t[16], cap_m3[16];
	int n_trucks = 0;
	int64_t guandong = 0, tongda = 0;
	/* the carriers of the 工业物流群 and their trucks */
	for (size_t c = 0; c < sizeof CARRIERS / sizeof CARRIERS[0]; c++) {
		const struct demo_carrier *d = &CARRIERS[c];
		struct freight_carrier fc = {
		    .name = d->name, .contact = d->contact, .phone = d->phone, .notes = d->notes};
		if (store_create_in(z->tx, z->who, &FREIGHT_CARRIER_EDIT, &fc, &e) < 0)
			goto out;
		if (c == 0)
			tongda = fc.id;
		for (int k = 0; k < 4 && d->trucks[k].plate; k++) {
			const struct demo_truck *dt = &d->trucks[k];
			struct freight_truck t = {.carrier_id = fc.id,
			                          .plate = dt->plate,
			                          .driver = dt->driver,
			                          .phone = dt->phone,
			                          .capacity_t = dt->t,
			                          .capacity_m3 = dt->m3,
			                          .notes = ""};
			if (store_create_in(z->tx, z->who, &FREIGHT_TRUCK_EDIT, &t, &e) < 0)
				goto out;
			if (strstr(d->name, "冠东"))
				guandong = t.id;
			cap_t[n_trucks] = dt->t;
			cap_m3[n_trucks] = dt->m3;
			trucks[n_trucks++] = t.id;
		}
	}
	/* the last two weeks: a truck a day posts its room on one of the routes, and about five
	 * part-loads a day ride on them, delivered */
	int64_t shippers[64];
	int n_ship = z->n_ents < 64 ? z->n_ents : 64;
	for (int i = 0; i < n_ship; i++)
		shippers[i] = z->ents[rng_below(&r, z->n_ents)].id;
	for (int d = LOAD_DAYS; d >= 1; d--) {
		char day[11];
		date_add(today, -d, day);
		int per_day = LOADS_A_DAY + rng_below(&r, 3);
		int done = 0;
		while (done < per_day) {
			int ti = rng_below(&r, n_trucks), ri = rng_below(&r, 6);
			struct freight_offer o = {.truck_id = trucks[ti],
			                          .origin = "海门",
			                          .destination = ROUTES[ri].to,
			                          .via = ROUTES[ri].via,
			                          .date_from = day,
			                          .date_to = day,
			                          .spare_t = floor(cap_t[ti] * 6) / 10,
			                          .spare_m3 = floor(cap_m3[ti] * 6) / 10,
			                          .full_price = ROUTES[ri].full,
			                          .notes = ""};
			if (store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &o, &e) < 0)
				goto out;
			/* two or three loads share the truck */
			int k = 2 + rng_below(&r, 2);
			for (int j = 0; j < k && done < per_day; j++, done++) {
				double w = floor(o.spare_t / k * (50 + rng_below(&r, 40))) / 100;
				double v = floor(o.spare_m3 / k * (50 + rng_below(&r, 40))) / 100;
				struct freight_load l = {
				    .enterprise_id = shippers[rng_below(&r, n_ship)],
				    .goods = GOODS[rng_below(&r, 12)],
				    .goods_value = (double)(5 + rng_below(&r, 60)) / 2,
				    .weight_t = w > 0.1 ? w : 0.1,
				    .volume_m3 = v > 0.5 ? v : 0.5,
				    .origin = "海门",
				    .destination = ROUTES[ri].to,
				    .date_from = day,
				    .date_to = day,
				    .price =
				        floor(ROUTES[ri].full * (15 + rng_below(&r, 20)) / 1000) *
				        10,
				    .notes = ""};
				if (trip(z, &l, o.id, 1, "按时送达", &e) < 0)
					goto out;
			}
			if (freight_offer_close_in(z->tx, z->who, o.id, &e) < 0)
				goto out;
		}
	}
	/* today and the next days: the trucks with room on their way */
	char d0[11], d1[11], d2[11], d3[11];
	memcpy(d0, today, sizeof d0);
	date_add(today, 1, d1);
	date_add(today, 2, d2);
	date_add(today, 3, d3);
	struct freight_offer changzhou = {.truck_id = trucks[0],
	                                  .origin = "海门",
	                                  .destination = "常州",
	                                  .via = "[\"南通\",\"江阴\"]",
	                                  .date_from = d0,
	                                  .date_to = d1,
	                                  .spare_t = 5,
	                                  .spare_m3 = 20,
	                                  .full_price = 2800,
	                                  .notes = "车上已装7吨五金件，余5吨可拼"};
	struct freight_offer shanghai = {.truck_id = guandong ? guandong : trucks[1],
	                                 .origin = "海门",
	                                 .destination = "上海",
	                                 .via = "[\"启东\"]",
	                                 .date_from = d1,
	                                 .date_to = d1,
	                                 .spare_t = 10,
	                                 .spare_m3 = 42,
	                                 .full_price = 2200,
	                                 .notes = "空车去上海装货，可捎带零星货物"};
	struct freight_offer suzhou = {.truck_id = trucks[3],
	                               .origin = "海门",
	                               .destination = "苏州",
	                               .via = "[\"南通\",\"常熟\"]",
	                               .date_from = d1,
	                               .date_to = d3,
	                               .spare_t = 6,
	                               .spare_m3 = 25,
	                               .full_price = 2400,
	                               .notes = ""};
	struct freight_offer wuxi = {.truck_id = trucks[6],
	                             .origin = "海门",
	                             .destination = "无锡",
	                             .via = "[\"南通\",\"江阴\"]",
	                             .date_from = d2,
	                             .date_to = d3,
	                             .spare_t = 8,
	                             .spare_m3 = 30,
	                             .full_price = 2600,
	                             .notes = ""};
	struct freight_offer nanjing = {.truck_id = trucks[2],
	                                .origin = "海门",
	                                .destination = "南京",
	                                .via = "[\"南通\",\"泰州\"]",
	                                .date_from = d1,
	                                .date_to = d2,
	                                .spare_t = 8,
	                                .spare_m3 = 30,
	                                .full_price = 3600,
	                                .notes = ""};
	if (store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &changzhou, &e) < 0 ||
	    store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &shanghai, &e) < 0 ||
	    store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &suzhou, &e) < 0 ||
	    store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &wuxi, &e) < 0 ||
	    store_create_in(z->tx, z->who, &FREIGHT_OFFER_EDIT, &nanjing, &e) < 0)
		goto out;
	/* 三鑫电子: 2万元 of goods to 常州 on the truck going there, confirmed by both sides */
	int64_t sanxin = ent_named(z, "南通三鑫电子科技有限公司");
	if (sanxin) {
		struct freight_load l = {.enterprise_id = sanxin,
		                         .goods = "电子产品（贴片电感、变压器）",
		                         .goods_value = 2,
		                         .weight_t = 1.2,
		                         .volume_m3 = 6,
		                         .origin = "海门",
		                         .destination = "常州",
		                         .date_from = d0,
		                         .date_to = d1,
		                         .price = 600,
		                         .notes = "客户急需，单独叫车运费太高"};
		if (trip(z, &l, changzhou.id, 0, NULL, &e) < 0)
			goto out;
	}
	/* 海门通达物流 answers for itself from now on: its dispatcher's account (told of the loads
	 * matched to its trucks from here, not of the trips before) */
	if (add_carrier_user(z, tongda, "通达物流调度员", &e) < 0)
		goto out;
	/* a load the desk proposed for 通达's truck to 南京: its account is told, and confirms */
	{
		struct freight_load l = {.enterprise_id = shippers[0], /* no draw: the rest stays */
		                         .goods = "汽车线束",
		                         .goods_value = 3,
		                         .weight_t = 1.5,
		                         .volume_m3 = 5,
		                         .origin = "海门",
		                         .destination = "南京",
		                         .date_from = d1,
		                         .date_to = d2,
		                         .price = 900,
		                         .notes = ""};
		struct freight_load_move m = {.action = FLA_MATCH, .offer_id = nanjing.id};
		if (store_create_in(z->tx, z->who, &FREIGHT_LOAD_EDIT, &l, &e) < 0 ||
		    freight_load_act_in(z->tx, z->who, l.id, &m, &e) < 0)
			goto out;
	}
	/* loads still waiting for a truck: the desk proposes one from their matches */
	static const struct {
		const char *goods, *to;
		double t, m3, value, price;
	} open_loads[] = {{"纺织面料", "上海", 0.8, 4, 1.5, 450},
	                  {"机械零部件", "苏州", 1.5, 3, 6, 700},
	                  {"包装纸箱", "无锡", 0.6, 8, 0.8, 400}};
	for (size_t i = 0; i < sizeof open_loads / sizeof open_loads[0]; i++) {
		struct freight_load l = {.enterprise_id = shippers[rng_below(&r, n_ship)],
		                         .goods = open_loads[i].goods,
		                         .goods_value = open_loads[i].value,
		                         .weight_t = open_loads[i].t,
		                         .volume_m3 = open_loads[i].m3,
		                         .origin = "海门",
		                         .destination = open_loads[i].to,
		                         .date_from = d0,
		                         .date_to = d3,
		                         .price = open_loads[i].price,
		                         .notes = ""};
		if (store_create_in(z->tx, z->who, &FREIGHT_LOAD_EDIT, &l, &e) < 0)
			goto out;
	}
	/* the vehicle registrations: today at the zone's figure, earlier days lighter; the older
	 * ones decided, today's partly still pending */
	for (int d = REG_DAYS - 1; d >= 0; d--) {
		char day[11];
		date_add(today, -d, day);
		int n = d == 0 ? REGS_TODAY : REGS_BEFORE + rng_below(&r, 8);
		for (int i = 0; i < n; i++) {
			struct arena ra = ARENA_INIT;
			struct freight_reg g = {.enterprise_id =
			                            z->ents[rng_below(&r, z->n_ents)].id,
			                        .plate = plate_of(&r, &ra),
			                        .driver = person(&r, &ra),
			                        .phone = mobile(&r, &ra),
			                        .route = REG_ROUTES[rng_below(&r, 8)],
			                        .date = day,
			                        .goods = GOODS[rng_below(&r, 12)]};
			int roll = rng_below(&r, 100);
			int rc = store_create_in(z->tx, z->who, &FREIGHT_REG_EDIT, &g, &e);
			if (rc == 0 && !(d == 0 && roll < 12))
				rc = roll >= 97
				         ? freight_reg_act_in(z->tx, z->who, g.id, FRE_REJECT,
				                              "驾驶员健康信息未上传", &e)
				         : freight_reg_act_in(z->tx, z->who, g.id, FRE_APPROVE,
				                              NULL, &e);
			arena_release(&ra);
			if (rc < 0)
				goto out;
		}
	}
	ret = 0;
out:
	if (ret < 0)
		error("demo: zone %s: freight: %s (%s)", z->code, e.message_en ? e.message_en : "?",
		      e.field ? e.field : "");
	arena_release(&a);
	return ret;
}
