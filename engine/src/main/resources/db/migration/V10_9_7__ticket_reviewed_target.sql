-- The instance a ticket's passed review was for: its name, where it pointed, its environment and registration
-- (ADR 0056). The gate runs and rolls back a ticket only on that instance. Tickets reviewed before this column
-- existed take the instance as it is registered now, which is where they would have run.
ALTER TABLE sql_ticket ADD COLUMN reviewed_target VARCHAR(700) NULL;
UPDATE sql_ticket SET reviewed_target = (SELECT CONCAT(i.name, ' at ', i.host, ':', i.port, ' (', i.environment,
    '), registration ', i.id) FROM target_instance i WHERE i.name = sql_ticket.instance_name)
    WHERE reviewed_sql_hash IS NOT NULL;
