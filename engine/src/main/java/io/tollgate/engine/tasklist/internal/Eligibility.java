package io.tollgate.engine.tasklist.internal;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.task.Task;

/**
 * Why a person may not decide an approval task of a request, or empty when they may (or the task is no approval of
 * Tollgate's): the feature's answer, so that the tasklist offers, lets claim and hands on an approval only as the
 * decision would allow.
 */
@FunctionalInterface
interface Eligibility {

    Optional<String> whyNot(String processKey, String businessKey, Task task, String person);

    /** An approval task of a request, as listed. */
    record Listed(String processKey, String businessKey, Task task) {
    }

    /**
     * {@link #whyNot} for several tasks and one person, in the order given: a list's, where each feature may read its
     * rows once for all of its tasks.
     */
    default List<Optional<String>> whyNotEach(List<Listed> tasks, String person) {
        return tasks.stream().map(t -> whyNot(t.processKey(), t.businessKey(), t.task(), person)).toList();
    }
}
