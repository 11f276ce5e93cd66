package dev.llmops.api.retrieval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A typed filter over chunk metadata. Retrievers apply it inside the search, before ranking and
 * fusion, so no chunk outside the filter can ever appear in a result.
 *
 * <pre>{@code
 * MetadataFilter f = MetadataFilter.and(
 *         MetadataFilter.eq("category", "tents"),
 *         MetadataFilter.between("price", 50.0, 200.0));
 * }</pre>
 *
 * <p>{@link #test} evaluates the filter in memory with the same semantics backends must follow:
 * a missing key fails {@code Eq}, {@code In} and {@code Range}; numbers compare by value whatever
 * their Java type.
 *
 * @since 0.1.0
 */
public sealed interface MetadataFilter {

    /** Whether a chunk with this metadata passes. */
    boolean test(Map<String, Object> metadata);

    /** Matches every chunk. */
    record All() implements MetadataFilter {
        @Override
        public boolean test(Map<String, Object> metadata) {
            return true;
        }
    }

    /** {@code key == value}; strings compare exactly, numbers by value. */
    record Eq(String key, Object value) implements MetadataFilter {
        public Eq {
            Objects.requireNonNull(key, "key");
            value = Chunk.normalise(key, value);
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            return same(metadata.get(key), value);
        }
    }

    /** {@code key} is one of {@code values}. */
    record In(String key, Set<Object> values) implements MetadataFilter {
        public In {
            Objects.requireNonNull(key, "key");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("values of In(" + key + ") must not be empty");
            }
            values = Set.copyOf(values.stream().map(v -> Chunk.normalise(key, v)).toList());
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            Object v = metadata.get(key);
            return v != null && values.stream().anyMatch(x -> same(v, x));
        }
    }

    /** {@code min <= key <= max} for a numeric key; either bound may be infinite. */
    record Range(String key, double min, double max) implements MetadataFilter {
        public Range {
            Objects.requireNonNull(key, "key");
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("range of '" + key + "' must have min <= max but was: [" + min
                        + ", " + max + "]");
            }
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            Object v = metadata.get(key);
            return v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max;
        }
    }

    /** All of the filters. */
    record And(List<MetadataFilter> filters) implements MetadataFilter {
        public And {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            return filters.stream().allMatch(f -> f.test(metadata));
        }
    }

    /** Any of the filters. */
    record Or(List<MetadataFilter> filters) implements MetadataFilter {
        public Or {
            filters = List.copyOf(filters);
            if (filters.isEmpty()) {
                throw new IllegalArgumentException("Or needs at least one filter");
            }
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            return filters.stream().anyMatch(f -> f.test(metadata));
        }
    }

    /** Not the filter. */
    record Not(MetadataFilter filter) implements MetadataFilter {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean test(Map<String, Object> metadata) {
            return !filter.test(metadata);
        }
    }

    static MetadataFilter all() {
        return new All();
    }

    static MetadataFilter eq(String key, Object value) {
        return new Eq(key, value);
    }

    static MetadataFilter in(String key, Object... values) {
        return new In(key, Set.of(values));
    }

    static MetadataFilter between(String key, double min, double max) {
        return new Range(key, min, max);
    }

    static MetadataFilter atLeast(String key, double min) {
        return new Range(key, min, Double.POSITIVE_INFINITY);
    }

    static MetadataFilter atMost(String key, double max) {
        return new Range(key, Double.NEGATIVE_INFINITY, max);
    }

    static MetadataFilter and(MetadataFilter... filters) {
        return new And(List.of(filters));
    }

    static MetadataFilter or(MetadataFilter... filters) {
        return new Or(List.of(filters));
    }

    static MetadataFilter not(MetadataFilter filter) {
        return new Not(filter);
    }

    private static boolean same(Object actual, Object expected) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        return actual.equals(expected);
    }
}
