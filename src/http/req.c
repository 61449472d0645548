/* Request helpers for handlers: parameters, query, JSON body decoding, responses (see http.h). */
#include "http/http.h"
#include "access/disclose.h"
#include "lib/alloc.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct db_pool *req_pool(struct req *r)
{
	return r->pool;
}

const char *req_data_dir(struct req *r)
{
	return r->data_dir;
}

int req_cancelled(struct req *r)
{
	return r->cancel && __atomic_load_n(r->cancel, __ATOMIC_RELAXED);
}

struct db *req_db(struct req *r, struct yq_err *e)
{
	struct db *c = db_pool_reader(req_pool(r));
	if (!c)
		err_db(e, DB_UNAVAILABLE);
	return c;
}

struct db *req_db_id(struct req *r, int64_t *id, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	return c && req_id(r, 0, id, e) == 0 ? c : NULL;
}

const char *req_msg(struct req *r, const char *zh, const char *en)
{
	return r->lang_en && en ? en : zh;
}

int req_id(struct req *r, int i, int64_t *out, struct yq_err *e)
{
	if (i >= r->n_params || parse_int64(r->params[i], 1, INT64_MAX, out) < 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "对象不存在", "no such object");
	return 0;
}

const char *req_query(struct req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int req_query_int(struct req *r, const char *key, int64_t def, int64_t min, int64_t max,
                  int64_t *out, struct yq_err *e)
{
	const char *v = req_query(r, key);
	if (!v || !*v) {
		*out = def;
		return 0;
	}
	if (parse_int64(v, min, max, out) < 0)
		return err_set(e, ERR_VALIDATION, arena_strdup(&r->arena, key), "参数值无效",
		               "invalid value");
	return 0;
}

int req_page(struct req *r, int64_t *page, int64_t *page_size, struct yq_err *e)
{
	if (req_query_int(r, "page", 1, 1, 1000000, page, e) < 0)
		return -1;
	return req_query_int(r, "page_size", 20, 1, 200, page_size, e);
}

/* Nesting depth of JSON text, counting brackets outside strings; stops past `limit`. */
static int json_depth(const char *s, size_t n, int limit)
{
	int depth = 0, max = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"')
			in_str = 1;
		else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
			if (max > limit)
				return max;
		} else if (c == '}' || c == ']')
			depth--;
	}
	return max;
}

json_t *req_json(struct req *r, struct yq_err *e)
{
	if (r->json)
		return r->json;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
		err_set(e, ERR_MEDIA_TYPE, NULL, "请求体须为 application/json",
		        "the body must be application/json");
		return NULL;
	}
	if (r->body.len == 0) {
		err_set(e, ERR_BAD_JSON, NULL, "请求体为空", "empty body");
		return NULL;
	}
	if (json_depth(r->body.buf, r->body.len, HTTP_JSON_DEPTH) > HTTP_JSON_DEPTH) {
		err_set(e, ERR_BAD_JSON, NULL, "JSON 嵌套过深", "JSON nested too deep");
		return NULL;
	}
	json_error_t je;
	json_t *j = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!j && json_error_code(&je) != json_error_out_of_memory)
		/* jansson reports most allocation failures as syntax errors ("invalid token"): a
		 * second parse tells them apart from bad text, which fails the same way again */
		j = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!j && json_error_code(&je) == json_error_out_of_memory) {
		err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory parsing the JSON body");
		return NULL;
	}
	if (!j) {
		const char *msg =
		    strstr(je.text, "duplicate") ? "JSON 含有重复的键" : "JSON 格式错误";
		err_set(e, ERR_BAD_JSON, NULL, msg,
		        arena_printf(&r->arena, "invalid JSON: %s", je.text));
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		err_set(e, ERR_BAD_JSON, NULL, "请求体须为 JSON 对象",
		        "the body must be a JSON object");
		return NULL;
	}
	r->json = j;
	return j;
}

/* The kinds of member json_str, json_int and json_bool read. */
enum member_kind { M_STRING, M_INTEGER, M_BOOLEAN };

/* The member `key` of o, of kind k. NULL when it is absent or null (*rc 0, or -1 with e set when
 * the member is required) or of another kind (*rc -1, e set). */
static json_t *member(json_t *o, const char *key, int required, enum member_kind k, int *rc,
                      struct yq_err *e)
{
	static const char *const zh[] = {"应为字符串", "应为整数", "应为布尔值"};
	static const char *const en[] = {"must be a string", "must be an integer",
	                                 "must be true or false"};
	json_t *v = json_object_get(o, key);
	*rc = 0;
	if (!v || json_is_null(v)) {
		if (required)
			*rc = err_set(e, ERR_VALIDATION, key, "必填项", "required");
		return NULL;
	}
	int ok = k == M_STRING    ? json_is_string(v)
	         : k == M_INTEGER ? json_is_integer(v)
	                          : json_is_boolean(v);
	if (!ok) {
		*rc = err_set(e, ERR_VALIDATION, key, zh[k], en[k]);
		return NULL;
	}
	return v;
}

int json_str(struct req *r, json_t *o, const char *key, int required, size_t max_chars,
             const char **out, struct yq_err *e)
{
	int rc;
	json_t *v = member(o, key, required, M_STRING, &rc, e);
	*out = NULL;
	if (!v)
		return rc;
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n || !utf8_valid(s, n))
		return err_set(e, ERR_VALIDATION, key, "含有非法字符", "has invalid characters");
	if (utf8_count(s) > max_chars)
		return err_set(e, ERR_VALIDATION, key,
		               arena_printf(&r->arena, "不能超过%zu个字符", max_chars),
		               arena_printf(&r->arena, "at most %zu characters", max_chars));
	if (required && n == 0)
		return err_set(e, ERR_VALIDATION, key, "必填项", "required");
	*out = s;
	return 0;
}

int json_int(json_t *o, const char *key, int required, int64_t def, int64_t min, int64_t max,
             int64_t *out, struct yq_err *e)
{
	int rc;
	json_t *v = member(o, key, required, M_INTEGER, &rc, e);
	*out = def;
	if (!v)
		return rc;
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return err_set(e, ERR_VALIDATION, key, "数值超出范围", "out of range");
	*out = x;
	return 0;
}

int json_bool(json_t *o, const char *key, int def, int *out, struct yq_err *e)
{
	int rc;
	json_t *v = member(o, key, 0, M_BOOLEAN, &rc, e);
	*out = def;
	if (!v)
		return rc;
	*out = json_is_true(v);
	return 0;
}

struct jsonw *resp_json(struct req *r, int status, struct jsonw *w)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	strbuf_reset(&r->out);
	jw_init(w, &r->out);
	w->hide = disclose_hidden(&r->who);
	return w;
}

struct jsonw *resp_obj_open(struct req *r, int status, struct jsonw *w)
{
	resp_json(r, status, w);
	jw_obj_open(w);
	return w;
}

struct jsonw *resp_items_open(struct req *r, struct jsonw *w)
{
	resp_obj_open(r, 200, w);
	jw_key(w, "items");
	jw_arr_open(w);
	return w;
}

int resp_items_close(struct req *r, struct jsonw *w, int rc, int64_t total, int64_t page,
                     int64_t page_size, struct yq_err *e)
{
	return resp_items_end(r, w, rc, total, 0, page, page_size, e);
}

int resp_items_end(struct req *r, struct jsonw *w, int rc, int64_t total, int capped, int64_t page,
                   int64_t page_size, struct yq_err *e)
{
	(void)r;
	jw_arr_close(w);
	if (total >= 0) {
		jw_kint(w, "total", total);
		if (capped)
			jw_kbool(w, "total_capped", 1);
		jw_kint(w, "page", page);
		jw_kint(w, "page_size", page_size);
	}
	jw_obj_close(w);
	return rc < 0 ? err_db(e, rc) : 0;
}

json_t *req_entity(struct req *r, const struct entity *en, enum decode_mode mode, void *obj,
                   uint64_t *present, struct yq_err *e)
{
	json_t *j = req_json(r, e);
	if (!j || entity_decode(en, j, mode, &r->arena, obj, present, e) < 0)
		return NULL;
	return j;
}

int req_query_entity(struct req *r, const struct entity *en, void *obj, struct yq_err *e)
{
	for (int i = 0; i < en->n_fields; i++) {
		const struct field *f = &en->fields[i];
		const char *v = req_query(r, f->key);
		if (v && !*v)
			v = NULL;
		switch (f->type) {
		case FT_INT:
		case FT_REF:
			if (req_query_int(r, f->key, 0, f->type == FT_REF ? 0 : f->min,
			                  f->type == FT_REF || !f->max ? INT64_MAX : f->max,
			                  FIELD_PTR(obj, f, int64_t), e) < 0)
				return -1;
			break;
		case FT_BOOL:
			*FIELD_PTR(obj, f, int) =
			    v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
			break;
		default:
			*FIELD_PTR(obj, f, const char *) = NULL;
			if (v &&
			    field_text(f, v, &r->arena, FIELD_PTR(obj, f, const char *), e) < 0) {
				e->field = f->key;
				return -1;
			}
			break;
		}
	}
	return 0;
}

void jw_entity_members(struct jsonw *w, const struct entity_out *o, const void *obj)
{
	entity_json(w, o->en, obj, o->hide);
	if (o->extra)
		o->extra(w, obj);
}

void jw_entity(struct jsonw *w, const struct entity_out *o, const void *obj)
{
	jw_obj_open(w);
	jw_entity_members(w, o, obj);
	jw_obj_close(w);
}

int resp_entity(struct req *r, int status, const struct entity_out *o, const void *obj)
{
	struct jsonw w;
	jw_entity(resp_json(r, status, &w), o, obj);
	return 0;
}

int resp_id(struct req *r, int status, int64_t id)
{
	struct jsonw w;
	resp_obj_open(r, status, &w);
	jw_kint(&w, "id", id);
	jw_obj_close(&w);
	return 0;
}

void resp_list_open(struct req *r, struct entity_list *l, const struct entity_out *o)
{
	l->r = r;
	l->o = o;
	resp_items_open(r, &l->w);
}

void resp_list_row(struct entity_list *l, const void *obj)
{
	jw_entity(&l->w, l->o, obj);
}

int resp_list_close(struct entity_list *l, int rc, int64_t total, int64_t page, int64_t page_size,
                    struct yq_err *e)
{
	return resp_items_close(l->r, &l->w, rc, total, page, page_size, e);
}

int resp_empty(struct req *r, int status)
{
	r->status = status;
	strbuf_reset(&r->out);
	return 0;
}

static void list_row(void *l, const void *obj)
{
	resp_list_row(l, obj);
}

int resp_entity_items(struct req *r, const struct entity_out *o, entity_list_fn *list,
                      struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct entity_list l;
	resp_list_open(r, &l, o);
	return resp_list_close(&l, list(c, &r->who, list_row, &l), -1, 0, 0, e);
}

struct db *resp_items_db(struct req *r, struct jsonw *w, struct yq_err *e)
{
	struct db *c = req_db(r, e);
	if (c)
		resp_items_open(r, w);
	return c;
}

int req_id_write(struct req *r, id_write_fn *fn, int64_t *id, struct yq_err *e)
{
	if (req_id(r, 0, id, e) < 0 || fn(req_pool(r), &r->who, *id, e) < 0)
		return -1;
	return 0;
}

int resp_id_write(struct req *r, id_write_fn *fn, struct yq_err *e)
{
	int64_t id;
	return req_id_write(r, fn, &id, e) < 0 ? -1 : resp_empty(r, 204);
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (r->n_hdrs < HTTP_MAX_HEADERS && name && value) {
		r->hdr_names[r->n_hdrs] = name;
		r->hdr_values[r->n_hdrs] = value;
		r->n_hdrs++;
	}
}

/* Sets the type of the file answered in r->file_resp and its name (RFC 6266 / 5987: a UTF-8 file
 * name for Chinese names, "download" for clients that read only the plain one). */
static int file_headers(struct req *r, const char *content_type, const char *filename)
{
	MHD_add_response_header(r->file_resp, "Content-Type", content_type);
	struct strbuf enc = STRBUF_INIT(4096);
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
			strbuf_addch(&enc, (char)*p);
		else {
			char t[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_add(&enc, t, 3);
		}
	}
	char *cd = arena_printf(&r->arena, "attachment; filename=\"download\"; filename*=UTF-8''%s",
	                        enc.buf ? enc.buf : "download");
	strbuf_release(&enc);
	if (cd)
		MHD_add_response_header(r->file_resp, "Content-Disposition", cd);
	r->status = 200;
	return 0;
}

int resp_download(struct req *r, char *data, size_t len, const char *content_type,
                  const char *filename)
{
	r->file_resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r->file_resp) {
		yq_free(data);
		return -1;
	}
	return file_headers(r, content_type, filename);
}

const char *req_time(struct req *r, int64_t t)
{
	if (!t)
		return NULL;
	char *buf = arena_alloc(&r->arena, 24);
	if (buf)
		fmt_time_iso(t, buf, 24);
	return buf;
}

int resp_download_fd(struct req *r, int fd, uint64_t size, const char *content_type,
                     const char *filename)
{
	r->file_resp = MHD_create_response_from_fd(size, fd);
	if (!r->file_resp) {
		close(fd);
		return -1;
	}
	return file_headers(r, content_type, filename);
}
