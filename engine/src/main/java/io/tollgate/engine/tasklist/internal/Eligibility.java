package io.tollgate.engine.tasklist.internal;

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
}
