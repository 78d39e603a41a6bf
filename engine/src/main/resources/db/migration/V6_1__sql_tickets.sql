-- SQL change tickets (issue 5): one row per ticket with its SQL and the status mirror of its sqlTicket process
-- (written by the step that changes it, in that step's transaction), and one row per audit-trail event. The process
-- stays the source of truth for where a ticket stands; these rows serve lists, search, detail pages and audits.
-- Portable DDL: runs on H2 2.x and MySQL 8 / MariaDB 10.6+. MEDIUMTEXT (16 MB on MySQL) is a large VARCHAR on H2.
CREATE TABLE sql_ticket (
    ticket_id            VARCHAR(64)   NOT NULL,
    title                VARCHAR(200)  NOT NULL,
    instance_name        VARCHAR(100)  NOT NULL,
    database_name        VARCHAR(64)   NOT NULL,
    sql_text             MEDIUMTEXT    NOT NULL,
    reason               VARCHAR(2000) NOT NULL,
    submitter            VARCHAR(100)  NOT NULL,
    execution_mode       VARCHAR(20)   NOT NULL,
    scheduled_at         TIMESTAMP(6)  NULL,
    status               VARCHAR(30)   NOT NULL,
    risk                 VARCHAR(20)   NULL,
    statement_count      INT           NOT NULL,
    findings_json        MEDIUMTEXT    NULL,
    execution_json       MEDIUMTEXT    NULL,
    rollback_json        MEDIUMTEXT    NULL,
    rollback_sql_json    MEDIUMTEXT    NULL,
    failure              VARCHAR(4000) NULL,
    progress             DOUBLE        NULL,
    abort_requested      BOOLEAN       NOT NULL,
    submitted_at         TIMESTAMP(6)  NOT NULL,
    updated_at           TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_sql_ticket PRIMARY KEY (ticket_id)
);
CREATE INDEX ix_sql_ticket_status ON sql_ticket (status);
CREATE INDEX ix_sql_ticket_submitter ON sql_ticket (submitter);
CREATE INDEX ix_sql_ticket_instance ON sql_ticket (instance_name);
CREATE INDEX ix_sql_ticket_submitted ON sql_ticket (submitted_at);

CREATE TABLE sql_ticket_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    ticket_id    VARCHAR(64)   NOT NULL,
    event_type   VARCHAR(30)   NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    detail       MEDIUMTEXT    NULL,
    occurred_at  TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_sql_ticket_event PRIMARY KEY (id),
    CONSTRAINT fk_sql_ticket_event_ticket FOREIGN KEY (ticket_id) REFERENCES sql_ticket (ticket_id)
);
CREATE INDEX ix_sql_ticket_event_ticket ON sql_ticket_event (ticket_id);
