-- 0004 (PostgreSQL): the same tokens as SQLite's cjk tokenizer, as a text array under a GIN
-- index; a query matches when the array contains every query token. The array also holds
-- "#z<zone id>", which no text can produce, so a query is answered from the zone's rows only.
CREATE TABLE ticket_search (
	ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id),
	tokens TEXT[] NOT NULL
);
CREATE INDEX ticket_search_tokens ON ticket_search USING GIN (tokens);
