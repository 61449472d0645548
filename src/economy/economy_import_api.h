/* HTTP handlers of the economy's import (POST /api/economy/import?period=YYYY-MM, a statistics
 * sheet of the month, economy_import.h) and reminders (economy_remind.h). */
#ifndef YQ_ECONOMY_ECONOMY_IMPORT_API_H
#define YQ_ECONOMY_ECONOMY_IMPORT_API_H
#include "http/http.h"

int h_econ_import(struct req *r, struct yq_err *e);
/* POST /api/economy/reminders {"period"}: the 经发局's 催报 → {"period","enterprises","cadres"}. */
int h_econ_remind(struct req *r, struct yq_err *e);

#endif
