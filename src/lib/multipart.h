/* multipart/form-data (RFC 7578): finds one named part in a complete body held in memory.
 * Bounded: at most 64 parts and 16 KiB of part headers are looked at. */
#ifndef YQ_LIB_MULTIPART_H
#define YQ_LIB_MULTIPART_H
#include <stddef.h>

/* The boundary parameter of a Content-Type header into out (at most 70 chars per RFC 2046);
 * -1 when the header is not multipart/form-data with a boundary. */
int multipart_boundary(const char *content_type, char out[72]);
/* Finds the part whose Content-Disposition names `field`; sets *data and *len to its bytes (inside
 * body) and copies its filename (may be empty) into filename. Returns 0, or -1 if absent or the
 * body is malformed. */
int multipart_find(const char *body, size_t n, const char *boundary, const char *field,
                   const char **data, size_t *len, char *filename, size_t nfilename);

#endif
