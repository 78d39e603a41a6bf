package io.tollgate.engine.tasklist.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.springframework.stereotype.Component;

/** {@link People} from Tollgate's accounts: a person's groups are their roles' groups, as at sign-in. */
@Component
class AccountPeople implements People {

    private final Accounts accounts;

    AccountPeople(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<List<String>> groupsOf(String username) {
        return accounts.find(username).filter(AccountView::enabled)
                .map(a -> a.roles().stream().map(Role::groupId).toList());
    }

    @Override
    public List<String> membersOf(Collection<String> groups) {
        TreeSet<String> members = new TreeSet<>();
        for (String group : groups) {
            Role.fromGroupId(group).ifPresent(role -> accounts.enabledWithRole(role).stream()
                    .map(AccountView::username).forEach(members::add));
        }
        return List.copyOf(members);
    }
}
