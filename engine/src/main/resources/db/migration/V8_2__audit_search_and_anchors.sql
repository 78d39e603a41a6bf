-- The History page and the export filter the whole trail (issue 14): by time, actor, kind, subject, and by the
-- instance, database and environment an entry is about and its outcome. Those four are filled when the entry is
-- written (from the ticket or instance it is about) and, when present, are part of the entry's hashed content.
-- Every filter the page offers has an index that ends in the id, so "newest first, one page" walks one index
-- backwards and stops after the page, however many entries there are. Nothing here is ever deleted (no retention).
ALTER TABLE audit_entry ADD COLUMN instance_name VARCHAR(100) NULL;
ALTER TABLE audit_entry ADD COLUMN database_name VARCHAR(64) NULL;
ALTER TABLE audit_entry ADD COLUMN environment VARCHAR(10) NULL;
ALTER TABLE audit_entry ADD COLUMN outcome VARCHAR(10) NULL;
CREATE INDEX ix_audit_entry_time ON audit_entry (occurred_at_micros, id);
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor, id);
CREATE INDEX ix_audit_entry_kind ON audit_entry (kind, id);
CREATE INDEX ix_audit_entry_subject_id ON audit_entry (subject_id, id);
CREATE INDEX ix_audit_entry_instance ON audit_entry (instance_name, database_name, id);
CREATE INDEX ix_audit_entry_environment ON audit_entry (environment, id);
CREATE INDEX ix_audit_entry_outcome ON audit_entry (outcome, id);

-- Daily anchors: the chain's head (place and hash of the last entry written before midnight UTC) at the end of each
-- day. They go out with every export that covers the day; kept elsewhere, they reveal a chain cut short or rewritten.
CREATE TABLE audit_anchor (
    anchor_day          DATE         NOT NULL,
    seq                 BIGINT       NOT NULL,
    entry_hash          VARCHAR(64)  NOT NULL,
    anchored_at_micros  BIGINT       NOT NULL,
    CONSTRAINT pk_audit_anchor PRIMARY KEY (anchor_day)
);
