package io.tollgate.engine.audit.internal;

import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins to the UI and every failed sign-in (UI or API) go to the trail. A successful HTTP Basic request is not a
 * sign-in (it happens on every API call) and is not recorded.
 */
@Component
class SignInAudit {

    private final AuditTrail trail;

    SignInAudit(AuditTrail trail) {
        this.trail = trail;
    }

    private static String source(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        String who = event.getAuthentication().getName();
        trail.record(new AuditEvent("sign-in", who, "account", who, who + " signed in", Map.of()),
                source(event.getAuthentication()));
    }

    /** One's own password changed: in the trail like an admin's reset of it (it was missing). */
    @EventListener
    void passwordChanged(io.tollgate.engine.account.Accounts.OwnPasswordChanged event) {
        trail.record(new AuditEvent("account.password-changed", event.username(), "account", event.username(),
                event.username() + " changed their own password", Map.of()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String typed = event.getAuthentication() == null ? "(unknown)"
                : String.valueOf(event.getAuthentication().getName());
        // what someone typed on the sign-in page, as the trail's columns hold it: no account's name is over 100
        String who = typed.length() <= 100 ? typed : typed.substring(0, 100) + "… (" + typed.length() + " characters)";
        trail.record(new AuditEvent("sign-in.failed", who, "account", who, "failed sign-in as " + who + ": "
                + event.getException().getMessage(), Map.of("reason", event.getException().getClass().getSimpleName())),
                source(event.getAuthentication()));
    }
}
