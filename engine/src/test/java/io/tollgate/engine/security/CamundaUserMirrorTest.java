package io.tollgate.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import io.tollgate.engine.account.Accounts;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * Issue 16, found by {@code bench/tickets --nodes 2}: two nodes on one database serve a person's first requests at
 * the same moment, and both insert the person's copy in Camunda's identity tables. The node whose insert loses must
 * not answer 500: it reads the winner's rows and carries on.
 */
class CamundaUserMirrorTest {

    @Test
    void aNodeThatLosesTheRaceToMirrorAPersonReadsTheOtherNodesCopyAndCarriesOn() {
        IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
        Accounts accounts = mock(Accounts.class);
        when(accounts.find("eve")).thenReturn(Optional.empty());
        User mine = mock(User.class);
        User theOtherNodes = mock(User.class);
        when(identity.newUser("eve")).thenReturn(mine);
        // not there when this node looks; there once the other node's insert has won
        when(identity.createUserQuery().userId("eve").singleResult()).thenReturn(null, theOtherNodes);
        when(identity.createGroupQuery().groupMember("eve").list()).thenReturn(List.of());
        doThrow(new ProcessEnginePersistenceException("Duplicate entry 'eve-1-1-eve' for key 'ACT_UNIQ_AUTH_USER'",
                new RuntimeException())).doNothing().when(identity).saveUser(any());

        new CamundaUserMirror(identity, accounts).mirror(new UsernamePasswordAuthenticationToken("eve", null,
                List.of()));

        ArgumentCaptor<User> saved = ArgumentCaptor.forClass(User.class);
        verify(identity, times(2)).saveUser(saved.capture());
        assertThat(saved.getAllValues()).containsExactly(mine, theOtherNodes);
    }
}
