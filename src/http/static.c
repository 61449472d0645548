/* Static files of the web console (see static.h). */
#include "http/static.h"
#include "lib/util.h"
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Content types by file name extension. */
static const struct str_map types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *type = str_map_get(types, ARRAY_LEN(types), dot);
	return type ? type : "application/octet-stream";
}

/* 1 if the URL path is safe to map onto the file system: no "..", no hidden names, only plain
 * characters. */
static int safe_path(const char *p)
{
	if (p[0] != '/' || strlen(p) > 200)
		return 0;
	for (const char *c = p; *c; c++) {
		if (*c == '/' && c[1] == '.')
			return 0;
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '/' || *c == '.' || *c == '-' || *c == '_'))
			return 0;
	}
	return 1;
}

/* Opens a regular file; -1 if it is not one. */
static int open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char NOT_BUILT[] = "<!doctype html><meta charset=utf-8><title>园区通</title>"
                                "<p>园区通控制台尚未构建：请运行 <code>make run</code>。"
                                "<p>The web console is not built: run <code>make run</code>.";

int static_serve(struct req *r, const char *web_dir)
{
	if (!web_dir) {
		r->file_resp = MHD_create_response_from_buffer(
		    sizeof NOT_BUILT - 1, (void *)NOT_BUILT, MHD_RESPMEM_PERSISTENT);
		if (!r->file_resp)
			return -1;
		MHD_add_response_header(r->file_resp, "Content-Type", "text/html; charset=utf-8");
		r->status = 200;
		return 0;
	}
	const char *rel =
	    strcmp(r->path, "/") == 0 || !safe_path(r->path) ? "/index.html" : r->path;
	char path[512];
	struct stat st;
	snprintf(path, sizeof path, "%s%s", web_dir, rel);
	int fd = open_regular(path, &st);
	if (fd < 0) {
		/* history-mode fallback: unknown paths without a file get the app's index.html, but
		 * a missing asset is a real 404 */
		if (strncmp(rel, "/assets/", 8) == 0)
			return -1;
		rel = "/index.html";
		snprintf(path, sizeof path, "%s%s", web_dir, rel);
		fd = open_regular(path, &st);
		if (fd < 0) {
			web_dir = NULL;
			return static_serve(r, NULL);
		}
	}
	const char *type = type_of(rel);
	const char *ae = req_header(r, "Accept-Encoding");
	int gz = 0;
	if (ae && strstr(ae, "gzip")) {
		char gzpath[520];
		struct stat gst;
		snprintf(gzpath, sizeof gzpath, "%s.gz", path);
		int gfd = open_regular(gzpath, &gst);
		if (gfd >= 0) {
			close(fd);
			fd = gfd;
			st = gst;
			gz = 1;
		}
	}
	r->file_resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!r->file_resp) {
		close(fd);
		return -1;
	}
	MHD_add_response_header(r->file_resp, "Content-Type", type);
	MHD_add_response_header(r->file_resp, "Vary", "Accept-Encoding");
	if (gz)
		MHD_add_response_header(r->file_resp, "Content-Encoding", "gzip");
	MHD_add_response_header(
	    r->file_resp, "Cache-Control",
	    strncmp(rel, "/assets/", 8) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
	r->status = 200;
	return 0;
}
