package io.tollgate.engine.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.tollgate.engine.account.Role;
import org.junit.jupiter.api.Test;

/** docs/architecture.md shows the permission matrix exactly as {@link Permission} has it. */
class PermissionMatrixDocTest {

    static String table() {
        StringBuilder table = new StringBuilder("| may | ")
                .append(Arrays.stream(Role.values()).map(r -> "`" + r.groupId() + "`").collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---|".repeat(Role.values().length)).append('\n');
        for (Permission p : Permission.values()) {
            table.append("| ").append(p.label()).append(" | ");
            table.append(Arrays.stream(Role.values()).map(r -> p.roles().contains(r) ? "✓" : "")
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void theArchitecturePageShowsTheMatrixAsTheCodeHasIt() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "architecture.md"));
        assertThat(page).as("docs/architecture.md should contain:\n" + table()).contains(table());
    }

    @Test
    void everyRoleMayDoSomethingAndEveryPermissionHasARole() {
        for (Role role : Role.values()) {
            assertThat(Arrays.stream(Permission.values()).anyMatch(p -> p.roles().contains(role))).as(role.name())
                    .isTrue();
        }
        assertThat(Permission.SUBMIT_TICKET.allows(java.util.Set.of(Role.SRE))).isFalse();
        assertThat(Permission.READ_BEFORE_IMAGES.allows(java.util.Set.of(Role.ENGINEER))).isFalse();
        assertThat(Permission.READ_TICKETS.allows(java.util.Set.of(Role.PROCESS_OWNER, Role.SRE))).isFalse();
    }
}
