/* Project import: the 重点项目调度表 a zone already keeps, read as people really fill it.
 *
 * The sheet (.xlsx, or .csv in UTF-8 or GB18030) may start with a title row ("2021年重点项目调度
 * 表") and a date line ("填报单位：… 截至2021年3月31日", "单位：亿元") before its header; the
 * header is the first row of the first 30 that names the project (项目名称) and one other known
 * column, and it may span two rows: a group cell merged over the columns below it ("计划开工" over
 * "时间", "总投资（亿元）" over "合计" and "其中：固定资产投资", "时间节点" over "签约" and
 * "注册", "基本情况" over 项目名称 and 建设单位), while a cell merged down over both rows stands
 * alone. Only the top-left cell of a merged range holds its text, so a group is carried right
 * over the empty cells of the first row for as long as the second row has a sub-header there.
 *
 * Headers are matched whole, after removing white space, a leading "*" or "其中：" and turning
 * full-width letters and brackets into ASCII; a unit in brackets or after "/" is read off the
 * header ("总投资（亿元）", "用地（亩）", "总投资/万美元"); a money column without one takes the
 * unit a line above the header states ("单位：亿元"), else 万元. The columns read (and the
 * members of struct project they fill) are listed in project_io.c, with the names each goes by.
 * Columns the import does not know are left alone; two columns for the same member are refused
 * (which one holds the value is a guess), except the notes columns, which are joined.
 *
 * Rows skipped without a word: blank rows, a repeat of the header, 合计/小计/总计 rows, section
 * headings ("一、新开工项目（12个）", "（二）续建项目"), and note rows ("注：…", "填报说明",
 * "填报人：… 审核人：…") with the one-cell lines that follow them. Every other row is a project:
 * its cells are read by their column's kind; what cannot be read unambiguously is an error of the
 * row naming the column (an amount or date that cannot be read, a stage, level or source that is
 * none of the known words, a department or user name that matches none or several of the zone).
 *
 * The stage is the 阶段 column's, else that of the last actual date the row gives (签约时间 …
 * 投产时间; 终止时间 ends it), else 线索.
 *
 * Writing (proj_import): every row is validated first; unless dry_run, and unless some row is
 * invalid without skip_invalid, the valid rows are written in one transaction. A new project is
 * created at 线索 (在谈 when that is its stage) and moved to its stage by the project's own moves
 * (proj_move_check decides, in the validation pass already): one to each stage whose actual date
 * the row gives and one to the row's stage, dated by the sheet (在谈, which has no date of its
 * own, by the day of the import), with the evidence the sheet gives (合同编号, 统一社会信用代码
 * of an enterprise of the registry, 施工许可证号, the month of 投产时间, 终止原因); what a move
 * lacks is an error of the row (a signing's scan, which no sheet carries, among it).
 * A row names an existing project of the zone when one has the same name (and the same investor,
 * or none, when the row gives one); several such projects make the row an error. Such a project
 * is never duplicated and never edited: the row moves it forward to the sheet's stage (never
 * back), and a member the row gives that the project holds otherwise is an error of the row
 * naming the column, so importing a file twice changes nothing. */
#ifndef YQ_PROJECT_PROJECT_IO_H
#define YQ_PROJECT_PROJECT_IO_H
#include <stddef.h>
#include <stdint.h>
#include "lib/arena.h"
#include "lib/import.h"
#include "project/project.h"

#define PROJ_IMPORT_MAX_COLS    256 /* columns of a sheet the import looks at */
#define PROJ_IMPORT_HEADER_SCAN 30  /* rows searched for the header */

/* Amounts (proj_parse_amount, declared in project.h) read, after full-width digits and signs are
 * made ASCII and white space is dropped: an optional 约/近/超/逾/超过/大约/人民币 before, an
 * optional 左右/以上/余/多 after; a number with "," between digits and at most one "."; then
 * optionally 余/多 and a unit: 元, 万, 万元, 亿, 亿元, 美元, 万美元, 亿美元 (美金 for 美元).
 * Without a unit the number is in the column's unit (unit_wan: 1 for 万元, 10000 for 亿元,
 * 0.0001 for 元); with one, in that unit. The result is in 万 of its currency, rounded to six
 * decimals; *usd (may be NULL) is 1 when the cell says 美元 (the caller adds the column's own
 * currency). An empty cell or a mark for none ("", "-", "—", "/", "无", "暂无") returns 0 with
 * *out_wan NAN; a negative number, two numbers, a range, an exponent, more than 10^10 万 or
 * anything else returns -1. */

/* Dates (proj_parse_date, declared in project.h) read: YYYY-M-D, YYYY/M/D, YYYY.M.D,
 * YYYY年M月D日 (or 号), with a time after it ignored; a month alone YYYY-M, YYYY/M, YYYY.M,
 * YYYY年M月 as its first day, YYYY年M月底/末 as its last day, YYYY年底/末 as 12-31; YYYYMMDD and
 * YYYYMM; and an Excel serial number (1900 system; 1 is 1900-01-01, 60 is Excel's fictitious
 * 1900-02-29 and refused; a fraction is the time of day). Years 1900 to 2100. An empty cell or a
 * mark for none returns 0 with out "" ; a day that does not exist (2021-02-29), a year alone
 * ("2021"), a month 13 or anything else returns -1. proj_date_read tells the two apart. */
enum proj_date_fault {
	PDATE_OK = 0,
	PDATE_FORMAT,      /* not written as a date */
	PDATE_NONEXISTENT, /* written as a date, but no such day (or outside 1900-2100) */
};
enum proj_date_fault proj_date_read(const char *s, char out[11]);

/* One column of the file, as the header maps it. */
struct proj_col {
	int key;     /* the member it fills (an index into the import's key table), or -1 */
	double unit; /* money: 万 per unit of the cell (亿元 10000); land: 亩 per unit */
	int usd;     /* money in US dollars */
	char header[96]; /* the header as written, two rows joined ("计划开工时间"), for reports */
};

/* The header of a sheet and where its rows start. */
struct proj_layout {
	struct proj_col cols[PROJ_IMPORT_MAX_COLS];
	size_t n_cols;
	unsigned long header_row, header_last; /* sheet rows of the header (equal for one row) */
	int name_col;                          /* the file column of 项目名称 */
	int seq_col;                           /* the file column of 序号, or -1 */
	double unit; /* the money unit stated above the header (万 per) */
	int usd;
	/* the row read after a one-row header (it is data): copied here, handed out first */
	struct table_row pending;
	int has_pending;
	const char *pending_cells[PROJ_IMPORT_MAX_COLS];
	struct arena arena; /* the pending row's cells */
};

/* Reads the header from t into L (zeroed first): the title and date lines, the header row or
 * two. Returns 0, or -1 with e (field "file") and rep's message set when no header is found in
 * the first PROJ_IMPORT_HEADER_SCAN rows, two columns fill the same member, or the file cannot be
 * read. Release L with proj_layout_release. */
int proj_layout_read(struct proj_layout *L, struct table_reader *t, struct import_report *rep,
                     struct yq_err *e);
void proj_layout_release(struct proj_layout *L);
/* The key (the project's JSON member: "total_investment", "plan_start_date", "dept_id", …) the
 * file column i fills, or NULL when the import does not read it. */
const char *proj_layout_key(const struct proj_layout *L, size_t i);

/* A row of the sheet read into a project: the members the row gives, the names of its bureau
 * and person (looked up in the zone later), its stage. */
struct proj_row {
	struct project pr;     /* doubles NAN and strings NULL where the row gives nothing */
	enum proj_stage stage; /* the stage the row gives, or PS__COUNT when none */
	const char *dept_name, *owner_name;
	uint64_t given;           /* bit k: the row has a value for key k */
	int bad_col;              /* on an error: the file column, or -1 */
	const char *why, *why_en; /* on an error: the reason (static, or in the row's arena) */
};

enum proj_row_kind {
	PROW_DATA,    /* a project: out filled */
	PROW_SKIP,    /* blank, 合计, a heading, a note, a repeated header */
	PROW_INVALID, /* a project row with a cell that cannot be read: out->bad_col, why */
};
/* The state carried from row to row (a note row makes the one-cell rows after it notes too). */
struct proj_row_state {
	int after_note;
};
/* Reads one cleaned row (import_clean_row) of the sheet laid out by L into out; strings in a.
 * `today` ("YYYY-MM-DD") bounds the actual dates. */
enum proj_row_kind proj_row_read(const struct proj_layout *L, struct proj_row_state *st,
                                 const struct table_row *row, const char *today, struct arena *a,
                                 struct proj_row *out);
/* The file column that holds `key` in L (the first of them), or -1. */
int proj_layout_col_of(const struct proj_layout *L, const char *key);

/* Imports a 调度表 (path, read whole into memory once, or the n bytes at data; path NULL) into
 * the principal's zone, with the enterprise import's row report (lib/import.h): a validation
 * pass over every row, then, unless dry_run, a write pass over the same bytes in one transaction
 * that writes exactly the rows found valid: a new project by proj_create_in and the moves to
 * its stage by proj_move_in, dated by the sheet; a project of the zone the row names, by the
 * moves that bring it forward. Nothing is written when a row is invalid, unless skip_invalid.
 * A row is invalid when a cell cannot be read, a name finds no department or user of the zone
 * or several, the project's rules refuse a member or a move (its evidence, a stage it may not
 * skip), the project is outside the caller's scope, the file names the project twice, or the
 * project of that name exists and the row gives a member it holds otherwise (an import creates
 * and moves projects; it does not edit them). Returns 0 with the report, or -1 with e set when
 * the file cannot be read, has no header, the database fails or the import is cancelled. */
int proj_import(struct db_pool *pool, const struct principal *p, const char *path, const void *data,
                size_t n, const struct import_opts *o, struct import_report *rep, struct yq_err *e);

#endif
