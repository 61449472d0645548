/* OpenAPI 3.1 from the route table and the field tables (see openapi.h). */
#include "http/openapi.h"
#include "access/perm.h"
#include "http/routes.h"
#include "lib/field.h"
#include "lib/jsonw.h"
#include <stdio.h>
#include <string.h>

static const char *const methods[] = {"get", "post", "put", "patch", "delete", "head", ""};

/* 1 if a JSON member is an object rather than an array: its default says so ("{}"). */
static int json_object_member(const struct field *f)
{
	return f->type == FT_JSON && f->def && f->def[0] == '{';
}

/* The schema of one field. An FT_JSON member is an array, or an object when its default is one;
 * with codes (`values`) an array holds those codes, an object one boolean per code (a set of
 * flags, each held or not). */
static void field_schema(struct jsonw *w, const struct field *f)
{
	int nullable = !(f->flags & F_REQUIRED);
	jw_obj_open(w);
	jw_key(w, "type");
	const char *t = "string";
	switch (f->type) {
	case FT_INT:
		t = "integer";
		break;
	case FT_REF:
		t = "integer";
		nullable = 1;
		break;
	case FT_NUM:
	case FT_MONEY:
		t = "number";
		break;
	case FT_BOOL:
		t = "boolean";
		nullable = 0;
		break;
	case FT_JSON:
		t = json_object_member(f) ? "object" : "array";
		nullable = 0;
		break;
	case FT_TIME:
		nullable = 1;
		break;
	default:
		break;
	}
	if (nullable && f->type != FT_INT) {
		jw_arr_open(w);
		jw_str(w, t);
		jw_str(w, "null");
		jw_arr_close(w);
	} else
		jw_str(w, t);
	char desc[256];
	snprintf(desc, sizeof desc, "%s%s%s%s", f->label_zh ? f->label_zh : f->key,
	         f->label_en ? " (" : "", f->label_en ? f->label_en : "", f->label_en ? ")" : "");
	if (f->type == FT_MONEY)
		snprintf(desc + strlen(desc), sizeof desc - strlen(desc), ", 万元");
	jw_kstr(w, "description", desc);
	switch (f->type) {
	case FT_TEXT:
		if (f->max > 0)
			jw_kint(w, "maxLength", f->max);
		if (f->min > 0)
			jw_kint(w, "minLength", f->min);
		break;
	case FT_INT:
		if (f->min || f->max) {
			jw_kint(w, "minimum", f->min);
			jw_kint(w, "maximum", f->max);
		}
		break;
	case FT_REF:
		jw_kint(w, "minimum", 1);
		break;
	case FT_NUM:
	case FT_MONEY:
		if (f->min || f->max) {
			jw_kint(w, "minimum", f->min);
			jw_kint(w, "maximum", f->max);
		}
		break;
	case FT_DATE:
		jw_kstr(w, "format", "date");
		break;
	case FT_MONTH:
		jw_kstr(w, "pattern", "^[0-9]{4}-[0-9]{2}$");
		break;
	case FT_TIME:
		jw_kstr(w, "format", "date-time");
		break;
	case FT_ENUM:
		jw_key(w, "enum");
		jw_arr_open(w);
		for (int i = 0; f->values && f->values[i]; i++)
			jw_str(w, f->values[i]);
		if (nullable)
			jw_null(w);
		jw_arr_close(w);
		break;
	case FT_JSON:
		if (f->values && json_object_member(f)) {
			jw_key(w, "properties");
			jw_obj_open(w);
			for (int i = 0; f->values[i]; i++) {
				jw_key(w, f->values[i]);
				jw_obj_open(w);
				jw_kstr(w, "type", "boolean");
				if (f->labels && f->labels[i])
					jw_kstr(w, "description", f->labels[i]);
				jw_obj_close(w);
			}
			jw_obj_close(w);
			jw_key(w, "required");
			jw_arr_open(w);
			for (int i = 0; f->values[i]; i++)
				jw_str(w, f->values[i]);
			jw_arr_close(w);
		} else if (f->values) {
			jw_key(w, "items");
			jw_obj_open(w);
			jw_kstr(w, "type", "string");
			jw_key(w, "enum");
			jw_arr_open(w);
			for (int i = 0; f->values[i]; i++)
				jw_str(w, f->values[i]);
			jw_arr_close(w);
			jw_obj_close(w);
		}
		break;
	default:
		break;
	}
	if (f->flags & F_READONLY || f->type == FT_TIME)
		jw_kbool(w, "readOnly", 1);
	if (f->flags & F_WRITEONLY)
		jw_kbool(w, "writeOnly", 1);
	if (f->flags & F_INTERNAL)
		jw_kstr(w, "x-visibility", "zone staff only: never shown to enterprise users");
	jw_obj_close(w);
}

/* The schema of an entity, under components/schemas. */
static void entity_schema(struct jsonw *w, const struct entity *en)
{
	jw_key(w, en->name);
	jw_obj_open(w);
	jw_kstr(w, "type", "object");
	if (en->label_zh)
		jw_kstr(w, "title", en->label_zh);
	jw_key(w, "properties");
	jw_obj_open(w);
	for (int i = 0; i < en->n_fields; i++) {
		jw_key(w, en->fields[i].key);
		field_schema(w, &en->fields[i]);
	}
	jw_obj_close(w);
	jw_key(w, "required");
	jw_arr_open(w);
	for (int i = 0; i < en->n_fields; i++)
		if (en->fields[i].flags & F_REQUIRED)
			jw_str(w, en->fields[i].key);
	jw_arr_close(w);
	jw_obj_close(w);
}

/* Writes the OpenAPI form of a pattern ("/api/users/:id" → "/api/users/{id}") into buf. */
static void oa_path(const char *pat, char *buf, size_t n)
{
	size_t o = 0;
	for (const char *p = pat; *p && o + 2 < n; p++) {
		if (*p == ':' && (p == pat || p[-1] == '/')) {
			buf[o++] = '{';
			while (p[1] && p[1] != '/' && o + 2 < n)
				buf[o++] = *++p;
			buf[o++] = '}';
		} else
			buf[o++] = *p;
	}
	buf[o] = 0;
}

static void ref(struct jsonw *w, const char *kind, const char *name)
{
	char r[160];
	snprintf(r, sizeof r, "#/components/%s/%s", kind, name);
	jw_obj_open(w);
	jw_kstr(w, "$ref", r);
	jw_obj_close(w);
}

/* A "content" object of JSON with the schema written by the caller through `body`. */
static void json_content_open(struct jsonw *w)
{
	jw_key(w, "content");
	jw_obj_open(w);
	jw_key(w, "application/json");
	jw_obj_open(w);
	jw_key(w, "schema");
}

static void json_content_close(struct jsonw *w)
{
	jw_obj_close(w);
	jw_obj_close(w);
}

/* Opens the schema of an object, {"type": "object", "properties": {…: the caller writes the
 * properties, then closes the properties (and may add "required") and the schema. */
static void object_schema_open(struct jsonw *w)
{
	jw_obj_open(w);
	jw_kstr(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_open(w);
}

/* A property `key` of type integer, with a description unless NULL. */
static void int_property(struct jsonw *w, const char *key, const char *desc)
{
	jw_key(w, key);
	jw_obj_open(w);
	jw_kstr(w, "type", "integer");
	if (desc)
		jw_kstr(w, "description", desc);
	jw_obj_close(w);
}

/* A query parameter: field f's key, its schema. */
static void query_parameter(struct jsonw *w, const struct field *f)
{
	jw_obj_open(w);
	jw_kstr(w, "name", f->key);
	jw_kstr(w, "in", "query");
	jw_key(w, "schema");
	field_schema(w, f);
	jw_obj_close(w);
}

/* One operation of a route. */
static void operation(struct jsonw *w, const struct route *rt)
{
	jw_key(w, methods[rt->method]);
	jw_obj_open(w);
	char opid[200];
	snprintf(opid, sizeof opid, "%s %s", methods[rt->method], rt->pattern);
	jw_kstr(w, "operationId", opid);
	jw_kstr(w, "summary", rt->summary ? rt->summary : opid);
	/* the tag: the second segment of /api/<tag>/… (or open311, healthz …) */
	char tag[64] = "";
	const char *p = rt->pattern + 1;
	if (strncmp(p, "api/", 4) == 0)
		p += 4;
	size_t k = 0;
	while (p[k] && p[k] != '/' && k + 1 < sizeof tag) {
		tag[k] = p[k];
		k++;
	}
	tag[k] = 0;
	jw_key(w, "tags");
	jw_arr_open(w);
	jw_str(w, tag);
	jw_arr_close(w);
	jw_kstr(w, "x-permission", perm_name(rt->perm));
	jw_key(w, "x-roles");
	jw_arr_open(w);
	for (int ro = ROLE_NONE + 1; ro < ROLE__COUNT && rt->perm != PERM_NONE; ro++)
		if (route_role_allowed(rt, (enum role)ro))
			jw_str(w, role_name((enum role)ro));
	jw_arr_close(w);
	if (rt->perm == PERM_NONE) {
		jw_key(w, "security");
		jw_arr_open(w);
		jw_arr_close(w);
	}
	/* parameters: the path's, then a list's paging and filters */
	jw_key(w, "parameters");
	jw_arr_open(w);
	for (const char *s = strchr(rt->pattern, ':'); s; s = strchr(s + 1, ':')) {
		char name[40];
		size_t n = 0;
		while (s[n + 1] && s[n + 1] != '/' && n + 1 < sizeof name) {
			name[n] = s[n + 1];
			n++;
		}
		name[n] = 0;
		jw_obj_open(w);
		jw_kstr(w, "name", name);
		jw_kstr(w, "in", "path");
		jw_kbool(w, "required", 1);
		jw_key(w, "schema");
		jw_obj_open(w);
		jw_kstr(w, "type",
		        strcmp(name, "id") == 0 || strcmp(name, "aid") == 0 ? "integer" : "string");
		jw_obj_close(w);
		jw_obj_close(w);
	}
	if ((rt->flags & ROUTE_LIST) && !(rt->flags & ROUTE_WHOLE)) {
		static const char *const paging[][2] = {{"page", "页码，从 1 开始"},
		                                        {"page_size", "每页条数，1–200，默认 20"}};
		for (int i = 0; i < 2; i++) {
			jw_obj_open(w);
			jw_kstr(w, "name", paging[i][0]);
			jw_kstr(w, "in", "query");
			jw_kstr(w, "description", paging[i][1]);
			jw_key(w, "schema");
			jw_obj_open(w);
			jw_kstr(w, "type", "integer");
			jw_kint(w, "minimum", 1);
			jw_obj_close(w);
			jw_obj_close(w);
		}
		for (int i = 0; rt->schema && i < rt->schema->n_fields; i++)
			if (rt->schema->fields[i].flags & F_FILTER &&
			    !(rt->query && entity_field(rt->query, rt->schema->fields[i].key)))
				query_parameter(w, &rt->schema->fields[i]);
	}
	for (int i = 0; rt->query && i < rt->query->n_fields; i++)
		query_parameter(w, &rt->query->fields[i]);
	jw_arr_close(w);
	if ((rt->method == HTTP_POST || rt->method == HTTP_PUT || rt->method == HTTP_PATCH)) {
		jw_key(w, "requestBody");
		jw_obj_open(w);
		if (rt->flags & ROUTE_UPLOAD) {
			jw_key(w, "content");
			jw_obj_open(w);
			jw_key(w, "multipart/form-data");
			jw_obj_open(w);
			jw_key(w, "schema");
			jw_obj_open(w);
			jw_kstr(w, "type", "object");
			jw_obj_close(w);
			jw_obj_close(w);
			jw_obj_close(w);
		} else {
			json_content_open(w);
			if (rt->schema && !(rt->flags & ROUTE_LIST))
				ref(w, "schemas", rt->schema->name);
			else {
				jw_obj_open(w);
				jw_kstr(w, "type", "object");
				jw_obj_close(w);
			}
			json_content_close(w);
		}
		jw_obj_close(w);
	}
	jw_key(w, "responses");
	jw_obj_open(w);
	const char *ok = rt->flags & ROUTE_EMPTY    ? "204"
	                 : rt->flags & ROUTE_NEW_ID ? "201"
	                 : rt->method == HTTP_POST && rt->schema && !(rt->flags & ROUTE_LIST)
	                     ? "201"
	                     : "200";
	jw_key(w, ok);
	jw_obj_open(w);
	jw_kstr(w, "description", "成功");
	if (rt->flags & ROUTE_EMPTY) {
		/* no content */
	} else if (rt->flags & ROUTE_NEW_ID) {
		json_content_open(w);
		object_schema_open(w);
		int_property(w, "id", "新建对象的编号");
		jw_obj_close(w);
		jw_key(w, "required");
		jw_arr_open(w);
		jw_str(w, "id");
		jw_arr_close(w);
		jw_obj_close(w);
		json_content_close(w);
	} else if (rt->flags & ROUTE_FILE) {
		jw_key(w, "content");
		jw_obj_open(w);
		jw_key(w, "application/octet-stream");
		jw_obj_open(w);
		jw_key(w, "schema");
		jw_obj_open(w);
		jw_kstr(w, "type", "string");
		jw_kstr(w, "contentMediaType", "application/octet-stream");
		jw_obj_close(w);
		jw_obj_close(w);
		jw_obj_close(w);
	} else if (rt->schema) {
		json_content_open(w);
		if (rt->flags & ROUTE_LIST) {
			object_schema_open(w);
			jw_key(w, "items");
			jw_obj_open(w);
			jw_kstr(w, "type", "array");
			jw_key(w, "items");
			ref(w, "schemas", rt->schema->name);
			jw_obj_close(w);
			static const char *const ints[] = {"total", "page", "page_size"};
			for (int i = 0; i < 3 && !(rt->flags & ROUTE_WHOLE); i++)
				int_property(w, ints[i], NULL);
			jw_obj_close(w);
			jw_obj_close(w);
		} else
			ref(w, "schemas", rt->schema->name);
		json_content_close(w);
	}
	jw_obj_close(w);
	jw_key(w, "4XX");
	ref(w, "responses", "Error");
	jw_key(w, "5XX");
	ref(w, "responses", "Error");
	jw_obj_close(w);
	jw_obj_close(w);
}

/* The error body every route answers on failure. */
static void error_component(struct jsonw *w)
{
	jw_key(w, "Error");
	jw_obj_open(w);
	jw_kstr(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_open(w);
	jw_key(w, "error");
	jw_obj_open(w);
	jw_kstr(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_open(w);
	static const char *const keys[][2] = {
	    {"code", "错误代码 (validation, not_found, forbidden …)"},
	    {"message", "中文说明 (English with Accept-Language: en)"},
	    {"field", "出错的字段或行"},
	    {"id", "5xx: 服务器日志中的错误编号"}};
	for (int i = 0; i < 4; i++) {
		jw_key(w, keys[i][0]);
		jw_obj_open(w);
		jw_key(w, "type");
		jw_arr_open(w);
		jw_str(w, "string");
		jw_str(w, "null");
		jw_arr_close(w);
		jw_kstr(w, "description", keys[i][1]);
		jw_obj_close(w);
	}
	jw_obj_close(w);
	jw_key(w, "required");
	jw_arr_open(w);
	jw_str(w, "code");
	jw_str(w, "message");
	jw_arr_close(w);
	jw_obj_close(w);
	jw_obj_close(w);
	jw_key(w, "required");
	jw_arr_open(w);
	jw_str(w, "error");
	jw_arr_close(w);
	jw_obj_close(w);
}

/* How a caller proves who it is: any one of these schemes (their names, then their members). */
static const struct {
	const char *name;
	const char *members[4][2];
} schemes[] = {
    {"session",
     {{"type", "apiKey"},
      {"in", "cookie"},
      {"name", "yq_session"},
      {"description", "登录 (POST /api/login) 得到的会话；HTTPS 下名为 __Host-yq_session"}}},
    {"token",
     {{"type", "http"},
      {"scheme", "bearer"},
      {"description", "管理员签发的 API 令牌 (POST /api/tokens)"}}},
};

int openapi_write(struct strbuf *sb, const char *version)
{
	struct jsonw w;
	jw_init(&w, sb);
	jw_obj_open(&w);
	jw_kstr(&w, "openapi", "3.1.0");
	jw_key(&w, "info");
	jw_obj_open(&w);
	jw_kstr(&w, "title", "园区通 Yuanqu API");
	jw_kstr(&w, "version", version);
	jw_kstr(&w, "description",
	        "开发区运营平台的 JSON API。登录后以会话 Cookie（写操作另带 X-CSRF-Token）或 API "
	        "令牌（Authorization: Bearer yq_…）调用；每个接口注明所需权限 (x-permission) "
	        "与拥有该权限的角色 (x-roles)。错误统一为 {\"error\":{\"code\",\"message\","
	        "\"field\"}}。Open311 接口（/open311/…）见 docs/API.md。");
	jw_obj_close(&w);
	jw_key(&w, "servers");
	jw_arr_open(&w);
	jw_obj_open(&w);
	jw_kstr(&w, "url", "/");
	jw_obj_close(&w);
	jw_arr_close(&w);
	jw_key(&w, "security");
	jw_arr_open(&w);
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		jw_obj_open(&w);
		jw_key(&w, schemes[i].name);
		jw_arr_open(&w);
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);

	/* paths: routes with the same pattern share one path item, in table order */
	jw_key(&w, "paths");
	jw_obj_open(&w);
	for (int i = 0; i < n_routes; i++) {
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = strcmp(routes[j].pattern, routes[i].pattern) == 0;
		if (seen)
			continue;
		char path[256];
		oa_path(routes[i].pattern, path, sizeof path);
		jw_key(&w, path);
		jw_obj_open(&w);
		for (int j = i; j < n_routes; j++)
			if (strcmp(routes[j].pattern, routes[i].pattern) == 0 &&
			    *methods[routes[j].method])
				operation(&w, &routes[j]);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);

	jw_key(&w, "components");
	jw_obj_open(&w);
	jw_key(&w, "securitySchemes");
	jw_obj_open(&w);
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		jw_key(&w, schemes[i].name);
		jw_obj_open(&w);
		for (int k = 0; k < 4 && schemes[i].members[k][0]; k++)
			jw_kstr(&w, schemes[i].members[k][0], schemes[i].members[k][1]);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
	jw_key(&w, "responses");
	jw_obj_open(&w);
	jw_key(&w, "Error");
	jw_obj_open(&w);
	jw_kstr(&w, "description", "错误");
	json_content_open(&w);
	ref(&w, "schemas", "Error");
	json_content_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_key(&w, "schemas");
	jw_obj_open(&w);
	error_component(&w);
	for (int i = 0; i < n_routes; i++) {
		const struct entity *en = routes[i].schema;
		int seen = !en;
		for (int j = 0; j < i && !seen; j++)
			seen = routes[j].schema == en;
		if (!seen)
			entity_schema(&w, en);
	}
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	return sb->failed ? -1 : 0;
}
