/* Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over enterprise requests, so that
 * the 12345 hotline and city systems that speak Open311 can file requests (企业诉求) and follow
 * them. This file is the pure mapping — services, statuses, dates, coordinates, and the XML and
 * JSON bodies — unit-tested in tests/unit/ticket/test_open311.c; the handlers are in
 * open311_api.c. Endpoints (the route table has them):
 *
 *   GET  /open311/discovery.{xml,json}          service discovery (no key)
 *   GET  /open311/v2/services.{xml,json}        the nine services (no key)
 *   GET  /open311/v2/services/{code}.{xml,json} a service definition (no key)
 *   POST /open311/v2/requests.{xml,json}        create a request (api_key, ticket.create)
 *   GET  /open311/v2/requests.{xml,json}        query requests (api_key, ticket.read; without
 *                                               a key: status fields only)
 *   GET  /open311/v2/requests/{id}.{xml,json}   one request (the same)
 *   GET  /open311/v2/tokens/{token}.{xml,json}  always 404: we never issue tokens (no key)
 *   GET  /open311/v2/servicerequestupdates.{xml,json}  updates (api_key, ticket.read)
 *   POST /open311/v2/servicerequestupdates.{xml,json}  a reply from the client (the same)
 *
 * Mapping decisions:
 * - Format: the extension picks it, .xml (text/xml) or .json (application/json), both UTF-8;
 *   JSON follows the spec's Spark convention (a list element becomes an array). Errors use the
 *   spec's list, <errors><error><code/><description/></error></errors> or [{"code",
 *   "description"}]. HTTP status: 403 for a missing, invalid or underpowered api_key, 404 for a
 *   resource that does not exist, 400 for anything else; the body's code may be more specific
 *   (413 body too large, 415 wrong content type, 500 / 503 server side with an error id logged).
 *   Descriptions are Chinese, English with Accept-Language: en. The server's own errors under
 *   /open311/ (no such path, method not allowed, body too large) come in the same list, JSON
 *   when the path ends in .json, else XML (o311_http_error, open311_api.h).
 * - api_key: one of our API tokens ("yq_…", POST /api/tokens), sent as the api_key parameter
 *   (form body for POST, query string for GET) or as Authorization: Bearer. The request acts as
 *   the token's principal: POST needs ticket.create, GET requests ticket.read, and reads apply the
 *   principal's data scope. Discovery, services, service definitions and tokens need no key.
 * - jurisdiction_id: the zone's code (zone.code, e.g. "ccetdz"), in the query string or a POST's
 *   form. One that names no zone is 404 on every endpoint; with an api_key of another zone it is
 *   403 (nothing is read or filed). Without it the api_key's zone is the jurisdiction. The
 *   services are the same in every zone.
 * - Services: one per request category (ticket_categories), type "realtime", metadata true:
 *   融资 financing, 用地 land, 用工 labor, 物流 logistics, 审批 approval, 水电气 utilities,
 *   政策 policy, 基础设施 infrastructure, 其他 other; service_name is the category itself (the
 *   word staff see in the console), with a group, keywords and a description (o311_services).
 * - Every service has one attribute, `uscc` (统一社会信用代码): variable, datatype "string",
 *   required, order 1. POST sends it as attribute[uscc] (attribute[uscc][] also accepted; the
 *   first value counts). It names an active enterprise within the token's data scope, as for a
 *   user of its role (an enterprise token: its own enterprise; a department's: those it
 *   serves); otherwise 400 "enterprise not found", alike for one that does not exist.
 * - POST creates a ticket through ticket_create(): channel "hotline", priority normal, category
 *   from service_code, description required (at most 4,000 characters, as the spec says; our
 *   tickets need one), title = its first 30 characters with white space folded, contact_name
 *   from first_name and last_name (Chinese order 姓名 when either is not ASCII, else "first
 *   last"), contact_phone from phone. address_string, lat/long (both or neither, WGS84 decimal
 *   degrees, parsed to numbers: "043.8171" is 43.8171), email and media_url (http or https)
 *   are stored in the request's own columns and shown to the console as such; nothing is ever
 *   read back out of a description. A location is optional (the enterprise is the location).
 *   address_id, device_id and account_id are ignored. The answer is 201 with
 *   service_request_id (never a token).
 * - service_request_id is our request number (SQ20261123-0001); GET also accepts our numeric id.
 * - Status: received, assigned, in_progress, waiting → "open"; resolved (已办结: answered),
 *   closed, rejected, merged → "closed" ("closed: it has been resolved"). A request rated
 *   不满意 goes back to open. status_notes: the answer (resolved, closed), the reject reason
 *   (rejected), "重复诉求，已合并办理" (merged), the Chinese state label while open (办理中 …).
 * - Reading without an api_key (GET requests and requests/{id}; FixMyStreet's status sync sends
 *   none): the zone is the one jurisdiction_id names, or the installation's only zone (400 when
 *   there are several and none is named); every request of the zone, with only its status
 *   fields (o311_requests_add): what was asked, by which enterprise, where, and the answer need
 *   an api_key of the zone. An api_key that is sent must be valid (403 otherwise).
 * - GET requests fields: service_request_id, status, status_notes, service_name, service_code,
 *   description (at most 4,000 characters, the spec's limit: a longer one — the console allows
 *   5,000 — is cut to 3,999 and "…"), agency_responsible (the lead department), service_notice
 *   (null),
 *   requested_datetime (created), updated_datetime (for closed requests: when closed or
 *   resolved), expected_datetime (the resolution deadline, due_resolve), address, address_id
 *   (null), zipcode (null), lat, long (numbers), media_url: each from its own column.
 * - GET requests filters: service_request_id (comma-separated, at most O311_MAX_IDS, overrides
 *   the rest; unknown ids are left out), service_code and status (comma-separated), start_date
 *   and end_date on requested_datetime (default: the last 90 days; a range longer than 90 days is
 *   400). At most 1,000 requests, newest first.
 * - Dates are written as ISO 8601 with the China Standard Time offset, 2026-11-23T18:00:00+08:00;
 *   read as W3C date-times with Z or an offset (a '+' decoded to a space is taken as '+'), or a
 *   plain date meaning 00:00 China Standard Time. */
#ifndef YQ_TICKET_OPEN311_H
#define YQ_TICKET_OPEN311_H
#include <stddef.h>
#include <stdint.h>
#include "lib/jsonw.h"
#include "lib/strbuf.h"
#include "ticket/ticket.h"
#include "work/timeline.h"

#define O311_SPEC            "http://wiki.open311.org/GeoReport_v2"
#define O311_CHANGESET       "2026-11-23 00:00" /* bump when services or definitions change */
#define O311_N_SERVICES      9
#define O311_DESCRIPTION_MAX 4000 /* characters of description sent or answered (the spec) */
#define O311_TITLE_CHARS     30   /* characters of description that make the title */
#define O311_TITLE_SIZE      (O311_TITLE_CHARS * 4 + 1)
#define O311_ADDRESS_MAX     TICKET_ADDRESS_MAX /* characters of address_string */
#define O311_EMAIL_MAX       TICKET_EMAIL_MAX
#define O311_MEDIA_URL_MAX   TICKET_MEDIA_URL_MAX
#define O311_CONTACT_MAX     32           /* characters of the contact name (the ticket's limit) */
#define O311_MAX_IDS         50           /* service_request_id values in one GET requests */
#define O311_LIST_MAX        1000         /* requests in one GET requests answer */
#define O311_RANGE_MAX_S     (90 * 86400) /* longest start_date..end_date span, and the default */
#define O311_TIME_SIZE       26           /* "2026-11-23T18:00:00+08:00" and NUL */

enum o311_format { O311_XML, O311_JSON };

/* One service: a request category seen through Open311. */
struct o311_service {
	const char *code;        /* service_code, ASCII: "financing" */
	const char *category;    /* our category and the service_name: "融资" */
	const char *group;       /* group: "要素保障" */
	const char *keywords;    /* comma-separated synonyms */
	const char *description; /* one sentence */
};

/* The nine services, in the order of ticket_categories. */
extern const struct o311_service o311_services[O311_N_SERVICES];

/* The service with this service_code (exact, case-sensitive), or NULL. */
const struct o311_service *o311_service_by_code(const char *code);
/* The service of one of our categories ("融资"), or NULL. */
const struct o311_service *o311_service_by_category(const char *category);

/* Splits a path segment "financing.json" into the length of its base (9) and its format.
 * Returns -1 when it does not end in ".xml" or ".json" or the base is empty. */
int o311_split_format(const char *segment, size_t *base_len, enum o311_format *fmt);
/* The Content-Type of a format: "text/xml; charset=utf-8" or "application/json; charset=utf-8". */
const char *o311_content_type(enum o311_format fmt);

/* "open" or "closed" for one of our states (see the mapping above). */
const char *o311_status(enum ticket_status s);
/* 1 when the state maps to "closed". */
int o311_status_closed(enum ticket_status s);
/* Parses a status filter, a comma-separated list of "open" and "closed" (spaces around items
 * allowed), into *want_open and *want_closed. Returns -1 on an unknown or empty item. */
int o311_status_filter(const char *list, int *want_open, int *want_closed);
/* status_notes for a ticket: see the mapping above; NULL when there is nothing to say. */
const char *o311_status_notes(const struct ticket *t);
/* updated_datetime for a ticket: closed_at or resolved_at for closed requests when set,
 * otherwise updated_at, otherwise created_at. */
int64_t o311_updated_at(const struct ticket *t);

/* Writes unix time t as "2026-11-23T18:00:00+08:00" (China Standard Time) into out. */
void o311_time(int64_t t, char out[O311_TIME_SIZE]);
/* Parses a W3C date-time ("2010-01-01T00:00:00Z", "…T08:00+08:00", "…T08:00:00.5-05:00", a space
 * in place of the offset's '+') or a date ("2010-01-01", 00:00 China Standard Time) into unix
 * seconds. Returns -1 on anything else, an impossible date or time included. */
int o311_parse_time(const char *s, int64_t *out);

/* Parses a WGS84 decimal coordinate written plainly (optional '-', one or more digits, leading
 * zeros allowed, optionally '.' and one to fifteen digits; at most 24 characters) within ±90
 * (is_lat) or ±180 into *out (-0 as 0). Returns -1 on anything else: exponents, hex, "nan",
 * spaces, an empty or NULL string. */
int o311_coord_parse(const char *s, int is_lat, double *out);

/* What POST requests used to append to the stored description before migration 0011 (a blank
 * line, then one labelled line per value, in this order, each at most once:
 *   【地址】address_string      【坐标】lat,long      【邮箱】email      【附件】media_url),
 * taken apart once, by ticket_split_legacy_blocks; requests are never read this way. */
struct o311_block {
	size_t description_len; /* bytes of the description before the block */
	char address[O311_ADDRESS_MAX * 4 + 1];
	char email[O311_EMAIL_MAX * 4 + 1];
	char media_url[O311_MEDIA_URL_MAX * 4 + 1];
	int has_coords;
	double lat, lon;
};

/* Finds such a block at the end of `stored`: after the last blank line, every line a labelled
 * line, labels in order and at most once, and every value what POST requests accepts (address
 * and email within their lengths, coordinates by o311_coord_parse, email with an '@' and no
 * white space, media_url http(s)). Returns 0 and fills *out, or -1 (out zeroed) when the text
 * does not end in exactly that. */
int o311_block_take(const char *stored, struct o311_block *out);

/* 1 if `s` is a media_url POST requests accepts: starts with http:// or https://. */
int o311_media_url_ok(const char *s);

/* The number of bytes of the first `max_chars` characters of the UTF-8 text `s` (all of it
 * when shorter). */
size_t o311_prefix_bytes(const char *s, size_t max_chars);

/* The title of a request from its description: the first O311_TITLE_CHARS characters of the
 * description's text with runs of white space (line breaks included) folded into one space and
 * the ends trimmed. `out` has at least O311_TITLE_SIZE bytes; "" for a blank description. */
void o311_title(const char *description, char *out, size_t n);

/* The contact name from first_name and last_name (either may be NULL or blank): both → "姓名"
 * (last then first, no space) when either is not ASCII, else "first last"; one → that one.
 * Trims spaces. Returns 0, or -1 when the result does not fit in `n` bytes. */
int o311_contact_name(const char *first, const char *last, char *out, size_t n);

/* Appends `n` bytes of text to `sb` escaped for XML 1.0 element content and attribute values:
 * & < > " ' as entities, CR as &#13; (kept through parsers' line-end normalisation), characters
 * XML 1.0 forbids (C0 controls but tab and line feed, U+FFFE, U+FFFF) and invalid UTF-8 as
 * U+FFFD. */
void o311_xml_escape(struct strbuf *sb, const char *s, size_t n);

/* A writer that emits the same document as XML or as JSON (Spark convention): elements named
 * here become JSON keys inside objects and disappear inside arrays. */
struct o311_writer {
	enum o311_format fmt;
	struct strbuf *sb;
	struct jsonw jw;
};

/* Starts a document in `sb` (which it appends to): XML declaration for XML. */
void o311w_init(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt);
/* A list: the document root (XML <name>, JSON '['), or a member of an object (XML <name>,
 * JSON "name": [). */
void o311w_list_open(struct o311_writer *w, const char *name);
void o311w_list_close(struct o311_writer *w, const char *name);
/* An object: the document root or an item of a list (XML <name>, JSON '{'). */
void o311w_obj_open(struct o311_writer *w, const char *name);
void o311w_obj_close(struct o311_writer *w, const char *name);
/* A text member: XML <key>escaped</key> (<key></key> for NULL), JSON "key": "…" or null. */
void o311w_str(struct o311_writer *w, const char *key, const char *s);
void o311w_strn(struct o311_writer *w, const char *key, const char *s, size_t n);
/* Number and boolean members, formatted here (never text from outside): XML <key>1.5</key>,
 * JSON "key": 1.5. o311w_double writes null (XML <key></key>) when !present or v is not
 * finite, else the shortest decimal that reads back as v. */
void o311w_int(struct o311_writer *w, const char *key, int64_t v);
void o311w_bool(struct o311_writer *w, const char *key, int v);
void o311w_double(struct o311_writer *w, const char *key, int present, double v);
/* A time member as o311_time(); t 0 is NULL. */
void o311w_time(struct o311_writer *w, const char *key, int64_t t);
/* A string item of a list: XML <name>escaped</name>, JSON "…". */
void o311w_item_str(struct o311_writer *w, const char *name, const char *s);

/* The bodies. Each appends one whole document to `sb`. */
/* Discovery: changeset, contact, key_service and one production endpoint at `url`
 * ("https://host/open311/v2") with both formats. */
void o311_write_discovery(struct strbuf *sb, enum o311_format fmt, const char *url);
/* GET services: the nine services. */
void o311_write_services(struct strbuf *sb, enum o311_format fmt);
/* GET services/{code}: the definition with its uscc attribute. */
void o311_write_definition(struct strbuf *sb, enum o311_format fmt, const struct o311_service *s);
/* POST requests: service_request_id, service_notice and account_id (null). */
void o311_write_created(struct strbuf *sb, enum o311_format fmt, const char *service_request_id,
                        const char *service_notice);
/* One error: <errors><error><code/><description/></error></errors>. */
void o311_write_error(struct strbuf *sb, enum o311_format fmt, int code, const char *description);
/* GET requests: begin the <service_requests> list, add one <request> per ticket (strings are
 * copied into the output at once, so a ticket from a list callback will do), end the list.
 * Every element is always there; without `full` (a read without an api_key) only the status
 * fields have values — service_request_id, service_name, service_code, status,
 * agency_responsible, requested/updated/expected_datetime — and status_notes, description,
 * address, lat, long and media_url are null. */
void o311_requests_begin(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt);
void o311_requests_add(struct o311_writer *w, const struct ticket *t, int full);
void o311_requests_end(struct o311_writer *w);

/* ---- service request updates (FixMyStreet's Open311 extension) ---- */

/* What one timeline event says as an update. */
struct o311_update {
	const char *status;      /* "open" or "closed": the request's state after the event */
	const char *description; /* the event's text, or a sentence for a bare state change */
};

/* What of a request's timeline goes out as an update: what the enterprise itself sees of its
 * request, by the zone's one rule (access/disclose.h, as its timeline is shown), of the events
 * that make an update here: replies, the department's questions and the enterprise's answers
 * (wait, supply), acceptance, first contact (start), the answer (resolve), reject, merge, the
 * rating and the automatic close. Never: what that rule keeps from the enterprise (internal
 * notes, returns to the service center, extensions and their reasons), the filing itself
 * (submit), escalation (督办), attachments, anything unknown. An event shown without its text
 * goes out with its sentence. Returns 1 and fills *u, or 0. */
int o311_update_of(const struct work_event *ev, struct o311_update *u);

/* GET servicerequestupdates: XML <service_request_updates><request_update>…, JSON an array. Each
 * update: update_id (the event's id), service_request_id, status, updated_datetime,
 * description (at most O311_DESCRIPTION_MAX characters, as for requests) and media_url ("" when
 * none: the extension's schema wants strings). */
void o311_updates_begin(struct o311_writer *w, struct strbuf *sb, enum o311_format fmt);
void o311_updates_add(struct o311_writer *w, const struct work_event *ev,
                      const struct o311_update *u);
void o311_updates_end(struct o311_writer *w);
/* POST servicerequestupdates: the update_id given to it. */
void o311_write_update_created(struct strbuf *sb, enum o311_format fmt, int64_t update_id);

#endif
