/* Domain error helpers (see err.h). */
#include "lib/err.h"

int err_set(struct yq_err *e, enum err_code code, const char *field, const char *zh, const char *en)
{
	if (!e)
		return -1;
	e->code = code;
	e->field = field;
	e->message = zh;
	e->message_en = en;
	return -1;
}
