package io.tollgate.engine.tasklist.internal;

import java.util.Collection;
import java.util.Map;

/** Who asked for each instance of a process, by business key: the approval policy's answer, never a variable. */
@FunctionalInterface
interface Requesters {

    Map<String, String> of(String processKey, Collection<String> businessKeys);
}
