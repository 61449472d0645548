/* Answers every module's handlers share, with nothing of the work services: one object read or
 * changed by the path's id, and a JSON list written before the object that carries it. */
#ifndef YQ_HTTP_ANSWER_H
#define YQ_HTTP_ANSWER_H
#include "http/http.h"
#include "lib/strbuf.h"

/* How a module answers one of its objects, `id`, with `status` (200 after a read or a change,
 * 201 after a creation): the object as the caller reads it. Returns 0, or -1 with e set. */
typedef int item_answer_fn(struct req *r, int status, int64_t id, struct yq_err *e);
/* GET …/:id: the object of the path's first id as fn answers it, 200 (404 when it is no id). */
int item_answer_get(struct req *r, item_answer_fn *fn, struct yq_err *e);
/* POST …/:id/<action>: the change `write` makes to the object of the path's first id
 * (req_id_write), then the object as `answer` answers it, 200. */
int item_answer_write(struct req *r, id_write_fn *write, item_answer_fn *answer, struct yq_err *e);

/* A JSON array written into a buffer of its own: open it, write its items with w, close it;
 * then jw_raw(&answer, b.buf.buf) puts it into the answer, and strbuf_release(&b.buf) frees it. */
struct items_buf {
	struct strbuf buf;
	struct jsonw w;
};
void items_buf_open(struct items_buf *b);
/* Closes the array after a read that returned rc: rc, or -1 with e set when it is 0 but the
 * buffer ran out of memory. */
int items_buf_close(struct items_buf *b, int rc, struct yq_err *e);

/* The query's "format" of a document: *html 1 for "html", 0 for "pdf", def when it is absent or
 * empty. 0, or -1 with ERR_VALIDATION on "format" for another. */
int req_doc_format(struct req *r, int def, int *html, struct yq_err *e);
/* A document the handler rendered (简报, 通报), rc the renderer's result: the HTML it wrote into
 * r->out, 200 text/html; or, when rc < 0, ERR_INTERNAL with fail_zh ("…生成失败") and fail_en. */
int answer_html(struct req *r, int rc, const char *fail_zh, const char *fail_en, struct yq_err *e);
/* The same for a PDF: pdf[0..len) (malloc'd, taken over) as the download `name`; or, when rc < 0,
 * ERR_INTERNAL with fail_zh and the renderer's message err. */
int answer_pdf(struct req *r, int rc, unsigned char *pdf, size_t len, const char *err,
               const char *fail_zh, const char *name, struct yq_err *e);

#endif
