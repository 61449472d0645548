/* Organisation: zones (园区), departments (部门, a tree per zone) and user accounts.
 * Rules (validation) are pure functions in org.c; storage in zone_store.c, dept_store.c and
 * user_store.c; HTTP handlers in org_api.c. */
#ifndef YQ_ORG_ORG_H
#define YQ_ORG_ORG_H
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/field.h"

/* A zone (园区): made on the command line only (yuanqu init), read by the API. Declared in
 * ENTITY_ZONE (org.c). */
struct zone {
	int64_t id;
	const char *code, *name;
	const char *region_code, *region_name; /* its region (org/region.h); "" and NULL if none */
	const char *level;                     /* "national", "provincial" or "" */
};

/* A department: what a create or update says of it, and what a read gives. Declared once in
 * ENTITY_DEPT (org.c). */
struct dept {
	int64_t id, parent_id; /* parent_id 0 for a root */
	const char *name, *kind, *path;
	int64_t sort;
};

/* A user account: what a create or update says of it, and what a read gives. Declared once in
 * ENTITY_USER (org.c); the password is only ever given, never read. */
struct user {
	int64_t id;
	const char *username, *display_name, *role, *data_scope;
	int64_t zone_id, dept_id; /* zone 0: a province user */
	const char *dept_name;
	int64_t enterprise_id;
	const char *enterprise_name; /* NULL when the user has no enterprise */
	int64_t bank_id;             /* a bank user's bank (银企对接); 0 for other roles */
	const char *bank_name;
	int64_t carrier_id; /* a carrier user's carrier (工业物流); 0 for other roles */
	const char *carrier_name;
	const char *phone, *email, *status;
	const char
	    *region_code; /* province users: the region whose zones they read; "" every zone */
	/* its name; NULL when none */
	const char *region_name;
	int contact_access; /* province users: granted the enterprises' contact details */
	int must_change;
	int64_t locked_until, last_login_at, created_at;
	const char *password;
	/* beside the table, for a creation: instead of password, a hash made by password_hash(),
	 * for loading many accounts that share one password (the demo's cadres and enterprise
	 * accounts); never taken from input */
	const char *password_hash;
};

/* The field tables of a zone, a department and a user (org.c). */
extern const struct entity ENTITY_ZONE, ENTITY_DEPT, ENTITY_USER;

struct user_filter {
	const char *q, *role, *status;
	const char *kind; /* "zone": the zone's users, "region": the province and city users; NULL
	                   * both (a platform administrator reads the latter) */
	int64_t dept_id;
	int64_t page, page_size;
};

typedef void (*zone_fn)(void *ctx, const struct zone *z);
typedef void (*dept_fn)(void *ctx, const struct dept *d);
typedef void (*user_fn)(void *ctx, const struct user *u);

/* ---- rules (pure) ---- */
/* User names: 3–32 characters of a-z A-Z 0-9 . _ - ; field "username". */
int org_check_username(const char *s, struct yq_err *e);
/* Display and department names: 1–64 characters of valid UTF-8 without control characters. */
int org_check_name(const char *s, const char *field, struct yq_err *e);
/* Phone: empty, or 5–20 characters of digits, spaces, + and -. */
int org_check_phone(const char *s, struct yq_err *e);

/* ---- zones ---- */
int zone_create(struct db *tx, const char *code, const char *name, int64_t *id);
int zone_list(struct db *c, const struct principal *p, zone_fn fn, void *ctx);
int zone_get(struct db *c, int64_t id, struct arena *a, struct zone *out);
/* The LIKE pattern of the region_code of the zones a province user reads ("22%"; "%" for every
 * zone) into like. -1 when its region is malformed (it reads none). */
int zone_region_like(const struct principal *p, char like[8]);
int zone_find_by_code(struct db *c, const char *code, int64_t *id);
/* The id of the installation's only zone into *id; 0 when it has none or several. */
int zone_find_only(struct db *c, int64_t *id);

/* ---- departments ---- */
int dept_list(struct db *c, const struct principal *p, dept_fn fn, void *ctx);
/* Reads one department of the caller's zone; ERR_NOT_FOUND outside it. */
int dept_get(struct db *c, const struct principal *p, int64_t id, struct arena *a, struct dept *out,
             struct yq_err *e);
/* Creates a department in the caller's zone, audited, inside the caller's open transaction tx (a
 * change of its own: audit/write_tx.h write_in): for the demo. d->id gets its id. */
int dept_add_in(struct db *tx, const struct principal *who, struct dept *d, struct yq_err *e);
/* Creates a department in the caller's zone; d->id gets its id. */
int dept_create(struct db_pool *pool, const struct principal *p, struct dept *d, struct yq_err *e);
/* Updates a department: its name, parent (0: a root; the subtree moves along) and sort; its kind
 * unless `keep_kind`. */
int dept_update(struct db_pool *pool, const struct principal *p, int64_t id, const struct dept *d,
                int keep_kind, struct yq_err *e);
int dept_delete(struct db_pool *pool, const struct principal *p, int64_t id, struct yq_err *e);

/* ---- users ---- */
/* 1 when p is a platform administrator (平台管理员): an administrator whose data scope is every
 * zone (all). It administers the zone it looks at (it switches zones as a province user does)
 * and the province and city users, who are of no zone: it lists, creates and changes them, which
 * no zone's administrator may. Made on the command line (user add NAME --role admin
 * --data-scope all) or by another platform administrator. */
int org_platform_admin(const struct principal *p);
int user_list(struct db *c, const struct principal *p, const struct user_filter *f, user_fn fn,
              void *ctx, int64_t *total);
/* Reads one user within the caller's data scope; ERR_NOT_FOUND outside it. */
int user_get(struct db *c, const struct principal *p, int64_t id, struct arena *a, struct user *out,
             struct yq_err *e);
/* Whether the caller may change user `id`'s account (a second factor reset, …): the user read
 * as user_get reads it, and a platform administrator's account changed by another platform
 * administrator only (ERR_FORBIDDEN). 0, or -1 with e set. */
int user_may_manage(struct db *c, const struct principal *p, int64_t id, struct yq_err *e);
/* Creates a user in zone_id (a province user in none), audited, inside the caller's open
 * transaction tx (a change of its own: audit/write_tx.h write_in): for init and the demo. Checks
 * its members by the field table (entity_check: they may come from the command line), the role
 * the caller may grant, the links its role needs, and hashes the password (waiting for a hashing
 * slot). u->id gets its id. */
int user_add_in(struct db *tx, const struct principal *who, int64_t zone_id, struct user *u,
                struct yq_err *e);
/* Creates a user in the caller's zone (as user_add_in); u->id gets its id. */
int user_create(struct db_pool *pool, const struct principal *p, struct user *u, struct yq_err *e);
/* Changes the members of user `id` whose field index is set in `present` (entity_decode) to
 * those of `in`, by the rules of a change: a new role takes its default data scope and keeps the
 * department, or the enterprise, only where it has one; an empty display name keeps the old. */
int user_update(struct db_pool *pool, const struct principal *p, int64_t id, const struct user *in,
                uint64_t present, struct yq_err *e);
/* status: "active" (unlock: also clears the failed-login lock), "locked", "disabled". Ending
 * sessions of a user that is no longer active. Neither this nor user_update takes the admin
 * role or the active status from the last active administrator of a zone (ERR_STATE). */
/* Grants (on) or revokes a province or city user's view of the enterprises' contact details
 * (disclose_hidden); audited "grant_contacts" / "revoke_contacts". */
int user_set_contacts(struct db_pool *pool, const struct principal *p, int64_t id, int on,
                      struct yq_err *e);
int user_set_status(struct db_pool *pool, const struct principal *p, int64_t id, const char *status,
                    struct yq_err *e);
/* Sets a new password; must_change forces a change at next login. Ends the user's sessions. */
int user_set_password(struct db_pool *pool, const struct principal *p, int64_t id,
                      const char *password, int must_change, struct yq_err *e);
/* Inside `tx`: *last = 1 when no active administrator other than user_id is left in zone_id
 * (0 for zone 0). Takes the zone row's lock first, so that concurrent changes to a zone's
 * administrators are serialised until tx ends. Returns 0 or a negative enum db_rc. */
int user_is_last_admin(struct db *tx, int64_t zone_id, int64_t user_id, int *last);
/* What an account of `role` in `zone_id` is bound to, a user's or an API token's alike: staff
 * and department heads need a department, enterprise accounts an enterprise and no department
 * (notifications and data scope follow them), no other role an enterprise; both must be of the
 * zone. ERR_VALIDATION naming the field (dept_id, enterprise_id) otherwise; reads in tx. */
int org_check_links(struct db *tx, int64_t zone_id, enum role role, int64_t dept_id,
                    int64_t enterprise_id, struct yq_err *e);
/* Finds a user id by name (any zone); 0 if none. */
int user_find(struct db *c, const char *username, int64_t *id);
/* After a successful login: stores the password hashed with the current scheme when the stored
 * hash is of an older one (argon2id in the 国密 mode). Inside the login transaction `tx`.
 * Returns 0 or a negative enum db_rc. */
int user_password_upgrade(struct db *tx, int64_t user_id, const char *password,
                          const char *stored_hash);

/* The principal the command line acts as: an administrator of every zone. */
void org_cli_principal(struct principal *p, int64_t zone_id);

#endif
