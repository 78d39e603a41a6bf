package io.tollgate.engine.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whether a kind of mail is sent at all; a kind without a row is on. */
@Entity
@Table(name = "mail_kind_setting")
class MailKindSetting {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 40)
    private MailKind kind;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    protected MailKindSetting() {
    }

    MailKindSetting(MailKind kind, boolean enabled) {
        this.kind = kind;
        this.enabled = enabled;
    }

    MailKind kind() {
        return kind;
    }

    boolean enabled() {
        return enabled;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }
}
