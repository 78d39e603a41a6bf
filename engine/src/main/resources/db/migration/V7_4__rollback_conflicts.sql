-- Rollback conflict detection (issue 13): a rollback that finds rows changed since the ticket executed changes
-- nothing and lists them (the first 1000, with the total) for the DBA, who may roll back the rows without conflict
-- only, force it (with a comment), or close. The DBA's choice is kept here until the next rollback run uses it once.
ALTER TABLE sql_ticket ADD COLUMN rollback_conflicts_json MEDIUMTEXT NULL;
ALTER TABLE sql_ticket ADD COLUMN rollback_conflict_count INT NOT NULL DEFAULT 0;
ALTER TABLE sql_ticket ADD COLUMN rollback_conflict_policy VARCHAR(30) NULL;
