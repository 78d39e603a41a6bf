package io.tollgate.engine.security;

/** What a request to a mount of Camunda's REST API does, as far as the allow-list knows. */
enum EngineCall {
    /** GET or HEAD: reads, and engine authorization decides what. */
    READ,
    /** A POST that Camunda defines as a query with a JSON body (the same as a GET with parameters). */
    QUERY,
    /** {@code POST /deployment/create}, as Camunda Modeler deploys. */
    DEPLOYMENT,
    /** Anything else: it changes the engine, or the allow-list does not know it. */
    CHANGE
}
