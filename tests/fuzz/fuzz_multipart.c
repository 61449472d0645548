/* libFuzzer driver for multipart/form-data (src/lib/multipart.c), the Excel/CSV import upload:
 * the input's first line is the Content-Type header, the rest the body. Checked: a boundary is
 * 1 to 70 characters taken from the header; a found part lies inside the body, and its file
 * name is NUL-terminated within its buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	size_t hl = (size_t)(nl - data);
	char *ct = malloc(hl + 1);
	memcpy(ct, data, hl);
	ct[hl] = 0;
	size_t n = size - hl - 1;
	char *body = malloc(n ? n : 1); /* exactly n bytes: a read past the end is caught */
	memcpy(body, nl + 1, n);
	char boundary[72];
	memset(boundary, 'x', sizeof boundary);
	if (multipart_boundary(ct, boundary) == 0) {
		size_t bl = strnlen(boundary, sizeof boundary);
		if (bl == 0 || bl > 70 || !strstr(ct, boundary))
			__builtin_trap();
		static const char *const fields[] = {"file", "name", ""};
		for (size_t f = 0; f < 3; f++) {
			const char *part = NULL;
			size_t len = 0;
			char filename[64];
			memset(filename, 'y', sizeof filename);
			if (multipart_find(body, n, boundary, fields[f], &part, &len, filename,
			                   sizeof filename) == 0) {
				if (!part || part < body || len > n || part + len > body + n)
					__builtin_trap();
				if (!memchr(filename, 0, sizeof filename))
					__builtin_trap();
			}
		}
	}
	free(body);
	free(ct);
	return 0;
}
