package io.tollgate.engine.permission;

/** The person's roles (or their relation to the ticket) do not allow what they asked for: 403 with the reason. */
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String message) {
        super(message);
    }
}
