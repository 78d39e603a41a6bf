-- Every admin who ever set a local account's password (created it, or reset it): they held its credentials, so for
-- four eyes the account is in their hands (ADR 0068). A helper, as admin, created a reviewer account, chose its
-- password and approved their own ticket with it; another laundered such an account by having it reset its own
-- password, which a single "set by" column forgot. Rows are only ever added. Accounts from before learn their keepers
-- from the audit trail.
CREATE TABLE account_credential_keeper (
    username  VARCHAR(100)  NOT NULL,
    keeper    VARCHAR(100)  NOT NULL,
    CONSTRAINT pk_account_credential_keeper PRIMARY KEY (username, keeper)
);
INSERT INTO account_credential_keeper (username, keeper)
    SELECT DISTINCT e.subject_id, e.actor FROM audit_entry e
    WHERE e.subject_type = 'account' AND e.subject_id IS NOT NULL
      AND e.kind IN ('account.created', 'account.password-reset');
