package io.tollgate.engine.approval;

import java.util.List;

/** Whether the recorded decisions satisfy every required approval, and if not, what is missing. */
public record ApprovalVerdict(List<String> missing) {

    public ApprovalVerdict {
        missing = List.copyOf(missing);
    }

    public boolean approved() {
        return missing.isEmpty();
    }
}
