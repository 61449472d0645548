/* The enterprise registry (企业库): the zone's master data. An enterprise has a 统一社会信用代码
 * (USCC, unique in its zone), an industry by GB/T 4754-2017, dated flags (规上, 高新技术企业,
 * 专精特新, 小巨人) that hold over a date range, contacts, tags, a responsible department, and its
 * 包保 leader and liaison cadre with a log of their visits. Enterprises are archived, never
 * deleted.
 *
 * An enterprise is declared once, in the field table ENTITY_ENTERPRISE (enterprise.c): it drives
 * the decoding of a body, the rows read and written, the JSON, the audit diff, the columns of the
 * import and export and the API description. Beside the table stay the rules it cannot say (the
 * USCC's check character, the flag spans) and the spans themselves, kept in their own table.
 *
 * Rules (pure) are in enterprise.c; storage in enterprise_store.c; import and export in
 * enterprise_io.c; HTTP handlers in enterprise_api.c. */
#ifndef YQ_ENTERPRISE_ENTERPRISE_H
#define YQ_ENTERPRISE_ENTERPRISE_H
#include <jansson.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "enterprise/uscc.h"
#include "lib/field.h"

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

/* An enterprise: what a create, an update or an import row says of it, and what a read gives.
 * The members of the field table (ENTITY_ENTERPRISE) come first; strings live in an arena (or
 * are borrowed from the caller). */
struct enterprise {
	int64_t id;
	const char *uscc; /* as typed; normalised by ent_validate */
	const char *name, *short_name, *industry_code;
	const char *industry_name; /* from the GB/T 4754 table, not stored */
	const char *address, *building;
	double registered_capital;  /* 万元; NAN = none */
	const char *established_on; /* YYYY-MM-DD or NULL */
	const char *ent_type;       /* domestic | foreign | hmt */
	const char *contacts;       /* JSON [{"name","phone","role"}…] (ent_contacts_json) */
	const char *tags;           /* JSON ["…"…] (ent_tags_json) */
	int64_t dept_id, leader_user_id, liaison_user_id; /* 0 = none */
	const char *dept_name, *leader_name, *liaison_name;
	int archived;
	int64_t created_at, updated_at;
	/* beside the columns (rows of the table whose JSON is ent_json_extra's): the flags that
	 * hold today, and every span (read by ent_get, decoded from a body, given by a row; NULL
	 * in a list and when a body gives none) */
	int flags_now[FLAG__COUNT];
	struct ent_flag_span *flags;
	int n_flags;
};

/* The field tables of an enterprise and of a 包保 visit (enterprise.c). */
extern const struct entity ENTITY_ENTERPRISE, ENTITY_VISIT;

/* The query parameters of the enterprise list and export as they come (ENTITY_ENT_QUERY, one
 * row per parameter: the API reference lists them, ent_filter_from_query reads exactly these and
 * checks each into a struct ent_filter). NULL / 0: not given. */
struct ent_query {
	const char *q, *industry, *flag, *as_of;
	int64_t leader_id;
	int no_leader, baobao;
	const char *visited, *not_visited;
	const char *building, *tag, *archived, *sort;
};
extern const struct entity ENTITY_ENT_QUERY;

/* List filters; NULL / 0 fields do not filter. */
struct ent_filter {
	const char *q;        /* name, short name or USCC contains */
	const char *industry; /* section letter or code prefix */
	int flag;             /* enum ent_flag_kind, or -1 */
	const char *as_of;    /* YYYY-MM-DD the flag must hold on (default today) */
	int64_t leader_id;
	int no_leader; /* only enterprises without a 包保 leader */
	int baobao;    /* only enterprises with a 包保 leader */
	/* YYYY-MM: only those visited (走访) in that month; only those not visited then */
	const char *visited, *not_visited;
	const char *building; /* contains */
	const char *tag;      /* one of the enterprise's tags, exactly (at most 20 characters) */
	int archived;         /* 0 active only, 1 archived only, 2 both */
	const char *sort;     /* name, -name, created_at, -created_at, registered_capital, … */
	int64_t page, page_size;
};

/* A 包保 visit (摸底 / 服务 / 挖潜). */
struct ent_visit {
	int64_t id;
	const char *visited_on;
	int64_t visitor_user_id; /* 0: the caller */
	const char *visitor_name, *kind, *findings, *follow_ups;
	int64_t created_at;
};

typedef void (*ent_fn)(void *ctx, const struct enterprise *e);
typedef void (*visit_fn)(void *ctx, const struct ent_visit *v);

/* ---- rules (pure) ---- */
/* The rules beyond the field table, after a body or an import row is decoded: the USCC checked
 * against GB 32100-2015 and normalised (lowercase and full-width accepted; field "uscc", the
 * validator's reason such as "校验码错误"; the normal form copied into a) and the flag spans
 * checked (field "flags"). */
int ent_validate(struct enterprise *en, struct arena *a, struct yq_err *e);
/* The stored form of a list of contacts: each checked (a name of at most 32 characters, a phone
 * as org_check_phone, a role of at most 32; at most ENT_MAX_CONTACTS; field "contacts") and
 * written as the JSON text [{"name","phone","role"}…] into a. */
int ent_contacts_json(const struct ent_contact *c, int n, struct arena *a, const char **out,
                      struct yq_err *e);
/* The stored form of a list of tags: each 1–20 characters, at most ENT_MAX_TAGS (field "tags"),
 * written as the JSON text ["…"…] into a. The list filter (?tag=) looks for a tag as written
 * here. */
int ent_tags_json(const char *const *tags, int n, struct arena *a, const char **out,
                  struct yq_err *e);
/* Sets en->flags_now from its spans: the flags that hold on `day`. */
void ent_flags_now(struct enterprise *en, const char *day);
/* Writes the members beside the table into an open JSON object: "flags" (when the spans were
 * read) and "flags_now". */
void ent_json_extra(struct jsonw *w, const void *en);
/* Normalises an as-of argument: "YYYY-MM-DD" stays, "YYYY-MM" becomes the month's last day;
 * out has 11 bytes. -1 when neither. */
int ent_as_of(const char *s, char out[11]);
/* 0 when `s` is a month "YYYY-MM"; else -1. */
int ent_month_check(const char *s);
/* 1 if `s` is a known sort key. */
int ent_sort_valid(const char *s);

/* ---- storage ---- */
/* Creates a decoded enterprise (ent_validate applied here) in the caller's zone; en->id gets its
 * id. */
int ent_create(struct db_pool *pool, const struct principal *p, struct enterprise *en,
               struct yq_err *e);
/* Replaces the enterprise `id` with a decoded one (its spans included). */
int ent_update(struct db_pool *pool, const struct principal *p, int64_t id, struct enterprise *en,
               struct yq_err *e);
int ent_set_archived(struct db_pool *pool, const struct principal *p, int64_t id, int archived,
                     struct yq_err *e);
/* Reads one enterprise with its spans within the caller's data scope (ERR_NOT_FOUND outside
 * it). */
int ent_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
            struct enterprise *out, struct yq_err *e);
/* Lists one page; *total counts every match. The struct passed to fn lives until it returns. */
int ent_list(struct db *c, const struct principal *p, const struct ent_filter *f, ent_fn fn,
             void *ctx, int64_t *total);
/* Records a visit to an enterprise in the caller's scope: by those who may edit it, and by its
 * 包保 leader and liaison whatever their department or role. *id gets the visit's id. */
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

#endif
