-- The gate (issue 12): Tollgate's own record of every approval decision, which the execution and the tree apply
-- check before anything runs, and what each ticket's review decided (the SQL's hash, the approvals it needs).
-- Process variables are routing hints only; these rows are the evidence. Appended, never updated.
CREATE TABLE approval_decision (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    subject_kind    VARCHAR(30)   NOT NULL,
    subject_id      VARCHAR(64)   NOT NULL,
    subject_round   INT           NOT NULL,
    step            VARCHAR(30)   NOT NULL,
    decider         VARCHAR(100)  NOT NULL,
    decider_groups  VARCHAR(500)  NOT NULL,
    approved        BOOLEAN       NOT NULL,
    content_hash    VARCHAR(64)   NOT NULL,
    comment_text    VARCHAR(4000) NULL,
    decided_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_approval_decision PRIMARY KEY (id)
);
CREATE INDEX ix_approval_decision_subject ON approval_decision (subject_kind, subject_id, subject_round);

-- Each review of a ticket is a round; approvals count only for the round and the SQL (hash) that was reviewed.
ALTER TABLE sql_ticket ADD COLUMN review_round INT NOT NULL DEFAULT 0;
ALTER TABLE sql_ticket ADD COLUMN reviewed_sql_hash VARCHAR(64) NULL;
ALTER TABLE sql_ticket ADD COLUMN reviewer_group VARCHAR(100) NULL;
ALTER TABLE sql_ticket ADD COLUMN dba_approval_required BOOLEAN NULL;

-- A service-tree change's validated plan lives here, not in a process variable: the approvers see it, its hash is
-- recorded with each approval, and the apply step runs exactly it. Each validation is a round.
ALTER TABLE service_tree_change ADD COLUMN plan_json MEDIUMTEXT NULL;
ALTER TABLE service_tree_change ADD COLUMN plan_hash VARCHAR(64) NULL;
ALTER TABLE service_tree_change ADD COLUMN validation_round INT NOT NULL DEFAULT 0;
