package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tollgate.engine.account.Role;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's REST API ({@code /engine-rest}) is for Camunda Modeler and for reading: whoever calls it, admins included,
 * cannot complete, claim or reassign a task, write a variable, correlate a message or change an instance, and no query
 * may carry an expression. Cockpit's own mount of the same API keeps its reads for process owners and auditors and its
 * write actions for admins only. Refusals answer in Tollgate's API error shape ({@code message}, {@code problems}).
 */
@TollgateAppTest
@ExtendWith(OutputCaptureExtension.class)
class EngineRestGateIT {

    static final String PROCESS_KEY = "engineRestGateCheck";
    static final String TASK_KEY = "approve";
    static final String SUBMITTER = "submitter";
    static final String ORIGINAL_SUBMITTER = "engineer";
    static final String APPROVED = "approved";

    static final String ENGINE_REST = "/engine-rest";
    static final String COCKPIT_ENGINE = "/camunda/api/engine/engine/default";
    static final String COCKPIT_PLUGIN = "/camunda/api/cockpit/plugin/base/default";
    /** Only Tollgate's error shape has this key; Camunda's own errors have {@code type} and {@code message}. */
    static final String TOLLGATE_PROBLEM = "\"problems\"";
    static final String STACK_FRAME = "\tat ";

    /** The people who may reach Camunda's REST API at all. */
    enum Person {
        PROCESS_OWNER(Role.PROCESS_OWNER), AUDITOR(Role.AUDITOR), ADMIN(Role.ADMIN);

        final Role role;

        Person(Role role) {
            this.role = role;
        }

        String user() {
            return role.groupId();
        }

        String password() {
            return role.groupId() + "-demo";
        }
    }

    /** A call that changes something; {@code {task}} and friends are replaced by the ids of this test's instance. */
    record Write(String method, String path, String json) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The ids of one fresh instance of the check process, waiting in its user task with a timer job beside it. */
    record Instance(String id, String taskId, String jobId, String definitionId, String deploymentId) {
        String fill(String template) {
            return template.replace("{task}", taskId).replace("{instance}", id).replace("{job}", jobId)
                    .replace("{definition}", definitionId).replace("{deployment}", deploymentId)
                    .replace("{key}", PROCESS_KEY);
        }
    }

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    Http http;
    Instance instance;

    @BeforeEach
    void freshInstance() {
        http = new Http(port);
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count() == 0) {
            BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_KEY).camundaHistoryTimeToLive(1)
                    .startEvent()
                    .userTask(TASK_KEY).camundaCandidateGroups(Role.REVIEWER.groupId())
                    .boundaryEvent("reminder").cancelActivity(false).timerWithDuration("P1D").endEvent()
                    .moveToActivity(TASK_KEY).endEvent()
                    .done();
            repositoryService.createDeployment().name(PROCESS_KEY).addModelInstance(PROCESS_KEY + ".bpmn", model)
                    .deploy();
        }
        // a refused suspension that got through must not take every later test down with it
        repositoryService.activateProcessDefinitionByKey(PROCESS_KEY);
        ProcessInstance started = runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                Map.of(SUBMITTER, ORIGINAL_SUBMITTER));
        Task task = taskService.createTaskQuery().processInstanceId(started.getId()).singleResult();
        Job job = managementService.createJobQuery().processInstanceId(started.getId()).singleResult();
        String deploymentId = repositoryService.getProcessDefinition(started.getProcessDefinitionId()).getDeploymentId();
        instance = new Instance(started.getId(), task.getId(), job.getId(), started.getProcessDefinitionId(),
                deploymentId);
    }

    private HttpResponse<String> call(Person person, String method, String path, String json) throws Exception {
        return http.send(method, instance.fill(path), person.user(), person.password(),
                json == null ? null : instance.fill(json));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(TOLLGATE_PROBLEM).contains("\"message\"");
    }

    private void assertNothingChanged() {
        assertThat(taskService.createTaskQuery().taskId(instance.taskId()).count()).as("the task").isEqualTo(1);
        assertThat(taskService.createTaskQuery().taskId(instance.taskId()).singleResult().getAssignee()).isNull();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.id()).active().count())
                .as("the instance, active").isEqualTo(1);
        assertThat(runtimeService.getVariables(instance.id())).containsExactly(Map.entry(SUBMITTER, ORIGINAL_SUBMITTER));
        assertThat(taskService.getVariablesLocal(instance.taskId())).isEmpty();
        assertThat(managementService.createJobQuery().jobId(instance.jobId()).singleResult().getRetries()).isEqualTo(3);
    }

    // --- the attacks of issue 12 ---

    @ParameterizedTest
    @EnumSource(value = Person.class, names = {"PROCESS_OWNER", "ADMIN"})
    void ownersAndAdminsListTasksButCannotCompleteThem(Person person) throws Exception {
        HttpResponse<String> listed = call(person, "GET", ENGINE_REST + "/task?processInstanceId={instance}", null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(instance.taskId());

        assertRefused(call(person, "POST", ENGINE_REST + "/task/{task}/complete",
                "{\"variables\":{\"" + APPROVED + "\":{\"value\":true}}}"), 403);
        assertRefused(call(person, "POST", ENGINE_REST + "/engine/default/task/{task}/complete",
                "{\"variables\":{\"" + APPROVED + "\":{\"value\":true}}}"), 403);
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(value = Person.class, names = {"PROCESS_OWNER", "ADMIN"})
    void ownersAndAdminsCannotRewriteWhoSubmitted(Person person) throws Exception {
        String mallory = "{\"value\":\"mallory\",\"type\":\"String\"}";
        assertRefused(call(person, "PUT", ENGINE_REST + "/task/{task}/localVariables/" + SUBMITTER, mallory), 403);
        assertRefused(call(person, "PUT", ENGINE_REST + "/process-instance/{instance}/variables/" + SUBMITTER, mallory),
                403);
        assertNothingChanged();
    }

    static Stream<Write> writes() {
        String user = "{\"userId\":\"process-owner\"}";
        String variables = "{\"modifications\":{\"plan\":{\"value\":\"x\"}}}";
        String value = "{\"value\":\"x\",\"type\":\"String\"}";
        String suspended = "{\"suspended\":true}";
        String retries = "{\"retries\":0}";
        String instances = "{\"processInstanceIds\":[\"{instance}\"]}";
        return Stream.of(
                new Write("POST", "/task/{task}/claim", user),
                new Write("POST", "/task/{task}/unclaim", null),
                new Write("POST", "/task/{task}/assignee", user),
                new Write("POST", "/task/{task}/delegate", user),
                new Write("POST", "/task/{task}/resolve", "{}"),
                new Write("POST", "/task/{task}/submit-form", "{}"),
                new Write("POST", "/task/{task}/bpmnError", "{\"errorCode\":\"x\"}"),
                new Write("POST", "/task/{task}/comment/create", "{\"message\":\"x\"}"),
                new Write("POST", "/task/{task}/identity-links", "{\"groupId\":\"engineer\",\"type\":\"candidate\"}"),
                new Write("POST", "/task/{task}/identity-links/delete", "{\"groupId\":\"reviewer\",\"type\":\"candidate\"}"),
                new Write("POST", "/task/{task}/localVariables", variables),
                new Write("POST", "/task/{task}/variables", variables),
                new Write("PUT", "/task/{task}/variables/" + APPROVED, value),
                new Write("DELETE", "/task/{task}/variables/" + SUBMITTER, null),
                new Write("PUT", "/task/{task}", "{\"name\":\"x\"}"),
                new Write("DELETE", "/task/{task}", null),
                new Write("POST", "/task/create", "{\"id\":\"x\"}"),
                new Write("DELETE", "/process-instance/{instance}", null),
                new Write("POST", "/process-instance/{instance}/modification",
                        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"" + TASK_KEY + "\"}]}"),
                new Write("POST", "/process-instance/{instance}/variables", variables),
                new Write("PUT", "/process-instance/{instance}/variables/plan", value),
                new Write("DELETE", "/process-instance/{instance}/variables/" + SUBMITTER, null),
                new Write("PUT", "/process-instance/{instance}/suspended", suspended),
                new Write("PUT", "/process-instance/suspended", "{\"processDefinitionKey\":\"{key}\",\"suspended\":true}"),
                new Write("POST", "/process-instance/delete", instances),
                new Write("POST", "/process-instance/job-retries", "{\"processInstances\":[\"{instance}\"],\"retries\":0}"),
                new Write("POST", "/process-instance/variables-async", instances),
                new Write("POST", "/process-instance/message-async", "{\"messageName\":\"x\"}"),
                new Write("POST", "/execution/{instance}/localVariables", variables),
                new Write("POST", "/message", "{\"messageName\":\"x\"}"),
                new Write("POST", "/signal", "{\"name\":\"x\"}"),
                new Write("POST", "/condition", "{\"variables\":{}}"),
                new Write("POST", "/process-definition/{definition}/start", "{}"),
                new Write("POST", "/process-definition/key/{key}/start", "{}"),
                new Write("POST", "/process-definition/{definition}/submit-form", "{}"),
                new Write("POST", "/process-definition/{definition}/restart", instances),
                new Write("PUT", "/process-definition/{definition}/suspended", suspended),
                new Write("DELETE", "/process-definition/{definition}", null),
                new Write("POST", "/job/{job}/execute", null),
                new Write("PUT", "/job/{job}/retries", retries),
                new Write("PUT", "/job/{job}/suspended", suspended),
                new Write("PUT", "/job/{job}/duedate", "{\"duedate\":null}"),
                new Write("DELETE", "/job/{job}", null),
                new Write("POST", "/job/retries", "{\"jobIds\":[\"{job}\"],\"retries\":0}"),
                new Write("PUT", "/job-definition/{job}/retries", retries),
                new Write("PUT", "/job-definition/suspended", "{\"processDefinitionKey\":\"{key}\",\"suspended\":true}"),
                new Write("POST", "/external-task/fetchAndLock", "{\"workerId\":\"x\",\"maxTasks\":1,\"topics\":[]}"),
                new Write("POST", "/external-task/{job}/complete", "{\"workerId\":\"x\"}"),
                new Write("POST", "/migration/execute", "{\"migrationPlan\":{},\"processInstanceIds\":[\"{instance}\"]}"),
                new Write("POST", "/modification/execute", "{\"processDefinitionId\":\"{definition}\",\"instructions\":[]}"),
                new Write("PUT", "/batch/{job}/suspended", suspended),
                new Write("DELETE", "/batch/{job}", null),
                new Write("DELETE", "/incident/{job}", null),
                new Write("DELETE", "/deployment/{deployment}?cascade=true", null),
                new Write("POST", "/deployment/{deployment}/redeploy", "{}"),
                new Write("POST", "/history/cleanup", null),
                new Write("DELETE", "/history/process-instance/{instance}", null),
                new Write("POST", "/history/process-instance/delete", instances),
                new Write("POST", "/decision-definition/key/x/evaluate", "{\"variables\":{}}"),
                new Write("POST", "/user/create", "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}"),
                new Write("PUT", "/group/admin/members/mallory", null),
                new Write("POST", "/authorization/create", "{\"type\":1,\"resourceType\":0,\"resourceId\":\"*\"}"),
                new Write("POST", "/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}"),
                new Write("POST", "/identity/verify", "{\"username\":\"admin\",\"password\":\"x\"}"),
                new Write("POST", "/telemetry/configuration", "{\"enableTelemetry\":true}"),
                new Write("POST", "/engine/default/task/{task}/claim", user),
                new Write("PUT", "/engine/default/process-instance/{instance}/variables/" + SUBMITTER, value));
    }

    static Stream<Arguments> everyWriteByEveryone() {
        List<Arguments> cases = new ArrayList<>();
        writes().forEach(w -> {
            cases.add(Arguments.of(Person.PROCESS_OWNER, w));
            cases.add(Arguments.of(Person.ADMIN, w));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyWriteByEveryone")
    void everyWriteIsRefusedEvenForAdmins(Person person, Write write) throws Exception {
        assertRefused(call(person, write.method(), ENGINE_REST + write.path(), write.json()), 403);
        assertNothingChanged();
    }

    @Test
    void pathsOutsideTheListAreRefused() throws Exception {
        assertRefused(call(Person.ADMIN, "POST", ENGINE_REST + "/some/future/endpoint", "{}"), 403);
        assertRefused(call(Person.ADMIN, "PUT", ENGINE_REST + "/some/future/endpoint", "{}"), 403);
        assertRefused(call(Person.ADMIN, "PATCH", ENGINE_REST + "/task/{task}", "{}"), 403);
        // a query path written another way is not the query path
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task/", "{}"), 403);
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/%74ask", "{}"), 403);
    }

    // --- reading stays possible ---

    @ParameterizedTest
    @EnumSource(Person.class)
    void readersQueryWithGetAndPost(Person person) throws Exception {
        HttpResponse<String> tasks = call(person, "POST", ENGINE_REST + "/task", "{\"processInstanceId\":\"{instance}\"}");
        assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.body()).contains(instance.taskId());
        for (String query : List.of("/task/count", "/process-instance", "/process-instance/count",
                "/history/process-instance", "/history/process-instance/count", "/history/activity-instance",
                "/history/task", "/history/variable-instance", "/engine/default/task/count")) {
            HttpResponse<String> response = call(person, "POST", ENGINE_REST + query, "{}");
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        }
        HttpResponse<String> read = call(person, "GET", ENGINE_REST + "/history/user-operation?maxResults=1", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    @Test
    void modelerProbesBeforeDeploying() throws Exception {
        for (String probe : List.of("/version", "/deployment?maxResults=0")) {
            HttpResponse<String> response = call(Person.PROCESS_OWNER, "GET", ENGINE_REST + probe, null);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
        }
    }

    // --- expressions never reach a query ---

    @Test
    void orQueriesWithAnExpressionAreBadRequests() throws Exception {
        String attack = "{\"orQueries\":[{\"assigneeExpression\":\"${'engin'.concat('eer')}\"}]}";
        HttpResponse<String> response = call(Person.PROCESS_OWNER, "POST", ENGINE_REST + "/task", attack);
        assertRefused(response, 400);
        assertThat(response.body()).contains("orQueries");
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task/count", attack), 400);
        // orQueries alone, and expressions at any depth or in any letter case
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task", "{\"orQueries\":[{\"assignee\":\"x\"}]}"), 400);
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task", "{\"ASSIGNEEEXPRESSION\":\"x\"}"), 400);
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/process-instance",
                "{\"variables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":\"#{1+1}\"}]}"), 400);
    }

    @Test
    void expressionsInQueryParametersAreBadRequests() throws Exception {
        String expression = encoded("${currentUser()}");
        HttpResponse<String> response = call(Person.PROCESS_OWNER, "GET",
                ENGINE_REST + "/task?assigneeExpression=" + expression, null);
        assertRefused(response, 400);
        assertThat(response.body()).contains("assigneeExpression");
        assertRefused(call(Person.AUDITOR, "GET", ENGINE_REST + "/task?candidateGroupsExpression=x", null), 400);
        assertRefused(call(Person.AUDITOR, "GET", ENGINE_REST + "/task?assignee=" + expression, null), 400);
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task?dueDateExpression=x", "{}"), 400);
    }

    @Test
    void brokenOrOversizedQueryBodiesAreRefused() throws Exception {
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task", "{\"processInstanceId\":"), 400);
        assertRefused(call(Person.AUDITOR, "POST", ENGINE_REST + "/task",
                "{\"processInstanceId\":\"x\",\"processInstanceId\":\"${x}\"}"), 400);
        String large = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertThat(call(Person.AUDITOR, "POST", ENGINE_REST + "/task", large).statusCode()).isEqualTo(413);
    }

    // --- Cockpit's mount of the same API ---

    private Http.Cockpit cockpit(Person person) throws Exception {
        return http.cockpit(person.user(), person.password());
    }

    private HttpResponse<String> inCockpit(Http.Cockpit session, String method, String path, String json)
            throws Exception {
        return session.send(method, instance.fill(path), json == null ? null : instance.fill(json));
    }

    @Test
    void cockpitRefusesWritesOfProcessOwners() throws Exception {
        Http.Cockpit owner = cockpit(Person.PROCESS_OWNER);
        HttpResponse<String> query = inCockpit(owner, "POST", COCKPIT_ENGINE + "/task",
                "{\"processInstanceId\":\"{instance}\"}");
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
        assertThat(query.body()).contains(instance.taskId());

        assertRefused(inCockpit(owner, "POST", COCKPIT_ENGINE + "/task/{task}/complete", "{}"), 403);
        assertRefused(inCockpit(owner, "DELETE", COCKPIT_ENGINE + "/process-instance/{instance}", null), 403);
        assertRefused(inCockpit(owner, "PUT", COCKPIT_ENGINE + "/job/{job}/retries", "{\"retries\":0}"), 403);
        assertRefused(inCockpit(owner, "POST", COCKPIT_ENGINE + "/process-instance/{instance}/modification",
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"" + TASK_KEY + "\"}]}"), 403);
        assertRefused(inCockpit(owner, "POST", COCKPIT_PLUGIN + "/process-instance/{instance}/some-future-action",
                "{}"), 403);
        assertNothingChanged();
    }

    @Test
    void cockpitKeepsLoadingForAuditors() throws Exception {
        Http.Cockpit auditor = cockpit(Person.AUDITOR);
        for (String query : List.of(COCKPIT_ENGINE + "/process-instance", COCKPIT_ENGINE + "/history/process-instance/count",
                COCKPIT_PLUGIN + "/process-instance", COCKPIT_PLUGIN + "/process-instance/count",
                COCKPIT_PLUGIN + "/incident/count")) {
            HttpResponse<String> response = inCockpit(auditor, "POST", query, "{}");
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        }
        assertThat(http.get("/camunda/app/cockpit/default/", Person.AUDITOR.user(), Person.AUDITOR.password())
                .statusCode()).isEqualTo(200);
        assertRefused(inCockpit(auditor, "POST", COCKPIT_ENGINE + "/process-instance/{instance}/variables",
                "{\"modifications\":{\"plan\":{\"value\":\"x\"}}}"), 403);
        assertRefused(inCockpit(auditor, "GET", COCKPIT_ENGINE + "/task?assigneeExpression=x", null), 400);
        assertNothingChanged();
    }

    @Test
    void cockpitLetsAdminsWrite() throws Exception {
        Http.Cockpit admin = cockpit(Person.ADMIN);
        HttpResponse<String> retried = inCockpit(admin, "PUT", COCKPIT_ENGINE + "/job/{job}/retries", "{\"retries\":2}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        assertThat(managementService.createJobQuery().jobId(instance.jobId()).singleResult().getRetries()).isEqualTo(2);
        // still no expressions, for admins neither
        assertRefused(inCockpit(admin, "POST", COCKPIT_ENGINE + "/task",
                "{\"orQueries\":[{\"assigneeExpression\":\"${'x'}\"}]}"), 400);
    }

    /**
     * Camunda's REST API reads a deployment's files whole into memory, several times: a 300 MB deployment by a process
     * owner ran the node out of heap. Larger than 10 MB, declared or streamed, it is refused before Camunda reads it.
     */
    @Test
    void oversizedDeploymentsAndUploadsAreRefusedBeforeCamundaReadsThem(CapturedOutput output) throws Exception {
        byte[] model;
        try (InputStream in = getClass().getResourceAsStream("/modeler-deployment.bpmn")) {
            model = in.readAllBytes();
        }
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        System.arraycopy(model, 0, big, 0, model.length);
        for (boolean chunked : new boolean[] {false, true}) {
            HttpResponse<String> refused = http.postMultipart(ENGINE_REST + "/deployment/create", "process-owner",
                    "process-owner-demo", new String[][] {{"deployment-name", "too-large"}}, "big.bpmn", big, chunked);
            assertThat(refused.statusCode()).as("chunked %s: %s", chunked, refused.body()).isEqualTo(413);
            assertThat(refused.body()).contains("\"status\":413")
                    .contains("/deployment/create may be at most 10485760 bytes (10 MiB)");
        }
        // the same model within the limit deploys
        HttpResponse<String> deployed = http.postMultipart(ENGINE_REST + "/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "small-enough"}}, "small.bpmn", model, true);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(repositoryService.createDeploymentQuery().deploymentName("too-large").count()).isZero();
        assertThat(repositoryService.createDeploymentQuery().deploymentName("small-enough").count()).isOne();

        // an admin's upload in Cockpit (a task's attachment) too
        HttpResponse<String> attachment = cockpit(Person.ADMIN).postMultipart(COCKPIT_ENGINE + "/task/"
                + instance.taskId() + "/attachment/create", new String[][] {{"attachment-name", "big"}}, "content", big);
        assertThat(attachment.statusCode()).as(attachment.body()).isEqualTo(413);
        assertThat(taskService.getTaskAttachments(instance.taskId())).isEmpty();
        // and on the webapps' other APIs, which the allow-list does not claim
        assertThat(http.send("POST", "/camunda/api/admin/auth/user/default/logout", "process-owner",
                "process-owner-demo", "{\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(output.getAll()).doesNotContain("OutOfMemoryError");
    }

    // --- anonymous junk leaves no stack trace ---

    private HttpResponse<String> anonymousDeployment(String path) throws Exception {
        byte[] bpmn;
        try (InputStream in = getClass().getResourceAsStream("/modeler-deployment.bpmn")) {
            bpmn = in.readAllBytes();
        }
        return http.postMultipart(path, null, null, new String[][] {{"deployment-name", "anonymous"}},
                "modeler-deployment.bpmn", bpmn);
    }

    @Test
    void anonymousDeploymentIsUnauthorizedWithoutAStackTrace(CapturedOutput output) throws Exception {
        HttpResponse<String> response = anonymousDeployment(ENGINE_REST + "/deployment/create");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        HttpResponse<String> engineer = http.postMultipart(ENGINE_REST + "/deployment/create", "engineer",
                "engineer-demo", new String[][] {{"deployment-name", "engineer"}}, "x.bpmn", new byte[] {'x'});
        assertThat(engineer.statusCode()).isEqualTo(403);
        assertThat(output.getAll()).doesNotContain(STACK_FRAME);
    }

    @Test
    void doubleSlashesAreRefusedWithoutAStackTrace(CapturedOutput output) throws Exception {
        String path = "/camunda//api/engine/engine/default/task";
        assertThat(http.get(path, null, null).statusCode()).isIn(400, 401);
        assertThat(anonymousDeployment("/camunda//api/engine/engine/default/deployment/create").statusCode())
                .isIn(400, 401);
        assertThat(output.getAll()).doesNotContain(STACK_FRAME);
        assertThat(output.getAll().lines().filter(l -> l.contains("//api"))).hasSizeLessThanOrEqualTo(2);
    }
}
