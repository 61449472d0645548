/* 经济运行: reminders of the monthly reports. Enterprises that must report a month and have not
 * (or were returned, econ_missing) are notified, their accounts and their 包保 leader and liaison
 * (in the cadre's department list): by the 经发局 on demand (催报, audited "remind"), and by the
 * server's maintenance thread once per month and event: "econ_due" from two days before the
 * deadline, "econ_late" in the ten days after it. Notifications are of kind "econ_month" (the
 * enterprise as `econ_enterprise_id`, the month as `econ_period`). */
#ifndef YQ_ECONOMY_ECONOMY_REMIND_H
#define YQ_ECONOMY_ECONOMY_REMIND_H
#include <stdint.h>
#include "lib/err.h"

struct db_pool;
struct principal;
struct work_kind;

extern const struct work_kind econ_kind;

struct econ_reminded {
	int64_t enterprises; /* enterprises reminded */
	int64_t cadres;      /* notifications to their 包保 cadres */
};
/* The 经发局's 催报 of month `period` in the caller's scope. 0, or -1 with e set (a month not
 * ended: ERR_VALIDATION on "period"). */
int econ_remind(struct db_pool *pool, const struct principal *p, const char *period,
                struct econ_reminded *out, struct yq_err *e);
/* The maintenance thread's reminders of last month, every zone (at most once an hour): how many
 * enterprises were reminded, or -1. */
int econ_remind_due(struct db_pool *pool, int64_t now);

#endif
