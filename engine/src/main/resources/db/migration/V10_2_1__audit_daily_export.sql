-- The daily export of the audit trail (issue 14): one row per exported day. A node claims a day by inserting its row
-- (the primary key lets one node in); the claim is finished (file name, entries, the file's SHA-256) in the same
-- transaction as the trail entry that records the export. A claim left unfinished (its node crashed mid-write) is
-- taken over after a lease, by a compare-and-set on claimed_at_micros.
CREATE TABLE audit_daily_export (
    export_day          DATE          NOT NULL,
    claimed_by          VARCHAR(100)  NOT NULL,
    claim_token         VARCHAR(36)   NOT NULL,
    claimed_at_micros   BIGINT        NOT NULL,
    finished_at_micros  BIGINT        NULL,
    file_name           VARCHAR(200)  NULL,
    entries             BIGINT        NULL,
    file_sha256         VARCHAR(64)   NULL,
    CONSTRAINT pk_audit_daily_export PRIMARY KEY (export_day)
);
