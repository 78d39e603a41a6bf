package io.tollgate.integrations.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP relay. Without a host no mail is sent: the outbox keeps every mail for viewing.
 *
 * @param host SMTP host; blank means no SMTP
 * @param port SMTP port
 * @param username login, if the relay needs one
 * @param password password for the login
 * @param startTls upgrade the connection with STARTTLS (required when set)
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long to wait for the server while talking
 */
@ConfigurationProperties("tollgate.mail.smtp")
public record SmtpProperties(
        String host,
        @DefaultValue("25") int port,
        String username,
        String password,
        @DefaultValue("false") boolean startTls,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout) {
}
