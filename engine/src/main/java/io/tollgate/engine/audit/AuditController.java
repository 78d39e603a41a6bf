package io.tollgate.engine.audit;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: the newest entries, and the chain's verification, for those who read history. */
@RestController
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit")
    List<AuditEntry> newest(@RequestParam(required = false) Integer limit, Authentication user) {
        return trail.newest(user.getName(), limit == null ? 100 : limit);
    }

    @GetMapping("/api/v1/audit/verification")
    AuditVerification verify(Authentication user) {
        return trail.verify(user.getName());
    }
}
