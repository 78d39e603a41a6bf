-- What an admin does to accounts (issue 15):
--  must_change_password: set by an admin's reset (and for accounts an admin creates); until the person chooses their
--    own password, Tollgate refuses everything but the change-password page, sign-out and POST /api/v1/me/password.
--  credentials_changed_at: when an admin last reset the password, disabled the account or took a role away;
--    sessions signed in before it end on their next request.
--  disabled_by_admin: an admin's "disable", kept apart from `enabled` (which directory sync owns for LDAP accounts),
--    so that a directory sync or an LDAP sign-in never re-enables someone an admin disabled.
--  directory_groups: the directory groups of an LDAP account as of its last sync (one DN a line), shown read-only.
ALTER TABLE account ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account ADD COLUMN credentials_changed_at TIMESTAMP(6) NULL;
ALTER TABLE account ADD COLUMN disabled_by_admin BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account ADD COLUMN directory_groups VARCHAR(4000) NULL;
