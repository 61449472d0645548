/* Text cleaning and formats shared by the PDF and HTML renderers (see report.h). */
#include "report/report.h"
#include "lib/utf8.h"
#include "lib/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

char *report_clean_text(const char *s, char *out, size_t n)
{
	static const char repl[] = "\xEF\xBF\xBD";     /* U+FFFD */
	static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
	if (!out || n == 0)
		return out;
	size_t cap = n - 1 < REPORT_MAX_CELL_BYTES ? n - 1 : REPORT_MAX_CELL_BYTES;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		char tmp[4];
		const char *add = tmp;
		size_t add_len;
		uint32_t cp;
		int len = utf8_decode(p, strnlen((const char *)p, 4), &cp);
		if (len < 0) {
			add = repl, add_len = 3, len = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
		           cp == 0x2029) {
			tmp[0] = ' ', add_len = 1;
		} else {
			memcpy(tmp, p, (size_t)len), add_len = (size_t)len;
		}
		if (o + add_len > cap) {
			/* Cut: drop whole characters until "…" fits, then add it. */
			while (o > 0 && o + 3 > cap) {
				do
					o--;
				while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80);
			}
			if (o + 3 <= cap) {
				memcpy(out + o, ellipsis, 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, add, add_len);
		o += add_len;
		p += len;
	}
	out[o] = 0;
	return out;
}

void report_format_rate(double rate, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (!(rate >= 0.0) || rate > 1.0005)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%.1f%%", rate * 100.0);
}

void report_format_count(long v, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (v < 0)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%ld", v);
}

void report_format_date(const char *ymd, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	if (ymd && valid_date(ymd)) {
		int y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 +
		        (ymd[3] - '0');
		int m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
		int d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
		snprintf(buf, n, "%d年%d月%d日", y, m, d);
		return;
	}
	report_clean_text(ymd, buf, n);
}

const char *report_ordinal(int n)
{
	static const char *const ordinals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
	return ordinals[(size_t)n % (sizeof ordinals / sizeof ordinals[0])];
}

size_t report_rows_shown(const struct report_table *t)
{
	return t->max_rows && t->n_rows > t->max_rows ? t->max_rows : t->n_rows;
}

int report_fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

struct report_table report_table_of(const char *title, const struct report_column *cols,
                                    size_t n_cols, const void *rows, size_t n_rows,
                                    report_cell_fn cell, size_t max_rows)
{
	return (struct report_table){.title = title,
	                             .cols = cols,
	                             .n_cols = n_cols,
	                             .rows = rows,
	                             .n_rows = n_rows,
	                             .cell = cell,
	                             .max_rows = max_rows};
}
