/* Open311 GeoReport v2 mapping: services, statuses, dates, coordinates, XML and JSON bodies (see
 * open311.h). Pure functions. */
#include "ticket/open311.h"
#include "work/work.h"
#include "access/disclose.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CST_OFFSET  (8 * 3600)
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

const struct o311_service o311_services[O311_N_SERVICES] = {
    {"financing", "融资", "要素保障", "融资,贷款,信贷,担保,转贷,资金",
     "企业融资、贷款、担保和资金周转方面的诉求"},
    {"land", "用地", "要素保障", "用地,土地,厂房,供地,标准厂房,租赁",
     "项目用地、厂房和土地手续方面的诉求"},
    {"labor", "用工", "要素保障", "用工,招工,招聘,人才,培训,社保",
     "招工、人才引进、职业培训和劳动关系方面的诉求"},
    {"logistics", "物流", "生产经营", "物流,运输,仓储,货运,通关,快递",
     "运输、仓储、货车通行和通关方面的诉求"},
    {"approval", "审批", "政务服务", "审批,许可,证照,备案,验收,办证",
     "行政审批、证照办理、备案和验收方面的诉求"},
    {"utilities", "水电气", "要素保障", "水电气,供水,供电,燃气,停水,停电,用能",
     "供水、供电、供气和用能方面的诉求"},
    {"policy", "政策", "政务服务", "政策,补贴,奖励,申报,兑现,减税",
     "惠企政策咨询、申报和兑现方面的诉求"},
    {"infrastructure", "基础设施", "园区建设", "基础设施,道路,管网,路灯,排水,通信",
     "园区道路、管网、路灯、排水和通信等基础设施方面的诉求"},
    {"other", "其他", "其他", "其他,咨询,建议", "不属于以上类别的诉求"},
};

const struct o311_service *o311_service_by_code(const char *code)
{
	for (int i = 0; code && i < O311_N_SERVICES; i++)
		if (strcmp(o311_services[i].code, code) == 0)
			return &o311_services[i];
	return NULL;
}

const struct o311_service *o311_service_by_category(const char *category)
{
	for (int i = 0; category && i < O311_N_SERVICES; i++)
		if (strcmp(o311_services[i].category, category) == 0)
			return &o311_services[i];
	return NULL;
}

int o311_split_format(const char *segment, size_t *base_len, enum o311_format *fmt)
{
	size_t n = segment ? strlen(segment) : 0;
	if (n > 4 && strcmp(segment + n - 4, ".xml") == 0) {
		*base_len = n - 4;
		*fmt = O311_XML;
		return 0;
	}
	if (n > 5 && strcmp(segment + n - 5, ".json") == 0) {
		*base_len = n - 5;
		*fmt = O311_JSON;
		return 0;
	}
	return -1;
}

const char *o311_content_type(enum o311_format fmt)
{
	return fmt == O311_JSON ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

int o311_status_closed(enum ticket_status s)
{
	return s == TS_RESOLVED || s == TS_CLOSED || s == TS_REJECTED || s == TS_MERGED;
}

const char *o311_status(enum ticket_status s)
{
	return o311_status_closed(s) ? "closed" : "open";
}

int o311_status_filter(const char *list, int *want_open, int *want_closed)
{
	*want_open = *want_closed = 0;
	int items = 0;
	const char *p = list ? list : "";
	while (*p) {
		const char *s;
		size_t n;
		p = str_list_next(p, &s, &n);
		if (n == 4 && memcmp(s, "open", 4) == 0)
			*want_open = 1;
		else if (n == 6 && memcmp(s, "closed", 6) == 0)
			*want_closed = 1;
		else
			return -1;
		items++;
	}
	return items ? 0 : -1;
}

/* s if it has text, else NULL. */
static const char *text_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

const char *o311_status_notes(const struct ticket *t)
{
	switch (t->status) {
	case TS_RESOLVED:
	case TS_CLOSED:
		return text_or_null(t->answer) ? t->answer : ticket_status_label(t->status);
	case TS_REJECTED:
		return text_or_null(t->reject_reason) ? t->reject_reason
		                                      : ticket_status_label(t->status);
	case TS_MERGED:
		return "重复诉求，已合并办理";
	default:
		return text_or_null(ticket_status_label(t->status));
	}
}

int64_t o311_updated_at(const struct ticket *t)
{
	if (t->status == TS_CLOSED && t->closed_at)
		return t->closed_at;
	if (t->status == TS_RESOLVED && t->resolved_at)
		return t->resolved_at;
	return t->updated_at ? t->updated_at : t->created_at;
}

void o311_time(int64_t t, char out[O311_TIME_SIZE])
{
	time_t cst = (time_t)(t + CST_OFFSET);
	struct tm tm;
	if (!gmtime_r(&cst, &tm) ||
	    strftime(out, O311_TIME_SIZE, "%Y-%m-%dT%H:%M:%S+08:00", &tm) == 0)
		out[0] = 0;
}

/* Reads exactly `n` decimal digits at s into *out; -1 if they are not all digits. */
static int read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int o311_parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long off = CST_OFFSET; /* a plain date is a China Standard Time day */
	if (!s || strlen(s) < 10 || read_digits(s, 4, &y) < 0 || read_digits(s + 5, 2, &mo) < 0 ||
	    read_digits(s + 8, 2, &d) < 0)
		return -1;
	char date[11];
	memcpy(date, s, 10);
	date[10] = 0;
	if (!valid_date(date))
		return -1;
	const char *p = s + 10;
	if (*p) {
		if (*p != 'T' || read_digits(p + 1, 2, &h) < 0 || p[3] != ':' ||
		    read_digits(p + 4, 2, &mi) < 0)
			return -1;
		p += 6;
		if (*p == ':') {
			if (read_digits(p + 1, 2, &sec) < 0)
				return -1;
			p += 3;
			if (*p == '.') {
				if (p[1] < '0' || p[1] > '9')
					return -1;
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return -1;
		if (p[0] == 'Z' && p[1] == 0) {
			off = 0;
		} else if (p[0] == '+' || p[0] == '-' || p[0] == ' ') {
			int oh, om;
			if (read_digits(p + 1, 2, &oh) < 0 || p[3] != ':' ||
			    read_digits(p + 4, 2, &om) < 0 || p[6] != 0 || oh > 14 || om > 59)
				return -1;
			off = (p[0] == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
		} else {
			return -1; /* a time needs its offset */
		}
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (int64_t)timegm(&tm) - off;
	return 0;
}

int o311_coord_parse(const char *s, int is_lat, double *out)
{
	if (!s || strlen(s) > 24)
		return -1;
	const char *p = s;
	if (*p == '-')
		p++;
	int whole = 0, frac = 0;
	for (; *p >= '0' && *p <= '9'; p++)
		whole++;
	if (whole < 1)
		return -1;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			frac++;
		if (frac < 1 || frac > 15)
			return -1;
	}
	if (*p)
		return -1;
	double v = strtod(s, NULL);
	double lim = is_lat ? 90.0 : 180.0;
	if (!(v >= -lim && v <= lim))
		return -1;
	*out = v == 0 ? 0.0 : v; /* no "-0" */
	return 0;
}

int o311_media_url_ok(const char *s)
{
	return work_link_ok(s);
}

size_t o311_prefix_bytes(const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t i = 0, chars = 0;
	while (p[i] && chars < max_chars) {
		i++;
		while ((p[i] & 0xC0) == 0x80) /* continuation bytes belong to the character */
			i++;
		chars++;
	}
	return i;
}

/* Copies the n bytes at v into out (size cap) as a string when they are valid UTF-8 of at most
 * max_chars characters. Returns -1 otherwise. */
static int block_value(const char *v, size_t n, size_t max_chars, char *out, size_t cap)
{
	if (n == 0 || n >= cap || !utf8_valid(v, n))
		return -1;
	memcpy(out, v, n);
	out[n] = 0;
	return utf8_count(out) > max_chars ? -1 : 0;
}

/* One coordinate of the block's 【坐标】 line. */
static int block_coord(const char *v, size_t n, int is_lat, double *out)
{
	char buf[32];
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, v, n);
	buf[n] = 0;
	return o311_coord_parse(buf, is_lat, out);
}

int o311_block_take(const char *stored, struct o311_block *out)
{
	static const char *const labels[] = {"【地址】", "【坐标】", "【邮箱】", "【附件】"};
	struct o311_block b;
	memset(out, 0, sizeof *out);
	memset(&b, 0, sizeof b);
	const char *last = NULL;
	for (const char *p = stored ? strstr(stored, "\n\n") : NULL; p; p = strstr(p + 1, "\n\n"))
		last = p;
	if (!last || !last[2] || last == stored)
		return -1;
	int next = 0;
	for (const char *q = last + 2;;) {
		const char *eol = strchr(q, '\n');
		size_t len = eol ? (size_t)(eol - q) : strlen(q);
		int k;
		size_t ll = 0;
		for (k = next; k < 4; k++) {
			ll = strlen(labels[k]);
			if (len >= ll && memcmp(q, labels[k], ll) == 0)
				break;
		}
		if (k == 4)
			return -1; /* a line that is not the next label: not the block */
		const char *v = q + ll;
		size_t n = len - ll;
		int bad;
		if (k == 0) {
			bad = block_value(v, n, O311_ADDRESS_MAX, b.address, sizeof b.address) < 0;
		} else if (k == 1) {
			const char *comma = memchr(v, ',', n);
			bad = !comma || block_coord(v, (size_t)(comma - v), 1, &b.lat) < 0 ||
			      block_coord(comma + 1, n - (size_t)(comma - v) - 1, 0, &b.lon) < 0;
			b.has_coords = 1;
		} else if (k == 2) {
			bad = block_value(v, n, O311_EMAIL_MAX, b.email, sizeof b.email) < 0 ||
			      !email_ok(b.email);
		} else {
			bad = block_value(v, n, O311_MEDIA_URL_MAX, b.media_url,
			                  sizeof b.media_url) < 0 ||
			      !o311_media_url_ok(b.media_url);
		}
		if (bad)
			return -1;
		next = k + 1;
		if (!eol)
			break;
		q = eol + 1;
		if (!*q)
			return -1; /* the block never ended with a line break */
	}
	b.description_len = (size_t)(last - stored);
	*out = b;
	return 0;
}

/* Length of the white-space character at p (ASCII white space or U+3000), 0 if none. */
static size_t space_len(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
		return 1;
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

void o311_title(const char *description, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)(description ? description : "");
	size_t o = 0, chars = 0;
	int gap = 0;
	if (n == 0)
		return;
	while (*p && chars < O311_TITLE_CHARS) {
		size_t sl = space_len(p);
		if (sl) {
			gap = 1;
			p += sl;
			continue;
		}
		if (gap && o) {
			if (o + 1 >= n || chars + 1 >= O311_TITLE_CHARS)
				break;
			out[o++] = ' ';
			chars++;
		}
		gap = 0;
		uint32_t cp;
		int len = utf8_decode(p, strnlen((const char *)p, 4), &cp);
		if (len < 0) { /* not UTF-8: skip the byte */
			p++;
			continue;
		}
		if (o + (size_t)len >= n)
			break;
		memcpy(out + o, p, (size_t)len);
		o += (size_t)len;
		p += len;
		chars++;
	}
	out[o] = 0;
}

/* Trims spaces around s; sets *len. */
static const char *trim(const char *s, size_t *len)
{
	if (!s) {
		*len = 0;
		return "";
	}
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* 1 if the n bytes at s are all ASCII. */
static int ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int o311_contact_name(const char *first, const char *last, char *out, size_t n)
{
	size_t fl, ll;
	const char *f = trim(first, &fl), *l = trim(last, &ll);
	int w;
	if (fl && ll && ascii(f, fl) && ascii(l, ll))
		w = snprintf(out, n, "%.*s %.*s", (int)fl, f, (int)ll, l);
	else
		w = snprintf(out, n, "%.*s%.*s", (int)ll, l, (int)fl, f);
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

void o311_xml_escape(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0; /* run: start of the bytes copied as they are */
	while (i < n) {
		const char *ent = NULL;
		size_t len = 1;
		unsigned char c = p[i];
		if (c < 0x80) {
			switch (c) {
			case '&':
				ent = "&amp;";
				break;
			case '<':
				ent = "&lt;";
				break;
			case '>':
				ent = "&gt;";
				break;
			case '"':
				ent = "&quot;";
				break;
			case '\'':
				ent = "&apos;";
				break;
			case '\r':
				ent = "&#13;";
				break;
			case '\t':
			case '\n':
				break;
			default:
				if (c < 0x20)
					ent = REPLACEMENT;
			}
		} else {
			uint32_t cp;
			int l = utf8_decode(p + i, n - i, &cp);
			if (l < 0)
				ent = REPLACEMENT;
			else if (cp == 0xFFFE || cp == 0xFFFF)
				ent = REPLACEMENT, len = (size_t)l;
			else
				len = (size_t)l;
		}
		if (ent) {
			strbuf_add(sb, s + run, i - run);
			strbuf_adds(sb, ent);
			run = i + len;
		}
		i += len;
	}
	strbuf_add(sb, s + run, n - run);
}

/* ---- the writer ---- */

void o311w_init(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt)
{
	w->fmt = fmt;
	w->sb = sb;
	jw_init(&w->jw, sb);
	if (fmt == O311_XML)
		strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
}

/* Appends <name> or </name>. */
static void tag(struct o311_writer *w, const char *name, int close)
{
	strbuf_adds(w->sb, close ? "</" : "<");
	strbuf_adds(w->sb, name);
	strbuf_addch(w->sb, '>');
}

void o311w_list_open(struct o311_writer *w, const char *name)
{
	if (w->fmt == O311_XML) {
		tag(w, name, 0);
		return;
	}
	if (w->jw.depth > 0)
		jw_key(&w->jw, name);
	jw_arr_open(&w->jw);
}

void o311w_list_close(struct o311_writer *w, const char *name)
{
	if (w->fmt == O311_XML)
		tag(w, name, 1);
	else
		jw_arr_close(&w->jw);
}

void o311w_obj_open(struct o311_writer *w, const char *name)
{
	if (w->fmt == O311_XML)
		tag(w, name, 0);
	else
		jw_obj_open(&w->jw);
}

void o311w_obj_close(struct o311_writer *w, const char *name)
{
	if (w->fmt == O311_XML)
		tag(w, name, 1);
	else
		jw_obj_close(&w->jw);
}

void o311w_strn(struct o311_writer *w, const char *key, const char *s, size_t n)
{
	if (w->fmt == O311_XML) {
		tag(w, key, 0);
		if (s)
			o311_xml_escape(w->sb, s, n);
		tag(w, key, 1);
		return;
	}
	jw_key(&w->jw, key);
	if (s)
		jw_strn(&w->jw, s, n);
	else
		jw_null(&w->jw);
}

void o311w_str(struct o311_writer *w, const char *key, const char *s)
{
	o311w_strn(w, key, s, s ? strlen(s) : 0);
}

/* A member whose JSON value is a literal formatted here (a number, true, false): XML
 * <key>text</key>, JSON text unquoted, null for NULL. */
static void lit(struct o311_writer *w, const char *key, const char *text)
{
	if (w->fmt == O311_XML) {
		o311w_str(w, key, text);
		return;
	}
	jw_key(&w->jw, key);
	if (text)
		jw_raw(&w->jw, text);
	else
		jw_null(&w->jw);
}

void o311w_int(struct o311_writer *w, const char *key, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	lit(w, key, buf);
}

void o311w_bool(struct o311_writer *w, const char *key, int v)
{
	lit(w, key, v ? "true" : "false");
}

void o311w_double(struct o311_writer *w, const char *key, int present, double v)
{
	char buf[32];
	lit(w, key, present && jw_format_double(v, buf, sizeof buf) == 0 ? buf : NULL);
}

void o311w_time(struct o311_writer *w, const char *key, int64_t t)
{
	char buf[O311_TIME_SIZE];
	if (t)
		o311_time(t, buf);
	o311w_str(w, key, t && buf[0] ? buf : NULL);
}

void o311w_item_str(struct o311_writer *w, const char *name, const char *s)
{
	if (w->fmt == O311_XML) {
		tag(w, name, 0);
		o311_xml_escape(w->sb, s, strlen(s));
		tag(w, name, 1);
	} else {
		jw_str(&w->jw, s);
	}
}

/* ---- the bodies ---- */

void o311_write_discovery(struct strbuf *sb, enum o311_format fmt, const char *url)
{
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_obj_open(&w, "discovery");
	o311w_str(&w, "changeset", O311_CHANGESET);
	o311w_str(&w, "contact", "园区企业服务中心（园区通 Yuanqu）");
	o311w_str(
	    &w, "key_service",
	    "api_key 为园区通 API 令牌（yq_…），由园区管理员创建（POST /api/tokens）；提交诉求须有 "
	    "ticket.create 权限，查询须有 ticket.read 权限；jurisdiction_id 为园区代码。The "
	    "api_key "
	    "is a Yuanqu API token made by the zone administrator; jurisdiction_id is the zone's "
	    "code.");
	o311w_list_open(&w, "endpoints");
	o311w_obj_open(&w, "endpoint");
	o311w_str(&w, "specification", O311_SPEC);
	o311w_str(&w, "url", url);
	o311w_str(&w, "changeset", O311_CHANGESET);
	o311w_str(&w, "type", "production");
	o311w_list_open(&w, "formats");
	o311w_item_str(&w, "format", "text/xml");
	o311w_item_str(&w, "format", "application/json");
	o311w_list_close(&w, "formats");
	o311w_obj_close(&w, "endpoint");
	o311w_list_close(&w, "endpoints");
	o311w_obj_close(&w, "discovery");
}

void o311_write_services(struct strbuf *sb, enum o311_format fmt)
{
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_list_open(&w, "services");
	for (int i = 0; i < O311_N_SERVICES; i++) {
		const struct o311_service *s = &o311_services[i];
		o311w_obj_open(&w, "service");
		o311w_str(&w, "service_code", s->code);
		o311w_str(&w, "service_name", s->category);
		o311w_str(&w, "description", s->description);
		o311w_bool(&w, "metadata", 1);
		o311w_str(&w, "type", "realtime");
		o311w_str(&w, "keywords", s->keywords);
		o311w_str(&w, "group", s->group);
		o311w_obj_close(&w, "service");
	}
	o311w_list_close(&w, "services");
}

void o311_write_definition(struct strbuf *sb, enum o311_format fmt, const struct o311_service *s)
{
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_obj_open(&w, "service_definition");
	o311w_str(&w, "service_code", s->code);
	o311w_list_open(&w, "attributes");
	o311w_obj_open(&w, "attribute");
	o311w_bool(&w, "variable", 1);
	o311w_str(&w, "code", "uscc");
	o311w_str(&w, "datatype", "string");
	o311w_bool(&w, "required", 1);
	o311w_str(&w, "datatype_description",
	          "18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z）");
	o311w_int(&w, "order", 1);
	o311w_str(&w, "description", "提出诉求的企业的统一社会信用代码，须为本园区企业库中的企业");
	o311w_obj_close(&w, "attribute");
	o311w_list_close(&w, "attributes");
	o311w_obj_close(&w, "service_definition");
}

void o311_write_created(struct strbuf *sb, enum o311_format fmt, const char *service_request_id,
                        const char *service_notice)
{
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_list_open(&w, "service_requests");
	o311w_obj_open(&w, "request");
	o311w_str(&w, "service_request_id", service_request_id);
	o311w_str(&w, "service_notice", service_notice);
	o311w_str(&w, "account_id", NULL);
	o311w_obj_close(&w, "request");
	o311w_list_close(&w, "service_requests");
}

void o311_write_error(struct strbuf *sb, enum o311_format fmt, int code, const char *description)
{
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_list_open(&w, "errors");
	o311w_obj_open(&w, "error");
	o311w_int(&w, "code", code);
	o311w_str(&w, "description", description);
	o311w_obj_close(&w, "error");
	o311w_list_close(&w, "errors");
}

void o311_requests_begin(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt)
{
	o311w_init(w, sb, fmt);
	o311w_list_open(w, "service_requests");
}

/* The description member, at most O311_DESCRIPTION_MAX characters: a longer one (the console
 * allows 5,000) is cut to O311_DESCRIPTION_MAX - 1 characters and "…". */
static void description(struct o311_writer *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!s || o311_prefix_bytes(s, O311_DESCRIPTION_MAX) == n) {
		o311w_str(w, "description", s);
		return;
	}
	struct strbuf cut = STRBUF_INIT(O311_DESCRIPTION_MAX * 4 + 4);
	strbuf_add(&cut, s, o311_prefix_bytes(s, O311_DESCRIPTION_MAX - 1));
	strbuf_adds(&cut, "…");
	if (cut.failed)
		w->sb->failed = 1;
	else
		o311w_strn(w, "description", cut.buf, cut.len);
	strbuf_release(&cut);
}

void o311_requests_add(struct o311_writer *w, const struct ticket *t, int full)
{
	const struct o311_service *s = o311_service_by_category(t->category);
	if (!s)
		s = &o311_services[O311_N_SERVICES - 1];
	o311w_obj_open(w, "request");
	o311w_str(w, "service_request_id", t->no);
	o311w_str(w, "status", o311_status(t->status));
	o311w_str(w, "status_notes", full ? o311_status_notes(t) : NULL);
	o311w_str(w, "service_name", s->category);
	o311w_str(w, "service_code", s->code);
	description(w, full ? t->description : NULL);
	o311w_str(w, "agency_responsible", text_or_null(t->dept_name));
	o311w_str(w, "service_notice", NULL);
	o311w_time(w, "requested_datetime", t->created_at);
	o311w_time(w, "updated_datetime", o311_updated_at(t));
	o311w_time(w, "expected_datetime", t->due_resolve);
	o311w_str(w, "address", full ? text_or_null(t->address) : NULL);
	o311w_str(w, "address_id", NULL);
	o311w_str(w, "zipcode", NULL);
	o311w_double(w, "lat", full && ticket_has_coords(t), t->lat);
	o311w_double(w, "long", full && ticket_has_coords(t), t->lon);
	o311w_str(w, "media_url", full ? text_or_null(t->media_url) : NULL);
	o311w_obj_close(w, "request");
}

void o311_requests_end(struct o311_writer *w)
{
	o311w_list_close(w, "service_requests");
}

/* ---- service request updates ---- */

int o311_update_of(const struct work_event *ev, struct o311_update *u)
{
	/* the events that make an update: action → the sentence for an event without text (or
	 * whose text the enterprise is not shown); body: its text goes out, where shown */
	static const struct {
		const char *action, *bare;
		int body;
	} out[] = {
	    {"reply", NULL, 1},
	    {"wait", "承办部门请企业补充材料", 1},
	    {"supply", "企业已补充材料", 1},
	    {"accept", "诉求已受理，已分派承办部门办理", 0},
	    {"start", "承办部门已联系企业，正在办理", 1},
	    {"resolve", "诉求已办结", 1},
	    {"reject", "诉求不予受理", 1},
	    {"merge", "重复诉求，已合并办理", 1},
	    {"rate", "企业已评价，诉求已销号", 1},
	    {"autoclose", "企业7日内未评价，诉求已自动销号", 1},
	};
	if (!ev || !ev->action)
		return 0;
	/* what the enterprise sees of the event, as its timeline shows it (access/disclose.h) */
	char kind[64];
	snprintf(kind, sizeof kind, "ticket.%s", ev->internal ? "note" : ev->action);
	enum disclose shown = disclose_to_enterprise(kind);
	if (shown == DISCLOSE_NONE)
		return 0;
	for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
		if (strcmp(ev->action, out[i].action) != 0)
			continue;
		int body = out[i].body && shown == DISCLOSE_ALL && ev->body && *ev->body;
		const char *text = body ? ev->body : out[i].bare;
		if (!text)
			return 0; /* a reply without text says nothing */
		enum ticket_status to = ticket_status_from_name(ev->to_state);
		u->status = to == TS__COUNT ? "open" : o311_status(to);
		u->description = text;
		return 1;
	}
	return 0;
}

void o311_updates_begin(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt)
{
	o311w_init(w, sb, fmt);
	o311w_list_open(w, "service_request_updates");
}

void o311_updates_add(struct o311_writer *w, const struct work_event *ev,
                      const struct o311_update *u)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	o311w_obj_open(w, "request_update");
	o311w_str(w, "update_id", id);
	o311w_str(w, "service_request_id", ev->ref_no);
	o311w_str(w, "status", u->status);
	o311w_time(w, "updated_datetime", ev->at);
	description(w, u->description ? u->description : "");
	o311w_str(w, "media_url", ev->media_url ? ev->media_url : "");
	o311w_obj_close(w, "request_update");
}

void o311_updates_end(struct o311_writer *w)
{
	o311w_list_close(w, "service_request_updates");
}

void o311_write_update_created(struct strbuf *sb, enum o311_format fmt, int64_t update_id)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)update_id);
	struct o311_writer w;
	o311w_init(&w, sb, fmt);
	o311w_list_open(&w, "service_request_updates");
	o311w_obj_open(&w, "request_update");
	o311w_str(&w, "update_id", id);
	o311w_obj_close(&w, "request_update");
	o311w_list_close(&w, "service_request_updates");
}
