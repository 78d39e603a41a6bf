-- A discussion thread per ticket (issue 15, ADR 0025): one row per comment, appended and never updated or deleted
-- (a comment is an audit record; its trail entry is written in the same transaction). subject_type 'ticket' with the
-- ticket's id; the pair leaves room for other subjects (service-tree changes) without a new table.
-- Portable DDL: runs on H2 2.x (MySQL mode) and MySQL 8 / MariaDB 10.6+.
CREATE TABLE discussion_comment (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    subject_type  VARCHAR(30)   NOT NULL,
    subject_id    VARCHAR(200)  NOT NULL,
    author        VARCHAR(100)  NOT NULL,
    body          MEDIUMTEXT    NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_discussion_comment PRIMARY KEY (id)
);

-- what a ticket's page and GET /api/v1/tickets/{id}/comments read: one subject's comments in order
CREATE INDEX ix_discussion_comment_subject ON discussion_comment (subject_type, subject_id, id);
