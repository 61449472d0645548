/* What the project module's files share (not for other modules): dates in China Standard Time,
 * the stages' date members, the scoped read and its colour filter, numbering, the timeline. */
#ifndef YQ_PROJECT_PROJECT_INT_H
#define YQ_PROJECT_PROJECT_INT_H
#include "project/project.h"
#include <stddef.h>

struct qb;
struct write_ctx;

/* Days since 1970-01-01 of a valid date, and back. */
int64_t proj_day_number(const char *d);
void proj_day_string(int64_t n, char out[11]);

/* A stage that has a planned and an actual date on the project: the members' offsets and the
 * actual date's column. */
struct proj_stage_dates {
	enum proj_stage stage;
	size_t plan, actual;
	const char *column;
};
extern const struct proj_stage_dates PROJ_STAGE_DATES[];
extern const int PROJ_N_STAGE_DATES;

/* The principal whose project reads are scoped: the project office (project.dispatch) reads
 * every project of its zone (`wide` filled and returned), everyone else as its own scope. */
const struct principal *proj_scope(const struct principal *p, struct principal *wide);
/* FROM the projects of the caller's zone and scope. */
void proj_from(struct qb *q, const struct principal *p, char *like, size_t n);
/* 0 when the caller reads project `id` (proj_get); else -1 with e set: ERR_NOT_FOUND outside its
 * scope, or the database's error. */
int proj_check(struct db *c, const struct principal *p, int64_t id, struct yq_err *e);

/* What a read of whole projects needs besides the rows: today, the year's months to date and
 * the zone's colour rules. */
struct proj_read {
	char today[11];
	char red_day[11];        /* today less the amber days: a milestone before it is red */
	char m_from[8], m_to[8]; /* months [from, to): January to the month before today's */
	struct proj_rules rules;
};
void proj_read_init(struct proj_read *x, struct db *c, int64_t zone_id);
/* The year's months to date for `today`: [YYYY-01, YYYY-MM). */
void proj_ytd_months(const char *today, char from[8], char to[8]);
/* The list filter on the colour (red, amber, green): proj_colour's rule in SQL. */
void proj_colour_where(struct qb *q, const struct proj_read *x, const char *colour);

/* The JSON of one column of the zone's project settings, read by `sql` (one parameter, the zone;
 * the column first): *out NULL when there is no row or the column is empty or no JSON, else a
 * new reference. Returns DB_OK or a negative enum db_rc. */
typedef struct json_t json_t;
int proj_setting_json(struct db *c, const char *sql, int64_t zone_id, json_t **out);

/* The next number of `kind` ("XM", "WT") in the zone for the year of `day`: "XM2026-0001". */
int proj_next_no(struct db *tx, int64_t zone_id, const char *kind, const char *day, char *no,
                 size_t n);
/* A timeline event of project `id` inside the write. Returns DB_OK or a negative enum db_rc. */
int proj_event(struct write_ctx *w, int64_t id, int64_t at, const char *action, const char *from,
               const char *to, const char *body);

#endif
