package io.tollgate.engine.tasklist;

import java.util.List;

/**
 * To whom an open task is offered, for "waits for" lines: its candidate groups, and the enabled people who may take
 * it (the groups' members and people offered it by name), never the person whose request it approves.
 */
public record TaskOffer(List<String> groups, List<String> people) {

    public TaskOffer {
        groups = List.copyOf(groups);
        people = List.copyOf(people);
    }
}
