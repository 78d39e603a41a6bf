package io.tollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessVariableTest {

    @Test
    void aBoundedStringIsCutToItsLengthWhenItIsSet() {
        ProcessVariable<String> comment = ProcessVariable.stringVariable("comment", 10);

        Map<String, Object> variables = comment.into(new HashMap<>(), "x".repeat(5000));

        assertThat((String) variables.get("comment")).hasSize(10).endsWith("…");
        assertThat(comment.into(new HashMap<>(), "short").get("comment")).isEqualTo("short");
        assertThat(comment.into(new HashMap<>(), null).get("comment")).isNull();
    }

    @Test
    void noBoundIsLongerThanCamundaKeeps() {
        assertThatThrownBy(() -> ProcessVariable.stringVariable("plan", ProcessVariable.MAX_STRING_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
