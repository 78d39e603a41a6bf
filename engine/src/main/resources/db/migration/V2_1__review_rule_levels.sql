-- Levels of the SQL reviewer's rules per environment, as set by admins (rules without a row use their default),
-- and the audit trail of every change. Portable DDL for H2 2.x and MySQL/MariaDB; ids are assigned by the application.

CREATE TABLE review_rule_level (
    id          VARCHAR(120) NOT NULL,
    rule_id     VARCHAR(100) NOT NULL,
    environment VARCHAR(10)  NOT NULL,
    rule_level  VARCHAR(10)  NOT NULL,
    changed_by  VARCHAR(100) NOT NULL,
    changed_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_review_rule_level_rule_env UNIQUE (rule_id, environment)
);

CREATE TABLE review_rule_level_change (
    id          VARCHAR(36)  NOT NULL,
    rule_id     VARCHAR(100) NOT NULL,
    environment VARCHAR(10)  NOT NULL,
    old_level   VARCHAR(10)  NOT NULL,
    new_level   VARCHAR(10)  NOT NULL,
    changed_by  VARCHAR(100) NOT NULL,
    changed_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX idx_review_rule_level_change_rule ON review_rule_level_change (rule_id, changed_at);
