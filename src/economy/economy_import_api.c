/* HTTP handler of the economy's import (see economy_import_api.h). */
#include "economy/economy_import_api.h"
#include "economy/economy_import.h"
#include "http/import_http.h"

int h_econ_import(struct req *r, struct yq_err *e)
{
	return import_handle(r, econ_import, e);
}
