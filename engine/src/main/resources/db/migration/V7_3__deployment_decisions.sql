-- Every new BPMN/DMN deployment the model guard judged (issue 12): who deployed, when, what it held, which process
-- and decision versions it created, accepted or refused and why. A refused deployment's own transaction is rolled
-- back, so its row is written in a transaction of its own. Appended, never updated; Camunda's history TTL does
-- not touch it.
CREATE TABLE deployment_decision (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    decided_at       TIMESTAMP(6)  NOT NULL,
    deployed_by      VARCHAR(200)  NULL,
    deployment_id    VARCHAR(64)   NULL,
    deployment_name  VARCHAR(500)  NULL,
    deployment_source VARCHAR(500) NULL,
    resources        MEDIUMTEXT    NOT NULL,
    definitions      MEDIUMTEXT    NOT NULL,
    accepted         BOOLEAN       NOT NULL,
    reasons          MEDIUMTEXT    NULL,
    CONSTRAINT pk_deployment_decision PRIMARY KEY (id)
);
CREATE INDEX ix_deployment_decision_decided ON deployment_decision (decided_at);
