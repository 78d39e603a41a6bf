package io.tollgate.processes;

import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and Java type, so that reading and writing it cannot disagree. Only simple types
 * (strings, booleans, numbers): anything structured travels as a JSON string, never as a Java-serialized object.
 *
 * @param <T> the variable's type
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static ProcessVariable<String> stringVariable(String name) {
        return new ProcessVariable<>(name, String.class);
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
        scope.setVariable(name, value);
    }

    /** Reads the value from a plain map of variables (e.g. what a task was completed with). */
    public T from(Map<String, ?> variables) {
        return type.cast(variables.get(name));
    }

    /** Puts the value into a map of variables (e.g. for starting a process or completing a task). */
    public Map<String, Object> into(Map<String, Object> variables, T value) {
        variables.put(name, value);
        return variables;
    }

    @Override
    public String toString() {
        return name;
    }
}
