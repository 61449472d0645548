/* 定时简报 (scheduled bulletins): the documents the server generates by itself on each zone's
 * schedule — the daily request briefing (企业诉求每日简报, ticket/briefing.h) about the day
 * before, the weekly bulletin of the projects with its 龙虎榜 (project/project_bulletin.h) about
 * the week before, the monthly economic bulletin (economy/economy_bulletin.h) about the month
 * before — stored (the PDF in the content-addressed file store under the data directory, a
 * `bulletin` row for it), listed, announced in-app to the zone's leaders (and the request
 * briefing to the service center) and to the zone's webhooks with a download link.
 *
 * Rules (bulletin.c, pure): a kind's schedule (on or off, a time of day HH:MM and for the
 * weekly and monthly kinds a day) and, for a moment, the period the latest scheduled run was
 * due for (bulletin_due): the day before the last daily run, the ISO week before the last
 * weekly run, the month before the last monthly run, all in China Standard Time. The
 * maintenance thread generates that period when it has no bulletin yet; nothing older is
 * made up for.
 *
 * Who reads. A bulletin is read by whoever reads its source: the briefing with ticket.stats,
 * the projects' bulletin with project.stats, the economic one with economy.stats — in the
 * caller's zone (a region user: the zone he has switched to). Enterprise users read none. The
 * schedule is the zone's setting (zone.write). */
#ifndef YQ_BULLETIN_BULLETIN_H
#define YQ_BULLETIN_BULLETIN_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "lib/err.h"
#include "lib/field.h"
#include "work/work.h"

struct db;
struct db_pool;
struct arena;

enum bulletin_kind { BULLETIN_BRIEFING, BULLETIN_PROJECTS, BULLETIN_ECONOMY, BULLETIN__KIND_COUNT };

/* "briefing", "projects", "economy"; their Chinese names; the permission that reads each. */
const char *bulletin_kind_name(enum bulletin_kind k);
const char *bulletin_kind_label(enum bulletin_kind k);
enum bulletin_kind bulletin_kind_from_name(const char *s); /* BULLETIN__KIND_COUNT if unknown */
int bulletin_kind_perm(enum bulletin_kind k);              /* an enum perm */

/* One kind's schedule. */
struct bulletin_schedule {
	const char *kind;
	int64_t enabled;     /* 0 or 1 */
	const char *at_time; /* HH:MM, China Standard Time */
	int64_t day;         /* weekly: 1 (Monday) to 7; monthly: 1 to 28; daily: unused */
	int64_t updated_at;
};
extern const struct entity ENTITY_BULLETIN_SCHEDULE;

/* Checks a schedule (the time a real HH:MM, the day in its kind's range): 0, or -1 with
 * ERR_VALIDATION naming the field. Pure. */
int bulletin_schedule_check(enum bulletin_kind k, const struct bulletin_schedule *s,
                            struct yq_err *e);

/* The period the last run of schedule s at or before `now` (unix seconds) was for, in China
 * Standard Time: "YYYY-MM-DD" (briefing: the day before the run), "YYYY-Www" (projects: the ISO
 * week before the run's), "YYYY-MM" (economy: the month before the run's) into out (16 bytes).
 * Returns 0, or -1 when the schedule is not valid. Pure. */
int bulletin_due(enum bulletin_kind k, const struct bulletin_schedule *s, int64_t now,
                 char out[16]);

/* A stored bulletin. */
struct bulletin {
	int64_t id;
	const char *kind, *period, *title, *file_name, *sha256;
	int64_t size, created_at;
};
extern const struct entity ENTITY_BULLETIN;

/* The bulletins of the caller's zone of the kinds it may read (`kind`: one of them, or NULL),
 * newest first. */
typedef void (*bulletin_fn)(void *ctx, const struct bulletin *b);
int bulletin_list(struct db *c, const struct principal *p, const char *kind, int64_t page,
                  int64_t page_size, bulletin_fn fn, void *ctx, int64_t *total);
/* Bulletin `id` if the caller may read it (else ERR_NOT_FOUND). */
int bulletin_get(struct db *c, const struct principal *p, int64_t id, struct arena *a,
                 struct bulletin *out, struct yq_err *e);

/* The zone's schedule of each kind, into out[BULLETIN__KIND_COUNT] (defaults where none). */
int bulletin_schedule_get(struct db *c, const struct principal *p, struct arena *a,
                          struct bulletin_schedule out[BULLETIN__KIND_COUNT]);
/* Sets one kind's schedule of the caller's zone (audited). */
int bulletin_schedule_set(struct db_pool *pool, const struct principal *p,
                          const struct bulletin_schedule *s, struct yq_err *e);

/* Generates the bulletin of kind k for `period` in zone_id now, as the system, unless it
 * exists: renders the PDF, stores it under data_dir, writes the row with its audit row, the
 * leaders' notifications and the webhooks' deliveries. *id gets the bulletin (0 when it
 * existed). Returns 0, or -1 with e set. */
int bulletin_generate(struct db_pool *pool, const char *data_dir, int64_t zone_id,
                      enum bulletin_kind k, const char *period, int64_t *id, struct yq_err *e);

/* The id of the zone's bulletin of kind k for `period` into *id (0: none). DB_OK or a negative
 * enum db_rc. */
int bulletin_find(struct db *c, int64_t zone_id, enum bulletin_kind k, const char *period,
                  int64_t *id);

/* For the maintenance thread: every enabled schedule whose due period has no bulletin yet is
 * generated. Returns the bulletins made, or -1 when the database could not be read. */
int bulletin_run_due(struct db_pool *pool, const char *data_dir, int64_t now);

extern const struct work_kind bulletin_kind;

#endif
