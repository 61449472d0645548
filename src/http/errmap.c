/* Domain error → HTTP status and error code (see errmap.h). */
#include "http/errmap.h"

static const struct errmap_entry table[ERR__COUNT] = {
    [ERR_NONE] = {200, "ok"},
    [ERR_VALIDATION] = {400, "validation"},
    [ERR_BAD_JSON] = {400, "bad_json"},
    [ERR_BAD_REQUEST] = {400, "bad_request"},
    [ERR_UNAUTH] = {401, "unauthenticated"},
    [ERR_SESSION_EXPIRED] = {401, "session_expired"},
    [ERR_BAD_CREDENTIALS] = {401, "bad_credentials"},
    [ERR_FORBIDDEN] = {403, "forbidden"},
    [ERR_CSRF] = {403, "csrf"},
    [ERR_PASSWORD_CHANGE] = {403, "password_change_required"},
    [ERR_NOT_FOUND] = {404, "not_found"},
    [ERR_METHOD] = {405, "method_not_allowed"},
    [ERR_CONFLICT] = {409, "conflict"},
    [ERR_STATE] = {409, "invalid_state"},
    [ERR_TOO_LARGE] = {413, "too_large"},
    [ERR_MEDIA_TYPE] = {415, "unsupported_media_type"},
    [ERR_LOCKED] = {429, "account_locked"},
    [ERR_THROTTLED] = {429, "ip_throttled"},
    [ERR_BUSY] = {429, "busy"},
    [ERR_INTERNAL] = {500, "internal"},
    [ERR_UNAVAILABLE] = {503, "unavailable"},
    [ERR_TOTP_REQUIRED] = {401, "totp_required"},
    [ERR_TOTP_INVALID] = {401, "totp_invalid"},
    [ERR_TOTP_ENROL] = {403, "totp_enrol_required"},
    [ERR_PERIOD_CLOSED] = {409, "period_closed"},
};

const struct errmap_entry *errmap_get(enum err_code code)
{
	if ((unsigned)code >= ERR__COUNT || !table[code].code)
		return &table[ERR_INTERNAL];
	return &table[code];
}
