/* The two passes of a spreadsheet import (see import_tx.h). */
#include "audit/import_tx.h"
#include "audit/audit.h"
#include "audit/write_tx.h"
#include "db/db.h"
#include "lib/alloc.h"

struct import_write {
	const struct import_driver *d;
	void *x;
	struct table_reader *t;
};

static int import_write(struct write_ctx *w, void *arg, struct yq_err *e)
{
	struct import_write *iw = arg;
	int rc = audit_batch_begin(w->tx);
	if (rc < 0)
		return write_fail(w, rc, e);
	if (iw->d->bulk)
		db_bulk(w->tx, 1);
	int ok = iw->d->pass(w->tx, iw->x, iw->t, 1, e) == 0;
	if (iw->d->bulk && (rc = db_bulk(w->tx, 0)) < 0 && ok)
		ok = write_fail(w, rc, e) == 0;
	if ((rc = audit_batch_end(w->tx, ok)) < 0 && ok)
		ok = write_fail(w, rc, e) == 0;
	return ok ? 0 : -1;
}

int import_drive(struct db_pool *pool, const struct principal *p, const char *path,
                 const void *data, size_t n, const struct import_opts *o, struct import_report *rep,
                 const struct import_driver *d, void *x, struct yq_err *e)
{
	char *file = NULL;
	struct table_reader *t = NULL;
	int ret = -1;
	if (path) {
		if (import_read_file(path, &file, &n, e) < 0)
			goto out;
		data = file;
	}
	struct db *c = db_pool_reader(pool);
	if (!c) {
		err_db(e, DB_UNAVAILABLE);
		goto out;
	}
	if (!(t = d->open(x, data, n, e)) || d->pass(c, x, t, 0, e) < 0)
		goto out;
	rep->encoding = table_encoding(t);
	if (o->dry_run || rep->valid == 0 || (rep->invalid && !o->skip_invalid)) {
		ret = 0;
		goto out;
	}
	/* the second pass over the same bytes writes the rows found valid, in one transaction */
	table_close(t);
	if (!(t = d->open(x, data, n, e)))
		goto out;
	struct import_write iw = {d, x, t};
	if (write_tx(pool, p, import_write, &iw, e) < 0) {
		rep->created = rep->updated = rep->unchanged = 0;
		goto out;
	}
	rep->written = 1;
	ret = 0;
out:
	table_close(t);
	yq_free(file);
	return ret;
}
