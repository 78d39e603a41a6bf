-- Who approves a change (owners of the node and its ancestors, "user:x" / "group:y", comma-separated), kept so that
-- the notices of a change (rejected, conflicted, applied, reminders) reach the node's owners.
ALTER TABLE service_tree_change ADD COLUMN approvers VARCHAR(2000) NULL;
