-- The mail outbox: a mail is a row written in the transaction of the step that causes it, and a dispatcher sends it
-- later, so a slow or dead SMTP server never blocks or fails a process step. See docs/adr/0004-mail-outbox.md.
-- Portable DDL: runs on H2 2.x and MySQL 8 / MariaDB 10.6+ (ids are UUID strings assigned by Tollgate).
CREATE TABLE mail_outbox (
    id               VARCHAR(36)   NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    recipient        VARCHAR(100)  NOT NULL,
    recipients       VARCHAR(1000) NOT NULL,
    language         VARCHAR(10)   NOT NULL,
    subject          VARCHAR(500)  NOT NULL,
    text_body        LONGTEXT      NOT NULL,
    html_body        LONGTEXT      NOT NULL,
    link             VARCHAR(1000),
    status           VARCHAR(10)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP(6)  NOT NULL,
    lease_until      TIMESTAMP(6)  NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP(6)  NOT NULL,
    sent_at          TIMESTAMP(6)  NULL,
    version          BIGINT        NOT NULL,
    CONSTRAINT pk_mail_outbox PRIMARY KEY (id)
);

-- what the dispatcher asks on every tick: which mails are due
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
-- what the admin view lists: newest first
CREATE INDEX ix_mail_outbox_created ON mail_outbox (created_at);

-- Admins switch each kind of mail on or off. No row: the kind is on.
CREATE TABLE mail_kind_setting (
    kind     VARCHAR(40) NOT NULL,
    enabled  BOOLEAN     NOT NULL,
    CONSTRAINT pk_mail_kind_setting PRIMARY KEY (kind)
);
