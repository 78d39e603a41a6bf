package io.tollgate.engine.ticket.internal.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;

/**
 * Whether a deployed DMN model's answer depends on nothing but the inputs it is given: every expression in it (input
 * expressions, input and output entries, literal expressions, of every decision in the model) is FEEL and calls no
 * function. A function call is how a FEEL expression reaches the clock ({@code now()}, {@code today()}), the engine's
 * custom functions or anything else outside its inputs; JUEL reaches the application's beans and their properties
 * without one, and scripting languages anything, so a model with any of those is not pure either. Conservative by design: a {@code (} anywhere in an expression's text, even inside a
 * string literal, makes the model impure, and an impure model is simply evaluated every time.
 */
public final class PureDecisions {

    private static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/");

    private PureDecisions() {
    }

    static boolean pure(DmnModelInstance model, DefaultDmnEngineConfiguration engine) {
        // what an expression without a language of its own is evaluated in: set by the built engine (FEEL, or JUEL for
        // some with FEEL's legacy behaviour on)
        boolean feelByDefault = Stream.of(engine.getDefaultInputExpressionExpressionLanguage(),
                        engine.getDefaultInputEntryExpressionLanguage(), engine.getDefaultOutputEntryExpressionLanguage(),
                        engine.getDefaultLiteralExpressionLanguage())
                .allMatch(l -> l != null && FEEL.contains(l.toLowerCase(Locale.ROOT)));
        List<String> languages = new ArrayList<>();
        model.getModelElementsByType(Definitions.class).forEach(d -> languages.add(d.getExpressionLanguage()));
        model.getModelElementsByType(LiteralExpression.class).forEach(e -> languages.add(e.getExpressionLanguage()));
        model.getModelElementsByType(UnaryTests.class).forEach(e -> languages.add(e.getExpressionLanguage()));
        boolean feelOnly = languages.stream().allMatch(l -> l == null || FEEL.contains(l.toLowerCase(Locale.ROOT)));
        return feelByDefault && feelOnly && model.getModelElementsByType(Text.class).stream()
                .map(Text::getTextContent).noneMatch(text -> text != null && text.contains("("));
    }
}
