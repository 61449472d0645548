/* Unit tests for the pure attachment rules (src/work/attachment.c): allowed types by extension
 * and magic bytes, and file name cleaning. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "work/attachment.h"

static const char *type_of(const char *name, const char *data, size_t n)
{
	struct yq_err e = {0};
	const char *t = attachment_type(name, (const unsigned char *)data, n, &e);
	if (!t) {
		assert_int_equal(e.code, ERR_MEDIA_TYPE);
		assert_string_equal(e.field, "file");
	}
	return t;
}

static void test_types(void **state)
{
	(void)state;
	assert_string_equal(type_of("a.pdf", "%PDF-1.7\n", 9), "application/pdf");
	assert_string_equal(type_of("a.PDF", "%PDF-1.7\n", 9), "application/pdf");
	assert_string_equal(type_of("p.png", "\x89PNG\r\n\x1a\n....", 12), "image/png");
	assert_string_equal(type_of("p.jpeg", "\xff\xd8\xff\xe0", 4), "image/jpeg");
	assert_string_equal(type_of("p.jpg", "\xff\xd8\xff\xe1", 4), "image/jpeg");
	assert_string_equal(type_of("g.gif", "GIF89a..", 8), "image/gif");
	assert_string_equal(type_of("d.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8),
	                    "application/msword");
	assert_string_equal(type_of("x.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8),
	                    "application/vnd.ms-excel");
	assert_non_null(type_of("d.docx", "PK\x03\x04....word/document.xml", 28));
	assert_non_null(type_of("x.xlsx", "PK\x03\x04....xl/workbook.xml", 25));
	assert_null(type_of("x.xlsx", "PK\x03\x04....word/document.xml", 28));
	assert_string_equal(type_of("z.zip", "PK\x03\x04", 4), "application/zip");
	assert_string_equal(type_of("z.zip", "PK\x05\x06", 4), "application/zip");
	assert_string_equal(type_of("t.txt", "中文 text\r\n\tok", 16), "text/plain");
	assert_null(type_of("t.txt", "a\0b", 3));
	assert_null(type_of("t.txt",
	                    "\x7f"
	                    "ELF\x02",
	                    5));
	/* renamed executables, unknown and missing extensions, short files */
	assert_null(type_of("a.pdf", "MZ\x90\x00", 4));
	assert_null(type_of("a.exe", "MZ\x90\x00", 4));
	assert_null(type_of("a.pdf.exe", "%PDF-1.7", 8));
	assert_null(type_of("pdf", "%PDF-1.7", 8));
	assert_null(type_of("a.png", "\x89PN", 3));
	assert_null(type_of("a.gif", "GIF90a", 6));
	assert_null(type_of(NULL, "%PDF-", 5));
}

static const char *clean(const char *in)
{
	static char out[256];
	attachment_name_clean(in, out, sizeof out);
	return out;
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(clean("用地申请书.pdf"), "用地申请书.pdf");
	assert_string_equal(clean("../../etc/passwd"), "passwd");
	assert_string_equal(clean("..\\..\\a.txt"), "a.txt");
	assert_string_equal(clean("C:\\Users\\张三\\说明.doc"), "说明.doc");
	assert_string_equal(clean(".."), "附件");
	assert_string_equal(clean(""), "附件");
	assert_string_equal(clean(NULL), "附件");
	assert_string_equal(clean("dir/"), "附件");
	assert_string_equal(clean(" .hidden.txt. "), "hidden.txt");
	assert_string_equal(clean("a\r\nb.txt"), "a__b.txt");
	assert_string_equal(clean("a\xe2\x80\xaetxt.exe"), "a_txt.exe"); /* U+202E */
	assert_string_equal(clean("a\xff\xfe.txt"), "a__.txt");          /* invalid UTF-8 */
	assert_string_equal(clean("q<>:\"|?*.txt"), "q_______.txt");
	/* long names keep their extension and stay within ATTACHMENT_NAME_MAX characters */
	char longname[1024];
	size_t o = 0;
	for (int i = 0; i < 200; i++, o += 3)
		memcpy(longname + o, "长", 3);
	memcpy(longname + o, ".pdf", 5);
	const char *c = clean(longname);
	assert_true(strlen(c) < 256);
	assert_string_equal(c + strlen(c) - 4, ".pdf");
	assert_int_equal(strncmp(c, "长长长", 9), 0);
	/* a small buffer still ends on a whole character */
	char small[16];
	attachment_name_clean("长长长长长长长长.pdf", small, sizeof small);
	assert_string_equal(small, "长长长.pdf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_types),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
