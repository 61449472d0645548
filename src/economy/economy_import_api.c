/* HTTP handler of the economy's import (see economy_import_api.h). */
#include "economy/economy_import_api.h"
#include "economy/economy_import.h"
#include "economy/economy_remind.h"
#include "http/import_http.h"
#include "lib/jsonw.h"
#include <jansson.h>

int h_econ_import(struct req *r, struct yq_err *e)
{
	return import_handle(r, econ_import, e);
}

int h_econ_remind(struct req *r, struct yq_err *e)
{
	const char *period;
	struct econ_reminded out;
	json_t *o = req_json(r, e);
	if (!o || json_str(r, o, "period", 1, 7, &period, e) < 0 ||
	    econ_remind(req_pool(r), &r->who, period, &out, e) < 0)
		return -1;
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kstr(&w, "period", period);
	jw_kint(&w, "enterprises", out.enterprises);
	jw_kint(&w, "cadres", out.cadres);
	jw_obj_close(&w);
	return 0;
}
