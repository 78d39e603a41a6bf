package io.tollgate.engine.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.tollgate.engine.mail.MailKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind renders in every language (a missing template would fail the caller's step), and parameters are escaped. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    private static Map<String, Object> parametersOf(MailKind kind) {
        Map<String, Object> parameters = new HashMap<>();
        kind.parameters().forEach(p -> parameters.put(p, "<" + p + "&>"));
        return parameters;
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void everyKindRendersInEveryLanguageWithEveryParameterUsedAndEscaped(MailKind kind) {
        for (String language : MailTemplates.LANGUAGES) {
            RenderedMail mail = templates.render(kind, language, "Ann", parametersOf(kind), "https://t.example/x?a=1&b=2");

            assertThat(mail.subject()).startsWith("[Tollgate] ").doesNotContain("{");
            assertThat(mail.text()).doesNotContain("{").contains("Ann").contains("https://t.example/x?a=1&b=2");
            for (String parameter : kind.parameters()) {
                String raw = "<" + parameter + "&>";
                assertThat(mail.subject() + mail.text()).as(kind + " " + language + " uses " + parameter).contains(raw);
                assertThat(mail.html()).contains("&lt;" + parameter + "&amp;&gt;").doesNotContain(raw);
            }
            assertThat(mail.html()).contains("href=\"https://t.example/x?a=1&amp;b=2\"")
                    .contains("<html lang=\"" + language + "\"");
        }
    }

    @Test
    void unknownLanguagesFallBackToEnglishAndRegionsToTheirLanguage() {
        assertThat(MailTemplates.language("zh-CN")).isEqualTo("zh");
        assertThat(MailTemplates.language("zh_TW")).isEqualTo("zh");
        assertThat(MailTemplates.language("de")).isEqualTo("en");
        assertThat(MailTemplates.language(null)).isEqualTo("en");
        assertThat(templates.render(MailKind.TICKET_EXECUTED, "fr", "Ann", Map.of("ticketId", "T-1"), null).subject())
                .isEqualTo("[Tollgate] Ticket T-1 executed: ");
    }

    @Test
    void aSubjectIsOneLineWhateverItsParametersHold() {
        // a title with a line break, written before titles were checked
        RenderedMail mail = templates.render(MailKind.TICKET_APPROVED, "en", "Ann",
                Map.of("ticketId", "T-1", "actor", "rita", "title", "fix\r\nBcc: evil@example.org\tnow"), null);
        assertThat(mail.subject()).isEqualTo("[Tollgate] Ticket T-1 approved: fix  Bcc: evil@example.org now")
                .doesNotContain("\r", "\n", "\t");
    }

    @Test
    void aMailWithoutLinkHasNoLinkLine() {
        RenderedMail mail = templates.render(MailKind.TICKET_EXECUTED, "en", "Ann", Map.of("ticketId", "T-1"), null);
        assertThat(mail.text()).doesNotContain("Open in Tollgate");
        assertThat(mail.html()).doesNotContain("<a ");
    }
}
