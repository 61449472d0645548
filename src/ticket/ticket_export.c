/* Export of the request list to .xlsx or .csv (see ticket_export.h): one pass over the list
 * query, rows written as they come into a temporary file (libxlsxwriter in constant-memory mode,
 * or plain CSV), which is unlinked and handed over as an open descriptor to stream from. */
#include "ticket/ticket_export.h"
#include "ticket/ticket_store.h"
#include "lib/csv.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum col {
	C_NO,
	C_TITLE,
	C_ENTERPRISE,
	C_CATEGORY,
	C_CHANNEL,
	C_PRIORITY,
	C_STATUS,
	C_DEPT,
	C_CREATED,
	C_ACCEPTED,
	C_DUE,
	C_RESOLVED,
	C_CLOSED,
	C_RATING,
	C_ESCALATED,
	C_OVERDUE,
	C_CONTACT,
	C_PHONE,
	C__COUNT
};

static const struct {
	const char *zh;
	double width;
} cols[C__COUNT] = {
    [C_NO] = {"编号", 16},           [C_TITLE] = {"标题", 36},     [C_ENTERPRISE] = {"企业", 30},
    [C_CATEGORY] = {"类别", 10},     [C_CHANNEL] = {"渠道", 8},    [C_PRIORITY] = {"优先级", 8},
    [C_STATUS] = {"状态", 10},       [C_DEPT] = {"主办部门", 16},  [C_CREATED] = {"提交时间", 17},
    [C_ACCEPTED] = {"受理时间", 17}, [C_DUE] = {"期限", 17},       [C_RESOLVED] = {"办结时间", 17},
    [C_CLOSED] = {"销号时间", 17},   [C_RATING] = {"满意度", 12},  [C_ESCALATED] = {"督办", 10},
    [C_OVERDUE] = {"超期", 6},       [C_CONTACT] = {"联系人", 10}, [C_PHONE] = {"联系电话", 14},
};

const char *ticket_export_header(int k)
{
	return k >= 0 && k < C__COUNT ? cols[k].zh : NULL;
}

int ticket_export_ncols(void)
{
	return C__COUNT;
}

static const char *channel_label(const char *c)
{
	static const char *const m[][2] = {{"online", "网上"},
	                                   {"phone", "电话"},
	                                   {"visit", "走访"},
	                                   {"hotline", "热线"},
	                                   {"wechat", "微信"}};
	for (size_t i = 0; c && i < sizeof m / sizeof m[0]; i++)
		if (strcmp(c, m[i][0]) == 0)
			return m[i][1];
	return c;
}

static const char *rating_label(const struct ticket *t)
{
	if (t->unrated)
		return "未评价";
	if (!t->rating || !*t->rating)
		return "";
	switch (ticket_rating_from_name(t->rating)) {
	case TR_SATISFIED:
		return "满意";
	case TR_BASIC:
		return "基本满意";
	case TR_UNSATISFIED:
		return "不满意";
	default:
		return t->rating;
	}
}

/* Unix time as "YYYY-MM-DD HH:MM" in China Standard Time, or "" for 0. */
static void cst(int64_t t, char *buf, size_t n)
{
	if (!t) {
		buf[0] = 0;
		return;
	}
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

struct writer {
	int csv;
	FILE *f;            /* csv */
	struct strbuf line; /* csv: the row being written */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
	int failed;
};

static void write_row(struct writer *w, const char *const *v)
{
	if (w->csv) {
		struct strbuf *line = &w->line;
		strbuf_reset(line);
		for (int k = 0; k < C__COUNT; k++) {
			if (k)
				strbuf_addch(line, ',');
			csv_put_field(line, v[k], CSV_TEXT);
		}
		strbuf_adds(line, "\r\n");
		if (line->failed || fwrite(line->buf, 1, line->len, w->f) != line->len)
			w->failed = 1;
		return;
	}
	w->row++;
	for (int k = 0; k < C__COUNT; k++)
		if (v[k] && *v[k] &&
		    worksheet_write_string(w->ws, w->row, (lxw_col_t)k, v[k], w->text) !=
		        LXW_NO_ERROR)
			w->failed = 1;
}

static void export_row(void *ctx, const struct ticket *t)
{
	struct writer *w = ctx;
	char created[24], accepted[24], due[24], resolved[24], closed[24];
	cst(t->created_at, created, sizeof created);
	cst(t->accepted_at, accepted, sizeof accepted);
	cst(t->due_resolve, due, sizeof due);
	cst(t->resolved_at, resolved, sizeof resolved);
	cst(t->closed_at, closed, sizeof closed);
	const char *v[C__COUNT] = {
	    [C_NO] = t->no,
	    [C_TITLE] = t->title,
	    [C_ENTERPRISE] = t->enterprise_name,
	    [C_CATEGORY] = t->category,
	    [C_CHANNEL] = channel_label(t->channel),
	    [C_PRIORITY] = t->priority && strcmp(t->priority, "urgent") == 0 ? "紧急" : "一般",
	    [C_STATUS] = ticket_status_label(t->status),
	    [C_DEPT] = t->dept_name,
	    [C_CREATED] = created,
	    [C_ACCEPTED] = accepted,
	    [C_DUE] = due,
	    [C_RESOLVED] = resolved,
	    [C_CLOSED] = closed,
	    [C_RATING] = rating_label(t),
	    [C_ESCALATED] =
	        t->escalated == 1 ? (t->esc_level && *t->esc_level ? t->esc_level : "是") : "",
	    [C_OVERDUE] = t->overdue ? "是" : "",
	    [C_CONTACT] = t->contact_name,
	    [C_PHONE] = t->contact_phone,
	};
	write_row(w, v);
}

static int writer_open(struct writer *w, int csv, const char *path)
{
	if (csv) {
		w->f = fopen(path, "wb");
		if (!w->f)
			return -1;
		fputs("\xef\xbb\xbf", w->f); /* BOM: Excel reads the file as UTF-8 */
		const char *v[C__COUNT];
		for (int k = 0; k < C__COUNT; k++)
			v[k] = cols[k].zh;
		write_row(w, v);
		return 0;
	}
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmp_dir()};
	w->wb = workbook_new_opt(path, &opt);
	w->ws = w->wb ? workbook_add_worksheet(w->wb, "企业诉求") : NULL;
	if (!w->ws)
		return -1;
	lxw_format *head = workbook_add_format(w->wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	w->text = workbook_add_format(w->wb);
	format_set_num_format(w->text, "@");
	for (int k = 0; k < C__COUNT; k++) {
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, w->text);
		worksheet_write_string(w->ws, 0, (lxw_col_t)k, cols[k].zh, head);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	return 0;
}

/* Finishes the file; returns 0 when it is complete. */
static int writer_close(struct writer *w)
{
	int bad = w->failed;
	strbuf_release(&w->line);
	if (w->csv) {
		if (!w->f || fclose(w->f) != 0)
			bad = 1;
		w->f = NULL;
	} else if (w->wb) {
		if (workbook_close(w->wb) != LXW_NO_ERROR)
			bad = 1;
		w->wb = NULL;
	} else {
		bad = 1;
	}
	return bad ? -1 : 0;
}

int ticket_export(struct db *c, const struct principal *p, const struct ticket_filter *f, int csv,
                  int *fd_out, uint64_t *size, int64_t *rows, struct yq_err *e)
{
	struct ticket_filter all = *f;
	all.page = 1;
	all.page_size = TICKET_EXPORT_MAX_ROWS;
	char path[512];
	if (tmp_file("yuanqu-ticket-export-", path, sizeof path) < 0)
		return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot create a temporary file");
	struct writer w = {.csv = csv, .line = STRBUF_INIT(4u << 20)};
	int64_t total = 0;
	int rc = DB_OK;
	if (writer_open(&w, csv, path) == 0)
		rc = ticket_list(c, p, &all, export_row, &w, &total);
	else
		w.failed = 1;
	int closed = writer_close(&w);
	int fd = closed == 0 && rc >= 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(path); /* the open descriptor keeps the bytes until they are sent */
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0) {
		*fd_out = fd;
		*size = (uint64_t)st.st_size;
		*rows = total < TICKET_EXPORT_MAX_ROWS ? total : TICKET_EXPORT_MAX_ROWS;
		return 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		return err_db(e, rc);
	return err_set(e, ERR_INTERNAL, NULL, "导出失败", "cannot write the export");
}
