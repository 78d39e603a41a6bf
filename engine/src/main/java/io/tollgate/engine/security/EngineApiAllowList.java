package io.tollgate.engine.security;

import java.util.List;

/**
 * What Camunda's REST API allows beyond reading (GET and HEAD), on each of its mounts. Checked against the resources
 * of Camunda 7.24's {@code engine-rest} and webapps: the queries are every POST that Camunda defines as a query with a
 * JSON body; nothing else is there, so a new Camunda endpoint stays closed until it is listed here. See ADR 0010.
 */
final class EngineApiAllowList {

    /** Camunda's POST queries; the same resources on {@code /engine-rest} and on Cockpit's mount. */
    static final List<String> ENGINE_QUERIES = List.of(
            "/task", "/task/count",
            "/process-instance", "/process-instance/count",
            "/execution", "/execution/count",
            "/variable-instance", "/variable-instance/count",
            "/job", "/job/count",
            "/job-definition", "/job-definition/count",
            "/external-task", "/external-task/count",
            "/case-instance", "/case-instance/count",
            "/case-execution", "/case-execution/count",
            "/group", "/group/count",
            "/schema/log",
            "/history/activity-instance", "/history/activity-instance/count",
            "/history/case-instance", "/history/case-instance/count",
            "/history/detail",
            "/history/external-task-log", "/history/external-task-log/count",
            "/history/job-log", "/history/job-log/count",
            "/history/process-instance", "/history/process-instance/count",
            "/history/task", "/history/task/count",
            "/history/variable-instance", "/history/variable-instance/count");

    /** The POST queries of Cockpit's own plugin API ({@code /camunda/api/cockpit/plugin/base/{engine}}). */
    static final List<String> COCKPIT_PLUGIN_QUERIES = List.of(
            "/process-instance", "/process-instance/count",
            "/incident", "/incident/count",
            "/process-definition/*/called-process-definitions",
            "/process-instance/*/called-process-instances");

    /** Where Camunda Modeler deploys. */
    static final String DEPLOYMENT_CREATE = "/deployment/create";

    static final String ENGINE_REST_PREFIX = "/engine-rest";
    /** A named engine's resources on {@code /engine-rest} are below this (a Spring path pattern). */
    static final String NAMED_ENGINE = "/engine/*";
    static final String COCKPIT_ENGINE_PREFIX = "/camunda/api/engine/";
    static final String COCKPIT_PLUGIN_PREFIX = "/camunda/api/cockpit/";

    /** {@code /engine-rest}, for Camunda Modeler and scripts: reads, queries and deployments; changes for nobody. */
    static final EngineApiMount ENGINE_REST = EngineApiMount.of("Camunda's REST API", ENGINE_REST_PREFIX,
            // the default engine's resources, or a named engine's below /engine/{name}
            "/engine-rest(?:/engine/[^/]+)?", ENGINE_QUERIES, List.of(DEPLOYMENT_CREATE), false);

    /** Cockpit's mount of the same API: reads and queries for its users; its actions (changes) for admins. */
    static final EngineApiMount COCKPIT_ENGINE = EngineApiMount.of("Cockpit's engine API", COCKPIT_ENGINE_PREFIX,
            "/camunda/api/engine/engine/[^/]+", ENGINE_QUERIES, List.of(), true);

    /** Cockpit's plugin API: reads and queries for its users; anything else for admins. */
    static final EngineApiMount COCKPIT_PLUGINS = EngineApiMount.of("Cockpit's plugin API", COCKPIT_PLUGIN_PREFIX,
            "/camunda/api/cockpit/plugin/[^/]+/[^/]+", COCKPIT_PLUGIN_QUERIES, List.of(), true);

    private EngineApiAllowList() {
    }
}
