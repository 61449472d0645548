/* codes: a stored enum's text codes ("open", "closed"), listed in the order of the enum's
 * values, and the lookup from a code back to its value. */
#ifndef YQ_DB_CODES_H
#define YQ_DB_CODES_H

/* The value of code s in the list of n codes (the index), or n when s is NULL or none of them. */
int code_index(const char *const *codes, int n, const char *s);

#endif
