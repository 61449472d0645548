/* Logging to stderr, one line per event: "2026-11-23T10:00:00Z LEVEL message". The level is set
 * once at start (YUANQU_LOG: error, warn, info, debug). Thread-safe. */
#ifndef YQ_LIB_LOG_H
#define YQ_LIB_LOG_H

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Sets the level from a name; -1 if the name is unknown. */
int log_set_level_name(const char *name);
void log_set_level(enum log_level l);
int log_enabled(enum log_level l);
void log_msg(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Logs an error and returns -1, for `return error("...")`. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
