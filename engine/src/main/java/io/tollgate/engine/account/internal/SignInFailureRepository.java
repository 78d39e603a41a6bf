package io.tollgate.engine.account.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SignInFailureRepository extends JpaRepository<SignInFailure, String> {

    /** Until when the key waits, in one statement and no transaction of its own (checked on every sign-in). */
    @Query("select f.blockedUntil from SignInFailure f where f.key = :key")
    Optional<Instant> blockedUntil(String key);

    @Modifying
    @Query("delete from SignInFailure f where f.username = :username")
    int deleteByUsername(String username);

    @Modifying
    @Query("delete from SignInFailure f where f.lastFailureAt < :before")
    int deleteOlderThan(Instant before);
}
