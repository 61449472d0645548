/* Working-day calendar: special dates in a sorted table, working days and office time counted
 * with prefix sums, so every query costs O(log n) whatever the span. */
#include "work/calendar.h"
#include "lib/alloc.h"
#include "lib/embedded.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTC_OFFSET   (8 * 3600) /* China Standard Time, no daylight saving */
#define DAY_SECONDS  86400
#define MIN_YEAR     1970
#define MAX_YEAR     9999
#define MAX_DAY      2932896 /* day number of 9999-12-31 */
#define MAX_INSTANT  ((int64_t)(MAX_DAY + 1) * DAY_SECONDS - UTC_OFFSET) /* 10000-01-01 00:00 */
#define CSV_MAX_LINE 1024
#define CSV_HEADER   "date,kind,name"

/* One special date in the table. Day numbers count days since 1970-01-01 (day 0, a Thursday). */
struct row {
	struct cal_day pub; /* what calendar_at() shows */
	int32_t day;        /* the date as a day number */
	int32_t adj_before; /* the sum of adjust() over the rows before this one */
};

/* The calendar. Invariants: rows[0..n_rows) are sorted by day, days unique, CAL_WORKDAY rows fall
 * on Saturday or Sunday; adj_total is the sum of adjust() over all rows; periods are in order,
 * disjoint, within the day, and day_office is the sum of their lengths (> 0). */
struct calendar {
	struct row *rows;                           /* n_rows rows, room for cap_rows */
	size_t n_rows;                              /* at most CAL_MAX_ROWS */
	size_t cap_rows;                            /* allocated rows */
	int32_t adj_total;                          /* sum of adjust() over every row */
	struct cal_period periods[CAL_MAX_PERIODS]; /* office hours of a working day */
	size_t n_periods;                           /* 1..CAL_MAX_PERIODS */
	int64_t day_office;                         /* office seconds in one working day */
};

static const char *const weekday_names[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                             "thursday", "friday", "saturday"};

/* The day number of the proleptic Gregorian date y-m-d (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The year, month and day of day number z >= 0 (H. Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = z / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The weekday of day number z >= 0: 0 Sunday .. 6 Saturday. */
static int weekday(int64_t z)
{
	return (int)((z + 4) % 7);
}

/* 1 when day number z falls on Saturday or Sunday. */
static int is_weekend(int64_t z)
{
	int w = weekday(z);
	return w == 0 || w == 6;
}

/* Parses exactly `len` bytes at `s` as "YYYY-MM-DD", a real date in MIN_YEAR..MAX_YEAR, into *day.
 * Returns 0 or -1. */
static int parse_date(const char *s, size_t len, int32_t *day)
{
	static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1)
		return -1;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > month_days[m - 1] + (m == 2 && leap))
		return -1;
	*day = (int32_t)days_from_civil(y, m, d);
	return 0;
}

/* Parses the NUL-terminated date `s` (NULL refused) into *day. Returns 0 or -1. */
static int parse_date_str(const char *s, int32_t *day)
{
	if (!s)
		return -1;
	return parse_date(s, strnlen(s, 11), day);
}

/* Writes day number z (0..MAX_DAY) as "YYYY-MM-DD" into out. */
static void format_date(int64_t z, char out[11])
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* How a row changes the count of working days against the weekday rule: -1 for a holiday on
 * Monday-Friday, +1 for a make-up workday (always on a weekend), 0 for a holiday on a weekend. */
static int adjust(const struct row *r)
{
	if (r->pub.kind == CAL_WORKDAY)
		return 1;
	return is_weekend(r->day) ? 0 : -1;
}

/* Recomputes adj_before of every row and adj_total, after the table changed. */
static void rebuild_sums(struct calendar *cal)
{
	int32_t sum = 0;
	for (size_t i = 0; i < cal->n_rows; i++) {
		cal->rows[i].adj_before = sum;
		sum += adjust(&cal->rows[i]);
	}
	cal->adj_total = sum;
}

/* The index of the first row whose day is >= day (n_rows when none). */
static size_t lower_bound(const struct calendar *cal, int64_t day)
{
	size_t lo = 0, hi = cal->n_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->rows[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 when day number z is a working day, else 0. */
static int is_work_day(const struct calendar *cal, int64_t z)
{
	size_t i = lower_bound(cal, z);
	if (i < cal->n_rows && cal->rows[i].day == z)
		return cal->rows[i].pub.kind == CAL_WORKDAY;
	return !is_weekend(z);
}

/* The number of Monday-Friday days among day numbers [0, x), x >= 0. Counted from Monday
 * 1969-12-29 (day -3), which adds Monday-Wednesday before day 0. */
static int64_t weekdays_before(int64_t x)
{
	int64_t y = x + 3;
	int64_t r = y % 7;
	return 5 * (y / 7) + (r < 5 ? r : 5) - 3;
}

/* The number of working days among day numbers [0, x), 0 <= x <= MAX_DAY + 1. Non-decreasing
 * in x. */
static int64_t workdays_before(const struct calendar *cal, int64_t x)
{
	size_t i = lower_bound(cal, x);
	int64_t adj = i < cal->n_rows ? cal->rows[i].adj_before : cal->adj_total;
	return weekdays_before(x) + adj;
}

/* The k-th working day (k >= 1) counted from day 0, searched from day `lo`, which must have fewer
 * than k working days before it: the smallest day D >= lo with workdays_before(D + 1) >= k.
 * Returns D, or -1 when it lies after 9999-12-31. */
static int64_t nth_workday(const struct calendar *cal, int64_t k, int64_t lo)
{
	int64_t hi = MAX_DAY;
	if (workdays_before(cal, hi + 1) < k)
		return -1;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if (workdays_before(cal, mid + 1) >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The office seconds of one working day that lie before `sod` seconds after midnight. */
static int64_t office_before(const struct calendar *cal, int64_t sod)
{
	int64_t sum = 0;
	for (size_t i = 0; i < cal->n_periods; i++) {
		const struct cal_period *p = &cal->periods[i];
		if (sod > p->open)
			sum += (sod < p->close ? sod : p->close) - p->open;
	}
	return sum;
}

/* The office seconds in [local midnight of 1970-01-01, t), for 0 <= t <= MAX_INSTANT. */
static int64_t office_before_instant(const struct calendar *cal, int64_t t)
{
	int64_t local = t + UTC_OFFSET;
	int64_t day = local / DAY_SECONDS, sod = local % DAY_SECONDS;
	int64_t sum = cal->day_office * workdays_before(cal, day);
	if (sod > 0 && is_work_day(cal, day))
		sum += office_before(cal, sod);
	return sum;
}

/* 1 when t is a usable instant: 0 <= t <= MAX_INSTANT. */
static int valid_instant(int64_t t)
{
	return t >= 0 && t <= MAX_INSTANT;
}

/* Writes a lowercase message into err (errlen bytes, truncated) when errlen > 0. */
static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Points *shown at `s` (len bytes) when it is short printable ASCII worth echoing in a message,
 * else at "". Returns the number of bytes to print. */
static int echo_field(const char *s, size_t len, const char **shown)
{
	*shown = "";
	if (len > 24)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"')
			return 0;
	*shown = s;
	return (int)len;
}

/* Checks a row's name: under CAL_NAME_MAX bytes, valid UTF-8, no control characters. Returns 0,
 * or -1 with a static reason in *why. */
static int check_name(const char *s, size_t len, const char **why)
{
	if (len >= CAL_NAME_MAX) {
		*why = "name longer than 63 bytes";
		return -1;
	}
	if (!utf8_valid(s, len)) {
		*why = "name is not valid utf-8";
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			*why = "control character in the name";
			return -1;
		}
	}
	return 0;
}

/* Fills a row for day number `day`, kind and the checked name (len bytes). */
static void fill_row(struct row *r, int32_t day, enum cal_kind kind, const char *name, size_t len)
{
	memset(r, 0, sizeof *r);
	r->day = day;
	r->pub.kind = kind;
	format_date(day, r->pub.date);
	memcpy(r->pub.name, name, len);
	r->pub.name[len] = '\0';
}

struct calendar *calendar_new(void)
{
	struct calendar *cal = yq_calloc(1, sizeof *cal);
	if (!cal)
		return NULL;
	static const struct cal_period defaults[2] = {{CAL_HM(9, 0), CAL_HM(12, 0)},
	                                              {CAL_HM(13, 30), CAL_HM(17, 30)}};
	calendar_set_office_hours(cal, defaults, 2);
	return cal;
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	yq_free(cal->rows);
	yq_free(cal);
}

int calendar_default(struct calendar **out)
{
	*out = NULL;
	const struct embedded_file *f = embedded_find(CAL_DEFAULT_FILE);
	if (!f)
		return -1;
	struct calendar *cal = calendar_new();
	if (!cal)
		return -1;
	if (calendar_load_csv(cal, f->data, f->len, NULL, 0) < 0) {
		calendar_free(cal);
		return -1;
	}
	*out = cal;
	return 0;
}

/* Each kind's name. */
static const char *const kind_names[] = {[CAL_HOLIDAY] = "holiday", [CAL_WORKDAY] = "workday"};

const char *cal_kind_name(enum cal_kind kind)
{
	return (size_t)kind < ARRAY_LEN(kind_names) ? kind_names[kind] : NULL;
}

/* Parses the kind spelled by exactly `len` bytes at `s`. Returns 0 or -1. */
static int parse_kind(const char *s, size_t len, enum cal_kind *kind)
{
	for (size_t k = 0; k < ARRAY_LEN(kind_names); k++)
		if (kind_names[k] && strlen(kind_names[k]) == len &&
		    memcmp(s, kind_names[k], len) == 0) {
			*kind = (enum cal_kind)k;
			return 0;
		}
	return -1;
}

int cal_kind_parse(const char *s, enum cal_kind *kind)
{
	if (!s)
		return -1;
	return parse_kind(s, strnlen(s, 8), kind);
}

/* A row read from a CSV, with the line it came from. */
struct pending {
	struct row row;     /* the row, adj_before unset */
	unsigned long line; /* 1-based line number */
};

/* qsort comparator for pending rows: by day, then by line. */
static int compare_pending(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;
	if (a->row.day != b->row.day)
		return a->row.day < b->row.day ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

/* Parses the name field of a CSV line (`len` bytes at `s`, possibly quoted) into name
 * (CAL_NAME_MAX bytes) and its length into *out_len. Returns 0, or -1 with a static reason in
 * *why. */
static int parse_name_field(const char *s, size_t len, char *name, size_t *out_len,
                            const char **why)
{
	size_t n = 0;
	if (len > 0 && s[0] == '"') {
		size_t i = 1;
		for (;;) {
			if (i >= len) {
				*why = "unterminated quote in the name";
				return -1;
			}
			char c = s[i++];
			if (c == '"') {
				if (i < len && s[i] == '"') {
					i++;
				} else if (i == len) {
					break;
				} else {
					*why = "text after the closing quote of the name";
					return -1;
				}
			}
			if (n + 1 >= CAL_NAME_MAX) {
				*why = "name longer than 63 bytes";
				return -1;
			}
			name[n++] = c;
		}
	} else {
		if (memchr(s, ',', len)) {
			*why = "more than 3 fields, expected date,kind,name";
			return -1;
		}
		if (memchr(s, '"', len)) {
			*why = "quote inside an unquoted name";
			return -1;
		}
		if (len >= CAL_NAME_MAX) {
			*why = "name longer than 63 bytes";
			return -1;
		}
		memcpy(name, s, len);
		n = len;
	}
	name[n] = '\0';
	if (check_name(name, n, why) < 0)
		return -1;
	*out_len = n;
	return 0;
}

/* Parses one data line (`len` bytes at `s`, no line end) into *p. Returns 0, or -1 with a
 * message naming line `line_no` in err. */
static int parse_line(const char *s, size_t len, unsigned long line_no, struct pending *p,
                      char *err, size_t errlen)
{
	const char *why, *shown;
	const char *c1 = memchr(s, ',', len);
	const char *c2 = c1 ? memchr(c1 + 1, ',', len - (size_t)(c1 + 1 - s)) : NULL;
	if (!c2) {
		set_err(err, errlen, "line %lu: fewer than 3 fields, expected date,kind,name",
		        line_no);
		return -1;
	}
	size_t date_len = (size_t)(c1 - s), kind_len = (size_t)(c2 - c1 - 1);
	int32_t day;
	if (parse_date(s, date_len, &day) < 0) {
		int k = echo_field(s, date_len, &shown);
		set_err(err, errlen, "line %lu: bad date \"%.*s\", expected YYYY-MM-DD", line_no, k,
		        shown);
		return -1;
	}
	enum cal_kind kind;
	if (parse_kind(c1 + 1, kind_len, &kind) < 0) {
		int k = echo_field(c1 + 1, kind_len, &shown);
		set_err(err, errlen, "line %lu: bad kind \"%.*s\", expected holiday or workday",
		        line_no, k, shown);
		return -1;
	}
	if (kind == CAL_WORKDAY && !is_weekend(day)) {
		set_err(err, errlen, "line %lu: workday %.10s falls on a %s, not a weekend",
		        line_no, s, weekday_names[weekday(day)]);
		return -1;
	}
	char name[CAL_NAME_MAX];
	size_t name_len;
	if (parse_name_field(c2 + 1, len - (size_t)(c2 + 1 - s), name, &name_len, &why) < 0) {
		set_err(err, errlen, "line %lu: %s", line_no, why);
		return -1;
	}
	fill_row(&p->row, day, kind, name, name_len);
	p->line = line_no;
	return 0;
}

/* Parses the whole CSV into a new array of pending rows sorted by day, in *out (caller frees) and
 * its length in *n_out. Returns 0, or -1 with a message in err. */
static int parse_csv(const char *csv, size_t n, struct pending **out, size_t *n_out, char *err,
                     size_t errlen)
{
	struct pending *rows = NULL;
	size_t n_rows = 0, cap = 0;
	size_t pos = 0;
	unsigned long line_no = 0;
	*out = NULL;
	*n_out = 0;
	if (n >= 3 && memcmp(csv, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	if (pos >= n) {
		set_err(err, errlen, "line 1: missing the header line date,kind,name");
		return -1;
	}
	while (pos < n) {
		const char *s = csv + pos;
		const char *nl = memchr(s, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - s) : n - pos;
		pos += len + (nl != NULL);
		line_no++;
		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (len >= CSV_MAX_LINE) {
			set_err(err, errlen, "line %lu: longer than %d bytes", line_no,
			        CSV_MAX_LINE - 1);
			goto out_free_rows;
		}
		if (memchr(s, '\0', len)) {
			set_err(err, errlen, "line %lu: nul byte", line_no);
			goto out_free_rows;
		}
		if (line_no == 1) {
			if (len != strlen(CSV_HEADER) || memcmp(s, CSV_HEADER, len) != 0) {
				set_err(err, errlen, "line 1: the header must be date,kind,name");
				goto out_free_rows;
			}
			continue;
		}
		if (len == 0)
			continue;
		if (n_rows == CAL_MAX_ROWS) {
			set_err(err, errlen, "line %lu: more than %d rows", line_no, CAL_MAX_ROWS);
			goto out_free_rows;
		}
		if (n_rows == cap) {
			size_t ncap = cap ? cap * 2 : 128;
			if (ncap > CAL_MAX_ROWS)
				ncap = CAL_MAX_ROWS;
			struct pending *grown = yq_realloc(rows, ncap * sizeof *rows);
			if (!grown) {
				set_err(err, errlen, "out of memory");
				goto out_free_rows;
			}
			rows = grown;
			cap = ncap;
		}
		if (parse_line(s, len, line_no, &rows[n_rows], err, errlen) < 0)
			goto out_free_rows;
		n_rows++;
	}
	if (n_rows > 1)
		qsort(rows, n_rows, sizeof *rows, compare_pending);
	/* Report the first line, in file order, that repeats an earlier line's date. */
	size_t dup = n_rows;
	for (size_t i = 1; i < n_rows; i++)
		if (rows[i].row.day == rows[i - 1].row.day &&
		    (dup == n_rows || rows[i].line < rows[dup].line))
			dup = i;
	if (dup < n_rows) {
		/* The earlier line is the start of the run of rows with this date. */
		size_t first = dup - 1;
		while (first > 0 && rows[first - 1].row.day == rows[dup].row.day)
			first--;
		set_err(err, errlen, "line %lu: date %s already listed on line %lu", rows[dup].line,
		        rows[dup].row.pub.date, rows[first].line);
		goto out_free_rows;
	}
	*out = rows;
	*n_out = n_rows;
	return 0;
out_free_rows:
	yq_free(rows);
	return -1;
}

int calendar_load_csv(struct calendar *cal, const char *csv, size_t n, char *err, size_t errlen)
{
	struct pending *add;
	size_t n_add;
	if (err && errlen > 0)
		err[0] = '\0';
	if (!cal || !csv) {
		set_err(err, errlen, "no calendar or no input");
		return -1;
	}
	if (parse_csv(csv, n, &add, &n_add, err, errlen) < 0)
		return -1;
	/* Merge the old table and the new rows, a new row replacing an old one of the same date. */
	int rc = -1;
	size_t cap = cal->n_rows + n_add;
	struct row *merged = yq_malloc((cap ? cap : 1) * sizeof *merged);
	if (!merged) {
		set_err(err, errlen, "out of memory");
		goto out_free_add;
	}
	size_t i = 0, j = 0, k = 0;
	while (i < cal->n_rows || j < n_add) {
		if (j == n_add || (i < cal->n_rows && cal->rows[i].day < add[j].row.day)) {
			merged[k++] = cal->rows[i++];
		} else {
			if (i < cal->n_rows && cal->rows[i].day == add[j].row.day)
				i++;
			merged[k++] = add[j++].row;
		}
	}
	if (k > CAL_MAX_ROWS) {
		set_err(err, errlen, "the calendar would hold more than %d dates", CAL_MAX_ROWS);
		yq_free(merged);
		goto out_free_add;
	}
	yq_free(cal->rows);
	cal->rows = merged;
	cal->n_rows = k;
	cal->cap_rows = cap;
	rebuild_sums(cal);
	rc = 0;
out_free_add:
	yq_free(add);
	return rc;
}

int calendar_set(struct calendar *cal, const char *date, enum cal_kind kind, const char *name)
{
	int32_t day;
	const char *why;
	if (!cal || parse_date_str(date, &day) < 0 || !cal_kind_name(kind))
		return -1;
	if (kind == CAL_WORKDAY && !is_weekend(day))
		return -1;
	if (!name)
		name = "";
	size_t len = strnlen(name, CAL_NAME_MAX);
	if (check_name(name, len, &why) < 0)
		return -1;
	size_t i = lower_bound(cal, day);
	if (i < cal->n_rows && cal->rows[i].day == day) {
		fill_row(&cal->rows[i], day, kind, name, len);
		rebuild_sums(cal);
		return 0;
	}
	if (cal->n_rows >= CAL_MAX_ROWS)
		return -1;
	if (cal->n_rows == cal->cap_rows) {
		size_t ncap = cal->cap_rows ? cal->cap_rows * 2 : 64;
		if (ncap > CAL_MAX_ROWS)
			ncap = CAL_MAX_ROWS;
		struct row *grown = yq_realloc(cal->rows, ncap * sizeof *grown);
		if (!grown)
			return -1;
		cal->rows = grown;
		cal->cap_rows = ncap;
	}
	memmove(&cal->rows[i + 1], &cal->rows[i], (cal->n_rows - i) * sizeof *cal->rows);
	fill_row(&cal->rows[i], day, kind, name, len);
	cal->n_rows++;
	rebuild_sums(cal);
	return 0;
}

size_t calendar_count(const struct calendar *cal)
{
	return cal ? cal->n_rows : 0;
}

const struct cal_day *calendar_at(const struct calendar *cal, size_t i)
{
	if (!cal || i >= cal->n_rows)
		return NULL;
	return &cal->rows[i].pub;
}

int calendar_set_office_hours(struct calendar *cal, const struct cal_period *periods, size_t n)
{
	if (!cal || !periods || n == 0 || n > CAL_MAX_PERIODS)
		return -1;
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cal_period *p = &periods[i];
		if (p->open < 0 || p->open >= p->close || p->close > DAY_SECONDS)
			return -1;
		if (i > 0 && periods[i - 1].close > p->open)
			return -1;
		total += p->close - p->open;
	}
	memcpy(cal->periods, periods, n * sizeof *periods);
	cal->n_periods = n;
	cal->day_office = total;
	return 0;
}

size_t calendar_office_hours(const struct calendar *cal, struct cal_period *periods)
{
	if (!cal || !periods)
		return 0;
	memcpy(periods, cal->periods, cal->n_periods * sizeof *periods);
	return cal->n_periods;
}

int calendar_is_workday(const struct calendar *cal, const char *date)
{
	int32_t day;
	if (!cal || parse_date_str(date, &day) < 0)
		return -1;
	return is_work_day(cal, day);
}

int calendar_add_workdays(const struct calendar *cal, const char *date, int n, char out[11])
{
	int32_t day;
	out[0] = '\0';
	if (!cal || n < 0 || parse_date_str(date, &day) < 0)
		return -1;
	if (n == 0 && is_work_day(cal, day)) {
		format_date(day, out);
		return 0;
	}
	int64_t k = workdays_before(cal, (int64_t)day + 1) + (n == 0 ? 1 : n);
	int64_t found = nth_workday(cal, k, (int64_t)day + 1);
	if (found < 0)
		return -1;
	format_date(found, out);
	return 0;
}

int calendar_workdays_between(const struct calendar *cal, const char *from, const char *to)
{
	int32_t a, b;
	if (!cal || parse_date_str(from, &a) < 0 || parse_date_str(to, &b) < 0)
		return -1;
	if (b <= a)
		return 0;
	return (int)(workdays_before(cal, (int64_t)b + 1) - workdays_before(cal, (int64_t)a + 1));
}

/* The instant at which the office-time counter from local midnight of 1970-01-01 shows
 * `total`. With at_open, the instant the clock runs on from there (an opening, when `total` falls
 * on a boundary between periods or days); else the earliest instant it reaches `total` (a
 * closing, on a boundary; total must then be > 0). Searches from day `lo`. Returns -1 after
 * 9999-12-31. */
static int64_t instant_of_total(const struct calendar *cal, int64_t total, int at_open, int64_t lo)
{
	int64_t k, r;
	if (at_open) {
		k = total / cal->day_office + 1;
		r = total % cal->day_office; /* [0, day_office) */
	} else {
		k = (total - 1) / cal->day_office + 1;
		r = total - (k - 1) * cal->day_office; /* (0, day_office] */
	}
	int64_t day = nth_workday(cal, k, lo);
	if (day < 0)
		return -1;
	for (size_t i = 0; i < cal->n_periods; i++) {
		const struct cal_period *p = &cal->periods[i];
		int64_t len = p->close - p->open;
		if (at_open ? r < len : r <= len)
			return day * DAY_SECONDS + p->open + r - UTC_OFFSET;
		r -= len;
	}
	return -1; /* not reached: r is less than (or at most) day_office */
}

int64_t calendar_add_work_seconds(const struct calendar *cal, int64_t start, int64_t seconds)
{
	if (!cal || !valid_instant(start) || seconds < 0)
		return -1;
	int64_t done = office_before_instant(cal, start);
	if (seconds > office_before_instant(cal, MAX_INSTANT) - done)
		return -1;
	int64_t first_day = (start + UTC_OFFSET) / DAY_SECONDS;
	return instant_of_total(cal, done + seconds, seconds == 0, first_day);
}

int64_t calendar_work_seconds_between(const struct calendar *cal, int64_t a, int64_t b)
{
	if (!cal || !valid_instant(a) || !valid_instant(b))
		return -1;
	if (b <= a)
		return 0;
	return office_before_instant(cal, b) - office_before_instant(cal, a);
}

int64_t calendar_deadline_days(const struct calendar *cal, int64_t start, int days)
{
	if (!cal || !valid_instant(start) || days < 0)
		return -1;
	int64_t day0 = (start + UTC_OFFSET) / DAY_SECONDS;
	if (day0 > MAX_DAY)
		return -1;
	int64_t day;
	if (days == 0 && is_work_day(cal, day0)) {
		day = day0;
	} else {
		int64_t k = workdays_before(cal, day0 + 1) + (days == 0 ? 1 : days);
		day = nth_workday(cal, k, day0 + 1);
		if (day < 0)
			return -1;
	}
	int close = cal->periods[cal->n_periods - 1].close;
	return day * DAY_SECONDS + close - UTC_OFFSET;
}

int64_t calendar_day_of(int64_t t)
{
	int64_t x = t + UTC_OFFSET;
	return x >= 0 ? x / 86400 : -((-x + 86399) / 86400);
}

void calendar_format_day(int64_t z, char out[11])
{
	format_date(z, out);
}

int64_t calendar_month_start(int64_t z)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return days_from_civil(y, m, 1);
}

int64_t calendar_year_start(int64_t z)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return days_from_civil(y, 1, 1);
}

int64_t calendar_next_month(int64_t z)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
}

int64_t calendar_next_year(int64_t z)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return days_from_civil(y + 1, 1, 1);
}

/* FNV-1a over the bytes of v, little end first. */
static uint64_t fnv_add(uint64_t h, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t calendar_fingerprint(const struct calendar *cal)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < cal->n_rows; i++) {
		h = fnv_add(h, (uint32_t)cal->rows[i].day, 4);
		h = fnv_add(h, (uint64_t)cal->rows[i].pub.kind, 1);
	}
	h = fnv_add(h, 0xffffffffu, 4); /* the table's end: no day is that large */
	for (size_t i = 0; i < cal->n_periods; i++) {
		h = fnv_add(h, (uint32_t)cal->periods[i].open, 4);
		h = fnv_add(h, (uint32_t)cal->periods[i].close, 4);
	}
	return h;
}
