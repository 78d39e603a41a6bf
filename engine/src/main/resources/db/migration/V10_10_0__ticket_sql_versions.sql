-- The SQL a resubmission replaced, each version kept with its hash, who replaced it and when (a helper, as auditor:
-- once a ticket was resubmitted, what it was first submitted with, and failed review with, was gone; the trail held
-- only its hash). The current SQL stays in sql_ticket, the last version of the list.
CREATE TABLE sql_ticket_sql_version (
    ticket_id        VARCHAR(64)   NOT NULL,
    version          INT           NOT NULL,
    sql_text         MEDIUMTEXT    NOT NULL,
    sql_hash         VARCHAR(64)   NOT NULL,
    statement_count  INT           NOT NULL,
    replaced_by      VARCHAR(100)  NOT NULL,
    replaced_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_sql_ticket_sql_version PRIMARY KEY (ticket_id, version),
    CONSTRAINT fk_sql_ticket_sql_version_ticket FOREIGN KEY (ticket_id) REFERENCES sql_ticket (ticket_id)
);
