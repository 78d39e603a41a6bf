package io.tollgate.engine.mail.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import io.tollgate.engine.mail.MailKind;

public interface MailKindSettingRepository extends JpaRepository<MailKindSetting, MailKind> {
}
