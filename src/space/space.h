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

/* A demand for space (需求) of an enterprise: the type of building, an area range, the floor
 * load and power it needs, from when and for how many months; staff offer it a vacant unit that
 * matches (space_match), the enterprise accepts (a lease is made) or declines. */
struct space_demand {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	const char *type;
	double area_min, area_max; /* m²; area_max 0: no upper bound */
	double floor_load;         /* kN/m² needed (NAN: none) */
	double power_kva;          /* kVA needed (NAN: none) */
	const char *wanted_from;   /* YYYY-MM-DD */
	int64_t term_months;
	const char *notes;
	const char *status;                      /* open | offered | leased | withdrawn | closed */
	int64_t unit_id;                         /* the unit offered (0: none) */
	const char *unit_number, *building_name; /* read */
	int64_t building_id;                     /* read */
	double unit_area;                        /* read */
	int64_t lease_id;                        /* the lease it became (0: none) */
	int applied;                             /* 1: made by applying for a unit */
	int64_t created_at, updated_at;
};
extern const struct entity ENTITY_SPACE_DEMAND, ENTITY_SPACE_DEMAND_QUERY;

enum space_demand_status {
	DEMAND_OPEN,
	DEMAND_OFFERED,
	DEMAND_LEASED,
	DEMAND_WITHDRAWN,
	DEMAND_CLOSED,
	DEMAND__STATUS_COUNT
};
enum space_demand_event {
	DEMAND_EV_OFFER,   /* staff offer a unit: open → offered */
	DEMAND_EV_ACCEPT,  /* the enterprise accepts: offered → leased (a lease is made) */
	DEMAND_EV_DECLINE, /* the enterprise declines: offered → open (the unit is vacant again) */
	DEMAND_EV_WITHDRAW, /* the enterprise withdraws: open | offered → withdrawn */
	DEMAND_EV_CLOSE,    /* staff close it: open | offered → closed */
	DEMAND__EV_COUNT
};
const char *space_demand_status_name(enum space_demand_status s);
enum space_demand_status space_demand_status_from_name(const char *s);
const char *space_demand_event_name(enum space_demand_event ev);
/* The move of a demand in state `from` by event ev: 0 with *to, or ERR_STATE (409) naming the
 * state. */
int space_demand_next(const char *from, enum space_demand_event ev, enum space_demand_status *to,
                      struct yq_err *e);
/* A demand's own rules: an area range (area_max 0 or not below area_min: ERR_VALIDATION on
 * "area_max"), no floor load or power for a flat of a 人才公寓. */
int space_check_demand(const struct space_demand *d, struct yq_err *e);

/* Why a unit does not match a demand; SPACE_MATCH when it does. */
enum space_miss {
	SPACE_MATCH,
	SPACE_MISS_STATUS, /* not vacant */
	SPACE_MISS_TYPE,   /* its building is of another type */
	SPACE_MISS_SMALL,  /* smaller than area_min */
	SPACE_MISS_LARGE,  /* larger than area_max */
	SPACE_MISS_LOAD,   /* its floor load is below (or unknown against) the load asked */
	SPACE_MISS_POWER,  /* its power is below (or unknown against) the power asked */
	SPACE_MISS_DATE,   /* a lease holds it on or after the wanted date */
	SPACE__MISS_COUNT
};
/* The matching rule: unit u (its status, its building's type, area, load and power) matches
 * demand d when it is vacant, of d's type, its area within [area_min, area_max], its floor
 * load and power at least those asked, and free by d's wanted date — busy_until is the last
 * day of its active leases ("" or NULL: none), which must fall before wanted_from. */
enum space_miss space_match(const struct space_demand *d, const struct space_unit *u,
                            const char *busy_until);
/* The Chinese reason of a miss ("面积小于需求") */
const char *space_miss_label(enum space_miss m);
/* The rank of a matching unit: its distance in m² from the area asked (the middle of the range,
 * or area_min when it has no upper bound); closest first. */
double space_match_distance(const struct space_demand *d, const struct space_unit *u);
/* Sorts n matching units by rank: closest area first, then the lower rent, then the lower id. */
void space_match_sort(const struct space_demand *d, struct space_unit *u, size_t n);
/* The last day of a lease of `months` months from start ("YYYY-MM-DD") into out: the day
 * before the same day `months` later (clamped to the month's end). -1 on a bad date. */
int space_term_end(const char *start, int64_t months, char out[11]);

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

/* The lists and one-row reads (work/store_list.h store_list_page, store_list_get), each with its
 * filter's query entity: the caller's zone and, for an enterprise user, the vacant units and its
 * own, its own leases and demands. */
struct store_query;
extern const struct store_query SPACE_BUILDING_Q, SPACE_UNIT_Q, SPACE_LEASE_Q, SPACE_DEMAND_Q;

/* The creations and changes the API answers (work/store_write.h, work/item_answer.h), each in one
 * transaction with its audit row: a building and a unit, and lease (its unit made 已租, its tenant
 * written on it; 409 when the unit has an active lease sharing a day with it). The demo creates
 * with store_create_in. */
struct store_edit;
extern const struct store_edit SPACE_BUILDING_EDIT, SPACE_UNIT_EDIT, SPACE_LEASE_EDIT;
/* Ends active lease `id` on `on` (NULL: today); its unit becomes 空置 unless another active
 * lease holds it. */
int space_lease_end(struct db_pool *pool, const struct principal *p, int64_t id, const char *on,
                    struct yq_err *e);

/* ---- demands (space_store.c) ---- */
struct space_demand_filter {
	const char *status, *type;
	int64_t enterprise_id;
	int64_t page, page_size;
};
/* The vacant units of the zone matching demand `id`, ranked, at most max into out (strings in
 * a); *n how many. */
int space_demand_matches(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                         struct space_unit *out, size_t max, size_t *n, struct yq_err *e);
/* The creation of a demand (work/store_write.h): an enterprise user's for its enterprise,
 * staff's for d->enterprise_id of the zone; the service center is notified. */
extern const struct store_edit SPACE_DEMAND_EDIT;
/* An enterprise user applies for vacant unit `unit_id`: a demand of its enterprise made offered
 * that unit (the unit becomes 意向), from `from` for `months`; *id the demand. */
int space_unit_apply(struct db_pool *pool, const struct principal *p, int64_t unit_id,
                     const char *from, int64_t months, const char *notes, int64_t *id,
                     struct yq_err *e);
/* Moves demand `id` by ev: an offer names unit_id (which must match: ERR_VALIDATION on
 * "unit_id" naming why not; not vacant: 409), an accept makes the lease in the same write. */
int space_demand_move(struct db_pool *pool, const struct principal *p, int64_t id,
                      enum space_demand_event ev, int64_t unit_id, struct yq_err *e);
/* The same inside an open transaction, for the demo. */
int space_demand_move_in(struct db *tx, const struct principal *p, int64_t id,
                         enum space_demand_event ev, int64_t unit_id, struct yq_err *e);

/* The work kind of demands (notifications), listed in work_kinds[] (routes.c). */
struct work_kind;
extern const struct work_kind space_demand_kind;

/* The zone's site plan: a picture (SVG, PNG or JPEG) as a data: URL. */
#define SPACE_PLAN_MAX_BYTES (2 * 1024 * 1024)
struct space_plan {
	const char *content_type; /* image/svg+xml | image/png | image/jpeg ("" none) */
	int64_t width, height; /* its size in plan units (the SVG's viewBox, the image's pixels) */
	const char *data;      /* base64 of the picture */
	int64_t updated_at;
};
/* Checks a picture of n bytes (its type sniffed from its first bytes) and finds its size: 0
 * with *type and *w, *h; ERR_VALIDATION on "image" when it is not an SVG, PNG or JPEG, is too
 * large, or is an SVG with a script, an event handler, a foreign object or an outside link. */
int space_plan_check(const unsigned char *b, size_t n, const char **type, int64_t *w, int64_t *h,
                     struct yq_err *e);
/* An outline (JSON [[x, y], …], 3 to SPACE_PLAN_POINTS points) inside the plan of size w × h
 * (0: no plan, then inside 0..100000): ERR_VALIDATION on "plan". */
int space_outline_check(const char *plan, double w, double h, struct yq_err *e);
/* Base64 (RFC 4648, with padding) of n bytes into out (4 * ((n + 2) / 3) + 1 bytes). */
void space_b64_encode(const unsigned char *in, size_t n, char *out);
/* Decodes base64 text s into out (at least 3 * strlen(s) / 4 bytes): the length, or -1. */
long space_b64_decode(const char *s, unsigned char *out);
int space_plan_get(struct db *c, const struct principal *p, struct arena *a, struct space_plan *out,
                   struct yq_err *e);
int space_plan_put(struct db_pool *pool, const struct principal *p, const struct space_plan *pl,
                   struct yq_err *e);
int space_plan_put_in(struct db *tx, const struct principal *p, const struct space_plan *pl,
                      struct yq_err *e);
/* Sets building id's outline (plan, a JSON list of [x, y]) on the plan. */
int space_building_outline(struct db_pool *pool, const struct principal *p, int64_t id,
                           const char *plan, struct yq_err *e);

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

#endif
