-- A step of a ticket's or a tree change's process that ran out of retries (a Camunda incident, ADR 0052): which step
-- and why, shown on the ticket or change until someone retries it; NULL while nothing is stuck.
ALTER TABLE sql_ticket ADD COLUMN stuck_step VARCHAR(255) NULL;
ALTER TABLE sql_ticket ADD COLUMN stuck_reason VARCHAR(4000) NULL;
ALTER TABLE service_tree_change ADD COLUMN stuck_step VARCHAR(255) NULL;
ALTER TABLE service_tree_change ADD COLUMN stuck_reason VARCHAR(4000) NULL;
