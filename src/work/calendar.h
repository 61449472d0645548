/* calendar: the working-day calendar that request (诉求) deadlines are counted in.
 *
 * A date is a working day when the table of special dates says so, else when it falls on
 * Monday-Friday. The table holds one row per special date: CAL_HOLIDAY (no work, whatever the
 * weekday: 法定节假日) or CAL_WORKDAY (a Saturday or Sunday that is a working day: 调休上班). It
 * comes from the State Council's yearly notice; the program ships 2025-2026 (the embedded file
 * assets/cn-holidays-2025-2026.csv) and an admin adds the next year each November, by loading
 * the published table (calendar_load_csv) or row by row (calendar_set). Dates outside the rows
 * follow the plain weekday rule, so a year whose table was never loaded has no holidays.
 *
 * Dates are "YYYY-MM-DD" text, years 1970-9999, checked strictly (2025-02-29 is refused).
 * Instants are unix seconds (0 up to the end of 9999-12-31), read in China Standard Time: UTC+8
 * all year, no daylight saving, computed here without the TZ environment or the C library's
 * time zone functions.
 *
 * Office hours are a few periods of a working day, by default 09:00-12:00 and 13:30-17:30 (seven
 * hours); they count only on working days. Deadlines in working hours use
 * calendar_add_work_seconds(); rules in working days use calendar_deadline_days(). A paused clock
 * (waiting for the enterprise) is the caller's sum: add calendar_work_seconds_between() over the
 * intervals during which the clock ran, and give the rest of the budget to
 * calendar_add_work_seconds() from the moment it resumes.
 *
 * Every query takes a const calendar and touches nothing else, so any number of threads may query
 * one calendar at once; changing it (load, set, office hours) needs exclusive access. Calendar
 * functions never change the calendar on failure. */
#ifndef YQ_WORK_CALENDAR_H
#define YQ_WORK_CALENDAR_H
#include <stddef.h>
#include <stdint.h>

#define CAL_MAX_ROWS     10000 /* rows in one CSV, and special dates in one calendar */
#define CAL_NAME_MAX     64    /* bytes of a row's name, with the NUL */
#define CAL_MAX_PERIODS  4     /* office periods in a working day */
#define CAL_DEFAULT_FILE "cn-holidays-2025-2026.csv"
/* Seconds since local midnight for an hour and minute, e.g. CAL_HM(13, 30). */
#define CAL_HM(h, m) ((h)*3600 + (m)*60)

/* What a row of the table says about its date. */
enum cal_kind {
	CAL_HOLIDAY = 1, /* "holiday": not a working day, whatever the weekday */
	CAL_WORKDAY = 2, /* "workday": a Saturday or Sunday that is a working day (调休) */
};

/* One special date, as calendar_at() shows it. */
struct cal_day {
	char date[11];           /* "YYYY-MM-DD" */
	enum cal_kind kind;      /* holiday or make-up workday */
	char name[CAL_NAME_MAX]; /* UTF-8, e.g. "国庆节、中秋节"; may be "" */
};

/* One office period of a working day, in seconds since local midnight: [open, close). */
struct cal_period {
	int open;  /* e.g. CAL_HM(9, 0) */
	int close; /* e.g. CAL_HM(12, 0); open < close <= 86400 */
};

struct calendar;

/* Allocates an empty calendar (no special dates: Monday-Friday are working days) with the default
 * office hours 09:00-12:00 and 13:30-17:30. Returns NULL when out of memory. Free it with
 * calendar_free(). */
struct calendar *calendar_new(void);

/* Frees the calendar and its table; calendar_free(NULL) is a no-op. */
void calendar_free(struct calendar *cal);

/* Allocates a calendar holding the embedded 2025-2026 table (CAL_DEFAULT_FILE) with the default
 * office hours, and stores it in *out. Returns 0, or -1 with *out = NULL when the file is missing
 * or malformed or memory ran out. */
int calendar_default(struct calendar **out);

/* Adds the rows of a CSV table to the calendar: `n` bytes at `csv`, UTF-8 with an optional byte
 * order mark, lines ended by LF or CRLF. The first line must be the header `date,kind,name`; each
 * further line is `YYYY-MM-DD,holiday|workday,name`, where the name may be empty, or in double
 * quotes (with "" for a quote) when it holds a comma; empty lines are skipped. Refused, with the
 * 1-based line number in the message: a date that is not a real date in 1970-9999, a kind other
 * than the two words (lowercase), a workday row on Monday-Friday, a name of CAL_NAME_MAX bytes or
 * more or not valid UTF-8 or holding control characters, a field too many or too few, a line of
 * 1024 bytes or more, a NUL byte, a date listed twice in the file, more than CAL_MAX_ROWS rows.
 * A row replaces the calendar's row for the same date, if any (loading next year's notice adds
 * to this year's table). Returns 0; or -1, leaving the calendar unchanged and writing a lowercase
 * message such as "line 7: bad date \"2025-02-30\"" into `err` (`errlen` bytes, truncated; `err`
 * may be NULL when errlen is 0). Also -1 when the calendar would hold more than CAL_MAX_ROWS
 * dates or memory ran out. */
int calendar_load_csv(struct calendar *cal, const char *csv, size_t n, char *err, size_t errlen);

/* Adds the row `date` `kind` `name` (NULL for ""), or replaces the row for that date. The same
 * checks as calendar_load_csv() apply. Returns 0, or -1 when a check fails, the calendar is full
 * or memory ran out. */
int calendar_set(struct calendar *cal, const char *date, enum cal_kind kind, const char *name);

/* The number of special dates in the calendar. */
size_t calendar_count(const struct calendar *cal);

/* The i-th special date in date order, or NULL when i >= calendar_count(). The pointer is valid
 * until the calendar is next changed or freed. */
const struct cal_day *calendar_at(const struct calendar *cal, size_t i);

/* "holiday" or "workday" (static strings); NULL for any other value. */
const char *cal_kind_name(enum cal_kind kind);

/* Stores the kind named `s` ("holiday" or "workday", exactly) in *kind. Returns 0 or -1. */
int cal_kind_parse(const char *s, enum cal_kind *kind);

/* Replaces the office hours with the `n` periods (1 to CAL_MAX_PERIODS), which must be in order,
 * each with 0 <= open < close <= 86400 and not overlapping the next (close <= next open). Returns
 * 0, or -1 leaving the hours unchanged. */
int calendar_set_office_hours(struct calendar *cal, const struct cal_period *periods, size_t n);

/* Copies the office hours into `periods` (room for CAL_MAX_PERIODS) and returns their number
 * (0 when cal or periods is NULL). */
size_t calendar_office_hours(const struct calendar *cal, struct cal_period *periods);

/* 1 when `date` is a working day, 0 when it is not, -1 when it is not a valid date. */
int calendar_is_workday(const struct calendar *cal, const char *date);

/* Writes into `out` the n-th working day after `date` (n >= 1: 2025-09-30 plus 1 is 2025-10-09,
 * over the National Day holiday); for n = 0, `date` itself when it is a working day, else the next
 * working day. Returns 0, or -1 for a bad date, a negative n, or a result after 9999-12-31 (then
 * `out` is ""). */
int calendar_add_workdays(const struct calendar *cal, const char *date, int n, char out[11]);

/* The number of working days d with from < d <= to (the day `from` is not counted, `to` is);
 * 0 when to <= from. Returns -1 for a bad date. */
int calendar_workdays_between(const struct calendar *cal, const char *from, const char *to);

/* The instant at which `seconds` (>= 0) of office time have elapsed after `start`: office time
 * runs only inside the office periods of working days, so starting outside them counts from the
 * next opening (Friday 17:00 plus one hour is 17:30 Friday plus 30 minutes on the next working
 * day: Monday 09:30 in a plain week). The result is the earliest such instant, so a budget that
 * ends exactly at a closing time gives that closing time, not the next opening. For seconds = 0,
 * the instant the clock starts: `start` when inside office hours, else the next opening. Returns
 * -1 for a negative start or seconds, or a result after 9999-12-31. */
int64_t calendar_add_work_seconds(const struct calendar *cal, int64_t start, int64_t seconds);

/* The office seconds in [a, b): 0 when b <= a. Returns -1 when a or b is negative or after
 * 9999-12-31. calendar_work_seconds_between(s, calendar_add_work_seconds(s, n)) == n. */
int64_t calendar_work_seconds_between(const struct calendar *cal, int64_t a, int64_t b);

/* The deadline of a rule in working days ("reply within 3 working days"): the close of office
 * hours (17:30 by default: the end of the last period) on the `days`-th working day after the
 * local date of `start`, whatever the time of day. The day of receipt is never counted, as in
 * 民法典 art. 201 (期间开始的当日不计入): a request received on a working day, even before
 * opening, has the next working day as day 1; received on a rest day, the first working day
 * after it is day 1. For days = 0, the close on the start's date when it is a working day, else on
 * the next working day (which may lie before `start` when it came after closing). Returns -1 for
 * a negative start or days, or a result after 9999-12-31. */
int64_t calendar_deadline_days(const struct calendar *cal, int64_t start, int days);

/* The China Standard Time day of instant t (>= 0) as a day number: days since 1970-01-01. */
int64_t calendar_day_of(int64_t t);
/* Writes day number z >= 0 as "YYYY-MM-DD". */
void calendar_format_day(int64_t z, char out[11]);
/* The day numbers of the first day of the month and of the year of day number z >= 0. */
int64_t calendar_month_start(int64_t z);
int64_t calendar_year_start(int64_t z);
/* The day number of the first day of the month after the one of day z, and of the year after. */
int64_t calendar_next_month(int64_t z);
int64_t calendar_next_year(int64_t z);

/* A fingerprint of everything office time depends on: the special dates with their kinds (not
 * their names) and the office hours. Two calendars with the same fingerprint count the same
 * office seconds between any two instants (up to a 64-bit hash collision). */
uint64_t calendar_fingerprint(const struct calendar *cal);

#endif
