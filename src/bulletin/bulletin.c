/* 定时简报: the kinds, the schedule's rules and the field tables (see bulletin.h). Pure. */
#include "bulletin/bulletin.h"
#include "db/codes.h"
#include "access/perm.h"
#include "lib/util.h"
#include "project/project_bulletin.h"
#include <stdio.h>
#include <string.h>

static const char *const KIND_NAMES[] = {"briefing", "projects", "economy", NULL};
static const char *const KIND_LABELS[] = {"企业诉求每日简报", "重点项目建设每周通报",
                                          "经济运行月报", NULL};

CODE_NAME(enum bulletin_kind, bulletin_kind_name, KIND_NAMES, BULLETIN__KIND_COUNT)
CODE_NAME(enum bulletin_kind, bulletin_kind_label, KIND_LABELS, BULLETIN__KIND_COUNT)
CODE_FROM(enum bulletin_kind, bulletin_kind_from_name, KIND_NAMES, BULLETIN__KIND_COUNT)

int bulletin_kind_perm(enum bulletin_kind k)
{
	static const int perms[BULLETIN__KIND_COUNT] = {PERM_TICKET_STATS, PERM_PROJECT_STATS,
	                                                PERM_ECONOMY_STATS};
	return k < BULLETIN__KIND_COUNT ? perms[k] : PERM_ZONE_WRITE;
}

/* "HH:MM" as minutes of the day, or -1. */
static int minutes_of(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

int bulletin_schedule_check(enum bulletin_kind k, const struct bulletin_schedule *s,
                            struct yq_err *e)
{
	if (k >= BULLETIN__KIND_COUNT)
		return err_set(e, ERR_VALIDATION, "kind",
		               "简报类型应为 briefing、projects 或 economy",
		               "kind: briefing, projects or economy");
	if (minutes_of(s->at_time) < 0)
		return err_set(e, ERR_VALIDATION, "at_time", "时间应为 时:分，如 08:30",
		               "at_time: HH:MM, e.g. 08:30");
	if (k == BULLETIN_PROJECTS && (s->day < 1 || s->day > 7))
		return err_set(e, ERR_VALIDATION, "day", "每周生成日应为 1（周一）到 7（周日）",
		               "day: 1 (Monday) to 7 (Sunday)");
	if (k == BULLETIN_ECONOMY && (s->day < 1 || s->day > 28))
		return err_set(e, ERR_VALIDATION, "day", "每月生成日应为 1 到 28 日",
		               "day: 1 to 28");
	return 0;
}

/* The date of day number n (days since 1970-01-01). */
static void date_of(int64_t n, char out[11])
{
	cst_day(n * 86400, out); /* 08:00 of that day in China Standard Time */
}

int bulletin_due(enum bulletin_kind k, const struct bulletin_schedule *s, int64_t now, char out[16])
{
	int at = minutes_of(s->at_time);
	if (at < 0 || k >= BULLETIN__KIND_COUNT)
		return -1;
	int64_t t = now + 8 * 3600; /* China Standard Time, no summer time */
	int64_t n = t / 86400, mins = (t % 86400) / 60;
	char d[11];
	if (k == BULLETIN_BRIEFING) {
		date_of((mins >= at ? n : n - 1) - 1, d);
		snprintf(out, 16, "%s", d);
		return 0;
	}
	if (k == BULLETIN_PROJECTS) {
		if (s->day < 1 || s->day > 7)
			return -1;
		int64_t wd = (n + 3) % 7 + 1; /* ISO: Monday 1; day 0 was a Thursday */
		int64_t back = (wd - s->day + 7) % 7;
		int64_t run = n - back;
		if (back == 0 && mins < at)
			run -= 7;
		char w[9];
		date_of(run - 7, d);
		proj_iso_week(d, w);
		snprintf(out, 16, "%s", w);
		return 0;
	}
	if (s->day < 1 || s->day > 28)
		return -1;
	date_of(n, d);
	int y = 0, m = 0, dd = 0;
	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return -1;
	/* the run of this month has come when its day and time have; the bulletin is of the
	 * month before the run's */
	int back = dd > s->day || (dd == s->day && mins >= at) ? 1 : 2;
	m -= back;
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(out, 16, "%04d-%02d", y, m);
	return 0;
}

/* ---- the field tables ---- */

#define S_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct bulletin_schedule, m, ft, col, lo, hi, fl, zh, en)
static const struct field SCHEDULE_FIELDS[] = {
    {S_(kind, FT_ENUM, "kind", 0, 0, F_REQUIRED | F_NOUPDATE, "简报类型", "Kind"),
     .values = KIND_NAMES, .labels = KIND_LABELS},
    {S_(enabled, FT_BOOL, "enabled", 0, 1, F_AUDIT, "定时生成", "Scheduled")},
    {S_(at_time, FT_TEXT, "at_time", 5, 5, F_REQUIRED | F_AUDIT, "生成时间", "Time"),
     .def = "08:00"},
    {S_(day, FT_INT, "day", 1, 28, F_AUDIT, "生成日", "Day")},
    {S_(updated_at, FT_TIME, "updated_at", 0, 0, F_READONLY, "修改时间", "Updated")},
};
const struct entity ENTITY_BULLETIN_SCHEDULE =
    ENTITY("bulletin_schedule", "bulletin_schedule", "s", SCHEDULE_FIELDS, "简报定时设置",
           "Bulletin schedule");

#define B_(m, ft, col, lo, hi, fl, zh, en)                                                         \
	FIELD_INIT(struct bulletin, m, ft, col, lo, hi, fl, zh, en)
static const struct field BULLETIN_FIELDS[] = {
    {B_(id, FT_INT, "id", 0, 0, F_READONLY, "编号", "ID")},
    {B_(kind, FT_ENUM, "kind", 0, 0, F_READONLY | F_FILTER, "简报类型", "Kind"),
     .values = KIND_NAMES, .labels = KIND_LABELS},
    {B_(period, FT_TEXT, "period", 0, 0, F_READONLY, "期间", "Period")},
    {B_(title, FT_TEXT, "title", 0, 0, F_READONLY, "标题", "Title")},
    {B_(file_name, FT_TEXT, "file_name", 0, 0, F_READONLY, "文件名", "File name")},
    {B_(sha256, FT_TEXT, "sha256", 0, 0, F_READONLY, "SHA-256", "SHA-256")},
    {B_(size, FT_INT, "size", 0, 0, F_READONLY, "大小（字节）", "Size (bytes)")},
    {B_(created_at, FT_TIME, "created_at", 0, 0, F_READONLY, "生成时间", "Generated")},
};
const struct entity ENTITY_BULLETIN =
    ENTITY("bulletin", "bulletin", "b", BULLETIN_FIELDS, "定时简报", "Scheduled bulletin",
           .zone_col = "b.zone_id");
