-- MySQL/MariaDB instances that SQL tickets run against. The password is stored encrypted (AES-GCM, see SecretCipher).
CREATE TABLE target_instance (
    id               VARCHAR(36)   NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    host             VARCHAR(255)  NOT NULL,
    port             INT           NOT NULL,
    username         VARCHAR(100)  NOT NULL,
    password_cipher  VARCHAR(1000) NOT NULL,
    environment      VARCHAR(10)   NOT NULL,
    read_only        BOOLEAN       NOT NULL,
    reviewer_group   VARCHAR(100)  NOT NULL,
    created_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_by       VARCHAR(100)  NOT NULL,
    CONSTRAINT pk_target_instance PRIMARY KEY (id),
    CONSTRAINT uq_target_instance_name UNIQUE (name)
);
