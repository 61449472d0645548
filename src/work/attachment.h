/* Files attached to work items (附件: a request's today): the pure rules (allowed types checked by
 * extension and by magic bytes, file name sanitising), the content-addressed file store under the
 * data directory, and the rows that tie a file to an item (work_attachment, keyed by (kind,
 * ref_id)).
 *
 * Files are stored once per content: DATA_DIR/attachments/ab/abcdef… (the SHA-256 in hex),
 * written to a temporary file, fsync'd and renamed into place, so a file name in the store always
 * holds complete bytes. The row, the timeline event and the audit row are written in one
 * transaction after the file is in place; a file without a row (a failed transaction) is never
 * served. Who may do what:
 *   - list and download: whoever can see the item (its kind's load, with the caller's scope);
 *     others get 404;
 *   - upload: whom the kind allows (a request: the submitting enterprise, the service center
 *     and the lead department's staff), while the item is not closed (a request closed,
 *     rejected or merged: 409);
 *   - delete: the uploader, while the item is not closed. */
#ifndef YQ_WORK_ATTACHMENT_H
#define YQ_WORK_ATTACHMENT_H
#include <stddef.h>
#include <stdint.h>
#include "access/principal.h"
#include "db/db.h"
#include "lib/err.h"
#include "lib/err.h"
#include "work/work.h"

#define ATTACHMENT_MAX_BYTES (20u << 20) /* per file: 20 MiB, 413 beyond */
#define ATTACHMENT_MAX_COUNT 10          /* per item */
#define ATTACHMENT_NAME_MAX  120         /* characters kept of a file name */

struct db;
struct db_pool;
struct arena;

/* The allowed type of a file: checks that the extension of `name` is one of pdf, png, jpg/jpeg,
 * gif, doc/docx, xls/xlsx, txt, zip (case-insensitive) and that the first bytes of `data` are
 * those of that type (a renamed .exe is refused). Returns the content type to store and serve
 * ("application/pdf" …), or NULL with e set: ERR_MEDIA_TYPE (415) on field "file". Pure. */
const char *attachment_type(const char *name, const unsigned char *data, size_t len,
                            struct yq_err *e);

/* Cleans an uploaded file name for display and for the Content-Disposition header: keeps the
 * part after the last '/' or '\', replaces invalid UTF-8, control characters, bidirectional
 * overrides and <>:"|?* with '_', drops leading dots and spaces and trailing dots and spaces,
 * and cuts the name to ATTACHMENT_NAME_MAX characters keeping its extension. An empty result
 * becomes "附件". Writes at most n-1 bytes and a NUL to out (n ≥ 16). Pure. */
void attachment_name_clean(const char *in, char *out, size_t n);

/* Stores `data` under dir/attachments by its SHA-256 (hex into sha), durably: temporary file,
 * fsync, rename, fsync of the directory. Returns 0, or -1 with e set (500). */
int attachment_file_put(const char *dir, const void *data, size_t len, char sha[65],
                        struct yq_err *e);
/* The path of a stored file into out. */
void attachment_file_path(const char *dir, const char *sha, char *out, size_t n);

/* One attachment row. */
struct attachment {
	int64_t id, ref_id, size, uploaded_by, created_at;
	const char *sha256, *name, *content_type, *uploader_name;
};
typedef void (*attachment_fn)(void *ctx, const struct attachment *a);

/* Lists the attachments of item (kind, ref_id) that the caller can see (kind->load), oldest
 * first; ERR_NOT_FOUND when the item is outside the caller's zone or scope. */
int attachment_list(struct db *c, const struct principal *p, const struct work_kind *kind,
                    int64_t ref_id, attachment_fn fn, void *ctx, struct yq_err *e);
/* The same for an item the caller has just loaded with its scope. */
int attachment_list_rows(struct db *c, const struct principal *p, const struct work_kind *kind,
                         int64_t ref_id, attachment_fn fn, void *ctx, struct yq_err *e);
/* Reads one attachment of an item the caller can see into out (strings in the arena). */
int attachment_get(struct db *c, const struct principal *p, const struct work_kind *kind,
                   int64_t ref_id, int64_t id, struct arena *a, struct attachment *out,
                   struct yq_err *e);
/* Adds a stored file (sha, size, type) under `name` to an item: checks scope, who may upload
 * (kind->may_upload), that the item is not closed and the count, then writes the row, the
 * timeline event "attach" and the audit row ("<kind>_attachment") in one transaction. Sets *id. */
int attachment_add(struct db_pool *pool, const struct principal *p, const struct work_kind *kind,
                   int64_t ref_id, const char *sha, int64_t size, const char *name,
                   const char *content_type, int64_t *id, struct yq_err *e);
/* The same inside the open transaction tx (write_in), dated `at` (loading history: the demo). */
int attachment_add_in(struct db *tx, const struct principal *p, const struct work_kind *kind,
                      int64_t ref_id, const char *sha, int64_t size, const char *name,
                      const char *content_type, int64_t at, int64_t *id, struct yq_err *e);
/* Checks that the caller may add one more attachment to the item (scope, role, state, count)
 * without writing: lets the handler refuse before storing the bytes. */
int attachment_may_add(struct db *c, const struct principal *p, const struct work_kind *kind,
                       int64_t ref_id, struct yq_err *e);
/* Deletes an attachment (the uploader, while the item is not closed): marks the row deleted
 * and writes the timeline event "detach" and the audit row in one transaction. */
int attachment_delete(struct db_pool *pool, const struct principal *p, const struct work_kind *kind,
                      int64_t ref_id, int64_t id, struct yq_err *e);

#endif
