/* 工业物流 rules: the field tables and the pure rules beside them (see freight.h). */
#include "freight/freight.h"
#include "db/codes.h"
#include "lib/arena.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const LOAD_STATUSES[] = {"open",   "matched",   "confirmed", "delivered",
                                            "failed", "withdrawn", NULL};
static const char *const LOAD_STATUS_LABELS[] = {"待匹配", "已匹配", "已确认", "已送达",
                                                 "未送达", "已撤回", NULL};
static const char *const REG_STATUSES[] = {"pending", "approved", "rejected", "withdrawn", NULL};
static const char *const REG_STATUS_LABELS[] = {"待审核", "已通过", "已退回", "已撤回", NULL};
static const char *const OFFER_STATUSES[] = {"open", "closed", NULL};
static const char *const OFFER_STATUS_LABELS[] = {"可拼载", "已关闭", NULL};

CODE_NAME(enum freight_load_status, freight_load_status_name, LOAD_STATUSES, FL__COUNT)
CODE_NAME(enum freight_load_status, freight_load_status_label, LOAD_STATUS_LABELS, FL__COUNT)
CODE_FROM(enum freight_load_status, freight_load_status_from, LOAD_STATUSES, FL__COUNT)
CODE_NAME(enum freight_reg_status, freight_reg_status_name, REG_STATUSES, FR__COUNT)
CODE_FROM(enum freight_reg_status, freight_reg_status_from, REG_STATUSES, FR__COUNT)

/* ---- the state machines ---- */

#define NONE (-1)
/* LOAD_NEXT[from][event]: the state it goes to, NONE where the move is refused. */
static const int LOAD_NEXT[FL__COUNT][FLE__COUNT] = {
    [FL_OPEN] = {[FLE_MATCH] = FL_MATCHED,
                 [FLE_DECLINE] = NONE,
                 [FLE_CONFIRM_HALF] = NONE,
                 [FLE_CONFIRM_BOTH] = NONE,
                 [FLE_DELIVER] = NONE,
                 [FLE_FAIL] = NONE,
                 [FLE_CANCEL] = NONE,
                 [FLE_WITHDRAW] = FL_WITHDRAWN},
    [FL_MATCHED] = {[FLE_MATCH] = NONE,
                    [FLE_DECLINE] = FL_OPEN,
                    [FLE_CONFIRM_HALF] = FL_MATCHED,
                    [FLE_CONFIRM_BOTH] = FL_CONFIRMED,
                    [FLE_DELIVER] = NONE,
                    [FLE_FAIL] = NONE,
                    [FLE_CANCEL] = NONE,
                    [FLE_WITHDRAW] = FL_WITHDRAWN},
    [FL_CONFIRMED] = {[FLE_MATCH] = NONE,
                      [FLE_DECLINE] = NONE,
                      [FLE_CONFIRM_HALF] = NONE,
                      [FLE_CONFIRM_BOTH] = NONE,
                      [FLE_DELIVER] = FL_DELIVERED,
                      [FLE_FAIL] = FL_FAILED,
                      [FLE_CANCEL] = FL_OPEN,
                      [FLE_WITHDRAW] = NONE},
    [FL_DELIVERED] = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
    [FL_FAILED] = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
    [FL_WITHDRAWN] = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE},
};
/* Why a move is refused, by the state it is refused in. */
static const char *const LOAD_REFUSED[FL__COUNT] = {
    [FL_OPEN] = "货源待匹配，尚未选定车辆",
    [FL_MATCHED] = "货源已匹配车辆，尚未双方确认",
    [FL_CONFIRMED] = "货源已由双方确认，行程待完成",
    [FL_DELIVERED] = "货源已送达，不能再变更",
    [FL_FAILED] = "货源行程已结束（未送达），不能再变更",
    [FL_WITHDRAWN] = "货源已撤回，不能再变更",
};

int freight_load_next(const char *from, enum freight_load_event ev, enum freight_load_status *to,
                      struct yq_err *e)
{
	enum freight_load_status f = freight_load_status_from(from);
	if (f == FL__COUNT || ev >= FLE__COUNT)
		return err_set(e, ERR_STATE, "status", "货源状态无效", "invalid state");
	int t = LOAD_NEXT[f][ev];
	if (t == NONE)
		return err_set(e, ERR_STATE, "status", LOAD_REFUSED[f],
		               "the load's state does not allow this");
	*to = (enum freight_load_status)t;
	return 0;
}

static const int REG_NEXT[FR__COUNT][FRE__COUNT] = {
    [FR_PENDING] =
        {[FRE_APPROVE] = FR_APPROVED, [FRE_REJECT] = FR_REJECTED, [FRE_WITHDRAW] = FR_WITHDRAWN},
    [FR_APPROVED] = {NONE, NONE, NONE},
    [FR_REJECTED] = {NONE, NONE, NONE},
    [FR_WITHDRAWN] = {NONE, NONE, NONE},
};
static const char *const REG_REFUSED[FR__COUNT] = {
    [FR_PENDING] = "报备待审核",
    [FR_APPROVED] = "报备已通过，不能再变更",
    [FR_REJECTED] = "报备已退回，不能再变更",
    [FR_WITHDRAWN] = "报备已撤回，不能再变更",
};

int freight_reg_next(const char *from, enum freight_reg_event ev, enum freight_reg_status *to,
                     struct yq_err *e)
{
	enum freight_reg_status f = freight_reg_status_from(from);
	if (f == FR__COUNT || ev >= FRE__COUNT)
		return err_set(e, ERR_STATE, "status", "报备状态无效", "invalid state");
	int t = REG_NEXT[f][ev];
	if (t == NONE)
		return err_set(e, ERR_STATE, "status", REG_REFUSED[f],
		               "the registration's state does not allow this");
	*to = (enum freight_reg_status)t;
	return 0;
}
#undef NONE

/* ---- plates and cities ---- */

static const char PROVINCES[] = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/* A letter or digit of a plate's serial: digits and upper-case letters but I and O. */
static int serial(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

int freight_plate_ok(const char *s)
{
	if (!s || strlen(s) < 3)
		return 0;
	/* the province: one CJK character, 3 bytes in UTF-8, from the list */
	int found = 0;
	for (const char *p = PROVINCES; *p && !found; p += 3)
		found = strncmp(s, p, 3) == 0;
	if (!found)
		return 0;
	s += 3;
	if (!(*s >= 'A' && *s <= 'Z'))
		return 0;
	s++;
	size_t n = strlen(s);
	if (n == 5) {
		for (size_t i = 0; i < 5; i++)
			if (!serial(s[i]))
				return 0;
		return 1;
	}
	if (n == 4 + 3 && strcmp(s + 4, "挂") == 0) {
		for (size_t i = 0; i < 4; i++)
			if (!serial(s[i]))
				return 0;
		return 1;
	}
	if (n != 6)
		return 0;
	if (s[0] == 'D' || s[0] == 'F') { /* small new-energy: D/F, a serial, 4 digits */
		if (!serial(s[1]))
			return 0;
		for (size_t i = 2; i < 6; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	}
	if (s[5] == 'D' || s[5] == 'F') { /* large new-energy: 5 digits, D/F */
		for (size_t i = 0; i < 5; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	}
	return 0;
}

/* The length of a city name without a trailing 市. */
static size_t city_len(const char *s)
{
	size_t n = strlen(s);
	return n > 3 && strcmp(s + n - 3, "市") == 0 ? n - 3 : n;
}

int freight_city_eq(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return 0;
	size_t na = city_len(a), nb = city_len(b);
	return na == nb && strncmp(a, b, na) == 0;
}

/* ---- matching ---- */

int freight_route_fits(const char *load_origin, const char *load_dest, const char *origin,
                       const char *const *via, int n_via, const char *dest)
{
	/* the route: origin (0), via (1..n_via), dest (n_via + 1) */
	int from = -1;
	for (int i = 0; i <= n_via + 1 && from < 0; i++) {
		const char *c = i == 0 ? origin : i <= n_via ? via[i - 1] : dest;
		if (freight_city_eq(c, load_origin))
			from = i;
	}
	if (from < 0)
		return 0;
	for (int i = from + 1; i <= n_via + 1; i++) {
		const char *c = i <= n_via ? via[i - 1] : dest;
		if (freight_city_eq(c, load_dest))
			return 1;
	}
	return 0;
}

int freight_dates_overlap(const char *a0, const char *a1, const char *b0, const char *b1)
{
	return a0 && a1 && b0 && b1 && strcmp(a0, b1) <= 0 && strcmp(b0, a1) <= 0;
}

/* Room left: NAN-safe, never below 0. */
static double room(double spare, double used)
{
	double r = (isnan(spare) ? 0 : spare) - (isnan(used) ? 0 : used);
	return r > 0 ? r : 0;
}

int freight_fits(const struct freight_need *n, struct freight_cand *c)
{
	if (!freight_route_fits(n->origin, n->destination, c->origin, c->via, c->n_via,
	                        c->destination) ||
	    !freight_dates_overlap(n->date_from, n->date_to, c->date_from, c->date_to))
		return 0;
	double rt = room(c->spare_t, c->used_t), rv = room(c->spare_m3, c->used_m3);
	/* a tolerance of a gram or a cubic centimetre against rounding */
	if (n->weight_t > rt + 1e-6 || n->volume_m3 > rv + 1e-6)
		return 0;
	c->waste = (rt > 0 ? (rt - n->weight_t) / rt : 0) + (rv > 0 ? (rv - n->volume_m3) / rv : 0);
	return 1;
}

/* <0 when candidate ia ranks before ib: earliest first, then least waste, then lowest id. */
static int rank_cmp(const struct freight_cand *c, int ia, int ib)
{
	const struct freight_cand *a = &c[ia], *b = &c[ib];
	int d = strcmp(a->date_from, b->date_from);
	if (d)
		return d;
	if (a->waste < b->waste - 1e-9)
		return -1;
	if (a->waste > b->waste + 1e-9)
		return 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Inserts candidate i into the ranked list idx[0..*n) of at most max (insertion into a short
 * sorted list: one pass over the candidates, no allocation). */
static void keep(const struct freight_cand *c, int i, int *idx, int *n, int max)
{
	int pos = *n;
	while (pos > 0 && rank_cmp(c, i, idx[pos - 1]) < 0)
		pos--;
	if (pos >= max)
		return;
	int last = *n < max ? *n : max - 1;
	for (int k = last; k > pos; k--)
		idx[k] = idx[k - 1];
	idx[pos] = i;
	if (*n < max)
		(*n)++;
}

int freight_match(const struct freight_need *n, struct freight_cand *c, int nc, int *idx, int max)
{
	int count = 0;
	if (max <= 0)
		return 0;
	for (int i = 0; i < nc; i++)
		if (freight_fits(n, &c[i]))
			keep(c, i, idx, &count, max);
	return count;
}

double freight_saving(double full_price, double price)
{
	if (isnan(full_price) || isnan(price))
		return 0;
	return full_price > price ? full_price - price : 0;
}

/* The compact list the field table stores (["南通","无锡"], no escapes) read without a JSON
 * parser: how many, or -1 when it is not such a list (then the parser reads it). */
static int via_fast(const char *s, struct arena *a, const char **out)
{
	if (!s || *s != '[' || strchr(s, '\\'))
		return -1;
	int n = 0;
	s++;
	if (*s == ']')
		return s[1] ? -1 : 0;
	for (;;) {
		if (*s != '"' || n == FREIGHT_VIA_MAX)
			return -1;
		const char *end = strchr(s + 1, '"');
		if (!end || end == s + 1)
			return -1;
		out[n] = arena_printf(a, "%.*s", (int)(end - s - 1), s + 1);
		if (!out[n++])
			return -1;
		s = end + 1;
		if (*s == ']')
			return s[1] ? -1 : n;
		if (*s != ',')
			return -1;
		s++;
	}
}

int freight_via_parse(const char *json, struct arena *a, const char **out)
{
	int fast = via_fast(json, a, out);
	if (fast >= 0)
		return fast;
	json_t *j = json_loads(json ? json : "[]", 0, NULL);
	int n = -1;
	if (json_is_array(j) && json_array_size(j) <= FREIGHT_VIA_MAX) {
		n = 0;
		for (size_t i = 0; i < json_array_size(j) && n >= 0; i++) {
			const char *s = json_string_value(json_array_get(j, i));
			if (!s || !*s)
				n = -1;
			else
				out[n++] = arena_strdup(a, s);
		}
	}
	json_decref(j);
	return n;
}

/* ---- the field tables ---- */

/* via: a list of at most FREIGHT_VIA_MAX city names of 1..FREIGHT_CITY_MAX characters */
static int check_via(const char *v, struct yq_err *e)
{
	json_t *j = json_loads(v, 0, NULL);
	int ok = json_is_array(j) && json_array_size(j) <= FREIGHT_VIA_MAX;
	for (size_t i = 0; ok && i < json_array_size(j); i++) {
		const char *s = json_string_value(json_array_get(j, i));
		size_t chars = 0;
		for (const char *p = s; p && *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		ok = s && chars >= 1 && chars <= FREIGHT_CITY_MAX;
	}
	json_decref(j);
	if (!ok)
		return err_set(e, ERR_VALIDATION, NULL, "途经城市应为不超过10个城市名的列表",
		               "the cities on the way are a list of at most 10 names");
	return 0;
}

static int check_plate(const char *v, struct yq_err *e)
{
	if (!freight_plate_ok(v))
		return err_set(e, ERR_VALIDATION, NULL,
		               "车牌号格式不正确（如 苏F12345、新能源 苏FD12345，字母大写）",
		               "not a Chinese plate");
	return 0;
}

static int check_phone(const char *v, struct yq_err *e)
{
	size_t n = strlen(v);
	int ok = n >= 7 && n <= 20;
	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '+' || v[i] == ' ';
	if (!ok)
		return err_set(e, ERR_VALIDATION, NULL, "电话号码格式不正确", "not a phone number");
	return 0;
}

#define RO F_READONLY
#define AU F_AUDIT
#define IN F_INTERNAL
#define EX F_EXPORT
#define RQ F_REQUIRED

#define C_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct freight_carrier, m, ft, col, lo, hi, fl, zh, en)
static const struct field CARRIER_FIELDS[] = {
    {C_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {C_(name, FT_TEXT, "name", 1, FREIGHT_NAME_MAX, RQ | AU | EX, "承运企业", "Carrier")},
    {C_(contact, FT_TEXT, "contact", 0, 20, AU | EX, "联系人", "Contact")},
    {C_(phone, FT_TEXT, "phone", 0, 20, AU | EX, "联系电话", "Phone"), .check = check_phone},
    {C_(notes, FT_TEXT, "notes", 0, FREIGHT_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {C_(trucks, FT_INT, "(SELECT COUNT(*) FROM freight_truck t WHERE t.carrier_id = c.id)", 0, 0,
        RO | EX, "车辆数", "Trucks")},
    {C_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {C_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef C_
const struct entity ENTITY_FREIGHT_CARRIER =
    ENTITY("freight_carrier", "freight_carrier", "c", CARRIER_FIELDS, "承运企业", "Carrier",
           .zone_col = "c.zone_id");

#define T_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct freight_truck, m, ft, col, lo, hi, fl, zh, en)
static const struct field TRUCK_FIELDS[] = {
    {T_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {T_(carrier_id, FT_REF, "carrier_id", 0, 0, RQ | AU | F_NOUPDATE | F_FILTER, "承运企业",
        "Carrier")},
    {T_(carrier_name, FT_TEXT, "c.name", 0, 0, RO | EX, "承运企业名称", "Carrier's name")},
    {T_(plate, FT_TEXT, "plate", 7, 8, RQ | AU | EX, "车牌号", "Plate"), .check = check_plate},
    {T_(driver, FT_TEXT, "driver", 1, 20, RQ | AU | EX, "驾驶员", "Driver")},
    {T_(phone, FT_TEXT, "phone", 0, 20, AU | EX, "驾驶员电话", "Driver's phone"),
     .check = check_phone},
    {T_(capacity_t, FT_NUM, "capacity_t", 0, 100, RQ | AU | EX, "核载（吨）", "Capacity (t)")},
    {T_(capacity_m3, FT_NUM, "capacity_m3", 0, 200, RQ | AU | EX, "容积（立方米）",
        "Capacity (m³)")},
    {T_(notes, FT_TEXT, "notes", 0, FREIGHT_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {T_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {T_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef T_
const struct entity ENTITY_FREIGHT_TRUCK =
    ENTITY("freight_truck", "freight_truck", "t", TRUCK_FIELDS, "车辆", "Truck",
           .joins = " JOIN freight_carrier c ON c.id = t.carrier_id", .zone_col = "t.zone_id");

#define USED_T                                                                                     \
	"(SELECT COALESCE(SUM(x.weight_t), 0) FROM freight_load x WHERE x.offer_id = o.id AND "    \
	"x.status IN ('matched', 'confirmed', 'delivered'))"
#define USED_M3                                                                                    \
	"(SELECT COALESCE(SUM(x.volume_m3), 0) FROM freight_load x WHERE x.offer_id = o.id AND "   \
	"x.status IN ('matched', 'confirmed', 'delivered'))"
#define O_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct freight_offer, m, ft, col, lo, hi, fl, zh, en)
static const struct field OFFER_FIELDS[] = {
    {O_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {O_(truck_id, FT_REF, "truck_id", 0, 0, RQ | AU | F_NOUPDATE | F_FILTER, "车辆", "Truck")},
    {O_(plate, FT_TEXT, "t.plate", 0, 0, RO | EX, "车牌号", "Plate")},
    {O_(driver, FT_TEXT, "t.driver", 0, 0, RO | EX, "驾驶员", "Driver")},
    {O_(driver_phone, FT_TEXT, "t.phone", 0, 0, RO | EX, "驾驶员电话", "Driver's phone")},
    {O_(carrier_id, FT_REF, "t.carrier_id", 0, 0, RO, "承运企业", "Carrier")},
    {O_(carrier_name, FT_TEXT, "c.name", 0, 0, RO | EX, "承运企业名称", "Carrier's name")},
    {O_(origin, FT_TEXT, "origin", 1, FREIGHT_CITY_MAX, RQ | AU | EX, "出发城市", "From")},
    {O_(destination, FT_TEXT, "destination", 1, FREIGHT_CITY_MAX, RQ | AU | EX | F_FILTER,
        "目的城市", "To")},
    {O_(via, FT_JSON, "via", 0, 2000, AU, "途经城市", "Cities on the way"), .def = "[]",
     .check = check_via},
    {O_(date_from, FT_DATE, "date_from", 0, 0, RQ | AU | EX, "可发车起始日期", "From date")},
    {O_(date_to, FT_DATE, "date_to", 0, 0, RQ | AU | EX, "可发车截止日期", "To date")},
    {O_(spare_t, FT_NUM, "spare_t", 0, 100, RQ | AU | EX, "余载（吨）", "Spare weight (t)")},
    {O_(spare_m3, FT_NUM, "spare_m3", 0, 200, RQ | AU | EX, "余量（立方米）", "Spare volume (m³)")},
    {O_(full_price, FT_NUM, "full_price", 0, 1000000, RQ | AU | EX, "整车参考运价（元）",
        "Full-truck price (yuan)")},
    {O_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = OFFER_STATUSES, .labels = OFFER_STATUS_LABELS},
    {O_(used_t, FT_NUM, USED_T, 0, 0, RO | EX, "已拼载（吨）", "Taken (t)")},
    {O_(used_m3, FT_NUM, USED_M3, 0, 0, RO | EX, "已拼载（立方米）", "Taken (m³)")},
    {O_(notes, FT_TEXT, "notes", 0, FREIGHT_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {O_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {O_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef O_
const struct entity ENTITY_FREIGHT_OFFER =
    ENTITY("freight_offer", "freight_offer", "o", OFFER_FIELDS, "运力", "Offer",
           .joins = " JOIN freight_truck t ON t.id = o.truck_id JOIN freight_carrier c ON c.id = "
                    "t.carrier_id",
           .zone_col = "o.zone_id");

#define L_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct freight_load, m, ft, col, lo, hi, fl, zh, en)
static const struct field LOAD_FIELDS[] = {
    {L_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {L_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_NOUPDATE | F_FILTER, "发货企业",
        "Shipper")},
    {L_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = l.enterprise_id)",
        0, 0, RO | EX, "发货企业名称", "Shipper's name")},
    {L_(goods, FT_TEXT, "goods", 1, FREIGHT_GOODS_MAX, RQ | AU | EX, "货物", "Goods")},
    {L_(goods_value, FT_MONEY, "goods_value", 0, 100000, AU | EX, "货值", "Value of the goods")},
    {L_(weight_t, FT_NUM, "weight_t", 0, 100, RQ | AU | EX, "重量（吨）", "Weight (t)")},
    {L_(volume_m3, FT_NUM, "volume_m3", 0, 200, RQ | AU | EX, "体积（立方米）", "Volume (m³)")},
    {L_(origin, FT_TEXT, "origin", 1, FREIGHT_CITY_MAX, RQ | AU | EX, "起运城市", "From")},
    {L_(destination, FT_TEXT, "destination", 1, FREIGHT_CITY_MAX, RQ | AU | EX | F_FILTER,
        "目的城市", "To")},
    {L_(date_from, FT_DATE, "date_from", 0, 0, RQ | AU | EX, "最早发货日期", "Earliest date")},
    {L_(date_to, FT_DATE, "date_to", 0, 0, RQ | AU | EX, "最晚发货日期", "Latest date")},
    {L_(price, FT_NUM, "price", 0, 1000000, RQ | AU | EX, "报价运费（元）",
        "Price offered (yuan)")},
    {L_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = LOAD_STATUSES, .labels = LOAD_STATUS_LABELS},
    {L_(offer_id, FT_REF, "offer_id", 0, 0, RO | F_FILTER, "匹配运力", "Offer")},
    {L_(plate, FT_TEXT, "t.plate", 0, 0, RO | EX, "车牌号", "Plate")},
    {L_(driver, FT_TEXT, "t.driver", 0, 0, RO | EX, "驾驶员", "Driver")},
    {L_(carrier_name, FT_TEXT, "c.name", 0, 0, RO | EX, "承运企业", "Carrier")},
    {L_(full_price, FT_NUM, "o.full_price", 0, 0, RO | EX, "整车参考运价（元）",
        "Full-truck price (yuan)")},
    {L_(shipper_ok, FT_BOOL, "shipper_ok", 0, 0, RO | EX, "企业已确认",
        "Confirmed by the shipper")},
    {L_(carrier_ok, FT_BOOL, "carrier_ok", 0, 0, RO | EX, "承运方已确认",
        "Confirmed for the carrier")},
    {L_(outcome_note, FT_TEXT, "outcome_note", 0, FREIGHT_NOTES_MAX, RO | EX, "行程结果说明",
        "Outcome")},
    {L_(done_at, FT_TIME, "done_at", 0, 0, RO | EX, "完成时间", "Done")},
    {L_(notes, FT_TEXT, "notes", 0, FREIGHT_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {L_(created_at, FT_TIME, "created_at", 0, 0, RO | EX, "发布时间", "Posted")},
    {L_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef L_
const struct entity ENTITY_FREIGHT_LOAD =
    ENTITY("freight_load", "freight_load", "l", LOAD_FIELDS, "货源", "Load",
           .joins = " LEFT JOIN freight_offer o ON o.id = l.offer_id LEFT JOIN freight_truck t ON "
                    "t.id = o.truck_id LEFT JOIN freight_carrier c ON c.id = t.carrier_id",
           .zone_col = "l.zone_id", .scope_enterprise = "l.enterprise_id");

#define R_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct freight_reg, m, ft, col, lo, hi, fl, zh, en)
static const struct field REG_FIELDS[] = {
    {R_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {R_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_NOUPDATE | F_FILTER, "报备企业",
        "Enterprise")},
    {R_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = r.enterprise_id)",
        0, 0, RO | EX, "报备企业名称", "Enterprise's name")},
    {R_(plate, FT_TEXT, "plate", 7, 8, RQ | AU | EX, "车牌号", "Plate"), .check = check_plate},
    {R_(driver, FT_TEXT, "driver", 1, 20, RQ | AU | EX, "驾驶员", "Driver")},
    {R_(phone, FT_TEXT, "phone", 0, 20, RQ | AU | EX, "驾驶员电话", "Driver's phone"),
     .check = check_phone},
    {R_(route, FT_TEXT, "route", 1, FREIGHT_ROUTE_MAX, RQ | AU | EX, "行驶路线", "Route")},
    {R_(date, FT_DATE, "date", 0, 0, RQ | AU | EX | F_FILTER, "通行日期", "Date")},
    {R_(goods, FT_TEXT, "goods", 0, FREIGHT_GOODS_MAX, AU | EX, "装载货物", "Goods")},
    {R_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = REG_STATUSES, .labels = REG_STATUS_LABELS},
    {R_(reason, FT_TEXT, "reason", 0, 200, RO | EX, "退回原因", "Reason")},
    {R_(decided_at, FT_TIME, "decided_at", 0, 0, RO | EX, "审核时间", "Decided")},
    {R_(created_at, FT_TIME, "created_at", 0, 0, RO | EX, "报备时间", "Filed")},
    {R_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef R_
const struct entity ENTITY_FREIGHT_REG =
    ENTITY("freight_reg", "freight_reg", "r", REG_FIELDS, "车辆报备", "Vehicle registration",
           .zone_col = "r.zone_id", .scope_enterprise = "r.enterprise_id");

/* The lists' query parameters. */
#define QT_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct freight_truck_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field TRUCK_QUERY_FIELDS[] = {
    {QT_(carrier_id, FT_REF, 0, 0, "承运企业", "Carrier")},
};
#undef QT_
const struct entity ENTITY_FREIGHT_TRUCK_QUERY =
    ENTITY("freight_truck_query", "freight_truck", "t", TRUCK_QUERY_FIELDS, "车辆查询", "Query");

#define QO_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct freight_offer_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field OFFER_QUERY_FIELDS[] = {
    {QO_(truck_id, FT_REF, 0, 0, "车辆", "Truck")},
    {QO_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = OFFER_STATUSES,
     .labels = OFFER_STATUS_LABELS},
    {QO_(destination, FT_TEXT, 1, FREIGHT_CITY_MAX, "目的城市", "To")},
};
#undef QO_
const struct entity ENTITY_FREIGHT_OFFER_QUERY =
    ENTITY("freight_offer_query", "freight_offer", "o", OFFER_QUERY_FIELDS, "运力查询", "Query");

#define QL_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct freight_load_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field LOAD_QUERY_FIELDS[] = {
    {QL_(enterprise_id, FT_REF, 0, 0, "发货企业", "Shipper")},
    {QL_(offer_id, FT_REF, 0, 0, "匹配运力", "Offer")},
    {QL_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = LOAD_STATUSES,
     .labels = LOAD_STATUS_LABELS},
    {QL_(destination, FT_TEXT, 1, FREIGHT_CITY_MAX, "目的城市", "To")},
};
#undef QL_
const struct entity ENTITY_FREIGHT_LOAD_QUERY =
    ENTITY("freight_load_query", "freight_load", "l", LOAD_QUERY_FIELDS, "货源查询", "Query");

#define QR_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct freight_reg_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field REG_QUERY_FIELDS[] = {
    {QR_(enterprise_id, FT_REF, 0, 0, "报备企业", "Enterprise")},
    {QR_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = REG_STATUSES,
     .labels = REG_STATUS_LABELS},
    {QR_(date, FT_DATE, 0, 0, "通行日期", "Date")},
};
#undef QR_
const struct entity ENTITY_FREIGHT_REG_QUERY =
    ENTITY("freight_reg_query", "freight_reg", "r", REG_QUERY_FIELDS, "报备查询", "Query");
#undef RO
#undef AU
#undef IN
#undef EX
#undef RQ
