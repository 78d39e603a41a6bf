package io.tollgate.engine.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tollgate.processes.ApprovalSteps;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.junit.jupiter.api.Test;

/** The guard decided about every bean and approval step the constants holders name, and about nothing else. */
class TollgateCodeTest {

    @Test
    void everyBeanOfTheConstantsHoldersIsClassified() {
        Set<String> named = Stream.concat(constants(SqlTicketProcess.Beans.class),
                constants(ServiceTreeChangeProcess.Beans.class)).collect(Collectors.toSet());

        assertThat(TollgateCode.BEANS.keySet()).isEqualTo(named);
    }

    @Test
    void everyApprovalStepIsKnownWithItsListeners() {
        Set<String> steps = constants(ApprovalSteps.class).filter(v -> !ApprovalSteps.PROPERTY.equals(v))
                .collect(Collectors.toSet());

        assertThat(Arrays.stream(TollgateCode.Step.values()).map(step -> step.value)).containsExactlyInAnyOrderElementsOf(steps);
        assertThat(TollgateCode.Step.values()).allSatisfy(step -> {
            assertThat(TollgateCode.BEANS).containsKey(step.createListener).containsKey(step.completeListener);
        });
    }

    @Test
    void whatExecutesOrAppliesNeedsItsApproval() {
        assertThat(TollgateCode.BEANS.get(SqlTicketProcess.Beans.EXECUTE_TICKET).needs())
                .containsExactly(TollgateCode.Step.REVIEWER);
        assertThat(TollgateCode.BEANS.get(ServiceTreeChangeProcess.Beans.APPLY_CHANGE).needs())
                .containsExactly(TollgateCode.Step.OWNER);
        assertThat(TollgateCode.BEANS.values().stream().filter(bean -> !bean.needs().isEmpty()))
                .allSatisfy(bean -> assertThat(bean.reachesOutside()).isTrue());
    }

    private static Stream<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TollgateCodeTest::value);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
