-- 0015 (PostgreSQL): search tokens qualified by zone ("17:贷款" instead of "贷款" beside the
-- zone token "#z17"), so a query's tokens are looked up in its zone's posting lists only, not in
-- the province's. The tokens are those of 0004, rewritten in place.
UPDATE ticket_search s
SET tokens = ARRAY(SELECT t.zone_id || ':' || x FROM unnest(s.tokens) AS x WHERE x NOT LIKE '#z%')
FROM ticket t
WHERE t.id = s.ticket_id;
