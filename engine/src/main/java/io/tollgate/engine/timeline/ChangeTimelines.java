package io.tollgate.engine.timeline;

import java.util.List;

/** Service-tree changes' timelines, as the change's page reads them ({@link Timelines} is the one implementation). */
public interface ChangeTimelines {

    /** Whether the person may read changes' timelines (as they may read the changes, or all history). */
    boolean mayReadChanges(String reader);

    /** The change's timeline, oldest first; {@code NotFoundException} for a change that does not exist. */
    List<TimelineStep> ofChange(String reader, String changeId);
}
