package io.tollgate.engine.account;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, String> {

    @Query("select count(a) > 0 from Account a join a.grants g where g.role = :role and a.enabled = true")
    boolean existsEnabledWithRole(Role role);

    List<Account> findAllByOrderByUsername();

    @Query("select distinct a from Account a join a.grants g where g.role = :role and a.enabled = true order by a.username")
    List<Account> findEnabledWithRole(Role role);
}
