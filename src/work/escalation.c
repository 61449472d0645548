/* 挂牌督办 of work items (see escalation.h). */
#include "work/escalation.h"
#include "access/principal.h"
#include "db/db.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/util.h"
#include <string.h>

static const char SQL_SET[] =
    "INSERT INTO work_escalation (kind, ref_id, zone_id, state, level, note, deadline, at, "
    "user_id, closed_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, NULL) ON CONFLICT (kind, ref_id) DO "
    "UPDATE SET state = 1, level = excluded.level, note = excluded.note, deadline = "
    "excluded.deadline, at = excluded.at, user_id = excluded.user_id, closed_at = NULL";
static const char SQL_SETTLE[] =
    "UPDATE work_escalation SET state = 2, closed_at = ? WHERE kind = ? AND ref_id = ? AND "
    "state = 1";

static const char *keep(struct arena *a, const char *s)
{
	return a && s ? arena_strdup(a, s) : s;
}

void work_escalation_read(struct db_stmt *st, int col, struct arena *a, struct work_escalation *out)
{
	out->state = (enum work_esc_state)db_col_int(st, col);
	out->level = keep(a, db_col_text(st, col + 1));
	out->note = keep(a, db_col_text(st, col + 2));
	out->deadline = db_col_is_null(st, col + 3) ? NULL : keep(a, db_col_text(st, col + 3));
	if (!out->level)
		out->level = "";
	if (!out->note)
		out->note = "";
}

int work_escalation_check(const char *level, const char *note, const char *deadline,
                          struct yq_err *e)
{
	if (!level || (strcmp(level, "yellow") && strcmp(level, "orange") && strcmp(level, "red")))
		return err_set(e, ERR_VALIDATION, "level", "督办级别应为 yellow、orange 或 red",
		               "level must be yellow, orange or red");
	if (deadline && *deadline && !valid_date(deadline))
		return err_set(e, ERR_VALIDATION, "deadline", "日期格式应为 YYYY-MM-DD",
		               "date must be YYYY-MM-DD");
	return work_check_text(note, "note", WORK_ESC_NOTE_MAX, 1, e);
}

int work_escalation_set(struct db *tx, const struct principal *p, const struct work_kind *kind,
                        int64_t zone_id, int64_t ref_id, const char *level, const char *note,
                        const char *deadline, int64_t now)
{
	return db_do(tx, SQL_SET, DB_T(kind->name), DB_I(ref_id), DB_I(zone_id), DB_T(level),
	             DB_T(note ? note : ""), DB_TO(deadline), DB_I(now), DB_O(p ? p->user_id : 0));
}

int work_escalation_settle(struct db *tx, const struct work_kind *kind, int64_t ref_id, int64_t now)
{
	return db_do(tx, SQL_SETTLE, DB_I(now), DB_T(kind->name), DB_I(ref_id));
}
