/* Domain errors: what went wrong, in terms the HTTP layer maps to a status and the CLI prints.
 * Domain functions return 0 or -1 and fill a `struct yq_err`; src/http/errmap.c holds the one
 * table from `enum err_code` to HTTP status and error code string. */
#ifndef YQ_LIB_ERR_H
#define YQ_LIB_ERR_H

enum err_code {
	ERR_NONE = 0,
	ERR_VALIDATION,      /* 400: a field is missing or invalid */
	ERR_BAD_JSON,        /* 400: the body is not JSON, or not the expected shape */
	ERR_BAD_REQUEST,     /* 400: malformed request */
	ERR_UNAUTH,          /* 401: no valid session */
	ERR_SESSION_EXPIRED, /* 401 */
	ERR_BAD_CREDENTIALS, /* 401 */
	ERR_FORBIDDEN,       /* 403 */
	ERR_CSRF,            /* 403 */
	ERR_PASSWORD_CHANGE, /* 403: must change the password first */
	ERR_NOT_FOUND,       /* 404 */
	ERR_METHOD,          /* 405 */
	ERR_CONFLICT,        /* 409: duplicate */
	ERR_STATE,           /* 409: the object's state forbids the action */
	ERR_TOO_LARGE,       /* 413 */
	ERR_MEDIA_TYPE,      /* 415 */
	ERR_LOCKED,          /* 429: account locked */
	ERR_THROTTLED,       /* 429: source address throttled */
	ERR_BUSY,            /* 429: server saturated for this kind of work */
	ERR_INTERNAL,        /* 500 */
	ERR_UNAVAILABLE,     /* 503: database unavailable */
	ERR_TOTP_REQUIRED,   /* 401: right password, the TOTP code is missing */
	ERR_TOTP_INVALID,    /* 401: wrong or reused TOTP code */
	ERR_TOTP_ENROL,      /* 403: the role requires TOTP: enrol first */
	ERR_PERIOD_CLOSED,   /* 409: the month is past, its plan no longer changes */
	ERR__COUNT
};

/* An error with the form field it concerns. `message` is Chinese (the product's first language);
 * `message_en` is its English form, or NULL. Strings are static or arena-allocated. */
struct yq_err {
	enum err_code code;
	const char *field;
	const char *message;
	const char *message_en;
	long retry_after; /* seconds, for ERR_LOCKED / ERR_THROTTLED */
};

/* Fills `e` and returns -1, for `return err_set(e, ERR_VALIDATION, "name", "…", "…")`. */
int err_set(struct yq_err *e, enum err_code code, const char *field, const char *zh,
            const char *en);

#endif
