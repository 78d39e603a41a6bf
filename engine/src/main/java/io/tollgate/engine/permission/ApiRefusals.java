package io.tollgate.engine.permission;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.approval.ApprovalRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of a permission or an approval, from any {@code /api/v1} controller: 403 with the reason, and an
 * {@link ApiRequestRefused} event for the audit trail (refused attempts are evidence too).
 */
@RestControllerAdvice
class ApiRefusals {

    private final ApplicationEventPublisher events;

    ApiRefusals(ApplicationEventPublisher events) {
        this.events = events;
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<ApiProblem> denied(PermissionDeniedException e, HttpServletRequest request) {
        publish(request, e.getMessage(), false);
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(ApprovalRefusedException.class)
    ResponseEntity<ApiProblem> refused(ApprovalRefusedException e, HttpServletRequest request) {
        publish(request, e.getMessage(), true);
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.FORBIDDEN);
    }

    /** Who asked is the request's own principal, as the security chain that signed it in set it. */
    private void publish(HttpServletRequest request, String reason, boolean approval) {
        java.security.Principal user = request.getUserPrincipal();
        events.publishEvent(new ApiRequestRefused(user == null ? null : user.getName(), request.getMethod(),
                request.getRequestURI(), reason, request.getRemoteAddr(), approval));
    }
}
