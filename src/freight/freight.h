/* 工业物流: part-loads (拼车) between the zone's enterprises and the carriers (物流企业/车队) of
 * its 工业物流群, and the daily registration of freight vehicles (货运车辆报备).
 *
 * A carrier is a record of the zone with its trucks (plate, driver, phone, capacity in t and
 * m³). A truck's spare capacity on a route (origin, cities on the way, destination) and a date
 * window — an offer — is posted by the carrier's own account (role carrier, app_user.carrier_id)
 * or by the service center on its behalf, with the price a full truck would cost on that route
 * (the reference of the savings). An enterprise posts a
 * part-load (goods, value, weight, volume, origin, destination, date window, price offered);
 * the offers that can take it are ranked by freight_match (pure). A load is matched to an offer
 * (chosen by the enterprise, which accepts it so, or proposed by the service center; the
 * carrier's accounts are told), confirmed by both sides (the enterprise, and the carrier or the
 * service center for it), then recorded done
 * with its outcome (delivered / failed). Every move is one row of a transition table
 * (freight_load_next): a refused move is a 409 naming the state.
 *
 * An enterprise files its vehicles' registrations (plate, driver, phone, route, date, goods);
 * the service center approves or rejects them with a reason; they are counted by day.
 *
 * Staff with freight.read read the carriers, trucks and offers of their zone, and the loads and
 * registrations of the enterprises their data scope covers (the service center: all of the
 * zone); freight.write (the admin, the service center) keeps carriers, trucks and offers,
 * confirms for the carrier, records outcomes and decides registrations; freight.carry (a carrier
 * user, and the admin and the service center for any carrier) posts and closes offers and
 * confirms or declines a matched load for the carrier; freight.post
 * (enterprises, and staff for the enterprises they serve) posts loads and registrations;
 * freight.stats reads the figures. An enterprise user reads its own loads and
 * registrations, the offers matched to its loads (and those that fit them: the matches), and
 * the carriers and trucks of those offers — never another enterprise's; a carrier user reads its
 * own carrier, its trucks, their offers and the loads matched to them (no registration, nothing
 * of another carrier, no note of the zone): one rule per entity, applied by the store to every
 * read (freight_store.c, *_from). */
#ifndef YQ_FREIGHT_FREIGHT_H
#define YQ_FREIGHT_FREIGHT_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/field.h"

struct arena;
struct work_kind;

#define FREIGHT_NAME_MAX  50
#define FREIGHT_CITY_MAX  20
#define FREIGHT_VIA_MAX   10
#define FREIGHT_NOTES_MAX 500
#define FREIGHT_GOODS_MAX 100
#define FREIGHT_ROUTE_MAX 100
#define FREIGHT_MATCH_MAX 20 /* the matches a load is shown */

/* The states of a load and the moves between them. */
enum freight_load_status {
	FL_OPEN,
	FL_MATCHED,
	FL_CONFIRMED,
	FL_DELIVERED,
	FL_FAILED,
	FL_WITHDRAWN,
	FL__COUNT
};
enum freight_load_event {
	FLE_MATCH,        /* an offer is chosen or proposed */
	FLE_DECLINE,      /* either side turns the match down: the load is open again */
	FLE_CONFIRM_HALF, /* one side confirms, the other has not yet */
	FLE_CONFIRM_BOTH, /* the second side confirms: the trip is arranged */
	FLE_DELIVER,      /* the trip is done, the goods delivered */
	FLE_FAIL,         /* the trip is done, the goods not delivered */
	FLE_CANCEL,       /* an arranged trip is called off: the load is open again */
	FLE_WITHDRAW,     /* the enterprise takes its load off */
	FLE__COUNT
};
enum freight_reg_status { FR_PENDING, FR_APPROVED, FR_REJECTED, FR_WITHDRAWN, FR__COUNT };
enum freight_reg_event { FRE_APPROVE, FRE_REJECT, FRE_WITHDRAW, FRE__COUNT };

struct freight_carrier {
	int64_t id;
	const char *name, *contact, *phone, *notes;
	int64_t trucks; /* read */
	int64_t created_at, updated_at;
};

struct freight_truck {
	int64_t id, carrier_id;
	const char *carrier_name; /* read */
	const char *plate, *driver, *phone;
	double capacity_t, capacity_m3;
	const char *notes;
	int64_t created_at, updated_at;
};

struct freight_offer {
	int64_t id, truck_id;
	const char *plate, *driver, *driver_phone, *carrier_name; /* read */
	int64_t carrier_id;                                       /* read */
	const char *origin, *destination;
	const char *via; /* JSON ["南通", …]: the cities on the way, in order ("[]": none) */
	const char *date_from, *date_to;
	double spare_t, spare_m3; /* the room posted */
	double full_price;        /* 元: what a full truck costs on the route (the reference) */
	const char *status;       /* open | closed */
	double used_t, used_m3;   /* read: taken by the loads matched to it */
	const char *notes;
	int64_t created_at, updated_at;
};

struct freight_load {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	const char *goods;
	double goods_value; /* 万元 */
	double weight_t, volume_m3;
	const char *origin, *destination, *date_from, *date_to;
	double price; /* 元: the freight the enterprise offers */
	const char *status;
	int64_t offer_id;
	const char *plate, *driver, *carrier_name; /* read: of its offer */
	double full_price;                         /* read: its offer's reference */
	int shipper_ok, carrier_ok;                /* read: who has confirmed */
	const char *outcome_note;
	int64_t done_at;
	const char *notes;
	int64_t created_at, updated_at;
};

struct freight_reg {
	int64_t id, enterprise_id;
	const char *enterprise_name; /* read */
	const char *plate, *driver, *phone, *route, *date, *goods;
	const char *status, *reason;
	int64_t decided_at;
	int64_t created_at, updated_at;
};

extern const struct entity ENTITY_FREIGHT_CARRIER, ENTITY_FREIGHT_TRUCK, ENTITY_FREIGHT_OFFER,
    ENTITY_FREIGHT_LOAD, ENTITY_FREIGHT_REG;

/* ---- rules (pure) ---- */
const char *freight_load_status_name(enum freight_load_status s);
enum freight_load_status freight_load_status_from(const char *s); /* FL__COUNT when unknown */
const char *freight_load_status_label(enum freight_load_status s);
const char *freight_reg_status_name(enum freight_reg_status s);
enum freight_reg_status freight_reg_status_from(const char *s); /* FR__COUNT when unknown */
/* The state a load in `from` goes to on `ev`: 0 with *to, or ERR_STATE (409) naming the state. */
int freight_load_next(const char *from, enum freight_load_event ev, enum freight_load_status *to,
                      struct yq_err *e);
/* The same for a registration. */
int freight_reg_next(const char *from, enum freight_reg_event ev, enum freight_reg_status *to,
                     struct yq_err *e);

/* 1 when s is a Chinese plate: a province's character, a letter, then 5 letters or digits
 * (no I or O), the last possibly 挂 (a trailer) — or, new energy, 6: D or F then 5 (small
 * cars), or 5 digits then D or F (large ones). ASCII letters in upper case. */
int freight_plate_ok(const char *s);
/* 1 when two city names are the same place: equal, or equal but for a trailing 市. */
int freight_city_eq(const char *a, const char *b);

/* What a load needs and what an offer has, for matching. */
struct freight_need {
	const char *origin, *destination, *date_from, *date_to;
	double weight_t, volume_m3;
};
struct freight_cand {
	int64_t id;
	const char *origin, *destination;
	const char *const *via; /* the cities on the way, in order */
	int n_via;
	const char *date_from, *date_to;
	double spare_t, spare_m3; /* posted */
	double used_t, used_m3;   /* taken */
	double waste;             /* out: the room left unused once the load is on, 0..2 */
};
/* The route rule: the offer's route is its origin, its via cities, its destination; a load
 * fits when its origin is on the route and its destination comes later on it (the same
 * destination city is the case where it is the last). */
int freight_route_fits(const char *load_origin, const char *load_dest, const char *origin,
                       const char *const *via, int n_via, const char *dest);
/* 1 when the date windows [a0, a1] and [b0, b1] share a day. */
int freight_dates_overlap(const char *a0, const char *a1, const char *b0, const char *b1);
/* 1 when offer c can take load n: the route, the dates, and room for its weight and volume;
 * sets c->waste. */
int freight_fits(const struct freight_need *n, struct freight_cand *c);
/* Ranks the candidates that fit n: writes the indexes of at most `max` of them into idx,
 * earliest first (date_from), then least waste, then lowest id; returns how many. */
int freight_match(const struct freight_need *n, struct freight_cand *c, int nc, int *idx, int max);
/* What a delivered part-load saved its enterprise (元): the offer's full-truck price less the
 * price paid, never below 0. */
double freight_saving(double full_price, double price);
/* Decodes an offer's via list ("[\"南通\", …]") into at most FREIGHT_VIA_MAX city names
 * copied into a; returns how many, or -1 when it is not a list of names. */
int freight_via_parse(const char *json, struct arena *a, const char **out);

/* ---- storage (freight_store.c) ---- */
struct freight_carrier_filter {
	int64_t page, page_size;
};
struct freight_truck_filter {
	int64_t carrier_id;
	int64_t page, page_size;
};
struct freight_offer_filter {
	int64_t truck_id;
	const char *status, *destination;
	int64_t page, page_size;
};
struct freight_load_filter {
	int64_t enterprise_id, offer_id;
	const char *status, *destination;
	int64_t page, page_size;
};
struct freight_reg_filter {
	int64_t enterprise_id;
	const char *status, *date;
	int64_t page, page_size;
};
extern const struct entity ENTITY_FREIGHT_TRUCK_QUERY, ENTITY_FREIGHT_OFFER_QUERY,
    ENTITY_FREIGHT_LOAD_QUERY, ENTITY_FREIGHT_REG_QUERY;

/* 1 for a carrier user: it reads by the carrier's rule (its carrier's rows only). */
int freight_as_carrier(const struct principal *p);
/* 1 for a reader outside the zone's staff (an enterprise or a carrier user): shown no note or
 * bookkeeping of the zone (F_INTERNAL). */
int freight_outsider(const struct principal *p);

/* The lists and one-row reads (work/store_list.h store_list_page, store_list_get), each with its
 * filter's query entity (carriers have none), by the disclosure rules: a carrier user reads its
 * carrier's rows, an enterprise user its own loads and registrations and what they matched. */
struct store_query;
extern const struct store_query FREIGHT_CARRIER_Q, FREIGHT_TRUCK_Q, FREIGHT_OFFER_Q, FREIGHT_LOAD_Q,
    FREIGHT_REG_Q;
/* The creations and changes the API answers (work/store_write.h, work/item_answer.h), each in one
 * transaction with its audit row (carriers and trucks change; an enterprise user posts a load or
 * a registration for its own enterprise, staff name the enterprise). */
struct store_edit;
extern const struct store_edit FREIGHT_CARRIER_EDIT, FREIGHT_TRUCK_EDIT, FREIGHT_OFFER_EDIT,
    FREIGHT_LOAD_EDIT, FREIGHT_REG_EDIT;
/* The open offers that can take load `id`, ranked (freight_match), at most FREIGHT_MATCH_MAX,
 * each given to fn as a struct freight_offer. */
int freight_load_matches(struct db *c, const struct principal *p, int64_t id, entity_row_fn fn,
                         void *ctx, struct yq_err *e);
/* The same for a load not stored (the bench): the ranked open offers of the caller's zone. */
int freight_match_need(struct db *c, const struct principal *p, const struct freight_need *n,
                       struct arena *a, int64_t *ids, int max, int *count, struct yq_err *e);

int freight_offer_close(struct db_pool *pool, const struct principal *p, int64_t id,
                        struct yq_err *e);
/* The moves of a load: match to offer_id (an enterprise choosing it accepts it; the carrier's
 * accounts are told), confirm (an enterprise for itself, freight.write staff for the carrier),
 * decline, cancel, withdraw, done with outcome "delivered" or "failed" and a note, and the
 * carrier's own confirm and decline (a carrier user on a load matched to its offer, or the
 * service center for any carrier). */
enum freight_load_action {
	FLA_MATCH,
	FLA_CONFIRM,
	FLA_DECLINE,
	FLA_CANCEL,
	FLA_WITHDRAW,
	FLA_DONE,
	FLA_CARRIER_CONFIRM,
	FLA_CARRIER_DECLINE,
	FLA__COUNT
};
struct freight_load_move {
	enum freight_load_action action;
	int64_t offer_id;
	const char *outcome, *note;
};
int freight_load_act(struct db_pool *pool, const struct principal *p, int64_t id,
                     const struct freight_load_move *m, struct yq_err *e);
/* The same, giving the load as it stands after the move in *out (its strings in a): for a
 * caller who may no longer read it (a carrier that declined it). */
int freight_load_act_out(struct db_pool *pool, const struct principal *p, int64_t id,
                         const struct freight_load_move *m, struct arena *a,
                         struct freight_load *out, struct yq_err *e);
/* Approves, rejects (reason required) or withdraws registration id. */
int freight_reg_act(struct db_pool *pool, const struct principal *p, int64_t id,
                    enum freight_reg_event ev, const char *reason, struct yq_err *e);
/* The same inside an open transaction, for the demo. */
int freight_offer_close_in(struct db *tx, const struct principal *p, int64_t id, struct yq_err *e);
int freight_load_act_in(struct db *tx, const struct principal *p, int64_t id,
                        const struct freight_load_move *m, struct yq_err *e);
int freight_reg_act_in(struct db *tx, const struct principal *p, int64_t id,
                       enum freight_reg_event ev, const char *reason, struct yq_err *e);

/* The zone's figures. */
#define FREIGHT_DAYS 14
struct freight_day {
	char date[11];
	int64_t total, approved, pending, rejected;
};
struct freight_summary {
	int64_t carriers, trucks, open_offers, open_loads;
	int64_t matched;    /* loads with a trip arranged or done (confirmed, delivered, failed) */
	int64_t delivered;  /* of which delivered */
	double savings_wan; /* 万元: freight_saving summed over the delivered loads */
	double goods_wan;   /* 万元: the value of the goods delivered */
	int64_t regs_today;
	struct freight_day days[FREIGHT_DAYS]; /* the last FREIGHT_DAYS days, oldest first */
};
int freight_summary(struct db *c, const struct principal *p, struct freight_summary *out,
                    struct yq_err *e);

extern const struct work_kind freight_load_kind, freight_reg_kind;

#endif
