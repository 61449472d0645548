/* HTTP handlers of the holiday calendar (/api/holidays). */
#ifndef YQ_WORK_CALENDAR_API_H
#define YQ_WORK_CALENDAR_API_H
#include "http/http.h"

/* GET /api/holidays: {"items":[{"date","kind","name"}…]}, the shipped and the added dates. */
route_handler h_holidays;
/* POST /api/holidays {"date","kind","name"}: adds or replaces one date (204). */
route_handler h_holiday_set;

#endif
