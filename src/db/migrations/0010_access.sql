-- 0010: API tokens scoped like a user of their role, and indexes for the served-enterprise part
-- of the data scope (src/access/scope.h).

-- A token no longer acts with its creator's data scope: it carries its own, with the department
-- or enterprise it is bound to, as a user of its role would (src/auth/token_store.c).
ALTER TABLE api_token ADD COLUMN data_scope TEXT NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN dept_id BIGINT REFERENCES dept(id);
ALTER TABLE api_token ADD COLUMN enterprise_id BIGINT REFERENCES enterprise(id);
-- Tokens made before acted with their creator's scope, and only administrators (zone scope)
-- make tokens: they keep the zone, except enterprise tokens, which see nothing until made again
-- for their enterprise.
UPDATE api_token SET data_scope = CASE WHEN role = 'enterprise' THEN 'enterprise' ELSE 'zone' END;

-- the enterprises a cadre serves: as 包保 leader (index of 0002), as liaison, or through the
-- department responsible for them
CREATE INDEX enterprise_liaison ON enterprise(liaison_user_id);
CREATE INDEX enterprise_dept ON enterprise(dept_id);
