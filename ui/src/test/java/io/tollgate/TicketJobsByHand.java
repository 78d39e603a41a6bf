package io.tollgate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with Camunda's job executor off, so that each test runs a ticket's review, execute and
 * rollback jobs itself (and can run one twice), on a random port with a fresh data folder and without the sandbox
 * MariaDB (these tests bring their own target databases). {@link TicketGateIT} and {@link SqlTicketIT} share this one
 * context, started once for both: TicketGateIT runs first ({@code @Order(1)}) and leaves it open, SqlTicketIT runs
 * right after it ({@code @Order(2)}) and closes it ({@code @DirtiesContext}) before any other context starts, as
 * Camunda keeps one engine named 'default' per JVM. Run TicketGateIT alone or together with SqlTicketIT.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "tollgate.sandbox.enabled=false",
        // the long poll's safety-net sweep (10 s by default) at 1 s, so that a change nobody signals ends a wait soon
        "tollgate.cluster.safety-sweep=1s",
        // a run waits this long for another run of the same ticket, or another ticket on the database
        "tollgate.tickets.lock-wait=2s",
        // a ticket whose process an admin ended after its run started is found within a second or two
        "tollgate.tickets.stranded-check=1s",
        // tables from 2,000 rows up alter through pt-online-schema-change, slowly enough to watch and abort
        "tollgate.tickets.online-alter-min-rows=2000",
        "tollgate.tickets.online-schema-change-options=--chunk-size,100,--chunk-time,0,--sleep,0.05"})
@ContextConfiguration(initializers = FreshDataDir.class)
public @interface TicketJobsByHand {
}
