/* 载体: the zone's factory space. Buildings (标准厂房, 孵化器, 人才公寓, 写字楼) hold units on
 * their floors: area, floor load and power for factories, rooms for the flats of a 人才公寓, the
 * monthly rent and a status (空置 / 意向 / 已租 / 自用 / 维修). A lease gives a unit to a tenant —
 * an enterprise of the zone, or a person for a flat — from a start to an end date at a rent;
 * creating one makes the unit 已租 (two leases of a unit never overlap: 409), ending it makes the
 * unit 空置. The zone's vacancy is counted by building and by type (space_summary).
 *
 * Staff with space.read read everything of their zone; space.write (the admin, the service
 * center) writes; space.stats reads the figures. An enterprise user reads the zone's buildings,
 * the vacant units and its own (never another tenant's name), and its own leases: one rule,
 * applied by the store to every read (space_store.c, unit_from and lease_from).
 *
 * The entities are declared once in their field tables (space.c) with the pure rules; storage in
 * space_store.c; HTTP handlers in space_api.c. */
#ifndef YQ_SPACE_SPACE_H
#define YQ_SPACE_SPACE_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/field.h"

struct arena;

#define SPACE_NAME_MAX    50
#define SPACE_ADDRESS_MAX 200
#define SPACE_NOTES_MAX   500
#define SPACE_NUMBER_MAX  20
#define SPACE_FLOORS_MAX  200
#define SPACE_TENANT_MAX  50
#define SPACE_PLAN_POINTS 200

/* Kinds of building and states of a unit, in the order of the field tables' values. */
enum space_type {
	SPACE_FACTORY,
	SPACE_INCUBATOR,
	SPACE_APARTMENT,
	SPACE_OFFICE,
	SPACE__TYPE_COUNT
};
enum space_status {
	SPACE_VACANT,
	SPACE_INTENT,
	SPACE_LEASED,
	SPACE_SELF_USE,
	SPACE_REPAIR,
	SPACE__STATUS_COUNT
};

/* A building. Strings live in an arena. */
struct space_building {
	int64_t id;
	const char *name, *type, *address;
	int64_t floors;
	const char *plan;    /* JSON [[x, y], …]: its outline on the zone's plan ("[]": none) */
	double map_x, map_y; /* its position on the plan (NAN: none) */
	const char *notes;
	int64_t units, vacant; /* read: its units, and how many are vacant */
	int64_t created_at, updated_at;
};

/* A unit of a building. */
struct space_unit {
	int64_t id, building_id;
	const char *building_name, *building_type; /* read */
	int64_t floor;
	const char *number;
	double area;       /* m² */
	double floor_load; /* kN/m² (factories; NAN: none) */
	double power_kva;  /* kVA (factories; NAN: none) */
	int64_t rooms;     /* rooms of a flat (人才公寓; 0 elsewhere) */
	double rent;       /* 元 a month (NAN: not set) */
	const char *status;
	int64_t enterprise_id; /* read: the tenant of its lease, an enterprise (0: none) */
	const char *enterprise_name, *tenant_name;
	const char *notes;
	int64_t created_at, updated_at;
};

/* A lease of a unit. */
struct space_lease {
	int64_t id, unit_id;
	int64_t building_id;                     /* read */
	const char *unit_number, *building_name; /* read */
	int64_t enterprise_id;                   /* the tenant: an enterprise (0: a person) */
	const char *enterprise_name;             /* read */
	const char *tenant_name;                 /* a person (flats), or the enterprise's name */
	const char *start_date, *end_date;
	double rent;        /* 元 a month; none: the unit's */
	const char *status; /* active | ended */
	const char *ended_on;
	const char *notes;
	int64_t created_at, updated_at;
};

extern const struct entity ENTITY_SPACE_BUILDING, ENTITY_SPACE_UNIT, ENTITY_SPACE_LEASE;

/* ---- rules (pure) ---- */
const char *space_type_name(enum space_type t);
enum space_type space_type_from_name(const char *s); /* SPACE__TYPE_COUNT when unknown */
const char *space_type_label(enum space_type t);     /* 标准厂房 … */
const char *space_status_name(enum space_status s);
enum space_status space_status_from_name(const char *s); /* SPACE__STATUS_COUNT when unknown */
const char *space_status_label(enum space_status s);     /* 空置 … */

/* The members of unit u that its building (type, floors) rules: a floor within the building
 * (1..floors), rooms for the flats of a 人才公寓 and only there, no floor load or power for a
 * flat. ERR_VALIDATION on the field. */
int space_check_unit(const char *building_type, int64_t floors, const struct space_unit *u,
                     struct yq_err *e);
/* A unit's status set by hand, from `from` to `to`: 已租 only by a lease (ERR_VALIDATION on
 * "status"), and a leased unit keeps its status until its lease ends (ERR_STATE, 409). */
int space_status_move(const char *from, const char *to, struct yq_err *e);
/* A new lease's own rules: its end after its start (ERR_VALIDATION on "end_date"); a tenant — an
 * enterprise, or a person for a flat of a 人才公寓 only (ERR_VALIDATION on "enterprise_id"); a
 * unit that may be let (维修 and 自用 ones may not: ERR_STATE). */
int space_check_lease(const struct space_lease *l, const char *unit_status,
                      const char *building_type, struct yq_err *e);
/* 1 when the date ranges [a0, a1] and [b0, b1] ("YYYY-MM-DD", both ends included) share a day. */
int space_overlaps(const char *a0, const char *a1, const char *b0, const char *b1);
/* vacant / units, 0 when there are no units. */
double space_vacancy_rate(int64_t units, int64_t vacant);

/* ---- storage (space_store.c) ---- */
struct space_building_filter {
	const char *type;
	int64_t page, page_size;
};
struct space_unit_filter {
	int64_t building_id;
	const char *status, *type;
	int64_t floor;
	int64_t page, page_size;
};
struct space_lease_filter {
	int64_t unit_id, building_id, enterprise_id;
	const char *status;
	int64_t expiring_days; /* > 0: active leases ending within that many days from today */
	int64_t page, page_size;
};
extern const struct entity ENTITY_SPACE_UNIT_QUERY, ENTITY_SPACE_LEASE_QUERY,
    ENTITY_SPACE_BUILDING_QUERY;
typedef void (*space_row_fn)(void *ctx, const void *row);

int space_building_list(struct db *c, const struct principal *p,
                        const struct space_building_filter *f, space_row_fn fn, void *ctx,
                        int64_t *total);
int space_building_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                       struct space_building *out, struct yq_err *e);
int space_unit_list(struct db *c, const struct principal *p, const struct space_unit_filter *f,
                    space_row_fn fn, void *ctx, int64_t *total);
int space_unit_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                   struct space_unit *out, struct yq_err *e);
int space_lease_list(struct db *c, const struct principal *p, const struct space_lease_filter *f,
                     space_row_fn fn, void *ctx, int64_t *total);
int space_lease_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                    struct space_lease *out, struct yq_err *e);

/* The writes, each in one transaction with its audit row. */
int space_building_create(struct db_pool *pool, const struct principal *p, struct space_building *b,
                          struct yq_err *e);
int space_building_update(struct db_pool *pool, const struct principal *p, int64_t id,
                          const struct space_building *in, uint64_t present, struct yq_err *e);
int space_unit_create(struct db_pool *pool, const struct principal *p, struct space_unit *u,
                      struct yq_err *e);
int space_unit_update(struct db_pool *pool, const struct principal *p, int64_t id,
                      const struct space_unit *in, uint64_t present, struct yq_err *e);
/* Creates lease l (its unit made 已租, its tenant written on it); 409 when the unit has an active
 * lease sharing a day with it. */
int space_lease_create(struct db_pool *pool, const struct principal *p, struct space_lease *l,
                       struct yq_err *e);
/* Ends active lease `id` on `on` (NULL: today); its unit becomes 空置 unless another active
 * lease holds it. */
int space_lease_end(struct db_pool *pool, const struct principal *p, int64_t id, const char *on,
                    struct yq_err *e);
/* The same inside an open transaction, for the demo (write_in); `at` the instant of the change. */
int space_building_create_in(struct db *tx, const struct principal *p, struct space_building *b,
                             struct yq_err *e);
int space_unit_create_in(struct db *tx, const struct principal *p, struct space_unit *u,
                         struct yq_err *e);
int space_lease_create_in(struct db *tx, const struct principal *p, struct space_lease *l,
                          struct yq_err *e);

/* The zone's vacancy: every unit, the vacant ones, by building and by type. */
struct space_count {
	int64_t id;       /* building: its id */
	const char *key;  /* building: its name; type: its code */
	const char *type; /* building: its type */
	int64_t units, vacant;
	double area, vacant_area;
};
struct space_summary {
	int64_t units, vacant;
	double area, vacant_area;
	int64_t by_status[SPACE__STATUS_COUNT];
	int64_t expiring_30; /* active leases ending within 30 days */
	struct space_count *by_building;
	int n_buildings;
	struct space_count by_type[SPACE__TYPE_COUNT];
};
int space_summary(struct db *c, const struct principal *p, struct arena *a,
                  struct space_summary *out, struct yq_err *e);

/* 1 when the caller reads as an enterprise (the disclosure rule applies). */
int space_as_enterprise(const struct principal *p);

#endif
