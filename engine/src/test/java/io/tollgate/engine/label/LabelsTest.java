package io.tollgate.engine.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every constant people may see has words in every language, and no enum name comes out as a label. */
class LabelsTest {

    /** Names that are words people use as they are. */
    private static final Set<String> ACRONYMS = Set.of("DBA", "SRE", "IDC");

    static Stream<Class<? extends Enum<?>>> enums() {
        return Labels.ENUMS.stream();
    }

    @ParameterizedTest
    @MethodSource("enums")
    void everyConstantHasALabelInEveryLanguageThatIsNotItsName(Class<? extends Enum<?>> type) {
        for (String language : Labels.LANGUAGES) {
            Labels labels = Labels.in(language);
            for (Enum<?> constant : type.getEnumConstants()) {
                assertThat(labels.has(Labels.key(constant))).as(language + ": " + Labels.key(constant)).isTrue();
                String label = labels.of(constant);
                assertThat(label).as(language + ": " + Labels.key(constant)).isNotBlank().doesNotContain("_");
                if (!ACRONYMS.contains(constant.name())) {
                    assertThat(label).as(language + ": " + Labels.key(constant)).isNotEqualTo(constant.name());
                }
            }
        }
    }

    @Test
    void everyStatementAndTreeChangeKindHasALabelInEveryLanguage() {
        for (String language : Labels.LANGUAGES) {
            Labels labels = Labels.in(language);
            for (String kind : Labels.STATEMENT_KINDS) {
                assertThat(labels.has("statement." + kind)).as(language + " " + kind).isTrue();
                assertThat(labels.statementKind(kind)).doesNotContain("_").isNotEqualTo(kind);
            }
            for (String kind : Labels.TREE_CHANGE_KINDS) {
                assertThat(labels.has("treeChange." + kind)).as(language + " " + kind).isTrue();
                assertThat(labels.treeChangeKind(kind)).isNotEqualTo(kind);
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("labels/labels_zh.properties").stringPropertyNames())
                .isEqualTo(load("labels/labels.properties").stringPropertyNames());
    }

    @Test
    void readsLikeWordsInEnglishAndChinese() {
        Labels en = Labels.english();
        assertThat(en.of(TicketStatus.AWAITING_APPROVAL)).isEqualTo("Awaiting approval");
        assertThat(en.of(ExecutionMode.AFTER_APPROVAL)).isEqualTo("Right after approval");
        assertThat(en.of(TicketEvent.Type.REVIEW_PASSED)).isEqualTo("Review passed");
        assertThat(en.of(RiskLevel.class, "MODERATE")).isEqualTo("Moderate risk");
        assertThat(en.statementKind("ALTER_TABLE")).isEqualTo("Alter table");
        assertThat(en.treeChangeKind("setTrafficRatios")).isEqualTo("Set traffic ratios");
        assertThat(en.count(1, "statement")).isEqualTo("1 statement");
        assertThat(en.count(3, "statement")).isEqualTo("3 statements");
        Labels zh = Labels.in("zh-CN");
        assertThat(zh.of(TicketStatus.REJECTED)).isEqualTo("已驳回");
        assertThat(zh.statementKind("ALTER_TABLE")).isEqualTo("修改表");
        assertThat(Labels.in("fr").of(TicketStatus.REJECTED)).isEqualTo("Rejected");
    }

    @Test
    void anUnknownNameIsWordedNeverShownRaw() {
        Labels en = Labels.english();
        assertThat(en.statementKind("SHOW_TABLES")).isEqualTo("Show tables");
        assertThat(en.of(RiskLevel.class, "EXTREME")).isEqualTo("Extreme");
        assertThat(en.treeChangeKind("splitNode")).isEqualTo("Split node");
        assertThat(en.of((Enum<?>) null)).isEmpty();
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LabelsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
