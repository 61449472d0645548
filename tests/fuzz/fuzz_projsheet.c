/* libFuzzer driver for the reader of the 重点项目调度表 (src/project/project_io.c): the input is
 * a sheet (CSV text, or a workbook when it starts with "PK"); its header is looked for and
 * mapped, then every row is read into a project as the import's validation pass reads it, and
 * each cell also goes through the amount and date readers. Checked: a sheet without a header
 * fails with a message naming the file; a row read as invalid names its reason in both
 * languages and a column of the file (or none); a row read as a project gives dates that are
 * days (YYYY-MM-DD) and amounts that are finite and not negative, or none; the amount and date
 * readers return a day or nothing and a finite amount or nothing. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/import.h"
#include "lib/table_read.h"
#include "lib/alloc.h"
#include "lib/err.h"
#include "project/project.h"
#include "project/project_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_day(const char *d)
{
	if (!d || !*d)
		return;
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		__builtin_trap();
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			__builtin_trap();
}

static void check_amount(double v)
{
	if (!isnan(v) && (!isfinite(v) || v < 0))
		__builtin_trap();
}

/* The cell readers on their own. */
static void read_cell(const char *s)
{
	char day[11] = "";
	double wan = 0;
	int usd = 0;
	if (proj_parse_amount(s, 1, &wan, &usd) == 0)
		check_amount(wan);
	if (proj_parse_amount(s, 10000, &wan, &usd) == 0)
		check_amount(wan);
	enum proj_date_fault f = proj_date_read(s, day);
	if (f == PDATE_OK)
		check_day(day);
	else if (f != PDATE_FORMAT && f != PDATE_NONEXISTENT)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_report rep;
	struct yq_err e;
	memset(&rep, 0, sizeof rep);
	memset(&e, 0, sizeof e);
	struct table_reader *t = import_open(&rep, data, size, &e);
	if (!t) {
		if (!e.message || !e.field || strcmp(e.field, "file") != 0)
			__builtin_trap();
		import_report_release(&rep);
		return 0;
	}
	struct proj_layout *L = yq_calloc(1, sizeof *L);
	if (!L)
		goto out;
	if (proj_layout_read(L, t, &rep, &e) < 0) {
		if (!e.message || !e.field || strcmp(e.field, "file") != 0)
			__builtin_trap();
		goto out;
	}
	if (L->name_col < 0 || (size_t)L->name_col >= L->n_cols || L->n_cols > PROJ_IMPORT_MAX_COLS)
		__builtin_trap();
	struct proj_row_state st = {0};
	struct table_row row;
	const char *cells[256];
	int first = 1;
	for (int n = 0; n < 2000; n++) {
		struct arena a = ARENA_INIT;
		int r;
		if (first && L->has_pending) {
			row = L->pending;
			r = 1;
		} else {
			struct table_row raw;
			r = table_next(t, &raw);
			if (r == 1)
				import_clean_row(&raw, table_format(t) == TABLE_CSV, &a, cells, &row);
		}
		first = 0;
		if (r != 1) {
			arena_release(&a);
			break;
		}
		for (size_t i = 0; i < row.n_cells; i++)
			read_cell(row.cells[i]);
		struct proj_row out;
		memset(&out, 0, sizeof out);
		switch (proj_row_read(L, &st, &row, "2026-12-04", &a, &out)) {
		case PROW_INVALID:
			if (!out.why || !out.why_en || out.bad_col < -1 ||
			    (out.bad_col >= 0 && (size_t)out.bad_col >= row.n_cells &&
			     (size_t)out.bad_col >= L->n_cols))
				__builtin_trap();
			break;
		case PROW_DATA:
			if (!out.pr.name || !*out.pr.name)
				__builtin_trap();
			check_day(out.pr.plan_sign_date);
			check_day(out.pr.sign_date);
			check_day(out.pr.start_date);
			check_day(out.pr.plan_start_date);
			check_amount(out.pr.total_investment);
			check_amount(out.pr.fixed_investment);
			check_amount(out.pr.land_mu);
			break;
		case PROW_SKIP:
			break;
		default:
			__builtin_trap();
		}
		arena_release(&a);
	}
out:
	if (L)
		proj_layout_release(L);
	yq_free(L);
	table_close(t);
	import_report_release(&rep);
	return 0;
}
