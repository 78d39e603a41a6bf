package io.tollgate.integrations.mail;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmtpProperties.class)
class SmtpConfiguration {

    @Bean
    @ConditionalOnExpression("!'${tollgate.mail.smtp.host:}'.isBlank()")
    Mailer smtpMailer(SmtpProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.host());
        sender.setPort(properties.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        if (properties.username() != null && !properties.username().isBlank()) {
            sender.setUsername(properties.username());
            sender.setPassword(properties.password());
        }
        Properties javaMail = sender.getJavaMailProperties();
        javaMail.put("mail.smtp.auth", Boolean.toString(sender.getUsername() != null));
        javaMail.put("mail.smtp.starttls.enable", Boolean.toString(properties.startTls()));
        javaMail.put("mail.smtp.starttls.required", Boolean.toString(properties.startTls()));
        javaMail.put("mail.smtp.connectiontimeout", Long.toString(properties.connectTimeout().toMillis()));
        javaMail.put("mail.smtp.timeout", Long.toString(properties.timeout().toMillis()));
        javaMail.put("mail.smtp.writetimeout", Long.toString(properties.timeout().toMillis()));
        return new SmtpMailer(sender);
    }
}
