-- issue 17: which reviewer checks an instance's tickets (BUILT_IN, GOINCEPTION or BOTH); existing instances keep Tollgate's own
ALTER TABLE target_instance ADD COLUMN review_backend VARCHAR(12) DEFAULT 'BUILT_IN' NOT NULL;
