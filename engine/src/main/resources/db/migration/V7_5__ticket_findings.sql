-- Bounded memory for any ticket (issue 13): a ticket's review findings are rows, one per finding in review order
-- (seq from 0), read a page at a time, never as one document; the ticket row keeps their count and the counts per
-- rule and level (a small JSON list: one entry per rule and level that found something). Tickets reviewed before
-- keep their findings in sql_ticket.findings_json, which is read as before.
CREATE TABLE sql_ticket_finding (
    ticket_id     VARCHAR(64)   NOT NULL,
    seq           INT           NOT NULL,
    statement_no  INT           NOT NULL,
    line_no       INT           NOT NULL,
    column_no     INT           NOT NULL,
    rule_id       VARCHAR(100)  NOT NULL,
    finding_level VARCHAR(10)   NOT NULL,
    message       VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_sql_ticket_finding PRIMARY KEY (ticket_id, seq),
    CONSTRAINT fk_sql_ticket_finding_ticket FOREIGN KEY (ticket_id) REFERENCES sql_ticket (ticket_id)
);
ALTER TABLE sql_ticket ADD COLUMN finding_count INT NOT NULL DEFAULT 0;
ALTER TABLE sql_ticket ADD COLUMN finding_summary_json MEDIUMTEXT NULL;
