package io.tollgate.engine.mail.internal;

import io.tollgate.engine.mail.MailKind;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MailKindSettingRepository extends JpaRepository<MailKindSetting, MailKind> {
}
