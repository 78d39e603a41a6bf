-- Webhook deliveries: a signed JSON POST per event and endpoint, written in the caller's transaction and sent by a
-- dispatcher with retries, exactly like the mail outbox (V4_1, ADR 0004). Portable DDL (H2 2.x, MySQL 8 / MariaDB).
CREATE TABLE webhook_delivery (
    id               VARCHAR(36)   NOT NULL,
    endpoint         VARCHAR(100)  NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    payload          LONGTEXT      NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP(6)  NOT NULL,
    lease_until      TIMESTAMP(6)  NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP(6)  NOT NULL,
    sent_at          TIMESTAMP(6)  NULL,
    version          BIGINT        NOT NULL,
    CONSTRAINT pk_webhook_delivery PRIMARY KEY (id)
);

CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
