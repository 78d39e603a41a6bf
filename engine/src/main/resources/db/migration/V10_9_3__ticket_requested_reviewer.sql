-- The reviewer a submitter asked for (Archery's and Yearning's users choose among the allowed approvers): the
-- reviewer approval is assigned to them when the policy lets them take it, else it stays offered to the group.
-- NULL when the submitter asked for nobody.
ALTER TABLE sql_ticket ADD COLUMN requested_reviewer VARCHAR(100) NULL;
