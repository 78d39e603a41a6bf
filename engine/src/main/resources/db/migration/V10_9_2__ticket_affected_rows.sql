-- What a ticket's last review found its DML statements change, shown to the people who approve it (the approval
-- routing already read the sum from the review, but nobody saw it):
--  affected_rows: the rows the estimated statements change in all; NULL before a review, for a ticket without DML,
--    or when no DML statement could be estimated.
--  affected_rows_exact: every estimated statement was counted (COUNT(*), a VALUES list), none only estimated (EXPLAIN).
--  rows_not_estimated: DML statements the review could not estimate; NULL for a ticket without DML.
ALTER TABLE sql_ticket ADD COLUMN affected_rows BIGINT NULL;
ALTER TABLE sql_ticket ADD COLUMN affected_rows_exact BOOLEAN NULL;
ALTER TABLE sql_ticket ADD COLUMN rows_not_estimated INT NULL;
