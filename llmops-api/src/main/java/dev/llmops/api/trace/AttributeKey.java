package dev.llmops.api.trace;

import java.util.List;
import java.util.Objects;

/**
 * A typed span attribute name. Values are limited to {@code String}, {@code Long}, {@code Double},
 * {@code Boolean} and {@code List<String>}, the types OpenTelemetry attributes allow.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<?> type;

    private AttributeKey(String name, Class<?> type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("attribute name must not be blank but was: " + name);
        }
        this.name = name;
        this.type = type;
    }

    public static AttributeKey<String> stringKey(String name) {
        return new AttributeKey<>(name, String.class);
    }

    public static AttributeKey<Long> longKey(String name) {
        return new AttributeKey<>(name, Long.class);
    }

    public static AttributeKey<Double> doubleKey(String name) {
        return new AttributeKey<>(name, Double.class);
    }

    public static AttributeKey<Boolean> booleanKey(String name) {
        return new AttributeKey<>(name, Boolean.class);
    }

    public static AttributeKey<List<String>> stringListKey(String name) {
        return new AttributeKey<>(name, List.class);
    }

    /** The attribute's wire name, e.g. {@code gen_ai.request.model}. */
    public String name() {
        return name;
    }

    /** The value's Java type. */
    public Class<?> type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeKey<?> k && k.name.equals(name) && k.type.equals(type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        return name;
    }
}
