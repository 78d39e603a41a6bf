package io.tollgate.engine.deployment.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks one DMN resource: every expression is FEEL, the engine's default. A decision in JUEL would be evaluated
 * with the application's beans in reach, and in a script language it runs any code; the decisions Tollgate ships
 * are FEEL only. Which outcome a decision gives is not judged here.
 */
final class DmnModelCheck {

    private static final String EXPRESSION_LANGUAGE = "expressionLanguage";
    private static final String ID = "id";
    /** As the DMN engine tells FEEL ({@code ExpressionEvaluationHandler.isFeelExpressionLanguage}). */
    private static final Set<String> FEEL = Set.of(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
            DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

    List<Refusal> check(byte[] resource) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(resource));
        } catch (RuntimeException e) {
            return List.of(new Refusal(null, "is not a DMN model: " + e.getMessage()));
        }
        List<Refusal> refusals = new ArrayList<>();
        sweep(((Document) model.getDocument().getDomSource().getNode()).getDocumentElement(), null, refusals);
        return refusals;
    }

    private static void sweep(Element element, String outerId, List<Refusal> refusals) {
        String ownerId = element.getAttribute(ID).isEmpty() ? outerId : element.getAttribute(ID);
        if (element.hasAttribute(EXPRESSION_LANGUAGE) && !isFeel(element.getAttribute(EXPRESSION_LANGUAGE))) {
            refusals.add(new Refusal(ownerId, "is written in '" + element.getAttribute(EXPRESSION_LANGUAGE)
                    + "'; decisions are FEEL only"));
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                sweep((Element) child, ownerId, refusals);
            }
        }
    }

    private static boolean isFeel(String language) {
        return FEEL.contains(language) || DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE
                .equals(language.toLowerCase(Locale.ROOT));
    }
}
