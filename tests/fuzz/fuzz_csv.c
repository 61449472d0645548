/* libFuzzer driver for the CSV reader: any input gives records of valid UTF-8 within the limits,
 * or an error; the memory and file readers agree on ASCII input. Build with a small
 * CSV_READ_CHUNK so that file reads cross chunk ends. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/csv.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks the invariants of one record. */
static void check_record(const struct csv_record *rec)
{
	if (rec->n_fields < 1 || rec->n_fields > CSV_MAX_COLUMNS || rec->number < 1 ||
	    rec->number > rec->line)
		__builtin_trap();
	for (size_t i = 0; i < rec->n_fields; i++) {
		size_t len = strlen(rec->fields[i]);
		if (len > 2 * CSV_MAX_FIELD || !utf8_valid(rec->fields[i], len))
			__builtin_trap();
	}
}

/* 1 if every byte is ASCII. */
static int is_ascii(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return 0;
	return 1;
}

/* Entry point: the input is a CSV file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *m = csv_open_mem((const char *)data, size);
	struct csv_record rm, rf;
	if (!m)
		return 0;
	FILE *f = size ? fmemopen((void *)data, size, "rb") : NULL;
	struct csv_reader *fr = f ? csv_open_file(f) : NULL;
	int compare = fr && is_ascii(data, size);
	int gm, gf = 0;
	while ((gm = csv_next(m, &rm)) == 1) {
		check_record(&rm);
		if (fr) {
			gf = csv_next(fr, &rf);
			if (gf == 1)
				check_record(&rf);
		}
		if (compare) {
			if (gf != 1 || rf.n_fields != rm.n_fields || rf.line != rm.line ||
			    rf.number != rm.number)
				__builtin_trap();
			for (size_t i = 0; i < rm.n_fields; i++)
				if (strcmp(rm.fields[i], rf.fields[i]) != 0)
					__builtin_trap();
		}
	}
	if (gm == -1 && (csv_error(m)[0] == 0 || csv_fault(m)->code == READ_OK))
		__builtin_trap();
	if (gm == 0 && csv_fault(m)->code != READ_OK)
		__builtin_trap();
	if (compare && (csv_next(fr, &rf) != gm || strcmp(csv_error(m), csv_error(fr)) != 0))
		__builtin_trap();
	if (csv_next(m, &rm) != gm)
		__builtin_trap();
	while (fr && csv_next(fr, &rf) == 1)
		check_record(&rf);
	csv_free(fr);
	if (f)
		fclose(f);
	csv_free(m);
	return 0;
}
