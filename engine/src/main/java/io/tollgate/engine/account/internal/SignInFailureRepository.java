package io.tollgate.engine.account.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SignInFailureRepository extends JpaRepository<SignInFailure, String> {

    /**
     * Until when the key waits, in one statement and no transaction of its own (checked on every sign-in). A list:
     * the usual answer is no row, which a single-valued query answers by throwing (and catching) an exception.
     * Hibernate reads the time as it wrote it, whatever the JVM's time zone (a plain JDBC read would not).
     */
    @Query("select f.blockedUntil from SignInFailure f where f.key = :key")
    List<Instant> blockedUntil(String key);

    @Modifying
    @Query("delete from SignInFailure f where f.username = :username")
    int deleteByUsername(String username);

    @Modifying
    @Query("delete from SignInFailure f where f.lastFailureAt < :before")
    int deleteOlderThan(Instant before);
}
