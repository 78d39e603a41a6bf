package io.tollgate.engine.joblock;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/** Which failures of a look for dead nodes are a race lost to another node (logged quietly) and which are not. */
class HeldJobsTest {

    @Test
    void aRaceWithAnotherNodeIsToldFromAnOutage() {
        assertThat(HeldJobs.lostRace(new OptimisticLockingException("job changed"))).isTrue();
        assertThat(HeldJobs.lostRace(new ObjectOptimisticLockingFailureException("TicketEntry", "T-1"))).isTrue();
        assertThat(HeldJobs.lostRace(new CannotAcquireLockException("deadlock"))).isTrue();
        // an operator must see these: the run or apply stays unresumed while they last
        assertThat(HeldJobs.lostRace(new DataAccessResourceFailureException("target unreachable"))).isFalse();
        assertThat(HeldJobs.lostRace(new IllegalStateException("ZooKeeper connection lost"))).isFalse();
    }
}
