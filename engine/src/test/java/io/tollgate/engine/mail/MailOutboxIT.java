package io.tollgate.engine.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tollgate.engine.TestClock;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.mail.internal.OutboxMail;
import io.tollgate.engine.outbox.DeliveryLoop;
import io.tollgate.engine.outbox.DeliveryStatus;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against a real SMTP server (GreenMail): what arrives for each kind of mail, in English and Chinese, and
 * that a mail is enqueued while SMTP is down and arrives exactly once when it is back. The dispatcher's schedule is
 * off; the tests call it.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC",
        "tollgate.mail.smtp.host=127.0.0.1",
        "tollgate.mail.smtp.connect-timeout=2s",
        "tollgate.mail.smtp.timeout=5s",
        "tollgate.mail.dispatch-interval=0",
        "tollgate.mail.base-url=https://tollgate.example.org/",
        "tollgate.mail.from=tollgate@example.org",
        "tollgate.mail.max-attempts=3"})
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the outbox commits like a real caller's transaction
class MailOutboxIT {

    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("tollgate.mail.smtp.port", () -> SMTP_PORT);
    }

    @Autowired Notifications notifications;
    @Autowired Outbox outbox;
    @Autowired DeliveryLoop<OutboxMail> dispatcher;
    @Autowired Accounts accounts;
    @Autowired TestClock clock;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcTemplate jdbc;

    GreenMail smtp;
    String jane;
    String li;

    @BeforeEach
    void setUp() {
        jdbc.update("DELETE FROM mail_outbox");
        jdbc.update("DELETE FROM mail_kind_setting");
        // unique names per test, so accounts from earlier tests never receive this test's group mails
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        jane = "jane-" + suffix;
        li = "li-" + suffix;
        accounts.createLocal(jane, "password-1", "Jane Doe", jane + "@example.org", EnumSet.of(Role.ENGINEER));
        accounts.createLocal(li, "password-1", "李雷", li + "@example.cn", EnumSet.of(Role.ENGINEER));
        accounts.changeLanguage(li, "zh-CN");
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
        jdbc.update("DELETE FROM account_role WHERE username IN (?, ?)", jane, li);
        jdbc.update("DELETE FROM account WHERE username IN (?, ?)", jane, li);
    }

    @Test
    void aRolesHoldersComeWithAllTheirRolesAndOnlyTheEnabledOnes() {
        String both = "both-" + jane;
        String off = "off-" + jane;
        accounts.createLocal(both, "password-1", "Bo Th", both + "@example.org", EnumSet.of(Role.DBA, Role.SRE));
        accounts.createLocal(off, "password-1", "Of F", off + "@example.org", EnumSet.of(Role.SRE));
        accounts.setDisabledByAdmin(off, true);
        try {
            List<AccountView> sres = accounts.enabledWithRole(Role.SRE).stream()
                    .filter(a -> a.username().endsWith(jane)).toList();
            // the role filters the accounts, never the roles each one is read with
            assertThat(sres).extracting(AccountView::username).containsExactly(both);
            assertThat(sres.get(0).roles()).containsExactlyInAnyOrder(Role.DBA, Role.SRE);
            assertThat(accounts.enabledWithRole(Role.ENGINEER)).extracting(AccountView::username)
                    .contains(jane, li).doesNotContain(both, off);
        } finally {
            jdbc.update("DELETE FROM account_role WHERE username IN (?, ?)", both, off);
            jdbc.update("DELETE FROM account WHERE username IN (?, ?)", both, off);
        }
    }

    private void smtpUp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private void smtpDown() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    @Test
    void ticketFamilyMailReachesTheSubmitterInEnglishWithTextHtmlAndLink() throws Exception {
        smtpUp();
        int queued = notifications.notify(MailKind.TICKET_REJECTED, Recipients.users(jane),
                Map.of("ticketId", "T-42", "title", "Add index <idx_orders>", "actor", "reviewer",
                        "comment", "needs a <b>rollback</b> plan"), "/tickets/T-42");
        assertThat(queued).isEqualTo(1);

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        MimeMessage mail = single(smtp.getReceivedMessages());
        assertThat(addresses(mail)).containsExactly(jane + "@example.org");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("tollgate@example.org");
        assertThat(mail.getSubject()).isEqualTo("[Tollgate] Ticket T-42 rejected: Add index <idx_orders>");
        String text = part(mail, "text/plain");
        assertThat(text).startsWith("Hello Jane Doe,")
                .contains("reviewer rejected your SQL ticket T-42, \"Add index <idx_orders>\".")
                .contains("Reason: needs a <b>rollback</b> plan")
                .contains("Open in Tollgate: https://tollgate.example.org/tickets/T-42");
        String html = part(mail, "text/html");
        assertThat(html).contains("<html lang=\"en\"")
                .contains("needs a &lt;b&gt;rollback&lt;/b&gt; plan")
                .contains("Add index &lt;idx_orders&gt;")
                .doesNotContain("<b>rollback</b>")
                .contains("<a href=\"https://tollgate.example.org/tickets/T-42\">Open in Tollgate</a>");
        assertThat(outbox.list(Optional.of(DeliveryStatus.SENT), 10)).singleElement()
                .satisfies(m -> assertThat(m.sentAt()).isEqualTo(clock.instant()));
    }

    @Test
    void treeChangeFamilyMailIsInChineseForAChineseReader() throws Exception {
        smtpUp();
        notifications.notify(MailKind.TREE_CHANGE_APPROVED, Recipients.users(li),
                Map.of("changeId", "C-7", "path", "/pay/api", "actor", "sre"), "/service-tree/changes/C-7");
        dispatcher.dispatchDue();

        MimeMessage mail = single(smtp.getReceivedMessages());
        assertThat(addresses(mail)).containsExactly(li + "@example.cn");
        assertThat(mail.getSubject()).isEqualTo("[Tollgate] 服务树变更 C-7 已通过：/pay/api");
        assertThat(part(mail, "text/plain")).startsWith("李雷，您好：")
                .contains("sre 已批准服务树节点 /pay/api 上的变更 C-7。")
                .contains("在 Tollgate 中打开: https://tollgate.example.org/service-tree/changes/C-7");
        assertThat(part(mail, "text/html")).contains("<html lang=\"zh\"")
                .contains("<a href=\"https://tollgate.example.org/service-tree/changes/C-7\">在 Tollgate 中打开</a>");
    }

    @Test
    void taskMailReachesEveryMemberOfTheCandidateGroupInTheirOwnLanguage() throws Exception {
        smtpUp();
        String dba1 = jane + "-dba";
        accounts.createLocal(dba1, "password-1", "Dee Ba", dba1 + "@example.org", EnumSet.of(Role.DBA));
        try {
            int queued = notifications.notify(MailKind.TASK_CREATED, Recipients.groups(Role.DBA.groupId())
                            .and(Recipients.users(li)),
                    Map.of("taskName", "Approve high-risk ticket", "title", "Drop table t_old", "requester", "engineer"),
                    "/tasks/abc");
            dispatcher.dispatchDue();

            List<MimeMessage> received = List.of(smtp.getReceivedMessages());
            assertThat(received).hasSize(queued);
            MimeMessage toDba = received.stream().filter(m -> addresses(m).contains(dba1 + "@example.org"))
                    .findFirst().orElseThrow();
            assertThat(toDba.getSubject()).isEqualTo("[Tollgate] Task waiting for you: Approve high-risk ticket");
            assertThat(part(toDba, "text/plain")).contains("Requested by engineer.")
                    .contains("https://tollgate.example.org/tasks/abc");
            MimeMessage toLi = received.stream().filter(m -> addresses(m).contains(li + "@example.cn"))
                    .findFirst().orElseThrow();
            assertThat(toLi.getSubject()).isEqualTo("[Tollgate] 待处理任务：Approve high-risk ticket");
        } finally {
            jdbc.update("DELETE FROM account_role WHERE username = ?", dba1);
            jdbc.update("DELETE FROM account WHERE username = ?", dba1);
        }
    }

    @Test
    void reminderMailCarriesTheWaitingTime() throws Exception {
        smtpUp();
        notifications.notify(MailKind.APPROVAL_REMINDER, Recipients.users(jane),
                Map.of("taskName", "Review ticket T-9", "title", "Backfill", "waitingSince", "2026-11-24 09:00 UTC"),
                "https://elsewhere.example.org/tasks/9");
        dispatcher.dispatchDue();

        MimeMessage mail = single(smtp.getReceivedMessages());
        assertThat(mail.getSubject()).isEqualTo("[Tollgate] Reminder: Review ticket T-9 is still waiting");
        assertThat(part(mail, "text/plain"))
                .contains("A task has been waiting for you or your group since 2026-11-24 09:00 UTC: Review ticket T-9.")
                .contains("Open in Tollgate: https://elsewhere.example.org/tasks/9");
    }

    @Test
    void enqueueingCommitsWhileSmtpIsDownAndTheMailArrivesExactlyOnceWhenItIsBack() throws Exception {
        smtpDown();
        TransactionTemplate callersTransaction = new TransactionTemplate(transactionManager);
        Integer queued = callersTransaction.execute(s -> notifications.notify(MailKind.TICKET_EXECUTED,
                Recipients.users(jane), Map.of("ticketId", "T-1", "title", "Backfill"), "/tickets/T-1"));
        assertThat(queued).isEqualTo(1);
        assertThat(outbox.count(DeliveryStatus.PENDING)).as("committed by the caller's transaction").isEqualTo(1);

        assertThat(dispatcher.dispatchDue()).isZero();
        OutboxMailView failedOnce = outbox.list(Optional.empty(), 10).get(0);
        assertThat(failedOnce.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(failedOnce.attempts()).isEqualTo(1);
        assertThat(failedOnce.lastError()).isNotBlank();
        assertThat(failedOnce.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));

        smtpUp();
        assertThat(dispatcher.dispatchDue()).as("not due before its backoff").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue()).isZero();

        MimeMessage mail = single(smtp.getReceivedMessages());
        assertThat(mail.getSubject()).isEqualTo("[Tollgate] Ticket T-1 executed: Backfill");
        assertThat(mail.getMessageID()).isEqualTo("<" + failedOnce.id() + "@tollgate>");
        assertThat(outbox.find(failedOnce.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aMailIsGivenUpAfterTheConfiguredAttemptsAndAnAdminCanRetryIt() throws Exception {
        smtpDown();
        notifications.notify(MailKind.TICKET_FAILED, Recipients.users(jane),
                Map.of("ticketId", "T-2", "title", "Alter", "error", "lock wait timeout"), "/tickets/T-2");
        for (int attempt = 0; attempt < 3; attempt++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofHours(2));
        }
        OutboxMailView failed = outbox.list(Optional.of(DeliveryStatus.FAILED), 10).get(0);
        assertThat(failed.attempts()).isEqualTo(3);

        smtpUp();
        assertThat(dispatcher.dispatchDue()).as("a given-up mail stays given up").isZero();
        outbox.retry(failed.id());
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(part(single(smtp.getReceivedMessages()), "text/plain")).contains("Error: lock wait timeout");
    }

    @Test
    void twoDispatchersRacingSendEachMailOnce() throws Exception {
        smtpUp();
        for (int i = 0; i < 10; i++) {
            notifications.notify(MailKind.TICKET_APPROVED, Recipients.users(jane, li),
                    Map.of("ticketId", "T-" + i, "title", "t", "actor", "r"), "/tickets/T-" + i);
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> node = () -> {
            start.await();
            return dispatcher.dispatchDue();
        };
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>(List.of(nodes.submit(node), nodes.submit(node)));
            start.countDown();
            int sent = 0;
            for (Future<Integer> result : results) {
                sent += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(sent).isEqualTo(20);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(smtp.getReceivedMessages()).hasSize(20);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(MailOutboxIT::messageId).distinct()).hasSize(20);
        assertThat(outbox.count(DeliveryStatus.SENT)).isEqualTo(20);
    }

    @Test
    void aKindSwitchedOffIsNotQueued() {
        outbox.switchKind(MailKind.TICKET_APPROVED, false);
        assertThat(outbox.kinds()).containsEntry(MailKind.TICKET_APPROVED, false).containsEntry(MailKind.TICKET_REJECTED, true);
        assertThat(notifications.notify(MailKind.TICKET_APPROVED, Recipients.users(jane),
                Map.of("ticketId", "T-3"), null)).isZero();
        outbox.switchKind(MailKind.TICKET_APPROVED, true);
        assertThat(notifications.notify(MailKind.TICKET_APPROVED, Recipients.users(jane),
                Map.of("ticketId", "T-3"), null)).isEqualTo(1);
    }

    private static MimeMessage single(MimeMessage[] messages) {
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static List<String> addresses(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content of the first part of this MIME type, searching nested multiparts. */
    private static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
