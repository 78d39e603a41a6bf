-- The audit trail of service-tree changes (issue 6): one row per change with its current status and snapshot, and
-- one row per lifecycle event (requested, approved by, applied, conflict, withdrawn, expired...). Written by the
-- process step that causes each event, in that step's transaction. The process itself stays the source of truth
-- for where a change stands; this is the mirror for lists, per-node history and audits.
-- Portable DDL: runs on H2 2.x and MySQL 8 / MariaDB 10.6+. MEDIUMTEXT (16 MB on MySQL) is a large VARCHAR on H2.
CREATE TABLE service_tree_change (
    change_id            VARCHAR(100)  NOT NULL,
    kind                 VARCHAR(30)   NOT NULL,
    node_id              BIGINT        NOT NULL,
    subject_node_id      BIGINT        NULL,
    node_path            VARCHAR(1000) NULL,
    requester            VARCHAR(100)  NOT NULL,
    reason               VARCHAR(2000) NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    critical             BOOLEAN       NOT NULL,
    process_instance_id  VARCHAR(64)   NULL,
    change_json          MEDIUMTEXT    NOT NULL,
    diff                 MEDIUMTEXT    NULL,
    before_json          MEDIUMTEXT    NULL,
    after_json           MEDIUMTEXT    NULL,
    versions_json        MEDIUMTEXT    NULL,
    requested_at         TIMESTAMP(6)  NOT NULL,
    updated_at           TIMESTAMP(6)  NOT NULL,
    applied_at           TIMESTAMP(6)  NULL,
    CONSTRAINT pk_service_tree_change PRIMARY KEY (change_id)
);
CREATE INDEX ix_service_tree_change_node ON service_tree_change (node_id);
CREATE INDEX ix_service_tree_change_subject ON service_tree_change (subject_node_id);
CREATE INDEX ix_service_tree_change_requester ON service_tree_change (requester);

CREATE TABLE service_tree_change_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    change_id    VARCHAR(100)  NOT NULL,
    event_type   VARCHAR(20)   NOT NULL,
    actor        VARCHAR(100)  NULL,
    remark       VARCHAR(2000) NULL,
    detail       MEDIUMTEXT    NULL,
    occurred_at  TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_service_tree_change_event PRIMARY KEY (id),
    CONSTRAINT fk_service_tree_change_event_change FOREIGN KEY (change_id) REFERENCES service_tree_change (change_id)
);
CREATE INDEX ix_service_tree_change_event_change ON service_tree_change_event (change_id);
