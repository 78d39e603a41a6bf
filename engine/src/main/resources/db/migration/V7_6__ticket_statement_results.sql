-- Bounded memory for any ticket (issue 13), continued: the last execution's and rollback's per-statement results
-- (run EXECUTION or ROLLBACK) and the recorded rollback SQL (one inverse per executed statement, in the order a
-- rollback runs them) are rows too, read a page at a time by position (seq, dense from 0); the ticket row keeps
-- their counts. Tickets executed before keep their JSON columns, which are read as before.
CREATE TABLE sql_ticket_result (
    ticket_id     VARCHAR(64)   NOT NULL,
    run           VARCHAR(10)   NOT NULL,
    seq           INT           NOT NULL,
    statement_no  INT           NOT NULL,
    kind          VARCHAR(60)   NULL,
    status        VARCHAR(30)   NOT NULL,
    affected_rows BIGINT        NOT NULL,
    message       VARCHAR(4000) NULL,
    CONSTRAINT pk_sql_ticket_result PRIMARY KEY (ticket_id, run, seq),
    CONSTRAINT fk_sql_ticket_result_ticket FOREIGN KEY (ticket_id) REFERENCES sql_ticket (ticket_id)
);
CREATE TABLE sql_ticket_rollback_step (
    ticket_id     VARCHAR(64)   NOT NULL,
    seq           INT           NOT NULL,
    statement_no  INT           NOT NULL,
    sql_text      MEDIUMTEXT    NULL,
    CONSTRAINT pk_sql_ticket_rollback_step PRIMARY KEY (ticket_id, seq),
    CONSTRAINT fk_sql_ticket_rollback_step_ticket FOREIGN KEY (ticket_id) REFERENCES sql_ticket (ticket_id)
);
ALTER TABLE sql_ticket ADD COLUMN execution_count INT NOT NULL DEFAULT 0;
ALTER TABLE sql_ticket ADD COLUMN rollback_count INT NOT NULL DEFAULT 0;
ALTER TABLE sql_ticket ADD COLUMN rollback_sql_count INT NOT NULL DEFAULT 0;
