package io.tollgate.ui.layout;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.stereotype.Component;

/**
 * Tells Vaadin which languages the pages have (English, Chinese), so that a new session takes the browser's
 * (Accept-Language, {@code zh-CN} → Chinese, anything else English) as its locale, which {@link PageLanguage} reads;
 * without a provider Vaadin leaves every session in the server's default locale. Its translations are the labels of
 * ADR 0021 by key ({@code TicketStatus.EXECUTED}).
 */
@Component
class LabelTranslations implements I18NProvider {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.CHINESE);

    @Override
    public List<Locale> getProvidedLocales() {
        return LANGUAGES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale language = locale != null && "zh".equals(locale.getLanguage()) ? Locale.CHINESE : Locale.ROOT;
        try {
            ResourceBundle bundle = ResourceBundle.getBundle("labels.labels", language,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return bundle.containsKey(key) ? bundle.getString(key) : key;
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
