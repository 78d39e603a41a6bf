package io.tollgate.engine.accountadmin;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.InvalidAccountException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.account.UnknownAccountException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over {@code /api/v1/accounts} (admins only, checked by {@link AccountAdministration}), and
 * {@code POST /api/v1/me/password} for anyone signed in to replace their own password. 400 says what is wrong with the
 * request, 403 who may, 404 names the unknown account, 409 refuses leaving Tollgate without an admin.
 */
@RestController
class AccountController {

    record Creation(String username, String displayName, String email, String password, List<String> roles) {
    }

    record Roles(List<String> roles) {
    }

    record PasswordReset(String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private final AccountAdministration administration;
    private final Accounts accounts;

    AccountController(AccountAdministration administration, Accounts accounts) {
        this.administration = administration;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/accounts")
    List<AccountView> list(Authentication user) {
        return administration.list(user.getName());
    }

    @GetMapping("/api/v1/accounts/{username}")
    AccountView get(@PathVariable String username, Authentication user) {
        return administration.get(user.getName(), username);
    }

    @PostMapping("/api/v1/accounts")
    ResponseEntity<AccountView> create(@RequestBody(required = false) Creation body, Authentication user) {
        administration.list(user.getName()); // refuse a non-admin before saying anything about the body
        if (body == null) {
            throw new InvalidAccountException("The request needs a JSON body: {\"username\", \"displayName\", "
                    + "\"email\", \"password\", \"roles\": [\"ENGINEER\", ...]}");
        }
        AccountView created = administration.create(user.getName(), new AccountAdministration.NewAccount(
                body.username(), body.displayName(), body.email(), body.password(), roles(body.roles())));
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.username())).body(created);
    }

    @PutMapping("/api/v1/accounts/{username}/roles")
    AccountView setRoles(@PathVariable String username, @RequestBody(required = false) Roles body,
                         Authentication user) {
        administration.get(user.getName(), username);
        if (body == null || body.roles() == null) {
            throw new InvalidAccountException("The request needs a JSON body: {\"roles\": [\"ENGINEER\", ...]}");
        }
        return administration.setRoles(user.getName(), username, roles(body.roles()));
    }

    @PostMapping("/api/v1/accounts/{username}/password")
    AccountView resetPassword(@PathVariable String username, @RequestBody(required = false) PasswordReset body,
                              Authentication user) {
        administration.get(user.getName(), username);
        if (body == null) {
            throw new InvalidAccountException("The request needs a JSON body: {\"password\": \"...\"}");
        }
        return administration.resetPassword(user.getName(), username, body.password());
    }

    @PostMapping("/api/v1/accounts/{username}/disable")
    AccountView disable(@PathVariable String username, Authentication user) {
        return administration.disable(user.getName(), username);
    }

    @PostMapping("/api/v1/accounts/{username}/enable")
    AccountView enable(@PathVariable String username, Authentication user) {
        return administration.enable(user.getName(), username);
    }

    @PostMapping("/api/v1/accounts/{username}/unlock")
    AccountView unlock(@PathVariable String username, Authentication user) {
        administration.unlock(user.getName(), username);
        return administration.get(user.getName(), username);
    }

    /** Anyone signed in replaces their own password (the one call allowed while a change is required). */
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changeOwnPassword(@RequestBody(required = false) PasswordChange body, Authentication user) {
        if (body == null) {
            throw new InvalidAccountException("The request needs a JSON body: {\"currentPassword\": \"...\", "
                    + "\"newPassword\": \"...\"}");
        }
        accounts.changeOwnPassword(user.getName(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** Role names as the API takes them: {@code DBA} or {@code dba}, {@code PROCESS_OWNER} or {@code process-owner}. */
    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            return roles;
        }
        for (String name : names) {
            Role role = name == null ? null : Arrays.stream(Role.values())
                    .filter(r -> r.name().equalsIgnoreCase(name.strip()) || r.groupId().equalsIgnoreCase(name.strip()))
                    .findFirst().orElse(null);
            if (role == null) {
                throw new InvalidAccountException("roles", "'" + name + "' is not a role; use one of "
                        + Arrays.toString(Role.values()));
            }
            roles.add(role);
        }
        return roles;
    }

    @ExceptionHandler(UnknownAccountException.class)
    ResponseEntity<ApiProblem> unknown(UnknownAccountException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(LastAdminException.class)
    ResponseEntity<ApiProblem> lastAdmin(LastAdminException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.CONFLICT);
    }

    @ExceptionHandler(InvalidAccountException.class)
    ResponseEntity<ApiProblem> invalid(InvalidAccountException e) {
        return new ApiProblem(null, null, e.getMessage(), e.field(), e.problems()).answer(HttpStatus.BAD_REQUEST);
    }
}
