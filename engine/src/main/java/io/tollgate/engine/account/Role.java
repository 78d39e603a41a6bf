package io.tollgate.engine.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a person does in Tollgate. Each role is a Spring Security authority ({@code ROLE_ENGINEER}) and a Camunda group
 * ({@code engineer}) so that user tasks can name it in {@code candidateGroups}.
 */
public enum Role {
    ENGINEER("engineer"),
    REVIEWER("reviewer"),
    DBA("dba"),
    SRE("sre"),
    PROCESS_OWNER("process-owner"),
    AUDITOR("auditor"),
    ADMIN("admin");

    /** The role names as compile-time constants, for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String ENGINEER = "ENGINEER";
        public static final String REVIEWER = "REVIEWER";
        public static final String DBA = "DBA";
        public static final String SRE = "SRE";
        public static final String PROCESS_OWNER = "PROCESS_OWNER";
        public static final String AUDITOR = "AUDITOR";
        public static final String ADMIN = "ADMIN";

        private Names() {
        }
    }

    /** Spring Security's prefix for role authorities. */
    public static final String AUTHORITY_PREFIX = "ROLE_";

    private final String groupId;

    Role(String groupId) {
        this.groupId = groupId;
    }

    /** The Camunda group id, as used in {@code candidateGroups}. */
    public String groupId() {
        return groupId;
    }

    /** The Spring Security authority, e.g. {@code ROLE_ENGINEER}. */
    public String authority() {
        return AUTHORITY_PREFIX + name();
    }

    public static Optional<Role> fromAuthority(String authority) {
        return Arrays.stream(values()).filter(r -> r.authority().equals(authority)).findFirst();
    }

    /**
     * The Camunda group ids of the roles among {@code authorities} (Spring Security's authority names): the groups a
     * signed-in person's tasks are offered through. Other authorities are left out.
     */
    public static List<String> groupIdsOf(Collection<String> authorities) {
        return authorities.stream().map(Role::fromAuthority).flatMap(Optional::stream).map(Role::groupId).toList();
    }

    public static Optional<Role> fromGroupId(String groupId) {
        return Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }
}
