package io.tollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeNameTest {

    @Test
    void aNodeIsNamedByItsHostAndPid() {
        assertThat(NodeName.name()).endsWith("/" + ProcessHandle.current().pid());
    }

    @Test
    void aLockOwnerOfThisHostWhoseProcessEndedIsGone() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String host = NodeName.name().substring(0, NodeName.name().lastIndexOf('/'));

        assertThat(NodeName.goneFromThisHost(host + "/" + ended.pid())).isTrue();
    }

    @Test
    void aLiveProcessAnotherHostOrAnotherNamingIsNeverTakenForGone() {
        String host = NodeName.name().substring(0, NodeName.name().lastIndexOf('/'));

        assertThat(NodeName.goneFromThisHost(NodeName.name())).isFalse();
        assertThat(NodeName.goneFromThisHost(host + "/" + ProcessHandle.current().parent().orElseThrow().pid()))
                .isFalse();
        assertThat(NodeName.goneFromThisHost("another-host-" + host + "/999999999")).isFalse();
        assertThat(NodeName.goneFromThisHost("0b5e1e7c-3f1a-4f7a-9a51-6b9f0f7f1c2d")).isFalse();
        assertThat(NodeName.goneFromThisHost(host + "/not-a-pid")).isFalse();
        assertThat(NodeName.goneFromThisHost(null)).isFalse();
    }
}
