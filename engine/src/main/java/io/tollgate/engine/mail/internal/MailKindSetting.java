package io.tollgate.engine.mail.internal;

import io.tollgate.engine.mail.MailKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whether a kind of mail is sent at all; a kind without a row is on. */
@Entity
@Table(name = "mail_kind_setting")
public class MailKindSetting {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 40)
    private MailKind kind;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    protected MailKindSetting() {
    }

    public MailKindSetting(MailKind kind, boolean enabled) {
        this.kind = kind;
        this.enabled = enabled;
    }

    public MailKind kind() {
        return kind;
    }

    public boolean enabled() {
        return enabled;
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
    }
}
