-- One append-only audit trail for auditors (issue 14). An entry is written in the same transaction as the change it
-- records, unsealed; the sealer then chains it: seq (its place in the chain), prev_hash and entry_hash =
-- SHA-256(prev_hash + canonical content). Editing or deleting a sealed entry breaks the chain at that entry, which
-- the verification names. Tollgate never updates or deletes a sealed entry; Camunda's history TTL does not touch it.
CREATE TABLE audit_entry (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at_micros  BIGINT        NOT NULL,
    actor               VARCHAR(200)  NOT NULL,
    actor_roles         VARCHAR(500)  NOT NULL,
    source_address      VARCHAR(100)  NULL,
    kind                VARCHAR(60)   NOT NULL,
    subject_type        VARCHAR(30)   NOT NULL,
    subject_id          VARCHAR(200)  NULL,
    summary             VARCHAR(2000) NOT NULL,
    payload             MEDIUMTEXT    NULL,
    seq                 BIGINT        NULL,
    prev_hash           VARCHAR(64)   NULL,
    entry_hash          VARCHAR(64)   NULL,
    CONSTRAINT pk_audit_entry PRIMARY KEY (id),
    CONSTRAINT uq_audit_entry_seq UNIQUE (seq)
);
CREATE INDEX ix_audit_entry_unsealed ON audit_entry (entry_hash, id);
CREATE INDEX ix_audit_entry_subject ON audit_entry (subject_type, subject_id);

-- The chain's head: the last sealed entry's place and hash. Its row lock makes one sealer at a time, on any node.
CREATE TABLE audit_chain_head (
    id         INT          NOT NULL,
    last_seq   BIGINT       NOT NULL,
    last_hash  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_audit_chain_head PRIMARY KEY (id)
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
