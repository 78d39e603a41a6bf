package io.tollgate.engine.mail.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tollgate.engine.mail.MailKind;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a kind's template from {@code mail/templates[_zh].properties}: {@code <KIND>.subject} and
 * {@code <KIND>.body} (paragraphs separated by blank lines) with {@code {name}} parameters, wrapped in a greeting, the
 * link and a footer. The text part is the plain result; the HTML part is the same text, HTML-escaped after the
 * parameters are filled in (parameters are never trusted), in a minimal layout.
 */
@Component
public class MailTemplates {

    static final String BUNDLE = "mail.templates";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The languages there are templates for; any other falls back to English. */
    static final List<String> LANGUAGES = List.of("en", "zh");

    public RenderedMail render(MailKind kind, String language, String displayName, Map<String, ?> parameters, String link) {
        ResourceBundle bundle = bundle(language);
        // a subject is one line: a line break from a parameter (a title written before titles were checked) is
        // folded by Angus Mail into a continuation line, and a mailer that did not would end the header there
        String subject = oneLine("[Tollgate] " + fill(bundle.getString(kind.name() + ".subject"), parameters));
        String body = fill(bundle.getString(kind.name() + ".body"), parameters);
        String greeting = fill(bundle.getString("greeting"), Map.of("name", displayName));
        String linkLabel = bundle.getString("link");
        String footer = bundle.getString("footer");

        StringBuilder text = new StringBuilder(greeting).append("\n\n").append(body).append("\n\n");
        if (link != null) {
            text.append(linkLabel).append(": ").append(link).append("\n\n");
        }
        text.append("-- \n").append(footer).append('\n');

        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language(language))
                .append("\"><head><meta charset=\"UTF-8\"><title>").append(escape(subject)).append("</title></head>\n")
                .append("<body style=\"font-family:sans-serif;line-height:1.5\">\n")
                .append("<p>").append(escape(greeting)).append("</p>\n");
        for (String paragraph : body.split("\\n\\s*\\n")) {
            html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>")).append("</p>\n");
        }
        if (link != null) {
            html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(linkLabel))
                    .append("</a></p>\n");
        }
        html.append("<p style=\"color:#666;font-size:smaller\">").append(escape(footer)).append("</p>\n</body></html>\n");
        return new RenderedMail(subject, text.toString(), html.toString(), link);
    }

    /** {@code zh}, {@code zh-CN}, {@code zh_TW} → {@code zh}; anything unknown → {@code en}. */
    public static String language(String language) {
        if (language == null) {
            return "en";
        }
        String primary = Locale.forLanguageTag(language.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(primary) ? primary : "en";
    }

    private static ResourceBundle bundle(String language) {
        String lang = language(language);
        try {
            return ResourceBundle.getBundle(BUNDLE, "en".equals(lang) ? Locale.ROOT : Locale.forLanguageTag(lang),
                    NO_FALLBACK);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("Mail templates " + BUNDLE + " are missing from the classpath", e);
        }
    }

    private static String fill(String template, Map<String, ?> parameters) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = parameters.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        return m.appendTail(out).toString();
    }

    /** The text with every control character (line breaks, tabs ...) as a space. */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }

    private static String escape(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
