/* Answers every module's handlers share (see answer.h). */
#include "http/answer.h"
#include "lib/arena.h"
#include <string.h>

int item_answer_get(struct req *r, item_answer_fn *fn, struct yq_err *e)
{
	int64_t id;
	return req_id(r, 0, &id, e) < 0 ? -1 : fn(r, 200, id, e);
}

int item_answer_write(struct req *r, id_write_fn *write, item_answer_fn *answer, struct yq_err *e)
{
	int64_t id;
	return req_id_write(r, write, &id, e) < 0 ? -1 : answer(r, 200, id, e);
}

void items_buf_open(struct items_buf *b)
{
	strbuf_init(&b->buf, HTTP_JSON_MAX);
	jw_init(&b->w, &b->buf);
	jw_arr_open(&b->w);
}

int items_buf_close(struct items_buf *b, int rc, struct yq_err *e)
{
	jw_arr_close(&b->w);
	if (rc == 0 && b->buf.failed)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	return rc;
}

int req_doc_format(struct req *r, int def, int *html, struct yq_err *e)
{
	const char *v = req_query(r, "format");
	*html = def;
	if (!v || !*v)
		return 0;
	if (strcmp(v, "html") == 0 || strcmp(v, "pdf") == 0) {
		*html = v[0] == 'h';
		return 0;
	}
	return err_set(e, ERR_VALIDATION, "format", "格式应为 pdf 或 html",
	               "format must be pdf or html");
}

int answer_html(struct req *r, int rc, const char *fail_zh, const char *fail_en, struct yq_err *e)
{
	if (rc < 0)
		return err_set(e, ERR_INTERNAL, NULL, fail_zh, fail_en);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

int answer_pdf(struct req *r, int rc, unsigned char *pdf, size_t len, const char *err,
               const char *fail_zh, const char *name, struct yq_err *e)
{
	if (rc < 0)
		return err_set(e, ERR_INTERNAL, NULL, fail_zh, arena_strdup(&r->arena, err));
	if (resp_download(r, (char *)pdf, len, "application/pdf", name) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	return 0;
}
