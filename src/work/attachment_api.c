/* HTTP handlers of the attachments of work items (see attachment_api.h): decode, call,
 * encode. */
#include "work/attachment_api.h"
#include "http/routes.h"
#include "lib/multipart.h"
#include "work/attachment.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct list_ctx {
	struct req *r;
	struct jsonw *w;
	const struct work_kind *kind;
};

/* The kind of the route's items (its arg). */
static const struct work_kind *route_kind(struct req *r)
{
	return r->route->arg;
}

static void attachment_json(struct req *r, struct jsonw *w, const struct work_kind *kind,
                            const struct attachment *a)
{
	jw_obj_open(w);
	jw_kint(w, "id", a->id);
	jw_kint(w, kind->id_key, a->ref_id);
	jw_kstr(w, "name", a->name);
	jw_kstr(w, "content_type", a->content_type);
	jw_kint(w, "size", a->size);
	jw_kstr(w, "sha256", a->sha256);
	jw_kint_or_null(w, "uploaded_by", a->uploaded_by);
	jw_kstr(w, "uploader_name", a->uploader_name);
	jw_kbool(w, "mine", r->who.user_id && a->uploaded_by == r->who.user_id);
	jw_kstr(w, "created_at", req_time(r, a->created_at));
	jw_obj_close(w);
}

static void list_row(void *p, const struct attachment *a)
{
	struct list_ctx *c = p;
	attachment_json(c->r, c->w, c->kind, a);
}

int attachment_json_list(struct req *r, struct jsonw *w, const struct work_kind *kind, int64_t id,
                         struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct list_ctx ctx = {r, w, kind};
	jw_arr_open(w);
	int rc = attachment_list_rows(c, &r->who, kind, id, list_row, &ctx, e);
	jw_arr_close(w);
	return rc;
}

int h_attachment_list(struct req *r, struct yq_err *e)
{
	int64_t id;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	struct jsonw w;
	resp_items_open(r, &w);
	struct list_ctx ctx = {r, &w, route_kind(r)};
	if (attachment_list(c, &r->who, ctx.kind, id, list_row, &ctx, e) < 0)
		return -1; /* the error response replaces what was written */
	return resp_items_close(r, &w, 0, -1, 0, 0, e);
}

int h_attachment_upload(struct req *r, struct yq_err *e)
{
	int64_t id, aid;
	struct db *c = req_db_id(r, &id, e);
	if (!c)
		return -1;
	/* scope, role, state and count first: nothing is stored for a refused upload */
	const struct work_kind *kind = route_kind(r);
	if (attachment_may_add(c, &r->who, kind, id, e) < 0)
		return -1;
	char boundary[72], raw_name[256], name[256];
	const char *data;
	size_t len;
	if (multipart_boundary(req_header(r, "Content-Type"), boundary) < 0)
		return err_set(e, ERR_MEDIA_TYPE, "file", "请以 multipart/form-data 上传文件",
		               "upload the file as multipart/form-data");
	if (multipart_find(r->body.buf, r->body.len, boundary, "file", &data, &len, raw_name,
	                   sizeof raw_name) < 0)
		return err_set(e, ERR_VALIDATION, "file", "请上传文件（表单字段 file）",
		               "upload the file in the form field 'file'");
	if (len == 0)
		return err_set(e, ERR_VALIDATION, "file", "文件为空", "the file is empty");
	if (len > ATTACHMENT_MAX_BYTES)
		return err_set(e, ERR_TOO_LARGE, "file", "单个附件不能超过20MB",
		               "an attachment must not exceed 20 MiB");
	attachment_name_clean(raw_name, name, sizeof name);
	const char *type = attachment_type(name, (const unsigned char *)data, len, e);
	if (!type)
		return -1;
	char sha[65];
	if (attachment_file_put(req_data_dir(r), data, len, sha, e) < 0 ||
	    attachment_add(req_pool(r), &r->who, kind, id, sha, (int64_t)len, name, type, &aid, e) <
	        0)
		return -1;
	struct attachment a;
	if (attachment_get(req_db(r, e), &r->who, kind, id, aid, &r->arena, &a, e) < 0)
		return -1;
	struct jsonw w;
	resp_json(r, 201, &w);
	attachment_json(r, &w, kind, &a);
	return 0;
}

int h_attachment_download(struct req *r, struct yq_err *e)
{
	int64_t id, aid;
	struct attachment a;
	struct db *c = req_db(r, e);
	if (!c || req_id(r, 0, &id, e) < 0 || req_id(r, 1, &aid, e) < 0 ||
	    attachment_get(c, &r->who, route_kind(r), id, aid, &r->arena, &a, e) < 0)
		return -1;
	return attachment_send_stored(r, a.sha256, a.size, a.content_type, a.name, e);
}

int attachment_send_stored(struct req *r, const char *sha, int64_t size, const char *type,
                           const char *name, struct yq_err *e)
{
	char path[1200];
	attachment_file_path(req_data_dir(r), sha, path, sizeof path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size != size) {
		if (fd >= 0)
			close(fd);
		return err_set(e, ERR_INTERNAL, NULL, "文件缺失", "the stored file is missing");
	}
	if (resp_download_fd(r, fd, (uint64_t)st.st_size, type, name) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "cannot send the file");
	return 0;
}

int h_attachment_delete(struct req *r, struct yq_err *e)
{
	int64_t id, aid;
	if (req_id(r, 0, &id, e) < 0 || req_id(r, 1, &aid, e) < 0 ||
	    attachment_delete(req_pool(r), &r->who, route_kind(r), id, aid, e) < 0)
		return -1;
	return resp_empty(r, 204);
}
