/* One work item answered with what hangs on it (its attachments, its timeline), and a store's
 * list or row answered from its query; with the answers of http/answer.h, which every handler
 * shares. */
#ifndef YQ_WORK_ITEM_ANSWER_H
#define YQ_WORK_ITEM_ANSWER_H
#include "http/answer.h"

struct work_kind;
struct store_query;
struct store_edit;

/* Answers item `id` of `kind`, read by the caller as obj, with `status`: its members as o writes
 * them, "attachments", and with `timeline` its "timeline". Returns 0, or -1 with e set. */
int work_item_answer(struct req *r, int status, const struct entity_out *o, const void *obj,
                     const struct work_kind *kind, int64_t id, int timeline, struct yq_err *e);

/* The filter of query s (work/store_list.h) decoded from the query string (s->filter) into a
 * zeroed struct of s->filter_size in the request's arena: it, or NULL with e set. */
void *store_filter_decode(struct req *r, const struct store_query *s, struct yq_err *e);
/* GET of a list of query s (work/store_list.h): its filter (s->filter) and page from the query
 * string, its rows less the fields s->hide hides from the caller. Returns 0, or -1 with e set. */
int store_list_answer(struct req *r, const struct store_query *s, struct yq_err *e);
/* store_list_answer under filter f, decoded already (store_filter_decode) and maybe completed. */
int store_list_answer_of(struct req *r, const struct store_query *s, const void *f,
                         struct yq_err *e);
/* Answers row `id` of query s, read by the caller, with `status` (less the fields s->hide hides
 * from the caller). Returns 0, or -1 with e set (404 when the caller has no such row). */
int store_item_answer(struct req *r, int status, const struct store_query *s, int64_t id,
                      struct yq_err *e);

/* Handlers served from the route table, with what they answer as the route's .arg (app/routes.c
 * checks its type; h_store_export in work/export_file.h is another):
 * - h_store_list: GET of a list of the query (const struct store_query *), as
 *   store_list_answer;
 * - h_store_get: GET of the path's row of the query, as store_item_answer;
 * - h_store_create: POST of a new row of the edit (const struct store_edit *): the body decoded
 *   in full, its ->create run on it as the caller, then the row as its ->q reads it, 201;
 * - h_store_update: PATCH of the path's row of the edit: the body's members, its ->update run
 *   on them as the caller, then the row as its ->q reads it, 200. */
route_handler h_store_list, h_store_get, h_store_create, h_store_update;

#endif
