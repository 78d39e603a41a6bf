package io.tollgate.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Whose hands held an account (ADR 0068): the admins who set its password, and theirs, followed to the end. */
class ApprovalHandsTest {

    @Test
    void anAccountIsInTheHandsOfWhoeverSetItsPasswordAndOfWhoeverSetTheirs() {
        ApprovalPolicy.Hands hands = new ApprovalPolicy.Hands(Map.of("sock", "admin2", "admin2", "admin",
                "reviewer", "admin"));

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

    @Test
    void adminsWhoSetEachOthersPasswordsEndTheChain() {
        ApprovalPolicy.Hands hands = new ApprovalPolicy.Hands(Map.of("a", "b", "b", "a", "r", "a"));

        assertThat(hands.holders("r")).containsExactly("r", "a", "b");
        assertThat(hands.same("b", "r")).isTrue();
        assertThat(hands.why("b", "r")).isEqualTo("r's password was set by a, whose password was set by b");
    }
}
