package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.MailProperties;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.Recipients;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with LDAP and SMTP switched on (an in-process UnboundID directory and GreenMail): directory
 * people sign in through the real filter chains with their mapped roles, local accounts keep working while the
 * directory is down, the scheduled dispatcher sends mails, and a new user task mails its candidates. The one extra application context of the people
 * features.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tollgate.sandbox.enabled=false")
@ContextConfiguration(initializers = FreshDataDir.class)
@DirtiesContext
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@Order(3) // before the shared context: Camunda's static engine registry holds one engine named 'default' per JVM
class PeopleAppIT {

    private static final int LDAP_PORT = freePort();
    private static final int SMTP_PORT = freePort();
    private static final InMemoryDirectoryServer DIRECTORY = directory();
    private static final GreenMail SMTP = smtp();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("tollgate.ldap.url", () -> "ldap://127.0.0.1:" + LDAP_PORT);
        registry.add("tollgate.ldap.base", () -> "dc=example,dc=org");
        registry.add("tollgate.ldap.manager-dn", () -> "cn=Directory Manager");
        registry.add("tollgate.ldap.manager-password", () -> "manager-secret");
        registry.add("tollgate.ldap.group-role-list", () -> "cn=process-owners,ou=groups,dc=example,dc=org=PROCESS_OWNER");
        registry.add("tollgate.mail.smtp.host", () -> "127.0.0.1");
        registry.add("tollgate.mail.smtp.port", () -> SMTP_PORT);
        registry.add("tollgate.mail.dispatch-interval", () -> "200ms");
    }

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired io.tollgate.engine.ticket.Tickets tickets;
    @Autowired io.tollgate.engine.instance.TargetInstances instances;
    @Autowired io.tollgate.engine.servicetree.ServiceTreeChangeRequests changes;
    @Autowired io.tollgate.integrations.servicetree.ServiceTreeView tree;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_people_");
    @Autowired io.tollgate.engine.accountadmin.AccountAdministration administration;
    @Autowired Notifications notifications;
    @Autowired Outbox outbox;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(port);
        if (DIRECTORY.getListenPort() < 0) {
            DIRECTORY.startListening();
        }
    }

    @AfterAll
    static void stopServers() {
        DIRECTORY.shutDown(true);
        SMTP.stop();
    }

    @Test
    void aDirectoryUserSignsInWithTheRolesOfTheirGroups() throws Exception {
        assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "dora-secret").statusCode()).isEqualTo(200);
        assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "wrong-secret").statusCode()).isEqualTo(401);

        var dora = accounts.find("dora").orElseThrow();
        assertThat(dora.source()).isEqualTo(AccountSource.LDAP);
        assertThat(dora.roles()).containsExactly(Role.PROCESS_OWNER);
        assertThat(dora.email()).isEqualTo("dora@example.org");
        assertThat(dora.directoryRoles()).containsExactly(Role.PROCESS_OWNER);
        assertThat(dora.localRoles()).isEmpty();
        assertThat(dora.directoryGroups()).contains("cn=process-owners,ou=groups,dc=example,dc=org");
    }

    @Test
    void anAdminDisablingADirectoryUserHoldsAgainstTheDirectory() throws Exception {
        assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "dora-secret").statusCode()).isEqualTo(200);
        administration.disable("admin", "dora");
        try {
            // the directory still knows dora and her password: Tollgate's admin decides
            assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "dora-secret").statusCode())
                    .isEqualTo(401);
            assertThat(accounts.find("dora").orElseThrow().enabled()).isFalse();
            // and an admin cannot reset a directory password in Tollgate
            assertThatThrownBy(() -> administration.resetPassword("admin", "dora", "a-new-password"))
                    .hasMessageContaining("directory");
        } finally {
            administration.enable("admin", "dora");
        }
        assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "dora-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void localAccountsKeepWorkingWhileTheDirectoryIsDown() throws Exception {
        DIRECTORY.shutDown(true);

        assertThat(http.get("/engine-rest/deployment?maxResults=0", "dora", "dora-secret").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/deployment?maxResults=0", "process-owner", "process-owner-demo").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theScheduledDispatcherSendsQueuedMails() throws Exception {
        assertThat(outbox.mode()).isEqualTo(MailProperties.Mode.SMTP);
        int before = SMTP.getReceivedMessages().length;

        notifications.notify(MailKind.TICKET_APPROVED, Recipients.users("engineer"),
                Map.of("ticketId", "T-500", "title", "App check", "actor", "reviewer"), "/tickets/T-500");

        // other tests' mails may still be arriving: look for this one among those received since
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(SMTP.getReceivedMessages())
                .skip(before).anyMatch(m -> "[Tollgate] Ticket T-500 approved: App check".equals(subject(m))));
    }

    @Test
    void aNewUserTaskMailsItsCandidatesInTheStepsTransaction() throws Exception {
        repositoryService.createDeployment().addModelInstance("people-mail-check.bpmn",
                Bpmn.createExecutableProcess("peopleMailCheck").name("Mail check").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Check").name("Check the change")
                        .camundaCandidateGroups(Role.DBA.groupId()).camundaCandidateUsers("reviewer")
                        .endEvent().done()).deploy();
        int before = SMTP.getReceivedMessages().length;

        runtimeService.startProcessInstanceByKey("peopleMailCheck", "CHG-1", Map.of("requester", "engineer"));

        // other tests' mails may still be arriving: this task's are those with its subject
        java.util.function.Supplier<java.util.List<jakarta.mail.internet.MimeMessage>> checkMails = () ->
                java.util.Arrays.stream(SMTP.getReceivedMessages()).skip(before)
                        .filter(m -> "[Tollgate] Task waiting for you: Check the change".equals(subject(m))).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> checkMails.get().size() >= 2);
        var taskMails = checkMails.get();
        assertThat(taskMails.stream().map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).contains("dba@tollgate.local", "reviewer@tollgate.local");
        assertThat(outbox.list(java.util.Optional.empty(), 50)).anySatisfy(m -> assertThat(m.textBody())
                .contains("Mail check CHG-1").contains("Requested by engineer.").contains("/tasks"));
    }

    /**
     * Both of Tollgate's processes name who asked in their task mails, from the one place that knows
     * ({@code ApprovalPolicy.requesterOf}): a ticket's submitter and a tree change's requester. Ticket task mails once
     * said "Requested by -" because they read a variable only the tree process has.
     */
    @Test
    @Order(Integer.MAX_VALUE) // last: its mails keep the outbox busy for a while
    void taskMailsOfTicketsAndTreeChangesNameWhoAsked() throws Exception {
        TARGET.register(instances);
        int before = SMTP.getReceivedMessages().length;
        String ticket = tickets.submit("engineer", new io.tollgate.engine.ticket.TicketDraft("Mail me", TARGET.instance,
                TARGET.name, "CREATE TABLE pm_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'p';",
                "the mail test", io.tollgate.engine.ticket.ExecutionMode.MANUAL, null)).id();
        assertThat(tree.awaitLoaded(Duration.ofSeconds(20))).isTrue();
        long root = tree.root().orElseThrow().node().id();
        String change = changes.request(new io.tollgate.integrations.servicetree.ServiceTreeChange.SetAttributes(
                io.tollgate.engine.servicetree.ServiceTreeChangeRequests.newChange("sre", "the mail test"), root,
                Map.of("mail-test", "yes"))).changeId();

        await().atMost(Duration.ofSeconds(60)).until(() -> taskMailBodies().stream().anyMatch(b -> b.contains(ticket))
                && taskMailBodies().stream().anyMatch(b -> b.contains(change)));
        assertThat(taskMailBodies()).filteredOn(b -> b.contains(ticket)).isNotEmpty()
                .allSatisfy(b -> assertThat(b).contains("Requested by engineer.").doesNotContain("Requested by -")
                        .as("leads to the ticket, where the approval's buttons are").contains("/tickets/" + ticket));
        assertThat(taskMailBodies()).filteredOn(b -> b.contains(change)).isNotEmpty()
                .allSatisfy(b -> assertThat(b).contains("Requested by sre.").doesNotContain("Requested by -")
                        .as("leads to the change's approval").contains("/service-tree/approvals/" + change));
        // and they leave through SMTP
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(SMTP.getReceivedMessages())
                .skip(before).anyMatch(m -> com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains(ticket))
                && java.util.Arrays.stream(SMTP.getReceivedMessages()).skip(before)
                .anyMatch(m -> com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains(change)));
    }

    /** A ticket's comment leaves through SMTP to the people involved (here its submitter), never to its author. */
    @Test
    void aTicketCommentIsMailedToTheSubmitterAndNotToItsAuthor() throws Exception {
        TARGET.register(instances);
        int before = SMTP.getReceivedMessages().length;
        String ticket = tickets.submit("engineer", new io.tollgate.engine.ticket.TicketDraft("Talk by mail",
                TARGET.instance, TARGET.name, "CREATE TABLE pc_" + System.nanoTime()
                + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'p';", "the comment mail test",
                io.tollgate.engine.ticket.ExecutionMode.MANUAL, null)).id();

        var posted = http.postJson("/api/v1/tickets/" + ticket + "/comments", "reviewer", "reviewer-demo",
                "{\"text\": \"Please add an index first.\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

        String subject = "[Tollgate] reviewer commented on ticket " + ticket + ": Talk by mail";
        java.util.function.Supplier<java.util.List<jakarta.mail.internet.MimeMessage>> commentMails = () ->
                java.util.Arrays.stream(SMTP.getReceivedMessages()).skip(before)
                        .filter(m -> subject.equals(subject(m))).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> !commentMails.get().isEmpty());
        assertThat(commentMails.get()).allSatisfy(m -> {
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("engineer@tollgate.local");
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m)).contains("Please add an index first.");
        });
        // the author's mail is not merely late: it was never queued
        assertThat(outbox.list(java.util.Optional.empty(), 500)).filteredOn(m -> m.kind() == MailKind.TICKET_COMMENTED
                && m.subject().equals(subject)).extracting(m -> m.recipient()).containsExactly("engineer");
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.List<String> taskMailBodies() {
        return outbox.list(java.util.Optional.empty(), 200).stream()
                .filter(m -> m.kind() == MailKind.TASK_CREATED).map(m -> m.textBody()).toList();
    }

    private static InMemoryDirectoryServer directory() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
            config.addAdditionalBindCredentials("cn=Directory Manager", "manager-secret");
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", LDAP_PORT));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, PeopleAppIT.class.getResource("/ldap/people.ldif").getPath());
            server.startListening();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail smtp() {
        GreenMail greenMail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
