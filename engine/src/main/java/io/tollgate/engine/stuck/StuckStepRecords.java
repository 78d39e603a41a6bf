package io.tollgate.engine.stuck;

/**
 * What a feature records when a step of its process gets stuck or moves again: implemented by the feature whose
 * process has the key {@link #processKey()}; called in the transaction that creates or resolves the incident.
 */
public interface StuckStepRecords {

    /** The key of the process whose steps this records. */
    String processKey();

    /** The step ran out of retries: the ticket or change shows it and whoever may retry it is told. */
    void stuck(StuckStep step);

    /** Someone retried the step ({@code actor}: from Tollgate, or Camunda's Cockpit): it runs again. */
    void retried(StuckStep step, String actor);

    /**
     * The stuck job is gone without a retry (the ticket was withdrawn, its process deleted): the ticket or change
     * stops showing it.
     */
    void gone(StuckStep step);
}
