/* HTTP handler of the weekly bulletin (see project_bulletin_api.h). */
#include "project/project_bulletin_api.h"
#include "project/project_bulletin.h"
#include "http/answer.h"
#include "lib/arena.h"

int h_proj_bulletin(struct req *r, struct yq_err *e)
{
	int html;
	if (req_doc_format(r, 0, &html, e) < 0)
		return -1;
	struct proj_bulletin b;
	struct db *c = req_db(r, e);
	if (!c || proj_bulletin(c, &r->who, req_query(r, "week"), &r->arena, &b, e) < 0)
		return -1;
	if (html)
		return answer_html(r, proj_bulletin_html(&b, &r->out), "通报生成失败",
		                   "cannot render the bulletin", e);
	unsigned char *pdf;
	size_t len;
	char err[256];
	int rc = proj_bulletin_pdf(&b, NULL, &pdf, &len, err, sizeof err);
	return answer_pdf(r, rc, pdf, len, err, "通报生成失败",
	                  arena_printf(&r->arena, "项目建设每周通报-%s.pdf", b.week), e);
}
