/* HTTP handlers of the attachments of work items, shared by every kind: each kind's routes
 * (/api/tickets/:id/attachments …) name these handlers with their struct work_kind as the
 * route's arg. The item's id is the path's first parameter, the attachment's the second. */
#ifndef YQ_WORK_ATTACHMENT_API_H
#define YQ_WORK_ATTACHMENT_API_H
#include "http/http.h"

struct attachment;
struct work_kind;

/* GET …/:id/attachments: {"items":[…]}. */
route_handler h_attachment_list;
/* POST …/:id/attachments: multipart/form-data, one file in the field "file". */
route_handler h_attachment_upload;
/* GET …/:id/attachments/:aid: the bytes, as a download. */
route_handler h_attachment_download;
/* DELETE …/:id/attachments/:aid: the uploader, while the item is not closed. */
route_handler h_attachment_delete;
/* Answers the file of the content-addressed store under the data directory with SHA-256 `sha`
 * as a download named `name` of type `type`; ERR_INTERNAL when it is missing or not `size`
 * bytes long (an attachment, a scheduled bulletin's PDF). */
int attachment_send_stored(struct req *r, const char *sha, int64_t size, const char *type,
                           const char *name, struct yq_err *e);
/* Writes the attachments of item `id`, which the caller has loaded with its scope, as a JSON
 * array (for GET /api/tickets/:id). */
int attachment_json_list(struct req *r, struct jsonw *w, const struct work_kind *kind, int64_t id,
                         struct yq_err *e);

#endif
