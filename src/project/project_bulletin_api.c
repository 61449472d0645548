/* HTTP handler of the weekly bulletin (see project_bulletin_api.h). */
#include "project/project_bulletin_api.h"
#include "project/project_bulletin.h"
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
	if (html) {
		r->status = 200;
		r->content_type = "text/html; charset=utf-8";
		if (proj_bulletin_html(&b, &r->out) < 0)
			return err_set(e, ERR_INTERNAL, NULL, "通报生成失败",
			               "cannot render the bulletin");
		return 0;
	}
	unsigned char *pdf;
	size_t len;
	char err[256];
	if (proj_bulletin_pdf_mem(&b, &pdf, &len, err, sizeof err) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "通报生成失败", arena_strdup(&r->arena, err));
	const char *name = arena_printf(&r->arena, "项目建设每周通报-%s.pdf", b.week);
	if (resp_download(r, (char *)pdf, len, "application/pdf", name) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	return 0;
}
