/* A stored enum's codes (see codes.h). */
#include "db/codes.h"
#include <string.h>

int code_index(const char *const *codes, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, codes[i]) == 0)
			return i;
	return n;
}

const char *code_at(const char *const *codes, int n, int v)
{
	return v >= 0 && v < n ? codes[v] : "";
}
