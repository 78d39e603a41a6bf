package io.tollgate.engine.account;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, String> {

    @Query("select count(a) > 0 from Account a join a.grants g where g.role = :role and a.enabled = true and a.disabledByAdmin = false")
    boolean existsEnabledWithRole(Role role);

    List<Account> findAllByOrderByUsername();

    /**
     * The enabled accounts holding a role, their rows locked until the transaction ends: two admins who take each
     * other's admin role at once wait for (or deadlock on) each other instead of both succeeding.
     */
    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a join a.grants g where g.role = :role and a.enabled = true and a.disabledByAdmin = false")
    List<Account> lockEnabledWithRole(Role role);

    @Query("select distinct a from Account a join a.grants g where g.role = :role and a.enabled = true and a.disabledByAdmin = false order by a.username")
    List<Account> findEnabledWithRole(Role role);
}
