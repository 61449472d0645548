/* Documents as self-contained HTML fragments for the web view, the same pieces as report/pdf.h:
 * one <article> with its own <style> (every selector under the article's class, so it cannot
 * leak into the page), a masthead, numbered sections, paragraphs, headline figures, tables and
 * the bar chart as inline SVG. Every text is cleaned (report.h) and escaped: raw user text may
 * be passed as is. Everything is appended to a strbuf; a full or failed buffer sets its `failed`
 * flag, which report_html_close reports.
 *
 *	report_html_open(sb, "yq-briefing");
 *	report_html_masthead(sb, title, left, right);
 *	report_html_section(sb, 0, "总体情况", NULL);
 *	report_html_paragraph(sb, text);
 *	report_html_section_end(sb);
 *	return report_html_close(sb);
 */
#ifndef YQ_REPORT_HTML_H
#define YQ_REPORT_HTML_H
#include "report/report.h"

struct strbuf;

/* Appends `s` as HTML text (also safe inside a quoted attribute): cleaned with
 * report_clean_text, then & < > " ' replaced by entities. */
void report_html_esc(struct strbuf *sb, const char *s);

/* Appends <article class="{cls}" lang="zh-CN"> and the style sheet, its selectors under
 * `.{cls}`. cls: a constant class name of letters, digits and '-'. */
void report_html_open(struct strbuf *sb, const char *cls);

/* Appends </article>. Returns 0, or -1 when sb failed (its maximum reached or out of memory:
 * the fragment is incomplete). */
int report_html_close(struct strbuf *sb);

/* Appends the masthead: the title (<h1>), then meta_left and meta_right (either may be NULL)
 * on a line with a double red rule under it. */
void report_html_masthead(struct strbuf *sb, const char *title, const char *meta_left,
                          const char *meta_right);

/* Opens a <section> with the heading "{ordinal n}、{title}" (n from 0: "一、") and a grey note
 * after it (NULL: none). */
void report_html_section(struct strbuf *sb, int n, const char *title, const char *note);

/* Closes the section. */
void report_html_section_end(struct strbuf *sb);

/* Appends a paragraph. */
void report_html_paragraph(struct strbuf *sb, const char *s);

/* Appends a short grey line: "无" in an empty section. */
void report_html_note(struct strbuf *sb, const char *s);

/* Appends the headline figures as a list of cards. */
void report_html_figures(struct strbuf *sb, const struct report_figure *figs, size_t n);

/* Appends the chart as inline SVG in a <figure>, its caption (if any) as the <figcaption>.
 * Category labels are cut at 10 characters. */
void report_html_chart(struct strbuf *sb, const struct report_chart *ch);

/* Appends table t (at most t->max_rows rows, then "另有 N 条未列出"). */
void report_html_table(struct strbuf *sb, const struct report_table *t);
/* Table t, or the note "无" when it has no rows. */
void report_html_table_or_none(struct strbuf *sb, const struct report_table *t);

#endif
