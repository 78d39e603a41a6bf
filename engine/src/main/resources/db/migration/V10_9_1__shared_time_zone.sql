-- issue 16: the time zone every node sharing this database runs in (ADR 0035). Times reach the database through JDBC
-- by the JVM's zone, so a node in another zone would read job locks, mail leases and the sign-in throttle hours off.
-- The first node to start records its zone here (one row); every later start compares and a node in another zone is
-- refused. The time is text (ISO-8601, UTC), so that this row reads the same whatever the reader's zone.
CREATE TABLE shared_time_zone (
    id           INT           NOT NULL,
    zone_id      VARCHAR(64)   NOT NULL,
    recorded_by  VARCHAR(255)  NOT NULL,
    recorded_at  VARCHAR(40)   NOT NULL,
    CONSTRAINT pk_shared_time_zone PRIMARY KEY (id)
);
