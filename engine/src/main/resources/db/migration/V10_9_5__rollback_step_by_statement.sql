-- A rollback checks each inverse in the target's ledger against Tollgate's own copy of it before running it (ADR 0044):
-- it looks the copy up by statement number, a page at a time in rollback order.
CREATE INDEX ix_sql_ticket_rollback_step_statement ON sql_ticket_rollback_step (ticket_id, statement_no);
