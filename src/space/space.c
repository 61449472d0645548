/* 载体 rules: the field tables and the pure rules beside them (see space.h). */
#include "space/space.h"
#include "db/codes.h"
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPES[] = {"factory", "incubator", "apartment", "office", NULL};
static const char *const TYPE_LABELS[] = {"标准厂房", "孵化器", "人才公寓", "写字楼", NULL};
static const char *const STATUSES[] = {"vacant", "intent", "leased", "self_use", "repair", NULL};
static const char *const STATUS_LABELS[] = {"空置", "意向", "已租", "自用", "维修", NULL};
static const char *const LEASE_STATUSES[] = {"active", "ended", NULL};
static const char *const LEASE_STATUS_LABELS[] = {"生效", "已结束", NULL};

CODE_NAME(enum space_type, space_type_name, TYPES, SPACE__TYPE_COUNT)
CODE_NAME(enum space_type, space_type_label, TYPE_LABELS, SPACE__TYPE_COUNT)
CODE_FROM(enum space_type, space_type_from_name, TYPES, SPACE__TYPE_COUNT)
CODE_NAME(enum space_status, space_status_name, STATUSES, SPACE__STATUS_COUNT)
CODE_NAME(enum space_status, space_status_label, STATUS_LABELS, SPACE__STATUS_COUNT)
CODE_FROM(enum space_status, space_status_from_name, STATUSES, SPACE__STATUS_COUNT)

/* A number of a body that was given: not NAN, and not 0 for the optional ones. */
static int given(double v)
{
	return !isnan(v) && v != 0;
}

int space_check_unit(const char *building_type, int64_t floors, const struct space_unit *u,
                     struct yq_err *e)
{
	if (u->floor < 1 || u->floor > floors)
		return err_set(e, ERR_VALIDATION, "floor", "楼层超出该楼宇的楼层数",
		               "the floor is not in the building");
	int flat = space_type_from_name(building_type) == SPACE_APARTMENT;
	if (flat && u->rooms < 1)
		return err_set(e, ERR_VALIDATION, "rooms", "人才公寓请填写户型（几室）",
		               "a flat needs its number of rooms");
	if (!flat && u->rooms > 0)
		return err_set(e, ERR_VALIDATION, "rooms", "只有人才公寓填写户型",
		               "only flats have rooms");
	if (flat && given(u->floor_load))
		return err_set(e, ERR_VALIDATION, "floor_load", "人才公寓不填写楼面荷载",
		               "a flat has no floor load");
	if (flat && given(u->power_kva))
		return err_set(e, ERR_VALIDATION, "power_kva", "人才公寓不填写配电容量",
		               "a flat has no power rating");
	if (isnan(u->area) || u->area <= 0)
		return err_set(e, ERR_VALIDATION, "area", "请填写面积", "the area is required");
	return 0;
}

int space_status_move(const char *from, const char *to, struct yq_err *e)
{
	enum space_status f = space_status_from_name(from), t = space_status_from_name(to);
	if (t == SPACE__STATUS_COUNT)
		return err_set(e, ERR_VALIDATION, "status", "状态无效", "invalid status");
	if (f == t)
		return 0;
	if (t == SPACE_LEASED)
		return err_set(e, ERR_VALIDATION, "status", "已租状态由租约确定，请登记租约",
		               "a unit is leased by registering its lease");
	if (f == SPACE_LEASED)
		return err_set(e, ERR_STATE, "status", "单元已出租，请先结束租约",
		               "the unit is leased: end its lease first");
	return 0;
}

int space_check_lease(const struct space_lease *l, const char *unit_status,
                      const char *building_type, struct yq_err *e)
{
	if (!l->start_date || !l->end_date || strcmp(l->end_date, l->start_date) <= 0)
		return err_set(e, ERR_VALIDATION, "end_date", "结束日期应晚于开始日期",
		               "the lease must end after it starts");
	int person = !l->enterprise_id && l->tenant_name && *l->tenant_name;
	if (!l->enterprise_id && !person)
		return err_set(e, ERR_VALIDATION, "enterprise_id", "请选择承租企业或填写承租人",
		               "name the tenant: an enterprise or a person");
	if (person && space_type_from_name(building_type) != SPACE_APARTMENT)
		return err_set(e, ERR_VALIDATION, "enterprise_id",
		               "厂房、孵化器和写字楼须由企业承租，个人只能承租人才公寓",
		               "only flats are let to a person");
	switch (space_status_from_name(unit_status)) {
	case SPACE_REPAIR:
		return err_set(e, ERR_STATE, "unit_id", "单元维修中，不能出租",
		               "the unit is under repair");
	case SPACE_SELF_USE:
		return err_set(e, ERR_STATE, "unit_id", "单元为园区自用，不能出租",
		               "the unit is used by the zone");
	default:
		return 0;
	}
}

int space_overlaps(const char *a0, const char *a1, const char *b0, const char *b1)
{
	return strcmp(a0, b1) <= 0 && strcmp(b0, a1) <= 0;
}

double space_vacancy_rate(int64_t units, int64_t vacant)
{
	return units > 0 ? (double)vacant / (double)units : 0;
}

/* ---- demands ---- */

static const char *const DEMAND_STATUSES[] = {"open",      "offered", "leased",
                                              "withdrawn", "closed",  NULL};
static const char *const DEMAND_STATUS_LABELS[] = {"待匹配", "已推荐", "已签约",
                                                   "已撤回", "已关闭", NULL};
static const char *const DEMAND_EVENTS[] = {"offer", "accept", "decline", "withdraw", "close"};

CODE_NAME(enum space_demand_status, space_demand_status_name, DEMAND_STATUSES, DEMAND__STATUS_COUNT)
CODE_FROM(enum space_demand_status, space_demand_status_from_name, DEMAND_STATUSES,
          DEMAND__STATUS_COUNT)
CODE_NAME(enum space_demand_event, space_demand_event_name, DEMAND_EVENTS, DEMAND__EV_COUNT)

/* The transition table: the state each event moves each state to, -1 where it may not. */
static const signed char DEMAND_NEXT[DEMAND__STATUS_COUNT][DEMAND__EV_COUNT] = {
    [DEMAND_OPEN] = {DEMAND_OFFERED, -1, -1, DEMAND_WITHDRAWN, DEMAND_CLOSED},
    [DEMAND_OFFERED] = {-1, DEMAND_LEASED, DEMAND_OPEN, DEMAND_WITHDRAWN, DEMAND_CLOSED},
    [DEMAND_LEASED] = {-1, -1, -1, -1, -1},
    [DEMAND_WITHDRAWN] = {-1, -1, -1, -1, -1},
    [DEMAND_CLOSED] = {-1, -1, -1, -1, -1},
};

int space_demand_next(const char *from, enum space_demand_event ev, enum space_demand_status *to,
                      struct yq_err *e)
{
	enum space_demand_status f = space_demand_status_from_name(from);
	if (f == DEMAND__STATUS_COUNT || ev >= DEMAND__EV_COUNT || DEMAND_NEXT[f][ev] < 0) {
		static const char *const why[DEMAND__STATUS_COUNT] = {
		    "需求尚未推荐单元，不能签约或谢绝", "需求已推荐单元，请先由企业确认或谢绝",
		    "需求已签约，不能再变更", "需求已撤回，不能再变更", "需求已关闭，不能再变更"};
		return err_set(e, ERR_STATE, "status",
		               f < DEMAND__STATUS_COUNT ? why[f] : "需求状态无效",
		               "the demand's state does not allow this");
	}
	*to = (enum space_demand_status)DEMAND_NEXT[f][ev];
	return 0;
}

int space_check_demand(const struct space_demand *d, struct yq_err *e)
{
	if (isnan(d->area_min) || d->area_min <= 0)
		return err_set(e, ERR_VALIDATION, "area_min", "请填写最小面积",
		               "the smallest area is required");
	if (!isnan(d->area_max) && d->area_max != 0 && d->area_max < d->area_min)
		return err_set(e, ERR_VALIDATION, "area_max", "最大面积不能小于最小面积",
		               "the largest area is below the smallest");
	if (space_type_from_name(d->type) == SPACE_APARTMENT) {
		if (given(d->floor_load))
			return err_set(e, ERR_VALIDATION, "floor_load", "人才公寓不填写楼面荷载",
			               "a flat has no floor load");
		if (given(d->power_kva))
			return err_set(e, ERR_VALIDATION, "power_kva", "人才公寓不填写配电容量",
			               "a flat has no power rating");
	}
	return 0;
}

enum space_miss space_match(const struct space_demand *d, const struct space_unit *u,
                            const char *busy_until)
{
	if (space_status_from_name(u->status) != SPACE_VACANT)
		return SPACE_MISS_STATUS;
	if (!d->type || !u->building_type || strcmp(d->type, u->building_type) != 0)
		return SPACE_MISS_TYPE;
	if (isnan(u->area) || u->area < d->area_min)
		return SPACE_MISS_SMALL;
	if (given(d->area_max) && u->area > d->area_max)
		return SPACE_MISS_LARGE;
	if (given(d->floor_load) && (isnan(u->floor_load) || u->floor_load < d->floor_load))
		return SPACE_MISS_LOAD;
	if (given(d->power_kva) && (isnan(u->power_kva) || u->power_kva < d->power_kva))
		return SPACE_MISS_POWER;
	if (busy_until && *busy_until && d->wanted_from && strcmp(busy_until, d->wanted_from) >= 0)
		return SPACE_MISS_DATE;
	return SPACE_MATCH;
}

const char *space_miss_label(enum space_miss m)
{
	static const char *const labels[SPACE__MISS_COUNT] = {
	    "符合需求",         "单元不是空置状态", "载体类型与需求不符", "单元面积小于需求",
	    "单元面积大于需求", "楼面荷载低于需求", "配电容量低于需求",   "单元在需求日期仍有租约"};
	return m < SPACE__MISS_COUNT ? labels[m] : "";
}

double space_match_distance(const struct space_demand *d, const struct space_unit *u)
{
	double want = given(d->area_max) ? (d->area_min + d->area_max) / 2 : d->area_min;
	return fabs(u->area - want);
}

static _Thread_local const struct space_demand *sort_demand; /* the demand of the sort under way */

static int by_rank(const void *a, const void *b)
{
	const struct space_unit *x = a, *y = b;
	double dx = space_match_distance(sort_demand, x), dy = space_match_distance(sort_demand, y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	double rx = isnan(x->rent) ? 1e18 : x->rent, ry = isnan(y->rent) ? 1e18 : y->rent;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

void space_match_sort(const struct space_demand *d, struct space_unit *u, size_t n)
{
	sort_demand = d;
	if (n > 1)
		qsort(u, n, sizeof *u, by_rank);
}

int space_term_end(const char *start, int64_t months, char out[11])
{
	int y, m, d;
	if (!start || strlen(start) != 10 || sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31 || months < 1 || months > 1200)
		return -1;
	int64_t mm = (int64_t)y * 12 + (m - 1) + months;
	int ny = (int)(mm / 12), nm = (int)(mm % 12) + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[nm - 1] + (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0));
	int nd = d > last ? last : d;
	/* the day before (ny, nm, nd) */
	if (--nd < 1) {
		if (--nm < 1) {
			nm = 12;
			ny--;
		}
		nd = mdays[nm - 1] + (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0));
	}
	if (ny < 1 || ny > 9999)
		return -1;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", ny, nm, nd);
	memcpy(out, buf, 11);
	return 0;
}

/* ---- the site plan ---- */

/* 1 when s (n bytes) holds `word`, ASCII case ignored. */
static int has_word(const unsigned char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;
		while (j < k && tolower(s[i + j]) == word[j])
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

/* 1 when an attribute whose name starts with "on" (an event handler) is in the SVG text. */
static int has_handler(const unsigned char *s, size_t n)
{
	for (size_t i = 1; i + 3 < n; i++)
		if ((isspace(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '"' || s[i - 1] == '\'') &&
		    tolower(s[i]) == 'o' && tolower(s[i + 1]) == 'n' && isalpha(s[i + 2])) {
			size_t j = i + 2;
			while (j < n && (isalnum(s[j]) || s[j] == '-' || s[j] == '_'))
				j++;
			while (j < n && isspace(s[j]))
				j++;
			if (j < n && s[j] == '=')
				return 1;
		}
	return 0;
}

/* The number after `attr="` in the svg element's text (the first occurrence), or NAN. */
static double svg_attr(const char *svg, const char *attr, int nth)
{
	const char *p = strstr(svg, attr);
	if (!p)
		return NAN;
	p += strlen(attr);
	for (int i = 0; i <= nth; i++) {
		while (*p == ' ' || *p == ',' || *p == '"' || *p == '\'' || *p == '=')
			p++;
		char *end;
		double v = strtod(p, &end);
		if (end == p)
			return NAN;
		if (i == nth)
			return v;
		p = end;
	}
	return NAN;
}

static int plan_bad(struct yq_err *e, const char *zh, const char *en)
{
	return err_set(e, ERR_VALIDATION, "image", zh, en);
}

int space_plan_check(const unsigned char *b, size_t n, const char **type, int64_t *w, int64_t *h,
                     struct yq_err *e)
{
	*w = *h = 0;
	if (n == 0)
		return plan_bad(e, "请上传平面图", "upload the plan");
	if (n > SPACE_PLAN_MAX_BYTES)
		return err_set(e, ERR_TOO_LARGE, "image", "平面图不能超过2MB",
		               "the plan must not exceed 2 MiB");
	if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0) {
		*type = "image/png";
		*w = (int64_t)b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
		*h = (int64_t)b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
	} else if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
		*type = "image/jpeg";
		/* the size is in the first start-of-frame segment */
		size_t i = 2;
		while (i + 9 < n && b[i] == 0xFF) {
			unsigned m = b[i + 1];
			size_t len = (size_t)b[i + 2] << 8 | b[i + 3];
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				*h = (int64_t)b[i + 5] << 8 | b[i + 6];
				*w = (int64_t)b[i + 7] << 8 | b[i + 8];
				break;
			}
			i += 2 + len;
		}
	} else {
		/* an SVG: text, with an svg element, and nothing that runs or reaches out */
		if (memchr(b, 0, n))
			return plan_bad(e, "平面图应为 SVG、PNG 或 JPEG 图片",
			                "the plan is an SVG, PNG or JPEG picture");
		if (!has_word(b, n, "<svg"))
			return plan_bad(e, "平面图应为 SVG、PNG 或 JPEG 图片",
			                "the plan is an SVG, PNG or JPEG picture");
		static const char *const banned[] = {"<script",     "<foreignobject",
		                                     "<iframe",     "<embed",
		                                     "<object",     "<!entity",
		                                     "<!doctype",   "javascript:",
		                                     "vbscript:",   "data:text",
		                                     "@import",     "<use",
		                                     "href=\"http", "href='http",
		                                     "url(http",    "<animate",
		                                     "<set",        "<a ",
		                                     "<a>",         "<handler",
		                                     "<listener",   "<?xml-stylesheet"};
		for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
			if (has_word(b, n, banned[i]))
				return plan_bad(
				    e, "SVG 平面图不能含脚本、链接、动画或外部引用",
				    "an SVG plan may hold no script, link, animation or outside "
				    "reference");
		if (has_handler(b, n))
			return plan_bad(e, "SVG 平面图不能含事件属性（on…）",
			                "an SVG plan may hold no event handler attribute");
		*type = "image/svg+xml";
		char head[2048];
		size_t k = n < sizeof head - 1 ? n : sizeof head - 1;
		memcpy(head, b, k);
		head[k] = 0;
		char *svg = strstr(head, "<svg");
		char *end = svg ? strchr(svg, '>') : NULL;
		if (end)
			*end = 0; /* its own attributes only */
		if (svg && end) {
			double vw = svg_attr(svg, "viewBox", 2), vh = svg_attr(svg, "viewBox", 3);
			if (isnan(vw) || isnan(vh)) {
				vw = svg_attr(svg, " width", 0);
				vh = svg_attr(svg, " height", 0);
			}
			if (!isnan(vw) && !isnan(vh) && vw > 0 && vh > 0 && vw <= 100000 &&
			    vh <= 100000) {
				*w = (int64_t)llround(vw);
				*h = (int64_t)llround(vh);
			}
		}
	}
	if (*w <= 0 || *h <= 0 || *w > 100000 || *h > 100000)
		return plan_bad(e, "无法读取平面图的尺寸（SVG 请设置 viewBox）",
		                "the plan's size cannot be read (give an SVG its viewBox)");
	return 0;
}

int space_outline_check(const char *plan, double w, double h, struct yq_err *e)
{
	double mw = w > 0 ? w : 100000, mh = h > 0 ? h : 100000;
	json_t *j = json_loads(plan ? plan : "", 0, NULL);
	size_t n = json_is_array(j) ? json_array_size(j) : 0;
	int ok = n >= 3 && n <= SPACE_PLAN_POINTS;
	for (size_t i = 0; ok && i < n; i++) {
		json_t *pt = json_array_get(j, i);
		ok = json_is_array(pt) && json_array_size(pt) == 2 &&
		     json_is_number(json_array_get(pt, 0)) && json_is_number(json_array_get(pt, 1));
		if (ok) {
			double x = json_number_value(json_array_get(pt, 0)),
			       y = json_number_value(json_array_get(pt, 1));
			ok = isfinite(x) && isfinite(y) && x >= 0 && y >= 0 && x <= mw && y <= mh;
		}
	}
	json_decref(j);
	if (!ok)
		return err_set(e, ERR_VALIDATION, "plan", "轮廓应为平面图范围内至少3个点的坐标列表",
		               "the outline is 3 or more [x, y] points inside the plan");
	return 0;
}

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void space_b64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
		             (i + 2 < n ? in[i + 2] : 0);
		out[o++] = B64[v >> 18 & 63];
		out[o++] = B64[v >> 12 & 63];
		out[o++] = i + 1 < n ? B64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? B64[v & 63] : '=';
	}
	out[o] = 0;
}

long space_b64_decode(const char *s, unsigned char *out)
{
	long o = 0;
	unsigned v = 0;
	int bits = 0;
	for (; *s && *s != '='; s++) {
		const char *p = strchr(B64, *s);
		if (!p || !*s)
			return -1;
		v = v << 6 | (unsigned)(p - B64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits & 0xFF);
		}
	}
	return o;
}

/* ---- the field tables ---- */

/* plan: the building's outline, a list of at most SPACE_PLAN_POINTS [x, y] points (3 or more),
 * or none */
static int check_plan(const char *v, struct yq_err *e)
{
	json_t *j = json_loads(v, 0, NULL);
	int ok = json_is_array(j);
	size_t n = ok ? json_array_size(j) : 0;
	if (ok && (n == 1 || n == 2 || n > SPACE_PLAN_POINTS))
		ok = 0;
	for (size_t i = 0; ok && i < n; i++) {
		json_t *pt = json_array_get(j, i);
		ok = json_is_array(pt) && json_array_size(pt) == 2 &&
		     json_is_number(json_array_get(pt, 0)) && json_is_number(json_array_get(pt, 1));
	}
	json_decref(j);
	if (!ok)
		return err_set(e, ERR_VALIDATION, NULL, "轮廓应为至少3个点的坐标列表",
		               "the outline is a list of 3 or more [x, y] points");
	return 0;
}

#define RO F_READONLY
#define AU F_AUDIT
#define IN F_INTERNAL
#define EX F_EXPORT

#define B_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct space_building, m, ft, col, lo, hi, fl, zh, en)
static const struct field BUILDING_FIELDS[] = {
    {B_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {B_(name, FT_TEXT, "name", 1, SPACE_NAME_MAX, F_REQUIRED | AU | EX, "楼宇名称", "Name")},
    {B_(type, FT_ENUM, "type", 0, 0, F_REQUIRED | AU | EX | F_FILTER, "载体类型", "Type"),
     .values = TYPES, .labels = TYPE_LABELS},
    {B_(address, FT_TEXT, "address", 0, SPACE_ADDRESS_MAX, AU | EX, "地址", "Address")},
    {B_(floors, FT_INT, "floors", 1, SPACE_FLOORS_MAX, F_REQUIRED | AU | EX, "楼层数", "Floors")},
    {B_(plan, FT_JSON, "plan", 0, 8000, AU, "平面轮廓", "Outline on the zone's plan"), .def = "[]",
     .check = check_plan},
    {B_(map_x, FT_NUM, "map_x", 0, 100000, AU, "平面图横坐标", "Position on the plan (x)")},
    {B_(map_y, FT_NUM, "map_y", 0, 100000, AU, "平面图纵坐标", "Position on the plan (y)")},
    {B_(notes, FT_TEXT, "notes", 0, SPACE_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {B_(units, FT_INT, "(SELECT COUNT(*) FROM space_unit su WHERE su.building_id = b.id)", 0, 0,
        RO | EX, "单元数", "Units")},
    {B_(vacant, FT_INT,
        "(SELECT COUNT(*) FROM space_unit su WHERE su.building_id = b.id AND su.status = "
        "'vacant')",
        0, 0, RO | EX, "空置单元数", "Vacant units")},
    {B_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {B_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef B_
const struct entity ENTITY_SPACE_BUILDING =
    ENTITY("space_building", "space_building", "b", BUILDING_FIELDS, "楼宇", "Building",
           .zone_col = "b.zone_id");

#define U_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct space_unit, m, ft, col, lo, hi, fl, zh, en)
static const struct field UNIT_FIELDS[] = {
    {U_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {U_(building_id, FT_REF, "building_id", 0, 0, F_REQUIRED | AU | F_NOUPDATE | F_FILTER, "楼宇",
        "Building")},
    {U_(building_name, FT_TEXT, "b.name", 0, 0, RO | EX, "楼宇名称", "Building name")},
    {U_(building_type, FT_ENUM, "b.type", 0, 0, RO | EX, "载体类型", "Type"), .values = TYPES,
     .labels = TYPE_LABELS},
    {U_(floor, FT_INT, "floor", 1, SPACE_FLOORS_MAX, F_REQUIRED | AU | EX, "楼层", "Floor")},
    {U_(number, FT_TEXT, "number", 1, SPACE_NUMBER_MAX, F_REQUIRED | AU | EX, "单元号", "Number")},
    {U_(area, FT_NUM, "area", 1, 1000000, F_REQUIRED | AU | EX, "面积（平方米）", "Area (m²)")},
    {U_(floor_load, FT_NUM, "floor_load", 0, 1000, AU | EX, "楼面荷载（kN/m²）",
        "Floor load (kN/m²)")},
    {U_(power_kva, FT_NUM, "power_kva", 0, 100000, AU | EX, "配电容量（kVA）", "Power (kVA)")},
    {U_(rooms, FT_INT, "rooms", 0, 10, AU | EX, "户型（室）", "Rooms")},
    {U_(rent, FT_NUM, "rent", 0, 100000000, AU | EX, "月租金（元）", "Monthly rent (yuan)")},
    {U_(status, FT_ENUM, "status", 0, 0, AU | EX | F_FILTER, "状态", "Status"), .values = STATUSES,
     .labels = STATUS_LABELS, .def = "vacant"},
    {U_(enterprise_id, FT_REF, "enterprise_id", 0, 0, RO | IN, "承租企业", "Tenant enterprise")},
    {U_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = u.enterprise_id)",
        0, 0, RO | IN | EX, "承租企业名称", "Tenant enterprise's name")},
    {U_(tenant_name, FT_TEXT, "tenant_name", 0, 0, RO | IN | EX, "承租人", "Tenant")},
    {U_(notes, FT_TEXT, "notes", 0, SPACE_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {U_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {U_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef U_
/* Units are the zone's: the zone scopes staff reads; what an enterprise user reads is narrowed
 * by the store (the disclosure rule, space_store.c unit_from). */
const struct entity ENTITY_SPACE_UNIT =
    ENTITY("space_unit", "space_unit", "u", UNIT_FIELDS, "单元", "Unit",
           .joins = " JOIN space_building b ON b.id = u.building_id", .zone_col = "u.zone_id");

#define L_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct space_lease, m, ft, col, lo, hi, fl, zh, en)
static const struct field LEASE_FIELDS[] = {
    {L_(id, FT_INT, "id", 0, 0, RO, "编号", "ID")},
    {L_(unit_id, FT_REF, "unit_id", 0, 0, F_REQUIRED | AU | F_FILTER, "单元", "Unit")},
    {L_(building_id, FT_REF, "u.building_id", 0, 0, RO, "楼宇", "Building")},
    {L_(unit_number, FT_TEXT, "u.number", 0, 0, RO | EX, "单元号", "Unit number")},
    {L_(building_name, FT_TEXT, "b.name", 0, 0, RO | EX, "楼宇名称", "Building name")},
    {L_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_FILTER, "承租企业",
        "Tenant enterprise")},
    {L_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = l.enterprise_id)",
        0, 0, RO | EX, "承租企业名称", "Tenant enterprise's name")},
    {L_(tenant_name, FT_TEXT, "tenant_name", 0, SPACE_TENANT_MAX, AU | EX, "承租人", "Tenant")},
    {L_(start_date, FT_DATE, "start_date", 0, 0, F_REQUIRED | AU | EX, "起租日期", "Start")},
    {L_(end_date, FT_DATE, "end_date", 0, 0, F_REQUIRED | AU | EX, "到期日期", "End")},
    {L_(rent, FT_NUM, "rent", 0, 100000000, AU | EX, "月租金（元）", "Monthly rent (yuan)")},
    {L_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = LEASE_STATUSES, .labels = LEASE_STATUS_LABELS},
    {L_(ended_on, FT_DATE, "ended_on", 0, 0, RO | EX, "结束日期", "Ended on")},
    {L_(notes, FT_TEXT, "notes", 0, SPACE_NOTES_MAX, AU | IN | F_MULTILINE, "备注", "Notes")},
    {L_(created_at, FT_TIME, "created_at", 0, 0, RO | IN, "创建时间", "Created")},
    {L_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef L_
const struct entity ENTITY_SPACE_LEASE =
    ENTITY("space_lease", "space_lease", "l", LEASE_FIELDS, "租约", "Lease",
           .joins = " JOIN space_unit u ON u.id = l.unit_id JOIN space_building b ON b.id = "
                    "u.building_id",
           .zone_col = "l.zone_id");

#define D_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct space_demand, m, ft, col, lo, hi, fl, zh, en)
static const struct field DEMAND_FIELDS[] = {
    {D_(id, FT_INT, "id", 0, 0, RO | EX, "编号", "ID")},
    {D_(enterprise_id, FT_REF, "enterprise_id", 0, 0, AU | F_NOUPDATE | F_FILTER, "需求企业",
        "Enterprise")},
    {D_(enterprise_name, FT_TEXT, "(SELECT e.name FROM enterprise e WHERE e.id = d.enterprise_id)",
        0, 0, RO | EX, "企业名称", "Enterprise's name")},
    {D_(type, FT_ENUM, "type", 0, 0, F_REQUIRED | AU | EX | F_FILTER, "载体类型", "Type"),
     .values = TYPES, .labels = TYPE_LABELS},
    {D_(area_min, FT_NUM, "area_min", 1, 1000000, F_REQUIRED | AU | EX, "最小面积（平方米）",
        "Smallest area (m²)")},
    {D_(area_max, FT_NUM, "area_max", 0, 1000000, AU | EX, "最大面积（平方米）",
        "Largest area (m²)")},
    {D_(floor_load, FT_NUM, "floor_load", 0, 1000, AU | EX, "楼面荷载（kN/m²）",
        "Floor load (kN/m²)")},
    {D_(power_kva, FT_NUM, "power_kva", 0, 100000, AU | EX, "配电容量（kVA）", "Power (kVA)")},
    {D_(wanted_from, FT_DATE, "wanted_from", 0, 0, F_REQUIRED | AU | EX, "期望入驻日期",
        "Wanted from")},
    {D_(term_months, FT_INT, "term_months", 1, 240, AU | EX, "租期（月）", "Term (months)"),
     .def = "12"},
    {D_(notes, FT_TEXT, "notes", 0, SPACE_NOTES_MAX, AU | EX | F_MULTILINE, "需求说明", "Notes")},
    {D_(status, FT_ENUM, "status", 0, 0, RO | EX | F_FILTER, "状态", "Status"),
     .values = DEMAND_STATUSES, .labels = DEMAND_STATUS_LABELS},
    {D_(unit_id, FT_REF, "unit_id", 0, 0, RO, "推荐单元", "Unit offered")},
    {D_(building_id, FT_REF, "u.building_id", 0, 0, RO, "楼宇", "Building")},
    {D_(building_name, FT_TEXT, "b.name", 0, 0, RO | EX, "推荐楼宇", "Building offered")},
    {D_(unit_number, FT_TEXT, "u.number", 0, 0, RO | EX, "推荐单元号", "Unit offered")},
    {D_(unit_area, FT_NUM, "u.area", 0, 0, RO | EX, "推荐单元面积（平方米）",
        "Area of the unit offered (m²)")},
    {D_(lease_id, FT_REF, "lease_id", 0, 0, RO, "租约", "Lease")},
    {D_(applied, FT_BOOL, "applied", 0, 0, RO | EX, "企业直接申请", "Applied for a unit")},
    {D_(created_at, FT_TIME, "created_at", 0, 0, RO | EX, "提交时间", "Created")},
    {D_(updated_at, FT_TIME, "updated_at", 0, 0, RO | IN, "更新时间", "Updated")},
};
#undef D_
/* Demands are the zone's; an enterprise user reads only its own (space_store.c demand_from). */
const struct entity ENTITY_SPACE_DEMAND =
    ENTITY("space_demand", "space_demand", "d", DEMAND_FIELDS, "需求", "Demand",
           .joins = " LEFT JOIN space_unit u ON u.id = d.unit_id LEFT JOIN space_building b ON "
                    "b.id = u.building_id",
           .zone_col = "d.zone_id");

#define QD_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct space_demand_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field DEMAND_QUERY_FIELDS[] = {
    {QD_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = DEMAND_STATUSES,
     .labels = DEMAND_STATUS_LABELS},
    {QD_(type, FT_ENUM, 0, 0, "载体类型", "Type"), .values = TYPES, .labels = TYPE_LABELS},
    {QD_(enterprise_id, FT_REF, 0, 0, "需求企业", "Enterprise")},
};
#undef QD_
const struct entity ENTITY_SPACE_DEMAND_QUERY =
    ENTITY("space_demand_query", "space_demand", "d", DEMAND_QUERY_FIELDS, "需求查询", "Query");

/* The lists' query parameters: one row each (the API reference lists them, the handlers read
 * exactly these). */
#define QB_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct space_building_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field BUILDING_QUERY_FIELDS[] = {
    {QB_(type, FT_ENUM, 0, 0, "载体类型", "Type"), .values = TYPES, .labels = TYPE_LABELS},
};
#undef QB_
const struct entity ENTITY_SPACE_BUILDING_QUERY = ENTITY(
    "space_building_query", "space_building", "b", BUILDING_QUERY_FIELDS, "楼宇查询", "Query");

#define QU_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct space_unit_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field UNIT_QUERY_FIELDS[] = {
    {QU_(building_id, FT_REF, 0, 0, "楼宇", "Building")},
    {QU_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = STATUSES, .labels = STATUS_LABELS},
    {QU_(type, FT_ENUM, 0, 0, "载体类型", "Type of its building"), .values = TYPES,
     .labels = TYPE_LABELS},
    {QU_(floor, FT_INT, 1, SPACE_FLOORS_MAX, "楼层", "Floor")},
};
#undef QU_
const struct entity ENTITY_SPACE_UNIT_QUERY =
    ENTITY("space_unit_query", "space_unit", "u", UNIT_QUERY_FIELDS, "单元查询", "Query");

#define QL_(m, ft, lo, hi, zh, en)                                                                 \
	FIELD_INIT(struct space_lease_filter, m, ft, NULL, lo, hi, 0, zh, en)
static const struct field LEASE_QUERY_FIELDS[] = {
    {QL_(unit_id, FT_REF, 0, 0, "单元", "Unit")},
    {QL_(building_id, FT_REF, 0, 0, "楼宇", "Building")},
    {QL_(enterprise_id, FT_REF, 0, 0, "承租企业", "Tenant enterprise")},
    {QL_(status, FT_ENUM, 0, 0, "状态", "Status"), .values = LEASE_STATUSES,
     .labels = LEASE_STATUS_LABELS},
    {QL_(expiring_days, FT_INT, 1, 3650, "即将到期（天）",
         "Active leases ending within this many days from today")},
};
#undef QL_
const struct entity ENTITY_SPACE_LEASE_QUERY =
    ENTITY("space_lease_query", "space_lease", "l", LEASE_QUERY_FIELDS, "租约查询", "Query");
#undef RO
#undef AU
#undef IN
#undef EX
