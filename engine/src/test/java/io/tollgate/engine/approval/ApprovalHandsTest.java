package io.tollgate.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Whose hands held an account (ADR 0068): every admin who set its password, and theirs, followed to the end. */
class ApprovalHandsTest {

    @Test
    void anAccountIsInTheHandsOfWhoeverSetItsPasswordAndOfWhoeverSetTheirs() {
        ApprovalPolicy.Hands hands = new ApprovalPolicy.Hands(Map.of("sock", Set.of("admin2"), "admin2",
                Set.of("admin"), "reviewer", Set.of("admin")));

        assertThat(hands.holders("sock")).containsExactly("sock", "admin2", "admin");
        assertThat(hands.same("admin", "sock")).isTrue();
        assertThat(hands.same("sock", "admin")).as("either way round").isTrue();
        assertThat(hands.why("admin", "sock"))
                .isEqualTo("sock's password was set by admin2, whose password was set by admin");
        assertThat(hands.why("sock", "admin2")).isEqualTo("sock's password was set by admin2");
        assertThat(hands.same("engineer", "reviewer")).as("nobody set either's password but the person").isFalse();
        // two accounts the same admin set up are two people: the admin is neither of them
        assertThat(hands.same("reviewer", "sock")).isFalse();
        assertThat(hands.same(null, "sock")).isFalse();
    }

    /**
     * A helper's puppet admin reset its own password, and two puppets reset each other's: with one "set by" each, the
     * admin who created them fell out of the chain. Every keeper stays.
     */
    @Test
    void noLaterResetTakesAKeeperAway() {
        ApprovalPolicy.Hands selfReset = new ApprovalPolicy.Hands(Map.of("adm2", Set.of("admin", "adm2")));
        assertThat(selfReset.same("admin", "adm2")).isTrue();
        assertThat(selfReset.why("admin", "adm2")).isEqualTo("adm2's password was set by admin");

        ApprovalPolicy.Hands swapped = new ApprovalPolicy.Hands(Map.of("adm7", Set.of("admin", "adm8"),
                "adm8", Set.of("admin", "adm7")));
        assertThat(swapped.same("admin", "adm7")).isTrue();
        assertThat(swapped.same("adm8", "adm7")).isTrue();
        ApprovalPolicy.Hands loop = new ApprovalPolicy.Hands(Map.of("a", Set.of("b"), "b", Set.of("a"),
                "r", Set.of("a")));
        assertThat(loop.holders("r")).containsExactly("r", "a", "b");
        assertThat(loop.why("b", "r")).isEqualTo("r's password was set by a, whose password was set by b");
    }
}
