package io.tollgate.engine.deployment.internal;

import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What an expression in a model may do, decided on the syntax tree Camunda's own JUEL parser builds (the parser the
 * engine evaluates with, with the same features): read a variable ({@code ${name}}) or a property path of one
 * ({@code ${a.b}}), and combine those and literals with comparisons, logic, arithmetic, {@code empty}, {@code not}
 * and {@code ?:}. Nothing else: no method or function calls, no {@code [...]}, no property whose name mentions
 * {@code class}, no path from a literal, from a bean of the application or from the engine's own objects
 * ({@code execution}, {@code task}, ...), and beans only where the engine calls them: a delegate expression that is
 * exactly {@code ${somethingDelegate}} or {@code ${somethingListener}}.
 */
final class ExpressionRules {

    /** Camunda evaluates with JUEL's JEE6 profile: method invocations and varargs on. */
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
    private static final Pattern DELEGATE_BEAN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(Delegate|Listener)");
    private static final String CLASS = "class";
    private static final int QUOTED_LENGTH = 120;

    /** Names the engine resolves to its own objects (before variables): a way into the engine's internals. */
    static final Set<String> ENGINE_OBJECTS = Set.of(VariableScopeElResolver.EXECUTION_KEY,
            VariableScopeElResolver.TASK_KEY, VariableScopeElResolver.EXTERNAL_TASK_KEY,
            VariableScopeElResolver.CASE_EXECUTION_KEY);

    /** Nodes that only combine what is below them. */
    private static final Set<Class<?>> COMBINATIONS = Set.of(AstEval.class, AstComposite.class, AstNested.class,
            AstChoice.class, AstBinary.class, AstUnary.class);
    private static final Set<Class<?>> LITERALS = Set.of(AstText.class, AstString.class, AstNumber.class,
            AstBoolean.class, AstNull.class);

    private final Predicate<String> isBean;

    /** @param isBean whether a name resolves to a bean of the application the engine runs in */
    ExpressionRules(Predicate<String> isBean) {
        this.isBean = isBean;
    }

    /** What {@link #check} found: what is wrong (nothing: fine) and the beans a delegate expression names. */
    record Verdict(List<String> problems, Set<String> beans) {
        boolean fine() {
            return problems.isEmpty();
        }
    }

    /** Whether Camunda would evaluate {@code text} (or a piece of it) as an expression. */
    static boolean mayBeExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /**
     * Checks a value the engine may evaluate. A value that is not a delegate expression is also checked piece by
     * piece as Camunda splits comma-separated lists (candidate users and groups): its splitting knows nothing of
     * quotes, so {@code ${'}' == 'x,${a.b()}'}} is one harmless comparison as a whole but {@code ${a.b()}'}} as a
     * candidate group.
     *
     * @param delegate whether the value is a delegate expression (the engine calls the object it resolves to)
     */
    Verdict check(String text, boolean delegate) {
        List<String> problems = new ArrayList<>();
        Set<String> beans = new LinkedHashSet<>();
        if (delegate) {
            checkDelegate(text, problems, beans);
        } else {
            Set<String> pieces = new LinkedHashSet<>();
            pieces.add(text);
            pieces.addAll(camundaListPieces(text));
            for (String piece : pieces) {
                checkValue(piece, problems);
            }
        }
        return new Verdict(List.copyOf(new LinkedHashSet<>(problems)), beans);
    }

    private void checkDelegate(String text, List<String> problems, Set<String> beans) {
        Node root = parse(text, problems);
        if (root == null) {
            return;
        }
        if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier identifier
                && DELEGATE_BEAN.matcher(identifier.getName()).matches()) {
            beans.add(identifier.getName());
        } else {
            problems.add("delegate expression " + quote(text) + " must name one bean and nothing else, as "
                    + "${somethingDelegate} or ${somethingListener}");
        }
    }

    private void checkValue(String text, List<String> problems) {
        Node root = parse(text, problems);
        if (root != null) {
            walk(root, text, problems);
        }
    }

    private static Node parse(String text, List<String> problems) {
        try {
            return PARSER.build(text).getRoot();
        } catch (TreeBuilderException e) {
            problems.add("expression " + quote(text) + " does not parse: " + e.getMessage());
            return null;
        }
    }

    private void walk(Node node, String text, List<String> problems) {
        Class<?> kind = node.getClass();
        if (LITERALS.contains(kind)) {
            return;
        }
        if (COMBINATIONS.contains(kind)) {
            for (int i = 0; i < node.getCardinality(); i++) {
                walk(node.getChild(i), text, problems);
            }
        } else if (kind == AstIdentifier.class) {
            String name = ((AstIdentifier) node).getName();
            if (isBean.test(name)) {
                problems.add("expression " + quote(text) + " names the bean '" + name
                        + "': beans may only be delegate expressions");
            } else if (ENGINE_OBJECTS.contains(name)) {
                problems.add("expression " + quote(text) + " reaches the engine's own object '" + name + "'");
            }
        } else if (kind == AstDot.class) {
            checkPath((AstDot) node, text, problems);
        } else {
            problems.add("expression " + quote(text) + " " + whatItDoes(node)
                    + "; expressions may only read variables and compare or combine them");
        }
    }

    /** A property path must start at a variable and never name a class. */
    private void checkPath(AstDot dot, String text, List<String> problems) {
        Node node = dot;
        while (node.getClass() == AstDot.class) {
            String property = propertyOf((AstDot) node);
            if (property.toLowerCase(Locale.ROOT).contains(CLASS)) {
                problems.add("expression " + quote(text) + " reads the property '" + property
                        + "', a way to Java classes");
            }
            node = node.getChild(0);
        }
        if (node.getClass() != AstIdentifier.class) {
            problems.add("expression " + quote(text) + " reads a property of something that is not a variable ("
                    + whatItIs(node) + ")");
            return;
        }
        String root = ((AstIdentifier) node).getName();
        if (isBean.test(root)) {
            problems.add("expression " + quote(text) + " reads a property of the bean '" + root + "'");
        } else if (ENGINE_OBJECTS.contains(root)) {
            problems.add("expression " + quote(text) + " reads a property of the engine's own object '" + root + "'");
        }
    }

    /** {@link AstDot} keeps its property name to itself; its {@code toString()} is {@code ". name"}. */
    private static String propertyOf(AstDot dot) {
        String shown = dot.toString();
        return shown.startsWith(". ") ? shown.substring(2) : shown;
    }

    private static String whatItDoes(Node node) {
        if (node instanceof AstMethod) {
            return "calls a method";
        } else if (node instanceof AstFunction) {
            return "calls a function";
        } else if (node instanceof AstBracket) {
            return "indexes with [...]";
        }
        return "uses " + whatItIs(node);
    }

    private static String whatItIs(Node node) {
        return node.getClass().getSimpleName();
    }

    private static String quote(String text) {
        String shown = text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text;
        return "'" + shown + "'";
    }

    /**
     * The pieces Camunda makes of a comma-separated list before it parses each as an expression: the same walk as
     * {@code BpmnParse.parseCommaSeparatedList} (protected, on a parse object), which takes {@code $} or {@code {}
     * as the start of an expression and <code>}</code> as its end, whatever the quotes say.
     */
    static List<String> camundaListPieces(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean insideExpression = false;
        StringCharacterIterator iterator = new StringCharacterIterator(text);
        for (char c = iterator.first(); c != CharacterIterator.DONE; c = iterator.next()) {
            if (c == '{' || c == '$') {
                insideExpression = true;
            } else if (c == '}') {
                insideExpression = false;
            } else if (c == ',' && !insideExpression) {
                pieces.add(piece.toString().trim());
                piece.setLength(0);
            }
            if (c != ',' || insideExpression) {
                piece.append(c);
            }
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString().trim());
        }
        return pieces;
    }
}
