package io.tollgate.engine.servicetree.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApproversTest {

    @Test
    void ownersBecomeCandidatesWithoutTheRequester() {
        Approvers approvers = Approvers.of(List.of("user:bob", "group:loki-web", "user:alice", "user:carol"), "alice");

        assertThat(approvers.users()).containsExactly("bob", "carol");
        assertThat(approvers.groups()).containsExactly("loki-web");
    }

    @Test
    void aChangeNobodyElseOwnsGoesToTheSreGroup() {
        Approvers approvers = Approvers.of(List.of("user:alice"), "alice");

        assertThat(approvers.users()).isEmpty();
        assertThat(approvers.groups()).containsExactly("sre");
    }
}
