package dev.llmops.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One test case: the variables a prompt or target receives, the expected answer, the retrieved
 * context and labelled relevant ids (for RAG assertions and retrieval metrics), free metadata, and its
 * assertions.
 *
 * <pre>{@code
 * EvalCase c = EvalCase.builder("capital-fr")
 *         .var("question", "What is the capital of France?")
 *         .expected("Paris")
 *         .context(List.of("Paris is the capital and largest city of France."))
 *         .assertion(AssertionSpec.of("icontains", "paris"))
 *         .repeat(5).passRateThreshold(0.8)
 *         .build();
 * }</pre>
 *
 * <p>{@link #question()} is the variable {@code question}, else {@code query}, else {@code input}:
 * model-graded RAG assertions use it as the user question. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EvalCase {

    private final String id;
    private final String description;
    private final Map<String, String> vars;
    private final String expected;
    private final List<String> context;
    private final List<String> relevantIds;
    private final Map<String, String> metadata;
    private final List<AssertionSpec> assertions;
    private final int repeat;
    private final Double passRateThreshold;
    private final Double threshold;

    private EvalCase(Builder b) {
        this.id = b.id;
        this.description = b.description;
        this.vars = Collections.unmodifiableMap(new LinkedHashMap<>(b.vars));
        this.expected = b.expected;
        this.context = List.copyOf(b.context);
        this.relevantIds = List.copyOf(b.relevantIds);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.assertions = List.copyOf(b.assertions);
        this.repeat = b.repeat;
        this.passRateThreshold = b.passRateThreshold;
        this.threshold = b.threshold;
    }

    /**
     * Starts a case with this id.
     *
     * @throws IllegalArgumentException when the id is blank
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.description = description;
        b.vars.putAll(vars);
        b.expected = expected;
        b.context = context;
        b.relevantIds = relevantIds;
        b.metadata.putAll(metadata);
        b.assertions.addAll(assertions);
        b.repeat = repeat;
        b.passRateThreshold = passRateThreshold;
        b.threshold = threshold;
        return b;
    }

    public String id() {
        return id;
    }

    /** A human description; empty when none. */
    public String description() {
        return description;
    }

    /** The variables, in the order given. */
    public Map<String, String> vars() {
        return vars;
    }

    /** The user question: variable {@code question}, else {@code query}, else {@code input}. */
    public Optional<String> question() {
        for (String k : List.of("question", "query", "input")) {
            if (vars.containsKey(k)) {
                return Optional.of(vars.get(k));
            }
        }
        return Optional.empty();
    }

    /** The expected (reference) answer. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    /** The retrieved context passages, best first. */
    public List<String> context() {
        return context;
    }

    /** Labelled relevant document or chunk ids, for retrieval metrics. */
    public List<String> relevantIds() {
        return relevantIds;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** This case's own assertions (the suite's {@code defaultTest} ones are merged in at run time). */
    public List<AssertionSpec> assertions() {
        return assertions;
    }

    /** Independent samples to run; 0 means the suite's default. */
    public int repeat() {
        return repeat;
    }

    /** Fraction of samples that must pass for the case to pass (with {@code repeat > 1}). */
    public OptionalDouble passRateThreshold() {
        return passRateThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(passRateThreshold);
    }

    /**
     * When set, a sample passes when its weighted score reaches this value instead of requiring every
     * assertion to pass.
     */
    public OptionalDouble threshold() {
        return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }

    @Override
    public String toString() {
        return "EvalCase[" + id + ", vars=" + vars.keySet() + ", assertions=" + assertions.size() + "]";
    }

    /** Builds an {@link EvalCase}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private final Map<String, String> vars = new LinkedHashMap<>();
        private String expected;
        private List<String> context = List.of();
        private List<String> relevantIds = List.of();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<AssertionSpec> assertions = new ArrayList<>();
        private int repeat;
        private Double passRateThreshold;
        private Double threshold;

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank");
            }
            this.id = id;
        }

        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Builder var(String name, String value) {
            Objects.requireNonNull(name, "var name");
            this.vars.put(name, Objects.requireNonNull(value, "var '" + name + "'"));
            return this;
        }

        public Builder vars(Map<String, String> values) {
            Objects.requireNonNull(values, "vars").forEach(this::var);
            return this;
        }

        public Builder expected(String reference) {
            this.expected = Objects.requireNonNull(reference, "expected");
            return this;
        }

        public Builder context(List<String> passages) {
            Objects.requireNonNull(passages, "context");
            for (int i = 0; i < passages.size(); i++) {
                Objects.requireNonNull(passages.get(i), "context[" + i + "]");
            }
            this.context = List.copyOf(passages);
            return this;
        }

        public Builder relevantIds(List<String> ids) {
            Objects.requireNonNull(ids, "relevantIds");
            for (int i = 0; i < ids.size(); i++) {
                Objects.requireNonNull(ids.get(i), "relevantIds[" + i + "]");
            }
            this.relevantIds = List.copyOf(ids);
            return this;
        }

        public Builder metadata(String key, String value) {
            Objects.requireNonNull(key, "metadata key");
            this.metadata.put(key, Objects.requireNonNull(value, "metadata '" + key + "'"));
            return this;
        }

        public Builder assertion(AssertionSpec spec) {
            this.assertions.add(Objects.requireNonNull(spec, "assertion"));
            return this;
        }

        /** Adds a Java assertion, reported as {@code custom}. */
        public Builder assertion(Assertion assertion) {
            return assertion(AssertionSpec.of(assertion));
        }

        public Builder repeat(int samples) {
            if (samples <= 0) {
                throw new IllegalArgumentException("repeat must be > 0 but was: " + samples);
            }
            this.repeat = samples;
            return this;
        }

        public Builder passRateThreshold(double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("passRateThreshold must be in [0, 1] but was: " + rate);
            }
            this.passRateThreshold = rate;
            return this;
        }

        public Builder threshold(double minWeightedScore) {
            if (!(minWeightedScore >= 0.0 && minWeightedScore <= 1.0)) {
                throw new IllegalArgumentException("threshold must be in [0, 1] but was: " + minWeightedScore);
            }
            this.threshold = minWeightedScore;
            return this;
        }

        public EvalCase build() {
            return new EvalCase(this);
        }
    }
}
