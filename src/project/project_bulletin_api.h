/* HTTP handler of the weekly bulletin (每周通报, project_bulletin.h). */
#ifndef YQ_PROJECT_PROJECT_BULLETIN_API_H
#define YQ_PROJECT_PROJECT_BULLETIN_API_H
#include "http/http.h"

/* GET /api/projects/bulletin?week=YYYY-Www&format=pdf|html: the week's bulletin as an A4 PDF
 * download (the default; "项目建设每周通报-2026-W18.pdf") or as an HTML fragment for the
 * console's preview. week: an ISO week not after the current one (default: the last full
 * week); 400 naming "week" or "format" otherwise. */
route_handler h_proj_bulletin;

#endif
