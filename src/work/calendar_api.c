/* HTTP handlers of the holiday calendar (see calendar_api.h): decode, call, encode. */
#include "work/calendar_api.h"
#include "work/calendar.h"
#include "work/calendar_store.h"

int h_holidays(struct req *r, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	struct calendar *cal;
	if (!c)
		return -1;
	int rc = work_calendar(c, &cal);
	if (rc < 0)
		return err_db(e, rc);
	struct jsonw w;
	resp_items_open(r, &w);
	for (size_t i = 0; i < calendar_count(cal); i++) {
		const struct cal_day *d = calendar_at(cal, i);
		jw_obj_open(&w);
		jw_kstr(&w, "date", d->date);
		jw_kstr(&w, "kind", cal_kind_name(d->kind));
		jw_kstr(&w, "name", d->name);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	calendar_free(cal);
	return 0;
}

int h_holiday_set(struct req *r, struct yq_err *e)
{
	const char *date, *kind, *name;
	json_t *j = req_json(r, e);
	if (!j || json_str(r, j, "date", 1, 10, &date, e) < 0 ||
	    json_str(r, j, "kind", 1, 16, &kind, e) < 0 ||
	    json_str(r, j, "name", 0, 30, &name, e) < 0 ||
	    work_holiday_set(req_pool(r), &r->who, date, kind, name, e) < 0)
		return -1;
	return resp_empty(r, 204);
}
