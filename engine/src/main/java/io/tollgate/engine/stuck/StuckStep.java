package io.tollgate.engine.stuck;

/**
 * A step of a Tollgate process that ran out of retries: the process's key and business key (the ticket or change),
 * the step's id and name as the model gives them, and why its last try failed.
 */
public record StuckStep(String processKey, String businessKey, String stepId, String stepName, String reason) {

    /** The step's name, or its id when the model gives it none ("a step" when it has neither). */
    public String label() {
        return stepName != null && !stepName.isBlank() ? stepName : stepId != null ? stepId : "a step";
    }
}
