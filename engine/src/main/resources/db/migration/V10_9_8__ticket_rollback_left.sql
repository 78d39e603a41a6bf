-- How many conflicting changes a completed rollback left as they are, by a DBA's choice ("roll back the other rows
-- only", or Force on what nothing forces): ROLLED_BACK alone said the ticket was undone, the trail told the rest.
ALTER TABLE sql_ticket ADD COLUMN rollback_left BIGINT NOT NULL DEFAULT 0;
