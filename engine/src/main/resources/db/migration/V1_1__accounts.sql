-- Tollgate's people: local accounts (BCrypt) and, later, accounts synced from LDAP.
-- Portable DDL: runs on H2 2.x and MySQL 8 / MariaDB 10.6+.
CREATE TABLE account (
    username       VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(100),
    display_name   VARCHAR(200) NOT NULL,
    email          VARCHAR(320),
    language       VARCHAR(10)  NOT NULL,
    source         VARCHAR(10)  NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    failed_logins  INT          NOT NULL,
    locked_until   TIMESTAMP(6) NULL,
    created_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT pk_account PRIMARY KEY (username)
);

-- A role granted to an account. grant_source says who granted it (LOCAL by an admin, LDAP by directory sync),
-- so that a directory sync never wipes a role granted locally.
CREATE TABLE account_role (
    username      VARCHAR(100) NOT NULL,
    role          VARCHAR(30)  NOT NULL,
    grant_source  VARCHAR(10)  NOT NULL,
    CONSTRAINT pk_account_role PRIMARY KEY (username, role, grant_source),
    CONSTRAINT fk_account_role_account FOREIGN KEY (username) REFERENCES account (username) ON DELETE CASCADE
);
