package io.tollgate.engine.review;

/** A ticket's risk, from its statement kinds, environment and row estimates; approval routing reads it. */
public enum RiskLevel {
    LOW, MODERATE, HIGH
}
