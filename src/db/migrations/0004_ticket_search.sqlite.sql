-- 0004 (SQLite): full-text index of requests with the cjk tokenizer (src/db/fts_sqlite.c).
-- rowid = ticket.id; body holds the description, the answer and the public replies.
CREATE VIRTUAL TABLE ticket_fts USING fts5(title, body, tokenize = 'cjk', detail = full);
