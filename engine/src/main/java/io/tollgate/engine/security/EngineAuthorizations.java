package io.tollgate.engine.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's groups and authorizations match Tollgate's roles, at every start (idempotent): process owners
 * deploy and manage definitions; auditors read definitions, instances, tasks, history and the operation log and
 * change nothing; admins are members of {@code camunda-admin}, which holds ALL on every resource. Nobody else holds any
 * engine grant.
 * Admin accounts are mirrored into Camunda's identity at start so that {@code camunda-admin} always has a direct member
 * (without one, Camunda's webapps send everybody to their first-run setup page).
 */
@Component
@Order(50) // after the demo accounts and the bootstrap admin exist
class EngineAuthorizations implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EngineAuthorizations.class);

    private record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
        Grant(Role role, Resource resource, String resourceId, List<Permission> permissions) {
            this(role.groupId(), resource, resourceId, permissions);
        }
    }

    static final String COCKPIT = "cockpit";

    private static final List<Grant> GRANTS = List.of(
            new Grant(Role.PROCESS_OWNER, Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)),
            new Grant(Role.PROCESS_OWNER, Resources.DEPLOYMENT, ANY, List.of(Permissions.ALL)),
            new Grant(Role.PROCESS_OWNER, Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.ALL)),
            new Grant(Role.PROCESS_OWNER, Resources.DECISION_DEFINITION, ANY, List.of(Permissions.ALL)),
            new Grant(Role.PROCESS_OWNER, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.ALL)),
            new Grant(Role.PROCESS_OWNER, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.READ)),
            new Grant(Role.PROCESS_OWNER, Resources.OPERATION_LOG_CATEGORY, ANY,
                    List.of(UserOperationLogCategoryPermissions.READ)),

            new Grant(Role.AUDITOR, Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)),
            new Grant(Role.AUDITOR, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)),
            new Grant(Role.AUDITOR, Resources.PROCESS_DEFINITION, ANY,
                    List.of(Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE, Permissions.READ_TASK)),
            new Grant(Role.AUDITOR, Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ, Permissions.READ_HISTORY)),
            new Grant(Role.AUDITOR, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ)),
            new Grant(Role.AUDITOR, Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.READ)),
            new Grant(Role.AUDITOR, Resources.TASK, ANY, List.of(Permissions.READ)),
            new Grant(Role.AUDITOR, Resources.HISTORIC_TASK, ANY, List.of(HistoricTaskPermissions.READ)),
            new Grant(Role.AUDITOR, Resources.HISTORIC_PROCESS_INSTANCE, ANY, List.of(HistoricProcessInstancePermissions.READ)),
            new Grant(Role.AUDITOR, Resources.OPERATION_LOG_CATEGORY, ANY, List.of(UserOperationLogCategoryPermissions.READ)));

    private final AuthorizationService authorizationService;
    private final IdentityService identityService;
    private final Accounts accounts;
    private final CamundaUserMirror userMirror;

    EngineAuthorizations(AuthorizationService authorizationService, IdentityService identityService, Accounts accounts,
                         CamundaUserMirror userMirror) {
        this.authorizationService = authorizationService;
        this.identityService = identityService;
        this.accounts = accounts;
        this.userMirror = userMirror;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Role role : Role.values()) {
            ensureGroup(role.groupId(), "Tollgate " + role.groupId());
        }
        ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators (Tollgate admins)");
        GRANTS.forEach(this::ensure);
        // Camunda 7.24 gives camunda-admin no implicit rights: like Camunda's own setup, grant it ALL on every resource
        for (Resources resource : Resources.values()) {
            ensure(new Grant(Groups.CAMUNDA_ADMIN, resource, ANY, List.of(Permissions.ALL)));
        }
        accounts.list().stream().filter(a -> a.enabled() && a.roles().contains(Role.ADMIN)).forEach(userMirror::mirror);
        log.info("Engine groups and authorizations match Tollgate's roles");
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
    }

    private void ensure(Grant grant) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .singleResult();
        boolean complete = authorization != null
                && grant.permissions().stream().allMatch(authorization::isPermissionGranted);
        if (complete) {
            return;
        }
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.groupId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        for (Permission permission : grant.permissions()) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
