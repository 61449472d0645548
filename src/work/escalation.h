/* escalation: 挂牌督办 of a work item, keyed by (kind, ref_id) in work_escalation. A leader flags
 * an item with a level (yellow, orange, red), a note for the people handling it and an optional
 * deadline; flagging again replaces them. When the item is finished the escalation is settled
 * (销号): it stays on record (state 2) and no longer counts as in force.
 *
 * Owners read the escalation with their own rows through one join (WORK_ESC_JOIN, the columns
 * WORK_ESC_COLS, read back by work_escalation_read) and filter the items in force with
 * WORK_ESC_ACTIVE, served by the index work_escalation_zone (kind, zone_id, state). */
#ifndef YQ_WORK_ESCALATION_H
#define YQ_WORK_ESCALATION_H
#include <stdint.h>
#include "work/work.h"

struct db_stmt;

#define WORK_ESC_NOTE_MAX 500 /* characters of the note */

enum work_esc_state {
	WORK_ESC_NONE = 0,    /* never flagged */
	WORK_ESC_ACTIVE = 1,  /* 挂牌: in force */
	WORK_ESC_SETTLED = 2, /* 销号: settled with its item */
};

struct work_escalation {
	enum work_esc_state state;
	const char *level;    /* yellow, orange, red ("" when none) */
	const char *note;     /* "" when none */
	const char *deadline; /* YYYY-MM-DD, or NULL */
};

/* The columns and the join an owner adds to its read (alias x): one row per item. */
#define WORK_ESC_COLS "x.state, x.level, x.note, x.deadline"
#define WORK_ESC_JOIN(kind, id_col)                                                                \
	" LEFT JOIN work_escalation x ON x.kind = '" kind "' AND x.ref_id = " id_col
/* The condition "in force", with one parameter: the zone. */
#define WORK_ESC_ACTIVE(kind, id_col)                                                              \
	" AND " id_col " IN (SELECT ref_id FROM work_escalation WHERE kind = '" kind "' AND "      \
	"zone_id = ? AND state = 1)"

/* Reads the WORK_ESC_COLS columns starting at column `col` of st (strings copied into a when
 * given, else valid until the next step). */
void work_escalation_read(struct db_stmt *st, int col, struct arena *a,
                          struct work_escalation *out);

/* Checks a flagging: level yellow, orange or red; a note of 1 to WORK_ESC_NOTE_MAX characters;
 * a deadline NULL, "" or a real date YYYY-MM-DD. Returns 0 or -1 with e set (fields "level",
 * "note", "deadline"). Pure. */
int work_escalation_check(const char *level, const char *note, const char *deadline,
                          struct yq_err *e);

/* Flags item (kind, ref_id) of zone_id by p inside tx, or replaces its flag; a settled
 * escalation is in force again. Returns DB_OK or a negative enum db_rc. */
int work_escalation_set(struct db *tx, const struct principal *p, const struct work_kind *kind,
                        int64_t zone_id, int64_t ref_id, const char *level, const char *note,
                        const char *deadline, int64_t now);

/* Settles (销号) the escalation of item (kind, ref_id) in force, if any, inside tx. Returns
 * DB_OK or a negative enum db_rc. */
int work_escalation_settle(struct db *tx, const struct work_kind *kind, int64_t ref_id,
                           int64_t now);

#endif
