/* The enterprise registry (企业库): the zone's master data. An enterprise has a 统一社会信用代码
 * (USCC, unique in its zone), an industry by GB/T 4754-2017, dated flags (规上, 高新技术企业,
 * 专精特新, 小巨人) that hold over a date range, contacts, tags, a responsible department, and its
 * 包保 leader and liaison cadre with a log of their visits. Enterprises are archived, never
 * deleted.
 *
 * Rules (validation, pure) are in enterprise.c; storage in enterprise_store.c; import and export
 * in enterprise_io.c; HTTP handlers in enterprise_api.c. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_H
#define YQ_ENTERPRISE_ENTERPRISE_H
#include <stdint.h>
#include "auth/auth.h"
#include "enterprise/uscc.h"

#define ENT_MAX_CONTACTS 20
#define ENT_MAX_TAGS     20
#define ENT_MAX_FLAGS    32

enum ent_flag_kind {
	FLAG_ABOVE_SIZE,
	FLAG_HIGH_TECH,
	FLAG_SPECIALIZED,
	FLAG_LITTLE_GIANT,
	FLAG__COUNT
};

/* "above_size", …, and the Chinese label ("规上企业", …). */
const char *ent_flag_name(enum ent_flag_kind f);
const char *ent_flag_label(enum ent_flag_kind f);
/* FLAG__COUNT when unknown. Accepts the English name or the Chinese label. */
enum ent_flag_kind ent_flag_from_name(const char *s);

struct ent_contact {
	const char *name, *phone, *role;
};

/* A flag that holds from `from` to `to` (inclusive, YYYY-MM-DD; to NULL = still holds). */
struct ent_flag_span {
	enum ent_flag_kind flag;
	const char *from, *to, *cert_no;
};

/* What a create, update or import row says about an enterprise. Strings are borrowed. */
struct ent_input {
	const char *uscc; /* as typed; normalised into uscc_norm by ent_validate */
	const char *name, *short_name, *industry_code, *address, *building;
	double registered_capital; /* 万元 */
	int has_capital;
	const char *established_on; /* YYYY-MM-DD or NULL */
	const char *ent_type;       /* domestic | foreign | hmt; NULL = domestic */
	struct ent_contact contacts[ENT_MAX_CONTACTS];
	int n_contacts;
	const char *tags[ENT_MAX_TAGS];
	int n_tags;
	struct ent_flag_span flags[ENT_MAX_FLAGS];
	int n_flags;
	int64_t dept_id, leader_user_id, liaison_user_id; /* 0 = none */
	char uscc_norm[USCC_LEN + 1];
};

/* An enterprise as read. Strings live in the arena given to the read. */
struct enterprise {
	int64_t id, zone_id, dept_id, leader_user_id, liaison_user_id;
	const char *uscc, *name, *short_name, *industry_code, *industry_name, *address, *building,
	    *established_on, *ent_type, *tags_json, *contacts_json, *dept_name, *leader_name,
	    *liaison_name;
	double registered_capital;
	int has_capital, archived;
	int flags_now[FLAG__COUNT];
	struct ent_flag_span *flags; /* all spans (ent_get only) */
	int n_flags;
	int64_t created_at, updated_at;
};

/* List filters; NULL / 0 fields do not filter. */
struct ent_filter {
	const char *q;        /* name, short name or USCC contains */
	const char *industry; /* section letter or code prefix */
	int flag;             /* enum ent_flag_kind, or -1 */
	const char *as_of;    /* YYYY-MM-DD the flag must hold on (default today) */
	int64_t leader_id;
	int no_leader;        /* only enterprises without a 包保 leader */
	const char *building; /* contains */
	const char *tag;      /* one of the enterprise's tags, exactly (at most 20 characters) */
	int archived;         /* 0 active only, 1 archived only, 2 both */
	const char *sort;     /* name, -name, created_at, -created_at, registered_capital, … */
	int64_t page, page_size;
};

struct ent_visit {
	int64_t id, enterprise_id, visitor_user_id;
	const char *visited_on, *visitor_name, *kind, *findings, *follow_ups;
	int64_t created_at;
};

typedef void (*ent_fn)(void *ctx, const struct enterprise *e);
typedef void (*visit_fn)(void *ctx, const struct ent_visit *v);

/* ---- rules (pure) ---- */
/* Validates and normalises an input: USCC (normalised into uscc_norm; field "uscc", message the
 * validator's reason such as "校验码错误"), names, industry code in the GB/T 4754 table
 * ("行业代码不存在"), dates, capital, type, contacts, tags and flag spans. */
int ent_validate(struct ent_input *in, struct yq_err *e);
/* Normalises an as-of argument: "YYYY-MM-DD" stays, "YYYY-MM" becomes the month's last day;
 * out has 11 bytes. -1 when neither. */
int ent_as_of(const char *s, char out[11]);
/* 1 if `s` is a known sort key. */
int ent_sort_valid(const char *s);

/* ---- storage ---- */
int ent_create(struct db_pool *pool, const struct principal *p, struct ent_input *in, int64_t *id,
               struct yq_err *e);
int ent_update(struct db_pool *pool, const struct principal *p, int64_t id, struct ent_input *in,
               struct yq_err *e);
int ent_set_archived(struct db_pool *pool, const struct principal *p, int64_t id, int archived,
                     struct yq_err *e);
/* Reads one enterprise within the caller's data scope (ERR_NOT_FOUND outside it). */
int ent_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct enterprise *out, struct yq_err *e);
/* Lists one page; *total counts every match. The struct passed to fn lives until it returns. */
int ent_list(struct db *c, const struct principal *p, const struct ent_filter *f, ent_fn fn,
             void *ctx, int64_t *total);
int ent_visit_add(struct db_pool *pool, const struct principal *p, int64_t enterprise_id,
                  const struct ent_visit *v, int64_t *id, struct yq_err *e);
int ent_visit_list(struct db *c, const struct principal *p, int64_t enterprise_id, visit_fn fn,
                   void *ctx, struct yq_err *e);

/* 包保 leaders of the zone with their enterprises (within the caller's scope). */
struct ent_leader {
	int64_t user_id;
	const char *name;
	int64_t enterprise_id;
	const char *enterprise_name;
};
typedef void (*leader_fn)(void *ctx, const struct ent_leader *l);
/* Calls fn once per (leader, enterprise), ordered by leader. */
int ent_leaders(struct db *c, const struct principal *p, leader_fn fn, void *ctx);

/* Counts for the cockpit; by_section holds (section letter, count) pairs. */
struct ent_stats {
	int64_t total, archived, covered;
	int64_t flags[FLAG__COUNT];
	struct {
		char section[2];
		int64_t count;
	} by_section[26];
	int n_sections;
};
int ent_stats(struct db *c, const struct principal *p, const char *as_of, struct ent_stats *s);

/* Switching a database to the 国密 mode: seals the phone numbers of every enterprise's contacts
 * inside `tx` (gm_enable must have been called). *n gets the count of enterprises rewritten.
 * Returns 0 or a negative enum db_rc. */
int ent_seal_contacts(struct db *tx, int64_t *n);

#endif
