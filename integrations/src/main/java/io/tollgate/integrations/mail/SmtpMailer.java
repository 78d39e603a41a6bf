package io.tollgate.integrations.mail;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends mails through Spring's {@link JavaMailSender} as multipart/alternative (text and HTML). */
final class SmtpMailer implements Mailer {

    private final JavaMailSender sender;

    SmtpMailer(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public void send(OutgoingMail mail) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(mail.from());
            helper.setTo(mail.to().toArray(String[]::new));
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            // JavaMailSenderImpl keeps an explicit Message-ID when it saves the message
            message.setHeader("Message-ID", "<" + mail.messageId() + ">");
            sender.send(message);
        } catch (MailException | MessagingException e) {
            throw new MailDeliveryException(describe(e), e);
        }
    }

    /** The deepest cause's message is the useful one ("Connection refused"), not Spring's wrapper text. */
    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? detail : e.getClass().getSimpleName() + ": " + detail;
    }
}
