package io.tollgate.engine.mail;

import org.springframework.data.jpa.repository.JpaRepository;

interface MailKindSettingRepository extends JpaRepository<MailKindSetting, MailKind> {
}
