/* HTTP handlers of request attachments (/api/tickets/:id/attachments). */
#ifndef YQ_WORK_ATTACHMENT_API_H
#define YQ_WORK_ATTACHMENT_API_H
#include "http/http.h"

struct attachment;

/* GET /api/tickets/:id/attachments: {"items":[…]}. */
int h_attachment_list(struct req *r, struct yq_err *e);
/* POST /api/tickets/:id/attachments: multipart/form-data, one file in the field "file". */
int h_attachment_upload(struct req *r, struct yq_err *e);
/* GET /api/tickets/:id/attachments/:aid: the bytes, as a download. */
int h_attachment_download(struct req *r, struct yq_err *e);
/* DELETE /api/tickets/:id/attachments/:aid: the uploader, while the request is open. */
int h_attachment_delete(struct req *r, struct yq_err *e);
/* Writes the attachments of request `id` as a JSON array (for GET /api/tickets/:id). */
int attachment_json_list(struct req *r, struct jsonw *w, int64_t id, struct yq_err *e);

#endif
