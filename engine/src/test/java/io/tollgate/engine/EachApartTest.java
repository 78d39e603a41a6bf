package io.tollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class EachApartTest {

    @Test
    void oneRequestsFailureRollsBackItsOwnTransactionOnlyAndTheOthersGoOn() {
        List<String> ends = new ArrayList<>();
        TransactionTemplate tx = new TransactionTemplate(new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                return new SimpleTransactionStatus();
            }

            @Override
            public void commit(TransactionStatus status) {
                ends.add("commit");
            }

            @Override
            public void rollback(TransactionStatus status) {
                ends.add("rollback");
            }
        });
        List<String> seen = new ArrayList<>();

        int done = EachApart.count(List.of("T-1", "T-2", "T-3", "T-4"), tx, id -> {
            seen.add(id);
            if (id.equals("T-2")) {
                throw new IllegalStateException("the engine refused");
            }
            return !id.equals("T-3");
        }, LoggerFactory.getLogger(EachApartTest.class), "restart {}");

        assertThat(seen).containsExactly("T-1", "T-2", "T-3", "T-4");
        assertThat(done).isEqualTo(2);
        assertThat(ends).containsExactly("commit", "rollback", "commit", "commit");
    }
}
