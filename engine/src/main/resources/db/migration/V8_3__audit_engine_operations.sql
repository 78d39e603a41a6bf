-- Engine operations (Camunda's user operation log, ACT_HI_OP_LOG) copied into the audit trail (issue 14): one row per
-- operation copied, so each is copied once whichever node sees it first, and where the next look starts.
CREATE TABLE audit_engine_operation (
    operation_id         VARCHAR(64)  NOT NULL,
    op_time_millis       BIGINT       NOT NULL,
    CONSTRAINT pk_audit_engine_operation PRIMARY KEY (operation_id)
);
CREATE INDEX ix_audit_engine_operation_time ON audit_engine_operation (op_time_millis);
