package io.tollgate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import io.tollgate.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

class StatusWaitTest {

    enum Light { RED, AMBER, GREEN }

    @Test
    void takesOneStatusOrSeveralSeparatedByCommasInAnyCase() {
        assertThat(StatusWait.parse(Light.class, "red", null))
                .isEqualTo(new StatusWait<>(Set.of(Light.RED), Duration.ofSeconds(30)));
        assertThat(StatusWait.parse(Light.class, " RED, amber ,", "5"))
                .isEqualTo(new StatusWait<>(Set.of(Light.RED, Light.AMBER), Duration.ofSeconds(5)));
    }

    @Test
    void refusesAnUnknownStatusOrNoneNamingTheParameter() {
        for (String bad : new String[] {"BLUE", "RED,BLUE", ",", "", " ", null}) {
            assertThatThrownBy(() -> StatusWait.parse(Light.class, bad, "1")).as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("waitWhileStatus must be one of [RED, AMBER, GREEN]")
                    .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("waitWhileStatus"));
        }
    }

    @Test
    void theWaitIsWholeSecondsFromZeroToSixty() {
        assertThat(StatusWait.parse(Light.class, "RED", "0").timeout()).isEqualTo(Duration.ZERO);
        assertThat(StatusWait.parse(Light.class, "RED", "60").timeout()).isEqualTo(Duration.ofSeconds(60));
        for (String bad : new String[] {"61", "-1", "1.5", "soon"}) {
            assertThatThrownBy(() -> StatusWait.parse(Light.class, "RED", bad)).as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("wait must be a whole number of seconds from 0 to 60");
        }
    }
}
