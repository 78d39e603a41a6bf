package io.tollgate.engine.review;

/** The environment a script is meant for; rule levels and the risk level depend on it. */
public enum Environment {
    DEV, TEST, PROD
}
