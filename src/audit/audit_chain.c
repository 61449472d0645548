/* The HMAC chain over audit and login-log rows (see audit.h and audit_chain_int.h).
 *
 * Canonical form of a row, fed to HMAC-SHA256 after the previous row's 32-byte MAC (32 zero bytes
 * before the first row): the tag "yuanqu-audit-v1" and the table number, then each field as one
 * type byte and its value — 'N' for NULL; 'I' and 8 bytes big-endian for integers; 'T', 4 bytes
 * big-endian length and the bytes for text — in the order seq, zone_id, at, user_id, the texts
 * of the table, and for login rows `success`. Lengths make the form unambiguous, so no two
 * different rows serialise alike. */
#include "audit/audit.h"
#include "audit/audit_chain_int.h"
#include "lib/log.h"
#include "lib/util.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static uint8_t chain_key[AUDIT_KEY_LEN];
static int chain_key_set;
int64_t audit_test_time_offset;
int audit_test_batch;
int audit_retention_days = AUDIT_RETENTION_MIN_DAYS;

static const char SQL_HEAD_TAKE[] =
    "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, mac";
static const char SQL_HEAD_SET_MAC[] = "UPDATE audit_head SET mac = ? WHERE id = 1";
static const char SQL_HEAD_SET[] = "UPDATE audit_head SET seq = ?, mac = ? WHERE id = 1";
static const char SQL_HEAD_GET[] =
    "SELECT seq, mac, anchor_seq, anchor_mac, anchor_at, anchor_tag, key_check FROM audit_head "
    "WHERE id = 1";
static const char SQL_HEAD_LOCK[] = "UPDATE audit_head SET seq = seq WHERE id = 1";
static const char SQL_HEAD_LOCK_GET[] =
    "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, mac";
static const char SQL_HEAD_SET_CHECK[] = "UPDATE audit_head SET key_check = ? WHERE id = 1";
static const char SQL_HEAD_SET_ANCHOR[] =
    "UPDATE audit_head SET anchor_seq = ?, anchor_mac = ?, anchor_at = ?, anchor_tag = ? "
    "WHERE id = 1";
static const char SQL_UNCHAINED[] =
    "SELECT (SELECT COUNT(*) FROM audit_log WHERE seq IS NULL) + (SELECT COUNT(*) FROM "
    "login_log WHERE seq IS NULL)";
/* Each table in chain order, one batch after position ?, as: seq, id, zone_id, at, user_id,
 * text×6, success, mac. The verifier and the purge merge the two by seq. */
static const char SQL_AUDIT_ROWS[] =
    "SELECT seq, id, zone_id, at, user_id, username, ip, action, obj_type, obj_id, changes, 0, "
    "mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?";
static const char SQL_LOGIN_ROWS[] =
    "SELECT seq, id, zone_id, at, user_id, username, ip, user_agent, reason, NULL, NULL, "
    "success, mac FROM login_log WHERE seq > ? ORDER BY seq LIMIT ?";
static const char SQL_OLDEST_AUDIT[] =
    "SELECT at FROM audit_log WHERE seq IS NOT NULL ORDER BY seq LIMIT 1";
static const char SQL_OLDEST_LOGIN[] =
    "SELECT at FROM login_log WHERE seq IS NOT NULL ORDER BY seq LIMIT 1";
static const char SQL_LEGACY_AUDIT[] =
    "SELECT id, zone_id, at, user_id, username, ip, action, obj_type, obj_id, changes FROM "
    "audit_log WHERE seq IS NULL AND id > ? ORDER BY id LIMIT 1";
static const char SQL_LEGACY_LOGIN[] =
    "SELECT id, zone_id, at, user_id, username, ip, user_agent, reason, success FROM login_log "
    "WHERE seq IS NULL AND id > ? ORDER BY id LIMIT 1";
static const char SQL_AUDIT_SET_SEQ[] = "UPDATE audit_log SET seq = ?, mac = ? WHERE id = ?";
static const char SQL_LOGIN_SET_SEQ[] = "UPDATE login_log SET seq = ?, mac = ? WHERE id = ?";
static const char SQL_PURGE_AUDIT[] = "DELETE FROM audit_log WHERE seq <= ?";
static const char SQL_PURGE_LOGIN[] = "DELETE FROM login_log WHERE seq <= ?";

void audit_chain_set_key(const uint8_t key[AUDIT_KEY_LEN])
{
	memcpy(chain_key, key, AUDIT_KEY_LEN);
	chain_key_set = 1;
}

void audit_name_digest(const char *name, char out[AUDIT_NAME_DIGEST_HEX + 1])
{
	static const char tag[] = "login-name"; /* with its NUL: domain separation */
	uint8_t mac[32];
	if (chain_key_set) {
		crypto_auth_hmacsha256_state st;
		crypto_auth_hmacsha256_init(&st, chain_key, AUDIT_KEY_LEN);
		crypto_auth_hmacsha256_update(&st, (const uint8_t *)tag, sizeof tag);
		crypto_auth_hmacsha256_update(&st, (const uint8_t *)name, strlen(name));
		crypto_auth_hmacsha256_final(&st, mac);
	} else {
		crypto_hash_sha256_state st;
		crypto_hash_sha256_init(&st);
		crypto_hash_sha256_update(&st, (const uint8_t *)tag, sizeof tag);
		crypto_hash_sha256_update(&st, (const uint8_t *)name, strlen(name));
		crypto_hash_sha256_final(&st, mac);
	}
	sodium_bin2hex(out, AUDIT_NAME_DIGEST_HEX + 1, mac, AUDIT_NAME_DIGEST_HEX / 2);
	sodium_memzero(mac, sizeof mac);
}

void audit_unknown_name(const char *name, char out[AUDIT_UNKNOWN_NAME_LEN + 1])
{
	out[0] = '?';
	audit_name_digest(name, out + 1);
}

int audit_chain_has_key(void)
{
	return chain_key_set;
}

int64_t audit_chain_now(void)
{
	return now_unix() + audit_test_time_offset;
}

static void mac_int(crypto_auth_hmacsha256_state *st, int64_t v, int null)
{
	uint8_t b[9] = {'N'};
	if (null) {
		crypto_auth_hmacsha256_update(st, b, 1);
		return;
	}
	b[0] = 'I';
	uint64_t u = (uint64_t)v;
	for (int i = 0; i < 8; i++)
		b[1 + i] = (uint8_t)(u >> (56 - 8 * i));
	crypto_auth_hmacsha256_update(st, b, sizeof b);
}

static void mac_text(crypto_auth_hmacsha256_state *st, const char *s)
{
	if (!s) {
		mac_int(st, 0, 1);
		return;
	}
	size_t n = strlen(s);
	uint8_t b[5] = {'T', (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
	crypto_auth_hmacsha256_update(st, b, sizeof b);
	crypto_auth_hmacsha256_update(st, (const uint8_t *)s, n);
}

/* The MAC of row r following the MAC `prev`. */
static void row_mac(const uint8_t prev[32], const struct chain_row *r, uint8_t out[32])
{
	static const char tag[] = "yuanqu-audit-v1";
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, chain_key, AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, prev, 32);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)tag, sizeof tag);
	mac_int(&st, r->table, 0);
	mac_int(&st, r->seq, 0);
	mac_int(&st, r->zone_id, r->zone_id == 0);
	mac_int(&st, r->at, 0);
	mac_int(&st, r->user_id, r->user_id == 0);
	int ntext = r->table == CHAIN_AUDIT ? 6 : 4;
	for (int i = 0; i < ntext; i++)
		mac_text(&st, r->text[i]);
	if (r->table == CHAIN_LOGIN)
		mac_int(&st, r->success, 0);
	crypto_auth_hmacsha256_final(&st, out);
}

/* The MAC protecting the anchor left by a purge. */
static void anchor_tag(int64_t seq, const char *mac_hex, int64_t at, char out[65])
{
	static const char tag[] = "yuanqu-audit-anchor-v1";
	crypto_auth_hmacsha256_state st;
	uint8_t t[32];
	crypto_auth_hmacsha256_init(&st, chain_key, AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)tag, sizeof tag);
	mac_int(&st, seq, 0);
	mac_text(&st, mac_hex);
	mac_int(&st, at, 0);
	crypto_auth_hmacsha256_final(&st, t);
	sodium_bin2hex(out, 65, t, sizeof t);
}

static void key_check(char out[65])
{
	static const char msg[] = "yuanqu audit key check";
	uint8_t t[32];
	crypto_auth_hmacsha256(t, (const uint8_t *)msg, sizeof msg - 1, chain_key);
	sodium_bin2hex(out, 65, t, sizeof t);
}

/* Decodes a hex MAC; "" (no previous row) gives 32 zero bytes. -1 if malformed. */
static int unhex_mac(const char *hex, uint8_t out[32])
{
	memset(out, 0, 32);
	if (!hex || !*hex)
		return 0;
	size_t got = 0;
	if (strlen(hex) != 64 || sodium_hex2bin(out, 32, hex, 64, NULL, &got, NULL) != 0 ||
	    got != 32)
		return -1;
	return 0;
}

/* The open chain batch of this thread (see audit_batch_begin): the transaction it belongs to
 * (NULL when none) and the head as the rows chained so far left it. */
static _Thread_local struct {
	struct db *tx;
	int64_t seq;
	uint8_t mac[32];
	int64_t taken; /* rows chained since the batch began */
} open_batch;

/* Steps `sql`, which moves (or locks) the chain head and returns its position and mac, into
 * *seq and mac: DB_OK, or a negative db rc (DB_ERR for a head that is missing or malformed). */
static int head_step(struct db *tx, const char *sql, int64_t *seq, uint8_t mac[32])
{
	struct db_stmt *st = db_prepare(tx, sql);
	if (!st)
		return DB_ERR;
	int rc = db_step(st), bad = 0;
	if (rc == DB_ROW) {
		*seq = db_col_int(st, 0);
		bad = unhex_mac(db_col_text(st, 1), mac) < 0;
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc < 0 && rc != DB_CONSTRAINT ? rc : DB_ERR;
	if (bad) {
		log_error("audit: the chain head holds a malformed mac");
		return DB_ERR;
	}
	return DB_OK;
}

int audit_batch_begin(struct db *tx)
{
	open_batch.tx = NULL;
	int rc = head_step(tx, SQL_HEAD_LOCK_GET, &open_batch.seq, open_batch.mac);
	if (rc < 0)
		return rc;
	open_batch.tx = tx;
	open_batch.taken = 0;
	return DB_OK;
}

int audit_batch_end(struct db *tx, int commit)
{
	if (open_batch.tx != tx)
		return commit ? DB_ERR : DB_OK;
	open_batch.tx = NULL;
	if (!commit || !open_batch.taken)
		return DB_OK;
	char mac_hex[65];
	sodium_bin2hex(mac_hex, sizeof mac_hex, open_batch.mac, sizeof open_batch.mac);
	int rc = db_do(tx, SQL_HEAD_SET, DB_I(open_batch.seq), DB_T(mac_hex));
	return rc == DB_OK ? DB_OK : (rc == DB_UNAVAILABLE ? rc : DB_ERR);
}

int audit_chain_take(struct db *tx, struct chain_row *r, char mac_hex[65])
{
	if (!chain_key_set) {
		log_error("audit: no audit key loaded, refusing to write an unchained row");
		return DB_ERR;
	}
	if (open_batch.tx && open_batch.tx == tx) {
		uint8_t mac[32];
		r->seq = ++open_batch.seq;
		row_mac(open_batch.mac, r, mac);
		memcpy(open_batch.mac, mac, sizeof mac);
		open_batch.taken++;
		sodium_bin2hex(mac_hex, 65, mac, sizeof mac);
		return DB_OK;
	}
	uint8_t prev[32], mac[32];
	int rc = head_step(tx, SQL_HEAD_TAKE, &r->seq, prev);
	if (rc < 0)
		return rc;
	row_mac(prev, r, mac);
	sodium_bin2hex(mac_hex, 65, mac, sizeof mac);
	rc = db_do(tx, SQL_HEAD_SET_MAC, DB_T(mac_hex));
	return rc == DB_OK ? DB_OK : (rc == DB_UNAVAILABLE ? rc : DB_ERR);
}

struct head {
	int64_t seq, anchor_seq, anchor_at;
	char mac[65], anchor_mac[65], anchor_tag[65], key_check[65];
};

static int read_head(struct db *c, struct head *h)
{
	memset(h, 0, sizeof *h);
	struct db_stmt *st = db_prepare(c, SQL_HEAD_GET);
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		h->seq = db_col_int(st, 0);
		snprintf(h->mac, sizeof h->mac, "%s", db_col_text(st, 1));
		h->anchor_seq = db_col_int(st, 2);
		snprintf(h->anchor_mac, sizeof h->anchor_mac, "%s", db_col_text(st, 3));
		h->anchor_at = db_col_int(st, 4);
		snprintf(h->anchor_tag, sizeof h->anchor_tag, "%s", db_col_text(st, 5));
		snprintf(h->key_check, sizeof h->key_check, "%s", db_col_text(st, 6));
	}
	db_reset(st);
	if (rc == DB_DONE)
		return DB_ERR; /* the head row is missing */
	return rc < 0 ? rc : DB_OK;
}

int64_t audit_chain_length(struct db *c)
{
	struct head h;
	return read_head(c, &h) < 0 ? -1 : h.seq;
}

/* Chains the rows written before the chain existed: audit rows, then login rows, each in id
 * order. Runs inside a write transaction. */
static int adopt_legacy(struct db *c, int64_t *n)
{
	static const char *const sel[2] = {SQL_LEGACY_AUDIT, SQL_LEGACY_LOGIN};
	static const char *const upd[2] = {SQL_AUDIT_SET_SEQ, SQL_LOGIN_SET_SEQ};
	*n = 0;
	struct head h;
	uint8_t prev[32];
	int rc0 = read_head(c, &h);
	if (rc0 < 0)
		return rc0;
	if (unhex_mac(h.mac, prev) < 0) {
		log_error("audit: the chain head holds a malformed mac");
		return DB_ERR;
	}
	int64_t seq = h.seq;
	for (int t = 0; t < 2; t++) {
		int64_t after = 0;
		for (;;) {
			/* one row at a time, from the last one on: the select is re-run after each
			 * update, and a primary-key range keeps each run short on a large log */
			struct db_stmt *st = db_prepare_with(c, sel[t], DB_I(after));
			if (!st)
				return DB_ERR;
			int rc = db_step(st);
			if (rc != DB_ROW) {
				db_reset(st);
				if (rc != DB_DONE)
					return rc < 0 ? rc : DB_ERR;
				break;
			}
			struct chain_row r = {.table = t == 0 ? CHAIN_AUDIT : CHAIN_LOGIN};
			int64_t id = db_col_int(st, 0);
			after = id;
			r.zone_id = db_col_int(st, 1);
			r.at = db_col_int(st, 2);
			r.user_id = db_col_int(st, 3);
			char *texts[6] = {0};
			int ntext = t == 0 ? 6 : 4;
			for (int i = 0; i < ntext; i++) {
				const char *s = db_col_text(st, 4 + i);
				texts[i] = s ? strdup(s) : NULL;
				r.text[i] = texts[i];
			}
			if (t == 1)
				r.success = db_col_int(st, 8);
			db_reset(st);
			/* chained in memory and the head written once at the end: on PostgreSQL,
			 * updating one row hundreds of thousands of times in a transaction costs
			 * quadratic time */
			char mac[65];
			uint8_t out[32];
			r.seq = ++seq;
			row_mac(prev, &r, out);
			memcpy(prev, out, sizeof prev);
			sodium_bin2hex(mac, sizeof mac, out, sizeof out);
			rc = db_do(c, upd[t], DB_I(r.seq), DB_T(mac), DB_I(id));
			for (int i = 0; i < 6; i++)
				free(texts[i]);
			if (rc < 0)
				return rc;
			(*n)++;
		}
	}
	if (!*n)
		return DB_OK;
	char head_mac[65];
	sodium_bin2hex(head_mac, sizeof head_mac, prev, sizeof prev);
	return db_do(c, SQL_HEAD_SET, DB_I(seq), DB_T(head_mac));
}

int audit_chain_init(struct db *c, char *err, size_t errlen)
{
	if (!chain_key_set) {
		snprintf(err, errlen, "no audit key");
		return -1;
	}
	struct head h;
	int rc = read_head(c, &h);
	if (rc < 0) {
		snprintf(err, errlen, "cannot read the audit chain head: %s", db_errmsg(c));
		return -1;
	}
	char check[65];
	key_check(check);
	if (h.key_check[0] && strcmp(h.key_check, check) != 0) {
		snprintf(err, errlen,
		         "the audit key does not match this database (it was chained with another "
		         "key): restore the key file or YUANQU_AUDIT_KEY");
		return -1;
	}
	int64_t unchained = 0;
	if ((rc = db_query_int(c, SQL_UNCHAINED, &unchained, 0)) < 0) {
		snprintf(err, errlen, "cannot read the audit log: %s", db_errmsg(c));
		return -1;
	}
	if (h.key_check[0] && (unchained == 0 || h.seq > 0))
		return 0;
	if (db_begin(c, 1) != DB_OK) {
		snprintf(err, errlen, "cannot start a transaction: %s", db_errmsg(c));
		return -1;
	}
	rc = db_do(c, SQL_HEAD_SET_CHECK, DB_T(check));
	int64_t adopted = 0;
	/* rows older than the chain are adopted only while the chain is empty: afterwards a row
	 * without a position was written outside the program and verification reports it */
	if (rc == DB_OK && h.seq == 0 && unchained > 0)
		rc = adopt_legacy(c, &adopted);
	if (rc < 0 || db_commit(c) != DB_OK) {
		snprintf(err, errlen, "cannot initialise the audit chain: %s", db_errmsg(c));
		db_rollback(c);
		return -1;
	}
	if (adopted)
		log_info("audit: chained %lld rows written before the chain existed",
		         (long long)adopted);
	return 0;
}

/* One chained row as read back by the verifier or the purge, its strings owned (malloc). */
struct read_row {
	struct chain_row r;
	int64_t id;
	char *mac;
	char *texts[6];
};

/* Reads one table in chain order, a batch at a time, so neither engine holds the whole log in
 * memory (libpq fetches a whole result). */
struct table_cursor {
	enum chain_table table;
	int64_t after; /* the last position fetched */
	struct read_row *rows;
	int n, i, batch;
	int done;
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void free_rows(struct table_cursor *t)
{
	for (int k = 0; k < t->n; k++) {
		free(t->rows[k].mac);
		for (int x = 0; x < 6; x++)
			free(t->rows[k].texts[x]);
	}
	t->n = t->i = 0;
}

static void cursor_release(struct table_cursor *t)
{
	free_rows(t);
	free(t->rows);
	t->rows = NULL;
}

static int cursor_init(struct table_cursor *t, enum chain_table table, int64_t after, int batch)
{
	memset(t, 0, sizeof *t);
	t->table = table;
	t->after = after;
	t->batch = batch;
	t->rows = calloc((size_t)batch, sizeof *t->rows);
	return t->rows ? DB_OK : DB_ERR;
}

/* The next row of the table without consuming it (NULL at the end), fetching a batch when the
 * current one is used up. *rc gets a negative enum db_rc on failure. */
static struct read_row *cursor_peek(struct db *c, struct table_cursor *t, int *rc)
{
	*rc = DB_OK;
	if (t->i < t->n)
		return &t->rows[t->i];
	if (t->done)
		return NULL;
	free_rows(t);
	struct db_stmt *st =
	    db_prepare(c, t->table == CHAIN_AUDIT ? SQL_AUDIT_ROWS : SQL_LOGIN_ROWS);
	if (!st) {
		*rc = DB_ERR;
		return NULL;
	}
	db_bind_args(st, DB_ARGS(DB_I(t->after), DB_I(t->batch)));
	int r, oom = 0;
	while ((r = db_step(st)) == DB_ROW && t->n < t->batch) {
		struct read_row *x = &t->rows[t->n++];
		memset(x, 0, sizeof *x);
		x->r.table = t->table;
		x->r.seq = db_col_int(st, 0);
		x->id = db_col_int(st, 1);
		x->r.zone_id = db_col_int(st, 2);
		x->r.at = db_col_int(st, 3);
		x->r.user_id = db_col_int(st, 4);
		for (int k = 0; k < 6; k++) {
			const char *v = db_col_text(st, 5 + k);
			x->texts[k] = dup_or_null(v);
			oom |= v && !x->texts[k];
			x->r.text[k] = x->texts[k];
		}
		x->r.success = db_col_int(st, 11);
		const char *m = db_col_text(st, 12);
		x->mac = dup_or_null(m);
		oom |= m && !x->mac;
		t->after = x->r.seq;
	}
	db_reset(st);
	if (r < 0 || oom) {
		*rc = r < 0 ? r : DB_ERR;
		return NULL;
	}
	if (t->n < t->batch)
		t->done = 1;
	return t->n ? &t->rows[0] : NULL;
}

/* Both tables merged by position: the next row in chain order (consumed), or NULL at the end
 * (or on failure, *rc < 0). The row stays valid until the next call. */
struct chain_cursor {
	struct table_cursor t[2];
};

static struct read_row *chain_next(struct db *c, struct chain_cursor *cc, int *rc)
{
	struct read_row *a = cursor_peek(c, &cc->t[0], rc);
	if (*rc < 0)
		return NULL;
	struct read_row *b = cursor_peek(c, &cc->t[1], rc);
	if (*rc < 0)
		return NULL;
	if (!a && !b)
		return NULL;
	int pick = !a ? 1 : !b ? 0 : (b->r.seq < a->r.seq);
	return &cc->t[pick].rows[cc->t[pick].i++];
}

static int chain_open(struct chain_cursor *cc, int64_t after, int batch)
{
	if (cursor_init(&cc->t[0], CHAIN_AUDIT, after, batch) < 0)
		return DB_ERR;
	if (cursor_init(&cc->t[1], CHAIN_LOGIN, after, batch) < 0) {
		cursor_release(&cc->t[0]);
		return DB_ERR;
	}
	return DB_OK;
}

static void chain_close(struct chain_cursor *cc)
{
	cursor_release(&cc->t[0]);
	cursor_release(&cc->t[1]);
}

static void fail(struct audit_verify *v, int64_t seq, const char *why)
{
	if (!v->ok)
		return;
	v->ok = 0;
	v->broken_seq = seq;
	snprintf(v->why, sizeof v->why, "%s", why);
}

int audit_chain_verify(struct db *c, struct audit_verify *v)
{
	memset(v, 0, sizeof *v);
	v->ok = 1;
	if (!chain_key_set) {
		fail(v, 0, "no audit key");
		return DB_OK;
	}
	struct head h;
	int rc = read_head(c, &h);
	if (rc < 0)
		return rc;
	v->head_seq = h.seq;
	v->anchor_seq = h.anchor_seq;
	v->first_seq = h.anchor_seq + 1;
	snprintf(v->head_mac, sizeof v->head_mac, "%s", h.mac);
	char check[65];
	key_check(check);
	if (h.key_check[0] && strcmp(h.key_check, check) != 0) {
		fail(v, 0, "the audit key does not match this database");
		return DB_OK;
	}
	uint8_t prev[32];
	if (h.anchor_seq > 0) {
		char tag[65];
		anchor_tag(h.anchor_seq, h.anchor_mac, h.anchor_at, tag);
		if (!str_eq_ct(tag, h.anchor_tag) || unhex_mac(h.anchor_mac, prev) < 0) {
			fail(v, h.anchor_seq, "purge anchor changed");
			return DB_OK;
		}
		if (h.anchor_at > now_unix() - (int64_t)AUDIT_RETENTION_MIN_DAYS * 86400) {
			fail(v, h.anchor_seq,
			     "rows purged before the minimum retention of 180 days");
			return DB_OK;
		}
	} else {
		memset(prev, 0, sizeof prev);
	}
	int64_t unchained;
	if ((rc = db_query_int(c, SQL_UNCHAINED, &unchained, 0)) < 0)
		return rc;
	struct chain_cursor cc;
	if ((rc = chain_open(&cc, h.anchor_seq, audit_test_batch ? audit_test_batch : 2000)) < 0)
		return rc;
	int64_t expect = h.anchor_seq + 1;
	int64_t last_id[2] = {0, 0};
	int pending = 0; /* a MAC mismatch seen: one more row tells "changed" from "reordered" */
	int64_t pending_id = 0;
	enum chain_table pending_table = CHAIN_AUDIT;
	struct read_row *x;
	while ((x = chain_next(c, &cc, &rc))) {
		if (pending) {
			if (x->r.table == pending_table && x->id < pending_id)
				snprintf(v->why, sizeof v->why, "reordered");
			break;
		}
		if (x->r.seq < expect) {
			fail(v, x->r.seq, "reordered (position used twice)");
			break;
		}
		if (x->r.seq > expect) {
			fail(v, expect, "row missing");
			break;
		}
		if (x->id <= last_id[x->r.table]) {
			fail(v, x->r.seq, "reordered");
			break;
		}
		uint8_t want[32], got[32];
		row_mac(prev, &x->r, want);
		if (!x->mac || !*x->mac || unhex_mac(x->mac, got) < 0 ||
		    sodium_memcmp(want, got, 32) != 0) {
			fail(v, x->r.seq, "row changed");
			pending = 1;
			pending_id = x->id;
			pending_table = x->r.table;
			continue;
		}
		memcpy(prev, got, 32);
		last_id[x->r.table] = x->id;
		v->rows++;
		expect++;
	}
	chain_close(&cc);
	if (rc < 0)
		return rc;
	if (v->ok && expect - 1 < h.seq)
		fail(v, expect, "row missing");
	if (v->ok && expect - 1 > h.seq)
		fail(v, h.seq + 1, "rows beyond the chain head");
	if (v->ok && h.seq > h.anchor_seq) {
		char hex[65];
		sodium_bin2hex(hex, sizeof hex, prev, 32);
		if (strcmp(hex, h.mac) != 0)
			fail(v, h.seq, "chain head changed");
	}
	if (v->ok && unchained > 0) {
		char why[160];
		snprintf(why, sizeof why,
		         "%lld rows without a chain position (written outside "
		         "the program)",
		         (long long)unchained);
		fail(v, 0, why);
	}
	return DB_OK;
}

/* One purge step in its own transaction: up to `batch` positions older than cutoff. */
static int purge_step(struct db_pool *pool, int64_t cutoff, int batch, int64_t *n)
{
	*n = 0;
	int rc;
	struct db *tx = db_tx_begin(pool, &rc);
	if (!tx)
		return rc;
	struct db_stmt *st = db_prepare(tx, SQL_HEAD_LOCK);
	if (!st || (rc = db_run(st)) < 0)
		goto out_rollback;
	struct head h;
	if ((rc = read_head(tx, &h)) < 0)
		goto out_rollback;
	struct chain_cursor cc;
	int fetch = audit_test_batch ? audit_test_batch : 500;
	if ((rc = chain_open(&cc, h.anchor_seq, batch < fetch ? batch : fetch)) < 0)
		goto out_rollback;
	int64_t last = 0, last_at = 0;
	char last_mac[65] = "";
	uint8_t prev[32], want[32], got[32];
	if (unhex_mac(h.anchor_mac, prev) < 0) {
		chain_close(&cc);
		rc = DB_ERR;
		goto out_rollback;
	}
	/* the purged prefix stops at the first row young enough to keep, and before any row that
	 * does not verify: a purge never hides a broken link */
	struct read_row *x;
	for (int k = 0; k < batch && (x = chain_next(tx, &cc, &rc)); k++) {
		if (x->r.at >= cutoff)
			break;
		row_mac(prev, &x->r, want);
		if (x->r.seq != (last ? last : h.anchor_seq) + 1 || !x->mac || !*x->mac ||
		    unhex_mac(x->mac, got) < 0 || sodium_memcmp(want, got, 32) != 0) {
			log_error(
			    "audit: chain broken at seq %lld: the retention purge stops before "
			    "it (run yuanqu audit verify)",
			    (long long)x->r.seq);
			break;
		}
		memcpy(prev, got, 32);
		last = x->r.seq;
		last_at = x->r.at;
		snprintf(last_mac, sizeof last_mac, "%s", x->mac);
	}
	chain_close(&cc);
	if (rc < 0)
		goto out_rollback;
	if (!last) {
		db_tx_end(pool, tx, 0);
		return DB_OK;
	}
	static const char *const del[2] = {SQL_PURGE_AUDIT, SQL_PURGE_LOGIN};
	for (int t = 0; t < 2; t++)
		if ((rc = db_do(tx, del[t], DB_I(last))) < 0)
			goto out_rollback;
	char tag[65];
	anchor_tag(last, last_mac, last_at, tag);
	if ((rc = db_do(tx, SQL_HEAD_SET_ANCHOR, DB_I(last), DB_T(last_mac), DB_I(last_at),
	                DB_T(tag))) < 0)
		goto out_rollback;
	if ((rc = db_tx_end(pool, tx, 1)) < 0)
		return rc;
	*n = last - h.anchor_seq;
	return DB_OK;
out_rollback:
	db_tx_end(pool, tx, 0);
	return rc < 0 ? rc : DB_ERR;
}

/* 1 when the oldest chained row of either table is older than cutoff: a read, so the usual
 * maintenance pass takes no write lock. */
static int anything_to_purge(struct db_pool *pool, int64_t cutoff, int *rc)
{
	static const char *const sql[2] = {SQL_OLDEST_AUDIT, SQL_OLDEST_LOGIN};
	struct db *c = db_pool_reader(pool);
	*rc = c ? DB_OK : DB_UNAVAILABLE;
	for (int t = 0; c && t < 2; t++) {
		int64_t at = 0;
		struct db_stmt *st = db_prepare(c, sql[t]);
		if (!st) {
			*rc = DB_ERR;
			return 0;
		}
		int r = db_step(st);
		if (r == DB_ROW)
			at = db_col_int(st, 0);
		db_reset(st);
		if (r < 0) {
			*rc = r;
			return 0;
		}
		if (r == DB_ROW && at < cutoff)
			return 1;
	}
	return 0;
}

int audit_purge(struct db_pool *pool, int64_t cutoff, int batch, int64_t *purged)
{
	*purged = 0;
	if (!chain_key_set)
		return DB_ERR;
	int rc;
	if (!anything_to_purge(pool, cutoff, &rc))
		return rc;
	for (;;) {
		int64_t n;
		rc = purge_step(pool, cutoff, batch, &n);
		if (rc < 0)
			return rc;
		*purged += n;
		if (n < batch)
			return DB_OK;
	}
}

void audit_maintain(struct db_pool *pool)
{
	int64_t days = audit_retention_days;
	if (days < AUDIT_RETENTION_MIN_DAYS)
		days = AUDIT_RETENTION_MIN_DAYS;
	int64_t purged;
	int rc = audit_purge(pool, now_unix() - days * 86400, 5000, &purged);
	if (rc < 0)
		log_warn("audit: retention purge failed (%d)", rc);
	else if (purged)
		log_info("audit: purged %lld audit and login-log rows older than %lld days",
		         (long long)purged, (long long)days);
}
