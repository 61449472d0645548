/* Serves the built web console (web/dist): content types, long cache for hashed assets, no
 * cache for index.html, precompressed .gz when the client accepts gzip, and index.html for any
 * other path (history-mode routing). */
#ifndef YQ_HTTP_STATIC_H
#define YQ_HTTP_STATIC_H
#include "http/http.h"

/* Prepares r->file_resp for r->path under web_dir. Returns 0, or -1 when nothing can be served. */
int static_serve(struct req *r, const char *web_dir);

#endif
