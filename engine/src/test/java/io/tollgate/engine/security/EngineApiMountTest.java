package io.tollgate.engine.security;

import static io.tollgate.engine.security.EngineApiAllowList.COCKPIT_ENGINE;
import static io.tollgate.engine.security.EngineApiAllowList.COCKPIT_PLUGINS;
import static io.tollgate.engine.security.EngineApiAllowList.ENGINE_REST;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineApiMountTest {

    @ParameterizedTest
    @CsvSource({
            "GET,    /engine-rest/task/abc/variables, READ",
            "HEAD,   /engine-rest/version, READ",
            "POST,   /engine-rest/task, QUERY",
            "POST,   /engine-rest/task/count, QUERY",
            "POST,   /engine-rest/history/process-instance/count, QUERY",
            "POST,   /engine-rest/engine/default/task, QUERY",
            "POST,   /engine-rest/deployment/create, DEPLOYMENT",
            "POST,   /engine-rest/engine/default/deployment/create, DEPLOYMENT",
            "POST,   /engine-rest/task/abc/complete, CHANGE",
            "POST,   /engine-rest/engine/default/task/abc/complete, CHANGE",
            "PUT,    /engine-rest/task, CHANGE",
            "DELETE, /engine-rest/deployment/abc, CHANGE",
            "OPTIONS, /engine-rest/task, CHANGE",
            "POST,   /engine-rest/task/, CHANGE",
            "POST,   /engine-rest/%74ask, CHANGE",
            "POST,   /engine-rest/history/user-operation, CHANGE",
            "POST,   /engine-rest/condition, CHANGE",
            "POST,   /engine-rest/filter/abc/list, CHANGE",
            "POST,   /engine-rest/some/future/endpoint, CHANGE",
            "POST,   /engine-rest, CHANGE"})
    void engineRest(String method, String path, EngineCall expected) {
        assertThat(ENGINE_REST.claims(path)).isTrue();
        assertThat(ENGINE_REST.classify(method, path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "GET,    /camunda/api/engine/engine, READ",
            "POST,   /camunda/api/engine/engine/default/process-instance, QUERY",
            "POST,   /camunda/api/engine/engine/default/history/task/count, QUERY",
            "POST,   /camunda/api/engine/engine/default/deployment/create, CHANGE",
            "POST,   /camunda/api/engine/task, CHANGE",
            "PUT,    /camunda/api/engine/engine/default/job/abc/retries, CHANGE"})
    void cockpitEngine(String method, String path, EngineCall expected) {
        assertThat(COCKPIT_ENGINE.claims(path)).isTrue();
        assertThat(COCKPIT_ENGINE.classify(method, path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "GET,    /camunda/api/cockpit/plugin/base/static/app/plugin.js, READ",
            "POST,   /camunda/api/cockpit/plugin/base/default/process-instance, QUERY",
            "POST,   /camunda/api/cockpit/plugin/base/default/incident/count, QUERY",
            "POST,   /camunda/api/cockpit/plugin/base/default/process-instance/abc/called-process-instances, QUERY",
            "POST,   /camunda/api/cockpit/plugin/base/default/process-definition/a:1:b/called-process-definitions, QUERY",
            "POST,   /camunda/api/cockpit/plugin/base/default/process-instance/abc/modify, CHANGE",
            "DELETE, /camunda/api/cockpit/plugin/base/default/process-instance, CHANGE"})
    void cockpitPlugins(String method, String path, EngineCall expected) {
        assertThat(COCKPIT_PLUGINS.claims(path)).isTrue();
        assertThat(COCKPIT_PLUGINS.classify(method, path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/camunda/app/cockpit/default/", "/camunda/api/admin/auth/user/default/logout", "/camunda/api/tasklist"})
    void cockpitPagesAndOtherApisAreNotTheGatesBusiness(String path) {
        assertThat(COCKPIT_ENGINE.claims(path)).isFalse();
        assertThat(COCKPIT_PLUGINS.claims(path)).isFalse();
    }
}
