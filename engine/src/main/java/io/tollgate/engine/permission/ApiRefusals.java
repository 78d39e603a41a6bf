package io.tollgate.engine.permission;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.approval.ApprovalRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of a permission or an approval, from any {@code /api/v1} controller: 403 with the reason. */
@RestControllerAdvice
class ApiRefusals {

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<ApiProblem> denied(PermissionDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiProblem.of(e.getMessage()));
    }

    @ExceptionHandler(ApprovalRefusedException.class)
    ResponseEntity<ApiProblem> refused(ApprovalRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiProblem.of(e.getMessage()));
    }
}
