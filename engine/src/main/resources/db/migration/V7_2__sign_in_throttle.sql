-- Failed sign-ins per account and source address (issue 12): repeated failures slow down that address for that
-- account with growing delays, instead of locking the account for everyone (which anyone could do to 'admin').
-- Shared by all nodes. An admin's unlock deletes an account's rows.
CREATE TABLE sign_in_failure (
    throttle_key     VARCHAR(400)  NOT NULL,
    username         VARCHAR(200)  NOT NULL,
    source_address   VARCHAR(100)  NOT NULL,
    failures         INT           NOT NULL,
    last_failure_at  TIMESTAMP(6)  NOT NULL,
    blocked_until    TIMESTAMP(6)  NULL,
    CONSTRAINT pk_sign_in_failure PRIMARY KEY (throttle_key)
);
CREATE INDEX ix_sign_in_failure_username ON sign_in_failure (username);
CREATE INDEX ix_sign_in_failure_last ON sign_in_failure (last_failure_at);
