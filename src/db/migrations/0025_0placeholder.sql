-- 0025: a placeholder on the finance branch only, so that it migrates alone up to 0028; the
-- migration of this number on main replaces it (drop this file when merging).
SELECT 1;
