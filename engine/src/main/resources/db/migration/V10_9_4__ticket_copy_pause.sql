-- A DBA may pause a running online schema change between chunks (pt-online-schema-change's pause file) and resume
-- it. pause_requested is the DBA's wish, which the node running the execution polls with the abort flag;
-- copy_paused says the tool has said it waits.
ALTER TABLE sql_ticket ADD COLUMN pause_requested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sql_ticket ADD COLUMN copy_paused BOOLEAN NOT NULL DEFAULT FALSE;
