/* HTTP handler of the project import (see project_import_api.h). */
#include "project/project_import_api.h"
#include "http/import_http.h"
#include "project/project_io.h"

int h_proj_import(struct req *r, struct yq_err *e)
{
	return import_handle(r, proj_import, e);
}
