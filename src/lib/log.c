/* Line-oriented logging to stderr (see log.h). */
#include "lib/log.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum log_level current = LOG_INFO;
static const char *names[] = {"error", "warn", "info", "debug"};

int log_set_level_name(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			current = (enum log_level)i;
			return 0;
		}
	return -1;
}

void log_set_level(enum log_level l)
{
	current = l;
}

int log_enabled(enum log_level l)
{
	return l <= current;
}

__attribute__((format(printf, 2, 0))) static void vlog(enum log_level l, const char *fmt,
                                                       va_list ap)
{
	char line[2048];
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	int n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
	n += snprintf(line + n, sizeof line - (size_t)n, "%s ", names[l]);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	size_t len = strnlen(line, sizeof line - 2);
	line[len++] = '\n';
	line[len] = 0;
	fwrite(line, 1, len, stderr); /* one write per line: lines from threads do not interleave */
}

void log_msg(enum log_level l, const char *fmt, ...)
{
	if (l > current)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog(l, fmt, ap);
	va_end(ap);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_ERROR, fmt, ap);
	va_end(ap);
	return -1;
}
