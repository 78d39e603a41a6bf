package io.tollgate.engine.account.internal;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SignInFailureRepository extends JpaRepository<SignInFailure, String> {

    @Modifying
    @Query("delete from SignInFailure f where f.username = :username")
    int deleteByUsername(String username);

    @Modifying
    @Query("delete from SignInFailure f where f.lastFailureAt < :before")
    int deleteOlderThan(Instant before);
}
