package io.tollgate.engine.ticket.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;

/**
 * Whether a deployed DMN model's answer depends on nothing but the inputs it is given: every expression in it (input
 * expressions, input and output entries, literal expressions, of every decision in the model) is FEEL or JUEL and
 * calls no function. A function call is how an expression reaches the clock ({@code now()}, {@code today()}), the
 * engine's custom functions or anything else outside its inputs; scripting languages can do so without one, so a model
 * with any is not pure either. Conservative by design: a {@code (} anywhere in an expression's text, even inside a
 * string literal, makes the model impure, and an impure model is simply evaluated every time.
 */
final class PureDecisions {

    private static final Set<String> PLAIN_LANGUAGES = Set.of("feel", "juel",
            "http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20191111/feel/");

    private PureDecisions() {
    }

    static boolean pure(DmnModelInstance model, DefaultDmnEngineConfiguration engine) {
        List<String> languages = new ArrayList<>();
        languages.add(engine.getDefaultInputExpressionExpressionLanguage());
        languages.add(engine.getDefaultInputEntryExpressionLanguage());
        languages.add(engine.getDefaultOutputEntryExpressionLanguage());
        languages.add(engine.getDefaultLiteralExpressionLanguage());
        model.getModelElementsByType(Definitions.class).forEach(d -> languages.add(d.getExpressionLanguage()));
        model.getModelElementsByType(LiteralExpression.class).forEach(e -> languages.add(e.getExpressionLanguage()));
        model.getModelElementsByType(UnaryTests.class).forEach(e -> languages.add(e.getExpressionLanguage()));
        boolean plainLanguages = languages.stream()
                .allMatch(l -> l == null || PLAIN_LANGUAGES.contains(l.toLowerCase(Locale.ROOT)));
        return plainLanguages && model.getModelElementsByType(Text.class).stream()
                .map(Text::getTextContent).noneMatch(text -> text != null && text.contains("("));
    }
}
