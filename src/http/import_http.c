/* The upload and the answer of the import routes (see import_http.h). */
#include "http/import_http.h"
#include "lib/arena.h"
#include "lib/jsonw.h"
#include "lib/multipart.h"
#include <string.h>

static int flag_query(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* import_opts.cancelled: the server is stopping and its grace is over. */
static int import_cancelled(void *ctx)
{
	return req_cancelled(ctx);
}

static void errors_json(struct req *r, struct jsonw *w, const char *key,
                        const struct import_error *list, size_t n)
{
	jw_key(w, key);
	jw_arr_open(w);
	for (size_t i = 0; i < n; i++) {
		const struct import_error *x = &list[i];
		jw_obj_open(w);
		jw_kint(w, "row", (int64_t)x->row);
		jw_kstr(w, "column", x->column);
		jw_kstr(w, "value", x->value);
		jw_kstr(w, "reason", req_msg(r, x->reason, x->reason_en));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void report_json(struct req *r, const struct import_report *rep, int dry_run)
{
	struct jsonw w;
	resp_obj_open(r, 200, &w);
	jw_kint(&w, "total", rep->total + rep->invalid);
	jw_kint(&w, "valid", rep->valid);
	jw_kint(&w, "invalid", rep->invalid);
	jw_kint(&w, "created", rep->created);
	jw_kint(&w, "updated", rep->updated);
	jw_kint(&w, "unchanged", rep->unchanged);
	jw_kbool(&w, "written", rep->written);
	jw_kbool(&w, "dry_run", dry_run);
	jw_kstr(&w, "encoding", rep->encoding);
	errors_json(r, &w, "errors", rep->errors, rep->n_errors);
	jw_kint(&w, "warned", rep->warned);
	errors_json(r, &w, "warnings", rep->warnings, rep->n_warnings);
	jw_obj_close(&w);
}

int import_handle(struct req *r, import_fn fn, struct yq_err *e)
{
	const char *data = r->body.buf;
	size_t len = r->body.len;
	char boundary[72], filename[256];
	const char *ct = req_header(r, "Content-Type");
	if (multipart_boundary(ct, boundary) == 0) {
		if (multipart_find(r->body.buf, r->body.len, boundary, "file", &data, &len,
		                   filename, sizeof filename) < 0)
			return err_set(e, ERR_VALIDATION, "file", "请上传文件（表单字段 file）",
			               "upload the file in the form field 'file'");
	}
	if (!data || len == 0)
		return err_set(e, ERR_VALIDATION, "file", "文件为空", "the file is empty");
	struct import_opts o = {.dry_run = flag_query(r, "dry_run"),
	                        .skip_invalid = flag_query(r, "skip_invalid"),
	                        .cancelled = import_cancelled,
	                        .cancel_ctx = r,
	                        .period = req_query(r, "period")};
	struct import_report rep;
	if (fn(req_pool(r), &r->who, NULL, data, len, &o, &rep, e) < 0) {
		/* a message naming a row lives in the report: keep it for the response */
		if (e->message == rep.message)
			e->message = arena_strdup(&r->arena, rep.message);
		if (e->message_en == rep.message_en)
			e->message_en = arena_strdup(&r->arena, rep.message_en);
		import_report_release(&rep); /* rows read before the failure may hold errors */
		return -1;
	}
	report_json(r, &rep, o.dry_run);
	import_report_release(&rep);
	return 0;
}
