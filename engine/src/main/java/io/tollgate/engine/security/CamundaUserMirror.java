package io.tollgate.engine.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Keeps a copy of each signed-in person in Camunda's identity tables (user and group memberships), because Camunda's
 * webapps and group-based task queries look people up there. Tollgate stays the source of truth: the copy's password is
 * random and Camunda's own login endpoint is closed, so the copy can never be used to sign in.
 */
@Component
class CamundaUserMirror {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final Accounts accounts;
    /** The groups last mirrored per user in this JVM, so a stateless API call does not rewrite the same rows. */
    private final Map<String, Set<String>> mirrored = new ConcurrentHashMap<>();

    CamundaUserMirror(IdentityService identityService, Accounts accounts) {
        this.identityService = identityService;
        this.accounts = accounts;
    }

    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        mirror(event.getAuthentication());
    }

    void mirror(Authentication authentication) {
        mirror(authentication.getName(), new HashSet<>(CamundaIdentity.groupsOf(authentication)));
    }

    /** Mirrors an account with these roles (used at start-up for admins, whom Camunda's webapps must find). */
    void mirror(AccountView account) {
        mirror(account.username(), new HashSet<>(CamundaIdentity.groupsOf(account.roles())));
    }

    private void mirror(String username, Set<String> groups) {
        if (groups.equals(mirrored.get(username))) {
            return;
        }
        synchronized (this) {
            try {
                mirrorNow(username, groups);
            } catch (ProcessEngineException raced) {
                // several nodes on one database: another node mirrored the same person at the same moment (its
                // insert of the user, authorization or membership won); read what it wrote and carry on from there
                mirrorNow(username, groups);
            }
        }
    }

    private void mirrorNow(String username, Set<String> groups) {
        User user = identityService.createUserQuery().userId(username).singleResult();
        if (user == null) {
            user = identityService.newUser(username);
            user.setPassword(randomPassword());
        }
        AccountView account = accounts.find(username).orElse(null);
        user.setFirstName(account != null ? account.displayName() : username);
        user.setLastName("");
        user.setEmail(account != null ? account.email() : null);
        identityService.saveUser(user);

        List<Group> current = identityService.createGroupQuery().groupMember(username).list();
        Set<String> currentIds = new HashSet<>();
        for (Group group : current) {
            currentIds.add(group.getId());
            if (!groups.contains(group.getId())) {
                identityService.deleteMembership(username, group.getId());
            }
        }
        for (String groupId : groups) {
            if (!currentIds.contains(groupId)
                    && identityService.createGroupQuery().groupId(groupId).singleResult() != null) {
                identityService.createMembership(username, groupId);
            }
        }
        mirrored.put(username, groups);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
