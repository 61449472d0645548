/* HTTP handler of the project import: POST /api/projects/import?dry_run=1&skip_invalid=1 with
 * the 调度表 in the multipart field "file" (project_io.h), answered with the enterprise import's
 * row report (http/import_http.h). */
#ifndef YQ_PROJECT_PROJECT_IMPORT_API_H
#define YQ_PROJECT_PROJECT_IMPORT_API_H
#include "http/http.h"

route_handler h_proj_import;

#endif
