/* The OpenAPI 3.1 description of the API, generated from the route table (src/app/routes.c)
 * and the field tables of the entities the routes name (lib/field.h): `yuanqu openapi` and
 * GET /api/openapi.json. Nothing in it is written by hand, so it cannot drift from the code. */
#ifndef YQ_HTTP_OPENAPI_H
#define YQ_HTTP_OPENAPI_H
#include "lib/strbuf.h"

struct jsonw;
/* Writes the document into sb; `version` is the program's. Returns 0, -1 when sb failed. */
int openapi_write(struct strbuf *sb, const char *version);

#endif
