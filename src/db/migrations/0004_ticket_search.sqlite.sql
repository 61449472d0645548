-- 0004 (SQLite): full-text index of requests with the cjk tokenizer (src/db/fts_sqlite.c).
-- rowid = ticket.id; body holds the description, the answer and the public replies; zone holds
-- the word "z<zone id>", so a query is answered from the zone's documents only.
CREATE VIRTUAL TABLE ticket_fts USING fts5(title, body, zone, tokenize = 'cjk', detail = full);
