/* libFuzzer driver for the unified social credit code: normalization, validation, check
 * character and generation must never crash and must agree with each other. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "enterprise/uscc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Entry point: the input is a code as a user would type it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[512], out[USCC_LEN + 1], again[USCC_LEN + 1];
	if (size >= sizeof in)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;

	int rc = uscc_normalize(in, out);
	if (strlen(out) > USCC_LEN)
		__builtin_trap();
	enum uscc_error e = uscc_check(in, again);
	if (strcmp(out, again) != 0 || (rc < 0 && e != USCC_ERR_LENGTH))
		__builtin_trap();
	if (!uscc_error_zh(e) || !uscc_error_en(e))
		__builtin_trap();
	if (e == USCC_OK) {
		/* A valid code is its own normalization and carries its check character. */
		if (uscc_normalize(out, again) != 0 || strcmp(out, again) != 0 ||
		    uscc_check_char(out) != out[17])
			__builtin_trap();
		char prefix[9];
		memcpy(prefix, out, 8);
		prefix[8] = 0;
		if (uscc_make(prefix, size, again) != 0 || uscc_validate(again) != USCC_OK)
			__builtin_trap();
	}
	if (size >= 17) {
		char c = uscc_check_char((const char *)data);
		if (c && !strchr("0123456789ABCDEFGHJKLMNPQRTUWXY", c))
			__builtin_trap();
	}
	if (size >= 16) {
		char prefix[9];
		uint64_t serial;
		memcpy(prefix, data, 8);
		prefix[8] = 0;
		memcpy(&serial, data + 8, sizeof serial);
		if (uscc_make(prefix, serial, again) == 0 && uscc_validate(again) != USCC_OK)
			__builtin_trap();
	}
	return 0;
}
