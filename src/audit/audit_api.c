/* HTTP handlers for the audit and login logs (see audit_api.h). */
#include "audit/audit_api.h"
#include "audit/audit.h"
#include "lib/util.h"
#include <string.h>
#include <time.h>

/* Parses a "from"/"to" query argument: YYYY-MM-DD (UTC midnight) or unix seconds. */
static int query_time(struct req *r, const char *key, int end_of_day, int64_t *out,
                      struct yq_err *e)
{
	const char *v = req_query(r, key);
	*out = 0;
	if (!v || !*v)
		return 0;
	if (valid_date(v)) {
		struct tm tm = {0};
		tm.tm_year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 +
		             (v[3] - '0') - 1900;
		tm.tm_mon = (v[5] - '0') * 10 + (v[6] - '0') - 1;
		tm.tm_mday = (v[8] - '0') * 10 + (v[9] - '0');
		*out = (int64_t)timegm(&tm) + (end_of_day ? 86400 : 0);
		return 0;
	}
	if (parse_int64(v, 0, INT64_MAX / 2, out) < 0)
		return err_set(e, ERR_VALIDATION, key, "日期格式应为 YYYY-MM-DD",
		               "date must be YYYY-MM-DD");
	return 0;
}

static const char *opt(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* An audit row as answered: its table, then the changes as an object ("{}" when none). */
static void audit_changes_json(struct jsonw *w, const void *obj)
{
	const struct audit_row *row = obj;
	jw_key(w, "changes");
	jw_raw(w, row->changes && row->changes[0] == '{' ? row->changes : "{}");
}

/* How each log's rows are answered (enum audit_log). */
static const struct entity_out LOG_OUT[] = {{&ENTITY_AUDIT_ROW, 0, audit_changes_json},
                                            {&ENTITY_LOGIN_ROW, 0, NULL}};

static void row_json(void *l, const void *row)
{
	resp_list_row(l, row);
}

/* Answers one page of log `log`. */
static int answer_page(struct req *r, struct db *c, enum audit_log log,
                       const struct audit_filter *f, struct yq_err *e)
{
	struct entity_list l;
	int64_t total = 0;
	resp_list_open(r, &l, &LOG_OUT[log]);
	int rc = audit_page(c, &r->who, log, f, row_json, &l, &total);
	return resp_list_close(&l, rc, total, f->page, f->page_size, e);
}

static int common_filter(struct req *r, struct audit_filter *f, struct yq_err *e)
{
	memset(f, 0, sizeof *f);
	f->success = -1;
	if (req_page(r, &f->page, &f->page_size, e) < 0 ||
	    query_time(r, "from", 0, &f->from, e) < 0 || query_time(r, "to", 1, &f->to, e) < 0)
		return -1;
	f->username = opt(r, "user");
	if (!f->username)
		f->username = opt(r, "username");
	return 0;
}

int h_audit_list(struct req *r, struct yq_err *e)
{
	struct audit_filter f;
	struct db *c = req_db(r, e);
	if (!c || common_filter(r, &f, e) < 0)
		return -1;
	f.action = opt(r, "action");
	f.obj_type = opt(r, "obj_type");
	f.obj_id = opt(r, "obj_id");
	return answer_page(r, c, AUDIT_LOG_CHANGES, &f, e);
}

int h_logins_list(struct req *r, struct yq_err *e)
{
	struct audit_filter f;
	struct db *c = req_db(r, e);
	if (!c || common_filter(r, &f, e) < 0)
		return -1;
	const char *s = opt(r, "success");
	if (s)
		f.success = strcmp(s, "1") == 0 || strcmp(s, "true") == 0;
	return answer_page(r, c, AUDIT_LOG_LOGINS, &f, e);
}
