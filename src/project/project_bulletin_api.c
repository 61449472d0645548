/* HTTP handler of the weekly bulletin (see project_bulletin_api.h). */
#include "project/project_bulletin_api.h"
#include "project/project_bulletin.h"
#include "http/answer.h"
#include "lib/arena.h"
#include <stdlib.h>
#include <string.h>

int h_proj_bulletin(struct req *r, struct yq_err *e)
{
	const char *format = req_query(r, "format");
	int html = format && strcmp(format, "html") == 0;
	if (format && *format && !html && strcmp(format, "pdf") != 0)
		return err_set(e, ERR_VALIDATION, "format", "格式应为 pdf 或 html",
		               "format must be pdf or html");
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
