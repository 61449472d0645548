/* Key files (see keyfile.h). */
#include "lib/keyfile.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parses exactly 64 hex digits (surrounding white space allowed) into key. */
static int parse_hex_key(const char *s, size_t n, uint8_t key[KEYFILE_KEY_LEN])
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	while (n && (*s == ' ' || *s == '\n')) {
		s++;
		n--;
	}
	size_t got = 0;
	if (n != 2 * KEYFILE_KEY_LEN ||
	    sodium_hex2bin(key, KEYFILE_KEY_LEN, s, n, NULL, &got, NULL) != 0 ||
	    got != KEYFILE_KEY_LEN)
		return -1;
	return 0;
}

static int read_key_file(const char *path, uint8_t key[KEYFILE_KEY_LEN], char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		snprintf(err, errlen, "cannot open key file %s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	char buf[200];
	ssize_t n = -1;
	if (fstat(fd, &st) == 0) {
		if (st.st_mode & 077) {
			close(fd);
			snprintf(err, errlen,
			         "key file %s is readable by others (mode %03o): chmod 600 it",
			         path, (unsigned)(st.st_mode & 0777));
			return -1;
		}
		n = read(fd, buf, sizeof buf - 1);
	}
	close(fd);
	if (n < 0 || parse_hex_key(buf, (size_t)n, key) < 0) {
		sodium_memzero(buf, sizeof buf);
		snprintf(err, errlen, "key file %s must hold 64 hex digits", path);
		return -1;
	}
	sodium_memzero(buf, sizeof buf);
	return 0;
}

/* Writes a new random key to `path` without replacing an existing file: the key goes to a
 * temporary file first, then link() publishes it atomically (EEXIST if another process won). */
static int create_key_file(const char *path, uint8_t key[KEYFILE_KEY_LEN], char *err, size_t errlen)
{
	char tmp[1100], hex[2 * KEYFILE_KEY_LEN + 2];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	char dir[1100];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
			return -1;
		}
	}
	randombytes_buf(key, KEYFILE_KEY_LEN);
	sodium_bin2hex(hex, sizeof hex - 1, key, KEYFILE_KEY_LEN);
	hex[2 * KEYFILE_KEY_LEN] = '\n';
	hex[2 * KEYFILE_KEY_LEN + 1] = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create key file %s: %s", tmp, strerror(errno));
		return -1;
	}
	size_t len = strlen(hex);
	int ok = write(fd, hex, len) == (ssize_t)len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	sodium_memzero(hex, sizeof hex);
	if (!ok) {
		snprintf(err, errlen, "cannot write key file %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int rc = link(tmp, path);
	int link_errno = errno;
	unlink(tmp);
	if (rc == 0)
		return 0;
	if (link_errno == EEXIST) /* another process created it first: use theirs */
		return read_key_file(path, key, err, errlen) == 0 ? 2 : -1;
	snprintf(err, errlen, "cannot create key file %s: %s", path, strerror(link_errno));
	return -1;
}

int keyfile_load(const char *path, const char *env_hex, const char *env_file, int create,
                 uint8_t key[KEYFILE_KEY_LEN], int *created, char *err, size_t errlen)
{
	*created = 0;
	const char *hex = env_hex ? getenv(env_hex) : NULL;
	if (hex && *hex) {
		if (parse_hex_key(hex, strlen(hex), key) < 0) {
			snprintf(err, errlen, "%s must be 64 hex digits", env_hex);
			return -1;
		}
		return 0;
	}
	const char *file = env_file ? getenv(env_file) : NULL;
	if (file && *file) {
		int rc = read_key_file(file, key, err, errlen);
		if (rc == 1)
			snprintf(err, errlen, "key file %s (%s) does not exist", file, env_file);
		return rc == 0 ? 0 : -1;
	}
	int rc = read_key_file(path, key, err, errlen);
	if (rc != 1 || !create)
		return rc;
	rc = create_key_file(path, key, err, errlen);
	if (rc == 0)
		*created = 1;
	return rc < 0 ? -1 : 0;
}

void keyfile_path(const char *db_url, const char *data_dir, const char *name, char *buf, size_t n)
{
	const char *path = NULL;
	if (strncmp(db_url, "sqlite:", 7) == 0)
		path = db_url + 7;
	else if (!strstr(db_url, "://"))
		path = db_url;
	if (path) {
		const char *slash = strrchr(path, '/');
		if (slash)
			snprintf(buf, n, "%.*s/%s", (int)(slash - path), path, name);
		else
			snprintf(buf, n, "%s", name);
		return;
	}
	snprintf(buf, n, "%s/%s", data_dir && *data_dir ? data_dir : "data", name);
}
