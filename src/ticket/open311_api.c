/* HTTP handlers of Open311 GeoReport v2 (see open311.h for the endpoints and the mapping):
 * decode the form or query, resolve the api_key, call the ticket and enterprise domains, encode
 * XML or JSON. Every error is answered here in the Open311 error format. */
#include "ticket/open311.h"
#include "ticket/ticket_store.h"
#include "ticket/open311_api.h"
#include "auth/auth.h"
#include "auth/auth_api.h"
#include "enterprise/enterprise.h"
#include "org/org.h"
#include "http/errmap.h"
#include "http/http.h"
#include "lib/form.h"
#include "lib/log.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <math.h>
#include <string.h>
#include <strings.h>

#define ID_MAX     40  /* bytes of one service_request_id */
#define LIST_PAGE  200 /* requests read per ticket_list call */
#define LIST_PAGES 100 /* pages read at most for one GET requests */

/* Starts the answer: empties the output and sets status and content type. */
static void answer(struct req *r, enum o311_format fmt, int status)
{
	strbuf_reset(&r->out);
	r->status = status;
	r->content_type = o311_content_type(fmt);
}

/* Answers `e` as an Open311 error and returns 0. HTTP status: 403 for the api_key (401 and 403
 * of our map), 404 for what does not exist, 400 for the rest; the body's code is our status for
 * the error (413, 415, 500 …). Server-side failures are logged under an error id that the
 * description carries. Returns -1 only when the body could not be written (the server then
 * answers 500). */
static int fail(struct req *r, enum o311_format fmt, const struct yq_err *e)
{
	struct yq_err internal = {0};
	if (e->code == ERR_NONE) { /* never expected: a failure always says why */
		err_set(&internal, ERR_INTERNAL, NULL, "内部错误", "failed without an error");
		e = &internal;
	}
	const struct errmap_entry *m = errmap_get(e->code);
	int status = m->status == 404 ? 404 : m->status == 401 || m->status == 403 ? 403 : 400;
	int code = m->status == 401 ? 403 : m->status;
	const char *msg = req_msg(r, e->message, e->message_en);
	if (m->status >= 500 && m->status != 503) {
		char id[17];
		random_hex(id, 8);
		r->error_id = arena_strdup(&r->arena, id);
		log_error("error_id=%s %s %s: %s", id, r->method_name, r->path,
		          e->message_en ? e->message_en : (e->message ? e->message : "?"));
		msg = r->lang_en
		          ? arena_printf(&r->arena, "internal server error (error id %s)", id)
		          : arena_printf(&r->arena, "服务器内部错误（错误编号 %s）", id);
	}
	if (!msg)
		msg = m->code;
	if (e->field && !strstr(msg, e->field)) {
		const char *full = arena_printf(&r->arena, "%s: %s", e->field, msg);
		msg = full ? full : msg;
	}
	answer(r, fmt, status);
	o311_write_error(&r->out, fmt, code, msg);
	return r->out.failed ? -1 : 0;
}

void o311_http_error(struct req *r, const struct yq_err *e)
{
	size_t base;
	enum o311_format fmt = O311_XML;
	const char *last = strrchr(r->path, '/');
	if (o311_split_format(last ? last + 1 : r->path, &base, &fmt) < 0)
		fmt = O311_XML;
	if (fail(r, fmt, e) < 0) { /* not even the error list could be written */
		strbuf_reset(&r->out);
		r->status = 500;
		return;
	}
	if (e->retry_after > 0)
		resp_header(r, "Retry-After", arena_printf(&r->arena, "%ld", e->retry_after));
}

/* The response format from the last path segment's extension. Without one (possible only on the
 * routes with a parameter) the error is answered in XML, the spec's required format. */
static int path_format(struct req *r, enum o311_format *fmt, struct yq_err *e)
{
	size_t base;
	const char *last = strrchr(r->path, '/');
	*fmt = O311_XML;
	if (o311_split_format(last ? last + 1 : r->path, &base, fmt) < 0)
		return err_set(e, ERR_BAD_REQUEST, NULL, "网址须以 .xml 或 .json 结尾",
		               "the URL must end in .xml or .json");
	return 0;
}

/* The body of a handler, run in the format of its path: 0, or -1 with e set. A body that reads a
 * form (a POST) is given one to fill, released after it. */
typedef int o311_body(struct req *r, enum o311_format fmt, struct yq_err *e);
typedef int o311_form_body(struct req *r, enum o311_format fmt, struct form *f, struct yq_err *e);

/* Runs body in the format the path names, and answers its failure in that format. */
static int in_format(struct req *r, o311_body *body, struct yq_err *e)
{
	enum o311_format fmt;
	if (path_format(r, &fmt, e) < 0 || body(r, fmt, e) < 0)
		return fail(r, fmt, e);
	return 0;
}

/* The same for a body that reads a form. */
static int with_form(struct req *r, o311_form_body *body, struct yq_err *e)
{
	enum o311_format fmt;
	struct form f = FORM_INIT;
	int rc = path_format(r, &fmt, e) < 0 ? -1 : body(r, fmt, &f, e);
	form_release(&f);
	return rc < 0 ? fail(r, fmt, e) : 0;
}

/* The first path parameter without its format extension, copied into the arena. */
static const char *param_base(struct req *r)
{
	size_t base;
	enum o311_format fmt;
	const char *p = r->n_params > 0 ? r->params[0] : "";
	if (o311_split_format(p, &base, &fmt) < 0)
		base = strlen(p);
	return arena_strndup(&r->arena, p, base);
}

/* A query argument with text, or NULL ("optional" arguments: empty is the same as absent). */
static const char *query(struct req *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* A query argument as UTF-8 text of at most max_bytes, or NULL when absent; ERR_VALIDATION
 * naming it when it is not. */
static int query_text(struct req *r, const char *key, size_t max_bytes, const char **out,
                      struct yq_err *e)
{
	const char *v = query(r, key);
	*out = NULL;
	if (!v)
		return 0;
	size_t n = strlen(v);
	if (n > max_bytes || !utf8_valid(v, n))
		return err_set(e, ERR_VALIDATION, key, "参数值无效", "invalid value");
	*out = v;
	return 0;
}

/* The api_key: the form's (POST), the query string's, or an Authorization: Bearer token. */
static const char *api_key(struct req *r, const struct form *f)
{
	const char *k = f ? form_get(f, "api_key") : NULL;
	if (!k || !*k)
		k = query(r, "api_key");
	if (!k || !*k) {
		const char *authz = req_header(r, "Authorization");
		if (authz && strncmp(authz, "Bearer ", 7) == 0)
			k = authz + 7;
	}
	return k && *k ? k : NULL;
}

/* Resolves the api_key into r->who and checks that its role holds `need`. `action` names the
 * method in messages ("create_request"). ERR_FORBIDDEN (403) when the key is missing, invalid,
 * expired or underpowered; a database failure passes through. */
static int authorize(struct req *r, const char *key, enum perm need, const char *action,
                     struct yq_err *e)
{
	if (!key)
		return err_set(e, ERR_FORBIDDEN, "api_key", "缺少 api_key",
		               arena_printf(&r->arena,
		                            "api_key was not provided -- can't proceed with %s",
		                            action));
	struct yq_err ae = {0};
	if (auth_api_token(req_pool(r), &r->arena, key, r->ip, &r->who, &ae) < 0) {
		if (ae.code == ERR_UNAVAILABLE || ae.code == ERR_INTERNAL) {
			*e = ae;
			return -1;
		}
		return err_set(e, ERR_FORBIDDEN, "api_key", "api_key 无效或已失效",
		               arena_printf(&r->arena,
		                            "Invalid api_key received -- can't proceed with %s",
		                            action));
	}
	r->authed = 1;
	if (!principal_can(&r->who, need))
		return err_set(
		    e, ERR_FORBIDDEN, "api_key",
		    arena_printf(&r->arena, "该 api_key 的角色没有 %s 权限", perm_name(need)),
		    arena_printf(&r->arena, "the api_key's role lacks %s -- can't proceed with %s",
		                 perm_name(need), action));
	return 0;
}

/* ---- jurisdiction_id ---- */

/* The zone a call names with jurisdiction_id (a zone code: "ccetdz"), from the form of a POST or
 * the query string, into *zone_id; 0 when the call names none. ERR_NOT_FOUND naming it when no
 * zone has that code. */
static int named_zone(struct req *r, const struct form *f, int64_t *zone_id, struct yq_err *e)
{
	*zone_id = 0;
	const char *j = f ? form_get(f, "jurisdiction_id") : NULL;
	if (!j || !*j)
		j = query(r, "jurisdiction_id");
	if (!j || !*j)
		return 0;
	int64_t id = 0;
	if (strlen(j) <= 64 && utf8_valid(j, strlen(j))) {
		struct db *c = req_db(r, e);
		if (!c)
			return -1;
		int rc = zone_find_by_code(c, j, &id);
		if (rc < 0)
			return err_db(e, rc);
	}
	if (!id)
		return err_set(
		    e, ERR_NOT_FOUND, "jurisdiction_id",
		    arena_printf(&r->arena, "jurisdiction_id %s 不存在（应为园区代码）", j),
		    arena_printf(&r->arena, "jurisdiction_id %s was not found", j));
	*zone_id = id;
	return 0;
}

/* A call with an api_key (r->who resolved): a jurisdiction_id it names must exist (404) and be
 * the key's zone (403); without one the key's zone is the jurisdiction. */
static int check_jurisdiction(struct req *r, const struct form *f, struct yq_err *e)
{
	int64_t zone;
	if (named_zone(r, f, &zone, e) < 0)
		return -1;
	if (zone && zone != r->who.zone_id)
		return err_set(e, ERR_FORBIDDEN, "jurisdiction_id",
		               "api_key 不属于 jurisdiction_id 指定的园区",
		               "the api_key does not belong to that jurisdiction_id");
	return 0;
}

/* ---- discovery and services ---- */

/* 1 if `host` is a plausible Host header value (name or address, optional port). */
static int host_ok(const char *host)
{
	size_t n = host ? strlen(host) : 0;
	if (n == 0 || n > 255)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = host[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
			return 0;
	}
	return 1;
}

/* Runs the body of a keyless route as in_format does, once the jurisdiction_id it may give is
 * known to name a zone (named_zone). */
static int keyless(struct req *r, o311_body *body, struct yq_err *e)
{
	enum o311_format fmt;
	int64_t zone;
	if (path_format(r, &fmt, e) < 0 || named_zone(r, NULL, &zone, e) < 0 || body(r, fmt, e) < 0)
		return fail(r, fmt, e);
	return 0;
}

/* The discovery document, its endpoint URL built from the Host header (scheme https under TLS
 * or with X-Forwarded-Proto: https). */
static int discovery(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	(void)e;
	/* the endpoint URL as the client reached us: Host, and the scheme TLS or a proxy says */
	const char *host = req_header(r, "Host");
	const char *proto = req_header(r, "X-Forwarded-Proto");
	const char *scheme = auth_cookie_secure ? "https" : "http";
	if (proto && (strcmp(proto, "https") == 0 || strcmp(proto, "http") == 0))
		scheme = proto;
	const char *url = host_ok(host)
	                      ? arena_printf(&r->arena, "%s://%s/open311/v2", scheme, host)
	                      : "/open311/v2";
	answer(r, fmt, 200);
	o311_write_discovery(&r->out, fmt, url ? url : "/open311/v2");
	return 0;
}

/* GET /open311/discovery.{xml,json}: the discovery document. No key. */
int h_o311_discovery(struct req *r, struct yq_err *e)
{
	return keyless(r, discovery, e);
}

static int services(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	(void)e;
	answer(r, fmt, 200);
	o311_write_services(&r->out, fmt);
	return 0;
}

/* GET /open311/v2/services.{xml,json}: the nine services, the same in every zone. No key; a
 * jurisdiction_id must name a zone (404). */
int h_o311_services(struct req *r, struct yq_err *e)
{
	return keyless(r, services, e);
}

static int service_definition(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	const char *code = param_base(r);
	const struct o311_service *s = o311_service_by_code(code);
	if (!s)
		return err_set(
		    e, ERR_NOT_FOUND, "service_code",
		    arena_printf(&r->arena, "service_code %s 不存在", code ? code : ""),
		    arena_printf(&r->arena, "service_code %s was not found", code ? code : ""));
	answer(r, fmt, 200);
	o311_write_definition(&r->out, fmt, s);
	return 0;
}

/* GET /open311/v2/services/{code}.{xml,json}: the definition with its uscc attribute; 404 for an
 * unknown service_code. No key. */
int h_o311_service_definition(struct req *r, struct yq_err *e)
{
	return keyless(r, service_definition, e);
}

static int token_get(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	(void)fmt;
	const char *token = param_base(r);
	return err_set(e, ERR_NOT_FOUND, "token",
	               arena_printf(&r->arena,
	                            "token %s 不存在：本接口实时创建诉求，提交时即返回 "
	                            "service_request_id",
	                            token ? token : ""),
	               arena_printf(&r->arena,
	                            "token %s was not found: requests are created in real time and "
	                            "POST requests answers their service_request_id",
	                            token ? token : ""));
}

/* GET /open311/v2/tokens/{token}.{xml,json}: every service is realtime, so no token is ever
 * issued and every token is 404. No key. */
int h_o311_token_get(struct req *r, struct yq_err *e)
{
	return keyless(r, token_get, e);
}

/* ---- creating a request ---- */

struct ent_find {
	const char *uscc;
	int64_t id;
};

/* ent_list callback: keeps the enterprise whose code is exactly the one sought. */
static void ent_found(void *ctx, const struct enterprise *en)
{
	struct ent_find *f = ctx;
	if (!f->id && en->uscc && strcmp(en->uscc, f->uscc) == 0)
		f->id = en->id;
}

/* The active enterprise with this USCC within the api_key's scope, as ticket_create checks it
 * (an enterprise token: only its own; a department's: the enterprises it serves). ERR_VALIDATION
 * on attribute[uscc] for a malformed code or "enterprise not found", alike for one that does not
 * exist and one outside the scope. */
static int find_enterprise(struct req *r, struct db *c, const char *raw, int64_t *id,
                           struct yq_err *e)
{
	char norm[USCC_LEN + 1];
	enum uscc_error ue = uscc_check(raw, norm);
	if (ue != USCC_OK)
		return err_set(e, ERR_VALIDATION, "attribute[uscc]", uscc_error_zh(ue),
		               uscc_error_en(ue));
	struct ent_filter f;
	memset(&f, 0, sizeof f);
	f.q = norm;
	f.flag = -1;
	f.archived = 0;
	f.page = 1;
	f.page_size = 5;
	struct ent_find found = {norm, 0};
	int64_t total;
	int rc = ent_list(c, &r->who, &f, ent_found, &found, &total);
	if (rc < 0)
		return err_db(e, rc);
	if (!found.id)
		return err_set(e, ERR_VALIDATION, "attribute[uscc]",
		               "企业不存在：园区企业库中没有该统一社会信用代码的企业",
		               "enterprise not found");
	*id = found.id;
	return 0;
}

/* A form value of at most max_chars characters, single line unless multiline; NULL when
 * absent or empty. ERR_VALIDATION naming the field otherwise. */
static int form_text(const struct form *f, const char *key, size_t max_chars, int multiline,
                     const char **out, struct yq_err *e)
{
	const char *v = form_get(f, key);
	*out = NULL;
	if (!v || !*v)
		return 0;
	if (utf8_count(v) > max_chars)
		return err_set(e, ERR_VALIDATION, key, "内容过长", "too long");
	if (!multiline && strpbrk(v, "\r\n"))
		return err_set(e, ERR_VALIDATION, key, "不能换行", "must be one line");
	*out = v;
	return 0;
}

/* Reads and checks the POST fields other than api_key, service_code and attribute[uscc]:
 * description, location, contact. Fills in (title in the arena, the rest borrowed from f). */
static int read_request_fields(struct req *r, const struct form *f, struct ticket *in,
                               struct yq_err *e)
{
	const char *desc, *first, *last, *phone, *lat, *lon;
	if (form_text(f, "description", O311_DESCRIPTION_MAX, 1, &desc, e) < 0 ||
	    form_text(f, "address_string", O311_ADDRESS_MAX, 0, &in->address, e) < 0 ||
	    form_text(f, "lat", 24, 0, &lat, e) < 0 || form_text(f, "long", 24, 0, &lon, e) < 0 ||
	    form_text(f, "email", O311_EMAIL_MAX, 0, &in->email, e) < 0 ||
	    form_text(f, "media_url", O311_MEDIA_URL_MAX, 0, &in->media_url, e) < 0 ||
	    form_text(f, "first_name", O311_CONTACT_MAX, 0, &first, e) < 0 ||
	    form_text(f, "last_name", O311_CONTACT_MAX, 0, &last, e) < 0 ||
	    form_text(f, "phone", 20, 0, &phone, e) < 0)
		return -1;
	char title[O311_TITLE_SIZE];
	o311_title(desc, title, sizeof title);
	if (!desc || !title[0])
		return err_set(e, ERR_VALIDATION, "description", "请填写诉求内容 description",
		               "description was not provided (a request needs one)");
	if (!lat != !lon)
		return err_set(e, ERR_VALIDATION, lat ? "long" : "lat", "lat 和 long 须同时提供",
		               "lat and long must both be sent");
	if (lat && o311_coord_parse(lat, 1, &in->lat) < 0)
		return err_set(e, ERR_VALIDATION, "lat", "纬度无效（WGS84 十进制度数）",
		               "invalid latitude (WGS84 decimal degrees)");
	if (lon && o311_coord_parse(lon, 0, &in->lon) < 0)
		return err_set(e, ERR_VALIDATION, "long", "经度无效（WGS84 十进制度数）",
		               "invalid longitude (WGS84 decimal degrees)");
	if (!lat)
		in->lat = in->lon = NAN;
	if (in->email && !email_ok(in->email))
		return err_set(e, ERR_VALIDATION, "email", "邮箱格式错误", "invalid email address");
	if (in->media_url && !o311_media_url_ok(in->media_url))
		return err_set(e, ERR_VALIDATION, "media_url", "media_url 须为 http(s) 网址",
		               "media_url must be an http(s) URL");
	char name[O311_CONTACT_MAX * 4 + 2];
	if (o311_contact_name(first, last, name, sizeof name) < 0 ||
	    utf8_count(name) > O311_CONTACT_MAX)
		return err_set(e, ERR_VALIDATION, "first_name", "联系人姓名过长",
		               "first_name and last_name are too long together");
	in->description = desc;
	in->title = arena_strdup(&r->arena, title);
	in->contact_name = name[0] ? arena_strdup(&r->arena, name) : NULL;
	in->contact_phone = phone;
	if (!in->title || (name[0] && !in->contact_name))
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
	return 0;
}

/* Names a ticket_create field by its Open311 parameter. */
static const char *param_of_field(const char *field)
{
	/* our field → its parameter */
	static const struct str_map map[] = {
	    {"contact_phone", "phone"},
	    {"contact_name", "first_name"},
	    {"title", "description"},
	    {"description", "description"},
	    {"enterprise_id", "attribute[uscc]"},
	    {"category", "service_code"},
	    {"address", "address_string"},
	};
	const char *param = str_map_get(map, ARRAY_LEN(map), field);
	return param ? param : field;
}

/* The Content-Type is application/x-www-form-urlencoded (parameters allowed after it). */
static int is_form(const char *ct)
{
	static const char want[] = "application/x-www-form-urlencoded";
	size_t n = sizeof want - 1;
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

/* Parses a POST's form body into f: ERR_MEDIA_TYPE unless it is a form, ERR_TOO_LARGE past
 * 64 KiB, ERR_BAD_REQUEST naming what is wrong with it. */
static int read_form(struct req *r, struct form *f, struct yq_err *e)
{
	if (!is_form(req_header(r, "Content-Type")))
		return err_set(e, ERR_MEDIA_TYPE, NULL,
		               "请求体须为 application/x-www-form-urlencoded",
		               "the body must be application/x-www-form-urlencoded");
	enum form_error fe = form_parse(f, r->body.buf, r->body.len);
	if (fe == FORM_ERR_TOO_LARGE)
		return err_set(e, ERR_TOO_LARGE, NULL, "请求体超过 64 KiB", form_error_message(fe));
	if (fe == FORM_ERR_NOMEM)
		return err_set(e, ERR_INTERNAL, NULL, "内部错误", form_error_message(fe));
	if (fe != FORM_OK)
		return err_set(e, ERR_BAD_REQUEST, NULL, "表单格式错误", form_error_message(fe));
	return 0;
}

/* POST requests, once the format is known: everything but the answer's error format. */
static int create_request(struct req *r, enum o311_format fmt, struct form *f, struct yq_err *e)
{
	if (read_form(r, f, e) < 0)
		return -1;
	if (authorize(r, api_key(r, f), PERM_TICKET_CREATE, "create_request", e) < 0 ||
	    check_jurisdiction(r, f, e) < 0)
		return -1;
	const char *code = form_get(f, "service_code");
	if (!code || !*code)
		return err_set(e, ERR_VALIDATION, "service_code", "缺少 service_code",
		               "service_code was not provided");
	const struct o311_service *s = o311_service_by_code(code);
	if (!s)
		return err_set(e, ERR_NOT_FOUND, "service_code",
		               arena_printf(&r->arena, "service_code %s 不存在", code),
		               arena_printf(&r->arena, "service_code %s was not found", code));
	const char *uscc = form_get(f, "attribute[uscc]");
	if (!uscc || !*uscc)
		uscc = form_get(f, "attribute[uscc][]");
	if (!uscc || !*uscc)
		return err_set(e, ERR_VALIDATION, "attribute[uscc]",
		               "缺少必填属性 attribute[uscc]（企业统一社会信用代码）",
		               "attribute[uscc] (the enterprise's unified social credit code) was "
		               "not provided");
	struct ticket in;
	memset(&in, 0, sizeof in);
	in.channel = "hotline";
	in.category = s->category;
	in.priority = "normal";
	struct db *c = req_db(r, e);
	if (!c || find_enterprise(r, c, uscc, &in.enterprise_id, e) < 0 ||
	    read_request_fields(r, f, &in, e) < 0)
		return -1;
	/* checked by the request's field table as a JSON body is decoded by it */
	if (entity_check(&ENTITY_TICKET, &in, &r->arena, e) < 0 ||
	    ticket_create(req_pool(r), &r->who, &in, e) < 0) {
		e->field = param_of_field(e->field);
		return -1;
	}
	/* the number of what it just filed: its scope shows it (the enterprise is one it serves) */
	struct ticket t;
	if (!(c = req_db(r, e)) || ticket_get(c, &r->who, in.id, &r->arena, &t, e) < 0)
		return -1;
	answer(r, fmt, 201);
	o311_write_created(
	    &r->out, fmt, t.no,
	    req_msg(r, "诉求已登记，待园区企业服务中心受理分派",
	            "registered; the enterprise service center will accept and route "
	            "it"));
	return 0;
}

/* POST /open311/v2/requests.{xml,json}: creates a request (create_request above) and answers
 * 201 with its service_request_id, or the error list. */
int h_o311_requests_create(struct req *r, struct yq_err *e)
{
	return with_form(r, create_request, e);
}

/* ---- reading requests ---- */

/* Who reads requests, into r->who. With an api_key: its principal (ticket.read; its zone, which
 * a jurisdiction_id must name, and its data scope), *full = 1. Without one (the spec's reads
 * need none): the zone jurisdiction_id names, or the installation's only zone, seen whole but
 * answered with the status fields only, *full = 0; ERR_VALIDATION on jurisdiction_id when there
 * are several zones and none is named. */
static int reader(struct req *r, const char *action, int *full, struct yq_err *e)
{
	const char *key = api_key(r, NULL);
	*full = key != NULL;
	if (key)
		return authorize(r, key, PERM_TICKET_READ, action, e) < 0 ||
		               check_jurisdiction(r, NULL, e) < 0
		           ? -1
		           : 0;
	int64_t zone;
	if (named_zone(r, NULL, &zone, e) < 0)
		return -1;
	if (!zone) {
		struct db *c = req_db(r, e);
		if (!c)
			return -1;
		int rc = zone_find_only(c, &zone);
		if (rc < 0)
			return err_db(e, rc);
		if (!zone)
			return err_set(
			    e, ERR_VALIDATION, "jurisdiction_id",
			    "请提供 jurisdiction_id（园区代码）或 api_key",
			    "jurisdiction_id was not provided: this endpoint serves several "
			    "zones");
	}
	memset(&r->who, 0, sizeof r->who);
	r->who.zone_id = zone;
	r->who.role = ROLE_NONE; /* no permission: it only reads, here, what full = 0 shows */
	r->who.scope = SCOPE_ZONE;
	r->who.username = r->who.display_name = "open311";
	r->who.ip = r->ip;
	return 0;
}

/* The request with this service_request_id (`n` bytes at `id`): our number (SQ20261123-0001, any
 * case) or our numeric id, within the caller's scope. ERR_NOT_FOUND when there is none. */
static int find_ticket(struct req *r, struct db *c, const char *id, size_t n, struct ticket *out,
                       struct yq_err *e)
{
	char buf[ID_MAX + 1];
	if (n == 0 || n > ID_MAX)
		return err_set(e, ERR_NOT_FOUND, NULL, "诉求不存在", "no such request");
	for (size_t i = 0; i < n; i++) {
		char ch = id[i];
		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= 'a' && ch <= 'z') || ch == '-'))
			return err_set(e, ERR_NOT_FOUND, NULL, "诉求不存在", "no such request");
		buf[i] = ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
	}
	buf[n] = 0;
	int64_t num;
	if (parse_int64(buf, 1, INT64_MAX, &num) == 0)
		return ticket_get(c, &r->who, num, &r->arena, out, e);
	return ticket_get_by_no(c, &r->who, buf, &r->arena, out, e);
}

/* GET /open311/v2/requests/{id}.{xml,json}: one request by number or id, within the reader's
 * zone and scope (reader above); 404 when there is none. */
int h_o311_request_get(struct req *r, struct yq_err *e)
{
	enum o311_format fmt;
	struct ticket t;
	int full;
	if (path_format(r, &fmt, e) < 0 || reader(r, "get_service_request", &full, e) < 0)
		return fail(r, fmt, e);
	const char *id = param_base(r);
	struct db *c = req_db(r, e);
	if (!c)
		return fail(r, fmt, e);
	if (find_ticket(r, c, id ? id : "", id ? strlen(id) : 0, &t, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(
			    e, ERR_NOT_FOUND, "service_request_id",
			    arena_printf(&r->arena, "service_request_id %s 不存在", id ? id : ""),
			    arena_printf(&r->arena, "service_request_id %s was not found",
			                 id ? id : ""));
		return fail(r, fmt, e);
	}
	struct o311_writer w;
	answer(r, fmt, 200);
	o311_requests_begin(&w, &r->out, fmt);
	o311_requests_add(&w, &t, full);
	o311_requests_end(&w);
	return 0;
}

/* GET requests?service_request_id=a,b: the requests named, in that order; unknown ones are left
 * out. */
static int list_by_ids(struct req *r, struct db *c, enum o311_format fmt, int full, const char *ids,
                       struct yq_err *e)
{
	const char *items[O311_MAX_IDS];
	size_t lens[O311_MAX_IDS], n = 0;
	for (const char *p = ids; *p;) {
		const char *s;
		size_t len;
		p = str_list_next(p, &s, &len);
		if (len) {
			if (n == O311_MAX_IDS)
				return err_set(e, ERR_VALIDATION, "service_request_id",
				               "一次最多查询 50 个 service_request_id",
				               "at most 50 service_request_id values at once");
			items[n] = s;
			lens[n++] = len;
		}
	}
	struct o311_writer w;
	answer(r, fmt, 200);
	o311_requests_begin(&w, &r->out, fmt);
	for (size_t i = 0; i < n; i++) {
		struct ticket t;
		if (find_ticket(r, c, items[i], lens[i], &t, e) < 0) {
			if (e->code == ERR_NOT_FOUND) {
				*e = (struct yq_err){0};
				continue;
			}
			return -1;
		}
		o311_requests_add(&w, &t, full);
	}
	o311_requests_end(&w);
	return 0;
}

/* What GET requests keeps of the rows ticket_list gives. */
struct list_ctx {
	struct o311_writer *w;
	int want_open, want_closed;
	const char *categories[O311_N_SERVICES]; /* service_code filter; n_categories 0 = all */
	int n_categories;
	int full; /* o311_requests_add */
	int64_t seen, written;
};

/* ticket_list callback: applies the status and service filters, writes up to O311_LIST_MAX. */
static void list_row(void *p, const struct ticket *t)
{
	struct list_ctx *c = p;
	c->seen++;
	if (c->written >= O311_LIST_MAX)
		return;
	int closed = o311_status_closed(t->status);
	if ((closed && !c->want_closed) || (!closed && !c->want_open))
		return;
	int match = c->n_categories == 0;
	for (int i = 0; !match && i < c->n_categories; i++)
		match = t->category && strcmp(t->category, c->categories[i]) == 0;
	if (!match)
		return;
	o311_requests_add(c->w, t, c->full);
	c->written++;
}

/* Parses the service_code filter (comma-separated) into the context's categories. */
static int parse_codes(struct req *r, const char *list, struct list_ctx *ctx, struct yq_err *e)
{
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *code = arena_strndup(&r->arena, p, len);
		if (!code)
			return err_set(e, ERR_INTERNAL, NULL, "内部错误", "out of memory");
		while (*code == ' ')
			code++;
		size_t cl = strlen(code);
		while (cl && code[cl - 1] == ' ')
			code[--cl] = 0;
		if (*code) {
			const struct o311_service *s = o311_service_by_code(code);
			if (!s)
				return err_set(
				    e, ERR_VALIDATION, "service_code",
				    arena_printf(&r->arena, "service_code %s 不存在", code),
				    arena_printf(&r->arena, "unknown service_code %s", code));
			int dup = 0;
			for (int i = 0; i < ctx->n_categories; i++)
				dup |= ctx->categories[i] == s->category;
			if (!dup && ctx->n_categories < O311_N_SERVICES)
				ctx->categories[ctx->n_categories++] = s->category;
		}
		p = end ? end + 1 : p + strlen(p);
	}
	return 0;
}

/* Reads a date argument; ERR_VALIDATION naming it when it is not a W3C date-time. */
static int date_arg(struct req *r, const char *key, int64_t *out, int *given, struct yq_err *e)
{
	const char *v = query(r, key);
	*given = v != NULL;
	if (v && o311_parse_time(v, out) < 0)
		return err_set(e, ERR_VALIDATION, key,
		               "日期时间格式应为 W3C 格式，如 2026-11-23T08:00:00+08:00",
		               "must be a W3C date-time such as 2010-01-01T00:00:00Z");
	return 0;
}

/* start_date and end_date (both included): the last 90 days when neither is given, 90 days from
 * the one given; ERR_VALIDATION for a span over 90 days or an end before the start. */
static int date_range(struct req *r, int64_t *start, int64_t *end, struct yq_err *e)
{
	int has_start, has_end;
	*start = *end = 0;
	if (date_arg(r, "start_date", start, &has_start, e) < 0 ||
	    date_arg(r, "end_date", end, &has_end, e) < 0)
		return -1;
	if (!has_start && !has_end)
		*end = now_unix();
	if (!has_start)
		*start = *end - O311_RANGE_MAX_S;
	else if (!has_end)
		*end = *start + O311_RANGE_MAX_S;
	if (*end < *start)
		return err_set(e, ERR_VALIDATION, "end_date", "end_date 早于 start_date",
		               "end_date is before start_date");
	if (*end - *start > O311_RANGE_MAX_S)
		return err_set(e, ERR_VALIDATION, "end_date", "查询时间范围不能超过 90 天",
		               "start_date to end_date may not span more than 90 days");
	return 0;
}

/* GET requests, once the format is known. */
static int list_requests(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	int full;
	if (reader(r, "get_service_requests", &full, e) < 0)
		return -1;
	const char *ids, *codes, *status;
	if (query_text(r, "service_request_id", 4096, &ids, e) < 0 ||
	    query_text(r, "service_code", 1024, &codes, e) < 0 ||
	    query_text(r, "status", 64, &status, e) < 0)
		return -1;
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	if (ids)
		return list_by_ids(r, c, fmt, full, ids, e);
	struct list_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.full = full;
	ctx.want_open = ctx.want_closed = 1;
	if (status && o311_status_filter(status, &ctx.want_open, &ctx.want_closed) < 0)
		return err_set(e, ERR_VALIDATION, "status", "status 应为 open 或 closed",
		               "status must be open, closed or both, comma-separated");
	if (codes && parse_codes(r, codes, &ctx, e) < 0)
		return -1;
	int64_t start, end;
	if (date_range(r, &start, &end, e) < 0)
		return -1;
	struct ticket_filter f;
	memset(&f, 0, sizeof f);
	/* the store's "open" also holds resolved requests, which are closed here: the rows are
	 * filtered again in list_row */
	f.status = ctx.want_open && !ctx.want_closed ? "open" : NULL;
	f.category = ctx.n_categories == 1 ? ctx.categories[0] : NULL;
	f.from = start;
	f.to = end + 1; /* end_date is included */
	f.page_size = LIST_PAGE;
	struct o311_writer w;
	answer(r, fmt, 200);
	o311_requests_begin(&w, &r->out, fmt);
	ctx.w = &w;
	for (f.page = 1; f.page <= LIST_PAGES; f.page++) {
		int64_t total = 0;
		ctx.seen = 0;
		int rc = ticket_list(c, &r->who, &f, list_row, &ctx, &total, NULL);
		if (rc < 0)
			return err_db(e, rc);
		if (ctx.written >= O311_LIST_MAX || ctx.seen < LIST_PAGE ||
		    f.page * LIST_PAGE >= total)
			break;
	}
	o311_requests_end(&w);
	return 0;
}

/* GET /open311/v2/requests.{xml,json}: the requests the filters select (list_requests above). */
int h_o311_requests_list(struct req *r, struct yq_err *e)
{
	return in_format(r, list_requests, e);
}

/* ---- service request updates ---- */

#define UPDATES_PAGE  500 /* events read per ticket_updates call */
#define UPDATES_PAGES 100 /* pages read at most for one GET servicerequestupdates */

/* What GET servicerequestupdates keeps of the events ticket_updates gives. */
struct updates_ctx {
	struct o311_writer *w;
	int64_t seen, written, last_id;
};

/* ticket_updates callback: the events o311_update_of lets out, up to O311_LIST_MAX. */
static void update_row(void *p, const struct work_event *ev)
{
	struct updates_ctx *c = p;
	struct o311_update u;
	c->seen++;
	c->last_id = ev->id;
	if (c->written < O311_LIST_MAX && o311_update_of(ev, &u)) {
		o311_updates_add(c->w, ev, &u);
		c->written++;
	}
}

/* GET servicerequestupdates, once the format is known. */
static int list_updates(struct req *r, enum o311_format fmt, struct yq_err *e)
{
	int64_t start, end;
	if (authorize(r, api_key(r, NULL), PERM_TICKET_READ, "get_service_request_updates", e) <
	        0 ||
	    check_jurisdiction(r, NULL, e) < 0 || date_range(r, &start, &end, e) < 0)
		return -1;
	struct db *c = req_db(r, e);
	if (!c)
		return -1;
	struct o311_writer w;
	struct updates_ctx ctx = {.w = &w};
	answer(r, fmt, 200);
	o311_updates_begin(&w, &r->out, fmt);
	for (int page = 0; page < UPDATES_PAGES && ctx.written < O311_LIST_MAX; page++) {
		ctx.seen = 0;
		if (ticket_updates(c, &r->who, start, end, ctx.last_id, UPDATES_PAGE, update_row,
		                   &ctx, e) < 0)
			return -1;
		if (ctx.seen < UPDATES_PAGE)
			break;
	}
	o311_updates_end(&w);
	return 0;
}

/* GET /open311/v2/servicerequestupdates.{xml,json}?start_date&end_date: what happened to the
 * requests of the api_key's zone and scope (ticket.read) in that span, oldest first, at most
 * O311_LIST_MAX updates; only what o311_update_of lets out. */
int h_o311_updates_list(struct req *r, struct yq_err *e)
{
	return in_format(r, list_updates, e);
}

/* POST servicerequestupdates, once the format is known. */
static int create_update(struct req *r, enum o311_format fmt, struct form *f, struct yq_err *e)
{
	if (read_form(r, f, e) < 0 ||
	    authorize(r, api_key(r, f), PERM_TICKET_READ, "post_service_request_update", e) < 0 ||
	    check_jurisdiction(r, f, e) < 0)
		return -1;
	const char *id, *desc, *media_url, *ref;
	if (form_text(f, "service_request_id", ID_MAX, 0, &id, e) < 0 ||
	    form_text(f, "description", O311_DESCRIPTION_MAX, 1, &desc, e) < 0 ||
	    form_text(f, "media_url", O311_MEDIA_URL_MAX, 0, &media_url, e) < 0 ||
	    form_text(f, "update_id", 64, 0, &ref, e) < 0)
		return -1;
	char title[O311_TITLE_SIZE];
	o311_title(desc, title, sizeof title);
	if (!id)
		return err_set(e, ERR_VALIDATION, "service_request_id", "缺少 service_request_id",
		               "service_request_id was not provided");
	if (!desc || !title[0])
		return err_set(e, ERR_VALIDATION, "description", "请填写 description",
		               "description was not provided (an update needs one)");
	if (media_url && !o311_media_url_ok(media_url))
		return err_set(e, ERR_VALIDATION, "media_url", "media_url 须为 http(s) 网址",
		               "media_url must be an http(s) URL");
	struct db *c = req_db(r, e);
	struct ticket t;
	if (!c)
		return -1;
	if (find_ticket(r, c, id, strlen(id), &t, e) < 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_NOT_FOUND, "service_request_id",
			        arena_printf(&r->arena, "service_request_id %s 不存在", id),
			        arena_printf(&r->arena, "service_request_id %s was not found", id));
		return -1;
	}
	/* the client's update_id makes a repeated POST give back the first one; without it the
	 * reply gets a reference of ours */
	char ours[24];
	if (!ref) {
		memcpy(ours, "yq-", 3);
		random_hex(ours + 3, 8);
		ref = ours;
	}
	int64_t update_id = 0;
	if (work_event_by_ref(c, &ticket_kind, t.id, ref, &update_id, e) < 0)
		return -1;
	int status = 200;
	if (!update_id) {
		struct ticket_action a = {
		    .ev = TE_COMMENT, .body = desc, .media_url = media_url, .ref = ref};
		struct yq_err act = {0};
		if (ticket_act(req_pool(r), &r->who, t.id, &a, &act) < 0 &&
		    act.code != ERR_CONFLICT) {
			*e = act;
			return -1;
		}
		/* ERR_CONFLICT: the same update_id, posted at the same moment, is there now */
		if (!(c = req_db(r, e)) ||
		    work_event_by_ref(c, &ticket_kind, t.id, ref, &update_id, e) < 0)
			return -1;
		if (!update_id) {
			*e = act.code ? act : (struct yq_err){0};
			return act.code ? -1
			                : err_set(e, ERR_INTERNAL, NULL, "内部错误",
			                          "the update was not written");
		}
		status = act.code ? 200 : 201;
	}
	answer(r, fmt, status);
	o311_write_update_created(&r->out, fmt, update_id);
	return 0;
}

/* POST /open311/v2/servicerequestupdates.{xml,json}: a reply from the client on one of the
 * requests of the api_key's zone and scope (ticket.read, as replies in the console), as the
 * enterprise and the departments see it in the timeline; 201 with its update_id (200 and the
 * first one for an update_id already posted on the request). status, updated_datetime, names,
 * email and phone are accepted and not used: the zone decides the state. */
int h_o311_update_create(struct req *r, struct yq_err *e)
{
	return with_form(r, create_update, e);
}
