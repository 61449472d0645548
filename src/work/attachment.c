/* Attachment rules and the content-addressed file store (see attachment.h). */
#include "work/attachment.h"
#include "lib/utf8.h"
#include "lib/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum magic_kind { M_PDF, M_PNG, M_JPEG, M_GIF, M_OLE, M_ZIP, M_TEXT };

static const struct {
	const char *ext;
	enum magic_kind magic;
	const char *content_type;
	const char *zip_marker; /* OOXML: a part name that must appear in the archive */
} types[] = {
    {"pdf", M_PDF, "application/pdf", NULL},
    {"png", M_PNG, "image/png", NULL},
    {"jpg", M_JPEG, "image/jpeg", NULL},
    {"jpeg", M_JPEG, "image/jpeg", NULL},
    {"gif", M_GIF, "image/gif", NULL},
    {"doc", M_OLE, "application/msword", NULL},
    {"xls", M_OLE, "application/vnd.ms-excel", NULL},
    {"docx", M_ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "word/"},
    {"xlsx", M_ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"},
    {"zip", M_ZIP, "application/zip", NULL},
    {"txt", M_TEXT, "text/plain", NULL},
};

static int starts(const unsigned char *d, size_t n, const char *m, size_t mn)
{
	return n >= mn && memcmp(d, m, mn) == 0;
}

/* Text: no NUL byte and no other C0 control than tab, CR, LF, FF and ESC in the first 64 KiB
 * (UTF-8 and GB 18030 text both pass; executables and images do not). */
static int looks_text(const unsigned char *d, size_t n)
{
	size_t lim = n < 65536 ? n : 65536;
	for (size_t i = 0; i < lim; i++)
		if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\r' && d[i] != '\n' && d[i] != '\f' &&
		    d[i] != 0x1b)
			return 0;
	return 1;
}

static int magic_ok(enum magic_kind k, const unsigned char *d, size_t n, const char *marker)
{
	switch (k) {
	case M_PDF:
		return starts(d, n, "%PDF-", 5);
	case M_PNG:
		return starts(d, n, "\x89PNG\r\n\x1a\n", 8);
	case M_JPEG:
		return starts(d, n, "\xff\xd8\xff", 3);
	case M_GIF:
		return starts(d, n, "GIF87a", 6) || starts(d, n, "GIF89a", 6);
	case M_OLE:
		return starts(d, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	case M_ZIP:
		if (!starts(d, n, "PK\x03\x04", 4))
			return !marker && starts(d, n, "PK\x05\x06", 4); /* an empty .zip */
		return !marker || memmem(d, n, marker, strlen(marker)) != NULL;
	case M_TEXT:
		return looks_text(d, n);
	}
	return 0;
}

const char *attachment_type(const char *name, const unsigned char *data, size_t len,
                            struct yq_err *e)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (dot)
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
			if (strcasecmp(dot + 1, types[i].ext) != 0)
				continue;
			if (!magic_ok(types[i].magic, data, len, types[i].zip_marker)) {
				err_set(e, ERR_MEDIA_TYPE, "file", "文件内容与扩展名不符",
				        "the file's content does not match its extension");
				return NULL;
			}
			return types[i].content_type;
		}
	err_set(e, ERR_MEDIA_TYPE, "file",
	        "文件类型不允许：仅限 pdf、png、jpg、gif、doc、docx、xls、xlsx、txt、zip",
	        "file type not allowed: pdf, png, jpg, gif, doc, docx, xls, xlsx, txt or zip only");
	return NULL;
}

/* 1 for code points never kept in a name: C0/C1 controls, DEL, bidirectional marks and
 * overrides (which can make "gpj.exe" display as "exe.jpg"), zero-width characters and the BOM. */
static int bad_cp(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x200b && c <= 0x200f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

void attachment_name_clean(const char *in, char *out, size_t n)
{
	char buf[1024];
	size_t len = 0;
	const char *base = in ? in : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	/* 1. characters: invalid bytes and unwanted code points become '_' */
	const unsigned char *p = (const unsigned char *)base;
	size_t left = strlen(base);
	while (left && len + 5 < sizeof buf) {
		uint32_t cp;
		int k = utf8_decode(p, left, &cp);
		if (k < 0) {
			buf[len++] = '_';
			p++;
			left--;
			continue;
		}
		if (bad_cp(cp) || (cp < 128 && strchr("<>:\"|?*", (int)cp)))
			buf[len++] = '_';
		else {
			memcpy(buf + len, p, (size_t)k);
			len += (size_t)k;
		}
		p += k;
		left -= (size_t)k;
	}
	buf[len] = 0;
	/* 2. no leading dots or spaces (hidden files, "..") and no trailing ones */
	char *s = buf;
	while (*s == '.' || *s == ' ')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
		s[--len] = 0;
	if (!len) {
		snprintf(out, n, "附件");
		return;
	}
	/* 3. at most ATTACHMENT_NAME_MAX characters and n-1 bytes, keeping the extension */
	const char *dot = strrchr(s, '.');
	size_t ext_len = dot && strlen(dot) <= 10 ? strlen(dot) : 0;
	size_t stem_bytes = len - ext_len, room = n - 1 - ext_len, chars = 0, cut = 0;
	while (cut < stem_bytes) {
		uint32_t cp;
		int k = utf8_decode((const unsigned char *)s + cut, stem_bytes - cut, &cp);
		if (k < 0 || cut + (size_t)k > room || chars + 1 > ATTACHMENT_NAME_MAX - ext_len)
			break;
		cut += (size_t)k;
		chars++;
	}
	memcpy(out, s, cut);
	memcpy(out + cut, s + stem_bytes, ext_len);
	out[cut + ext_len] = 0;
}

void attachment_file_path(const char *dir, const char *sha, char *out, size_t n)
{
	snprintf(out, n, "%s/attachments/%.2s/%s", dir, sha, sha);
}

static int mkdir_one(const char *path)
{
	return mkdir(path, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int attachment_file_put(const char *dir, const void *data, size_t len, char sha[65],
                        struct yq_err *e)
{
	char root[1024], sub[1100], path[1200], tmp[1200], rnd[17];
	sha256_hex(data, len, sha);
	snprintf(root, sizeof root, "%s/attachments", dir);
	snprintf(sub, sizeof sub, "%s/%.2s", root, sha);
	attachment_file_path(dir, sha, path, sizeof path);
	struct stat st;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return 0; /* the same bytes are already stored */
	if (mkdir_one(dir) < 0 || mkdir_one(root) < 0 || mkdir_one(sub) < 0)
		goto out_fail;
	random_hex(rnd, 8);
	snprintf(tmp, sizeof tmp, "%s/.tmp-%s", sub, rnd);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0)
		goto out_fail;
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out_close;
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) < 0)
		goto out_close;
	close(fd);
	if (rename(tmp, path) < 0 || fsync_dir(sub) < 0) {
		unlink(tmp);
		goto out_fail;
	}
	return 0;
out_close:
	close(fd);
	unlink(tmp);
out_fail:
	return err_set(e, ERR_INTERNAL, NULL, "附件保存失败", "cannot store the file");
}
