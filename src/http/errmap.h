/* The one table from domain error codes to HTTP status and JSON error code. */
#ifndef YQ_HTTP_ERRMAP_H
#define YQ_HTTP_ERRMAP_H
#include "lib/err.h"

struct errmap_entry {
	int status;
	const char *code;
};

/* The entry for `code` (ERR_INTERNAL's for unknown codes). */
const struct errmap_entry *errmap_get(enum err_code code);

#endif
