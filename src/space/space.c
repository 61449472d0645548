/* 载体 rules: the field tables and the pure rules beside them (see space.h). */
#include "space/space.h"
#include <jansson.h>
#include <math.h>
#include <string.h>

static const char *const TYPES[] = {"factory", "incubator", "apartment", "office", NULL};
static const char *const TYPE_LABELS[] = {"标准厂房", "孵化器", "人才公寓", "写字楼", NULL};
static const char *const STATUSES[] = {"vacant", "intent", "leased", "self_use", "repair", NULL};
static const char *const STATUS_LABELS[] = {"空置", "意向", "已租", "自用", "维修", NULL};
static const char *const LEASE_STATUSES[] = {"active", "ended", NULL};
static const char *const LEASE_STATUS_LABELS[] = {"生效", "已结束", NULL};

const char *space_type_name(enum space_type t)
{
	return t < SPACE__TYPE_COUNT ? TYPES[t] : "";
}

const char *space_type_label(enum space_type t)
{
	return t < SPACE__TYPE_COUNT ? TYPE_LABELS[t] : "";
}

enum space_type space_type_from_name(const char *s)
{
	for (int i = 0; s && i < SPACE__TYPE_COUNT; i++)
		if (strcmp(s, TYPES[i]) == 0)
			return (enum space_type)i;
	return SPACE__TYPE_COUNT;
}

const char *space_status_name(enum space_status s)
{
	return s < SPACE__STATUS_COUNT ? STATUSES[s] : "";
}

const char *space_status_label(enum space_status s)
{
	return s < SPACE__STATUS_COUNT ? STATUS_LABELS[s] : "";
}

enum space_status space_status_from_name(const char *s)
{
	for (int i = 0; s && i < SPACE__STATUS_COUNT; i++)
		if (strcmp(s, STATUSES[i]) == 0)
			return (enum space_status)i;
	return SPACE__STATUS_COUNT;
}

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
