package io.tollgate.engine.account.internal;

import java.util.List;
import java.util.Optional;

import io.tollgate.engine.account.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AccountRepository extends JpaRepository<Account, String> {

    @Query("select count(a) > 0 from Account a join a.grants g where g.role = :role and a.enabled = true and a.disabledByAdmin = false")
    boolean existsEnabledWithRole(Role role);

    List<Account> findAllByOrderByUsername();

    /**
     * The accounts whose name is this one whatever the case of its letters. Names are compared so in Tollgate's own
     * code, not left to the database's collation (case-sensitive on H2 and binary collations): a directory answers
     * "ALICE" with alice's entry, and that must never reach another account named alice.
     */
    @Query("select a from Account a where lower(a.username) = lower(:username)")
    List<Account> findAllByNameIgnoringCase(String username);

    /**
     * One account with its role grants in one statement. Declared here, so it runs in the caller's transaction if
     * there is one and otherwise in none (sign-in reads it on every REST request; a transaction would add three
     * round trips to the one select).
     */
    @Query("select a from Account a left join fetch a.grants where a.username = :username")
    Optional<Account> readWithGrants(String username);

    /**
     * The enabled accounts holding a role, their rows locked until the transaction ends: two admins who take each
     * other's admin role at once wait for (or deadlock on) each other instead of both succeeding.
     */
    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a join a.grants g where g.role = :role and a.enabled = true and a.disabledByAdmin = false")
    List<Account> lockEnabledWithRole(Role role);

    /** With their grants in the same statement: a role's holders were read one grant query each after the first. */
    @Query("select a from Account a left join fetch a.grants where a.username in (select b.username from Account b"
            + " join b.grants g where g.role = :role) and a.enabled = true and a.disabledByAdmin = false"
            + " order by a.username")
    List<Account> findEnabledWithRole(Role role);
}
