/* Files compiled into the program by tools/embed.c: migrations and reference data. */
#ifndef YQ_LIB_EMBEDDED_H
#define YQ_LIB_EMBEDDED_H
#include <stddef.h>

/* One embedded file. `data` is NUL-terminated; `len` excludes the terminator. */
struct embedded_file {
	const char *name; /* base name, e.g. "0001_init.sql" */
	const char *data; /* the bytes, followed by a NUL */
	size_t len;       /* length in bytes, without the NUL */
};

/* All embedded files, in build order, ended by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* Returns the embedded file called `name`, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
