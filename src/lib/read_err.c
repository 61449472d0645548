/* Recording why a table file could not be read (see read_err.h). */
#include "lib/read_err.h"
#include <stdio.h>

void read_fault_vset(struct read_fault *f, char *err, size_t errlen, enum read_err code,
                     unsigned long row, unsigned long col, unsigned long limit, const char *fmt,
                     va_list ap)
{
	vsnprintf(err, errlen, fmt, ap);
	f->code = code;
	f->row = row;
	f->col = col;
	f->limit = limit;
}
