-- The admin who last set a local account's password (created it, or reset it): they held its credentials, so for
-- four eyes that account is in their hands (ADR 0068). A helper, as admin, created a reviewer account, chose its
-- password and approved their own ticket with it. Accounts from before this column learn it from the audit trail.
ALTER TABLE account ADD COLUMN credentials_set_by VARCHAR(100) NULL;
UPDATE account SET credentials_set_by = (SELECT e.actor FROM audit_entry e WHERE e.subject_type = 'account'
    AND e.subject_id = account.username AND e.kind IN ('account.created', 'account.password-reset')
    ORDER BY e.id DESC LIMIT 1);
