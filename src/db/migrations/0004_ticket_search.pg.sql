-- 0004 (PostgreSQL): the same tokens as SQLite's cjk tokenizer, as a text array under a GIN
-- index; a query matches when the array contains every query token.
CREATE TABLE ticket_search (
	ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id),
	tokens TEXT[] NOT NULL
);
CREATE INDEX ticket_search_tokens ON ticket_search USING GIN (tokens);
