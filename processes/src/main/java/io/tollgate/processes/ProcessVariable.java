package io.tollgate.processes;

import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A process variable with its name and Java type, so that reading and writing it cannot disagree. Only simple types
 * (strings, booleans, numbers): anything structured travels as a JSON string, never as a Java-serialized object.
 *
 * @param <T> the variable's type
 */
public final class ProcessVariable<T> {

    /** What a Camunda String variable holds at most (its {@code TEXT_} column); longer values fail the step. */
    public static final int MAX_STRING_LENGTH = 4000;

    private final String name;
    private final Class<T> type;
    private final int maxLength;

    private ProcessVariable(String name, Class<T> type, int maxLength) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.maxLength = maxLength;
    }

    private ProcessVariable(String name, Class<T> type) {
        this(name, type, Integer.MAX_VALUE);
    }

    public static ProcessVariable<String> stringVariable(String name) {
        return new ProcessVariable<>(name, String.class);
    }

    /**
     * A string variable whose value is cut to {@code maxLength} characters (ending in "…") when it is set: for text
     * that people write or that a step describes, which must never fail a step for being long.
     */
    public static ProcessVariable<String> stringVariable(String name, int maxLength) {
        if (maxLength < 1 || maxLength > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("a string variable holds 1 to " + MAX_STRING_LENGTH + " characters");
        }
        return new ProcessVariable<>(name, String.class, maxLength);
    }

    public static ProcessVariable<Boolean> booleanVariable(String name) {
        return new ProcessVariable<>(name, Boolean.class);
    }

    public static ProcessVariable<Long> longVariable(String name) {
        return new ProcessVariable<>(name, Long.class);
    }

    public String name() {
        return name;
    }

    /** The value in {@code scope} (searched up the scope hierarchy), or {@code null}. */
    public T get(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    /** The value in {@code scope}, failing when it is missing. */
    public T require(VariableScope scope) {
        T value = get(scope);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is missing");
        }
        return value;
    }

    /** Sets the value where the variable already lives, or on the process instance. */
    public void set(VariableScope scope, T value) {
        scope.setVariable(name, bounded(value));
    }

    /**
     * Sets the value as a transient one: the expressions, decisions and listeners of the same command read it, and it
     * is never written to the database nor to Camunda's history (it is gone at the next wait state). Where a stored
     * variable of the name is found (an older process's, or one an admin set), it is set to the value instead: the
     * engine refuses to turn a stored variable into a transient one, even after removing it in the same command.
     */
    public void setTransient(VariableScope scope, T value) {
        TypedValue found = scope.getVariableTyped(name);
        boolean stored = found != null && !found.isTransient();
        scope.setVariable(name, stored ? bounded(value) : Variables.untypedValue(bounded(value), true));
    }

    /** Reads the value from a plain map of variables (e.g. what a task was completed with). */
    public T from(Map<String, ?> variables) {
        return type.cast(variables.get(name));
    }

    /** Puts the value into a map of variables (e.g. for starting a process or completing a task). */
    public Map<String, Object> into(Map<String, Object> variables, T value) {
        variables.put(name, bounded(value));
        return variables;
    }

    /**
     * Puts the value into a map of variables as a transient one: the listeners and gateways of the same command read
     * it, and it is never written to the database nor to Camunda's history (it is gone at the next wait state). For
     * what a completion hands to its own listeners, which record it in Tollgate's tables.
     */
    public Map<String, Object> intoTransient(Map<String, Object> variables, T value) {
        variables.put(name, Variables.untypedValue(bounded(value), true));
        return variables;
    }

    private Object bounded(T value) {
        if (value instanceof String text && text.length() > maxLength) {
            return text.substring(0, maxLength - 1) + "…";
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
