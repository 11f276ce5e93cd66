package dev.llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How one assertion is configured: its type, value, weight, threshold, metric name and whether it is
 * negated ({@code not-} prefix), as written in a suite file or built in code.
 *
 * <pre>{@code
 * AssertionSpec s = AssertionSpec.builder("not-contains").value("As an AI").build();
 * AssertionSpec r = AssertionSpec.builder("rouge-l").value("Paris is the capital").threshold(0.6).weight(2).build();
 * AssertionSpec j = AssertionSpec.of(Assertions.isJson());            // a Java assertion
 * }</pre>
 *
 * <p>The type vocabulary is {@link #TYPES}; {@code custom} names a predicate or assertion registered
 * on the suite. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AssertionSpec {

    /** Every assertion type a suite file may name (each also with a {@code not-} prefix). */
    public static final Set<String> TYPES = Set.of("equals", "contains", "icontains", "contains-any",
            "contains-all", "starts-with", "regex", "is-json", "contains-json", "json-path", "length",
            "is-refusal", "levenshtein", "rouge-n", "rouge-l", "bleu", "latency", "cost", "tokens", "guard",
            "custom", "similar", "llm-rubric", "factuality", "closed-qa", "faithfulness", "answer-relevance",
            "context-precision", "context-recall");

    private final String type;
    private final boolean negated;
    private final JsonNode value;
    private final double weight;
    private final Double threshold;
    private final String metric;
    private final String path;
    private final Integer min;
    private final Integer max;
    private final List<String> steps;
    private final int n;
    private final Assertion assertion;

    private AssertionSpec(Builder b) {
        this.type = b.type;
        this.negated = b.negated;
        this.value = b.value;
        this.weight = b.weight;
        this.threshold = b.threshold;
        this.metric = b.metric;
        this.path = b.path;
        this.min = b.min;
        this.max = b.max;
        this.steps = List.copyOf(b.steps);
        this.n = b.n;
        this.assertion = b.assertion;
    }

    /** A spec of {@code type} (optionally {@code not-}-prefixed) with a text value. */
    public static AssertionSpec of(String type, String value) {
        return builder(type).value(value).build();
    }

    /** A spec running a Java assertion, reported as {@code custom}. */
    public static AssertionSpec of(Assertion assertion) {
        return builder("custom").assertion(assertion).build();
    }

    /**
     * Starts a spec of {@code type}; a {@code not-} prefix negates it.
     *
     * @throws IllegalArgumentException when the type is unknown
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The type without the {@code not-} prefix, e.g. {@code contains}. */
    public String type() {
        return type;
    }

    /** The type as written, with {@code not-} when negated. */
    public String displayType() {
        return negated ? "not-" + type : type;
    }

    public boolean negated() {
        return negated;
    }

    /** The value: a string, number, list or object depending on the type; {@link NullNode} when absent. */
    public JsonNode value() {
        return value;
    }

    /** The value as text, or empty when absent or not a scalar. */
    public Optional<String> valueText() {
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The value as a list of texts: a list's elements, or a single scalar as one element. */
    public List<String> valueTexts() {
        if (value.isArray()) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            value.forEach(v -> out.add(v.asText()));
            return List.copyOf(out);
        }
        return valueText().map(List::of).orElse(List.of());
    }

    public double weight() {
        return weight;
    }

    public OptionalDouble threshold() {
        return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }

    /** The threshold, or {@code fallback} when none is set. */
    public double thresholdOr(double fallback) {
        return threshold == null ? fallback : threshold;
    }

    /** The metric name scores are aggregated under; defaults to the type as written. */
    public String metric() {
        return metric == null ? displayType() : metric;
    }

    /** A JSON path ({@code json-path}): a JSON Pointer {@code /a/0/b} or dotted {@code a.0.b} / {@code a[0].b}. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** Lower bound ({@code length}). */
    public OptionalInt min() {
        return min == null ? OptionalInt.empty() : OptionalInt.of(min);
    }

    /** Upper bound ({@code length}). */
    public OptionalInt max() {
        return max == null ? OptionalInt.empty() : OptionalInt.of(max);
    }

    /** Evaluation steps ({@code llm-rubric}, G-Eval style). */
    public List<String> steps() {
        return steps;
    }

    /** The n-gram order ({@code rouge-n}, default 1) or question count ({@code answer-relevance}, default 3). */
    public int n() {
        return n;
    }

    /** The Java assertion for {@code custom} specs built in code. */
    public Optional<Assertion> assertion() {
        return Optional.ofNullable(assertion);
    }

    @Override
    public String toString() {
        return "AssertionSpec[" + displayType() + (value.isNull() ? "" : " " + value) + "]";
    }

    /** Builds an {@link AssertionSpec}. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final boolean negated;
        private JsonNode value = NullNode.getInstance();
        private double weight = 1.0;
        private Double threshold;
        private String metric;
        private String path;
        private Integer min;
        private Integer max;
        private List<String> steps = List.of();
        private int n;
        private Assertion assertion;

        private Builder(String type) {
            Objects.requireNonNull(type, "type");
            String t = type.trim().toLowerCase(Locale.ROOT);
            this.negated = t.startsWith("not-");
            this.type = negated ? t.substring(4) : t;
            if (!TYPES.contains(this.type)) {
                throw new IllegalArgumentException("assertion type must be one of " + new java.util.TreeSet<>(TYPES)
                        + " (optionally with 'not-') but was: '" + type + "'");
            }
        }

        public Builder value(String text) {
            this.value = JsonNodeFactory.instance.textNode(Objects.requireNonNull(text, "value"));
            return this;
        }

        public Builder value(double number) {
            this.value = JsonNodeFactory.instance.numberNode(number);
            return this;
        }

        public Builder values(List<String> texts) {
            Objects.requireNonNull(texts, "values");
            var arr = JsonNodeFactory.instance.arrayNode();
            texts.forEach(t -> arr.add(Objects.requireNonNull(t, "values element")));
            this.value = arr;
            return this;
        }

        /** Any JSON value (a schema object for {@code contains-json}, a list for {@code contains-any}...). */
        public Builder value(JsonNode json) {
            this.value = Objects.requireNonNull(json, "value");
            return this;
        }

        public Builder weight(double w) {
            if (!(w >= 0.0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight must be >= 0 but was: " + w);
            }
            this.weight = w;
            return this;
        }

        public Builder threshold(double t) {
            if (!(t >= 0.0)) {
                throw new IllegalArgumentException("threshold must be >= 0 but was: " + t);
            }
            if (t > 1.0 && !Set.of("latency", "cost", "tokens").contains(type)) {
                throw new IllegalArgumentException("threshold must be in [0, 1] but was: " + t);
            }
            this.threshold = t;
            return this;
        }

        public Builder metric(String name) {
            Objects.requireNonNull(name, "metric");
            if (name.isBlank()) {
                throw new IllegalArgumentException("metric must not be blank");
            }
            this.metric = name;
            return this;
        }

        public Builder path(String jsonPath) {
            this.path = Objects.requireNonNull(jsonPath, "path");
            return this;
        }

        public Builder min(int minimum) {
            if (minimum < 0) {
                throw new IllegalArgumentException("min must be >= 0 but was: " + minimum);
            }
            this.min = minimum;
            return this;
        }

        public Builder max(int maximum) {
            if (maximum < 0) {
                throw new IllegalArgumentException("max must be >= 0 but was: " + maximum);
            }
            this.max = maximum;
            return this;
        }

        public Builder steps(List<String> evaluationSteps) {
            Objects.requireNonNull(evaluationSteps, "steps");
            evaluationSteps.forEach(s -> Objects.requireNonNull(s, "steps element"));
            this.steps = List.copyOf(evaluationSteps);
            return this;
        }

        public Builder n(int order) {
            if (order <= 0) {
                throw new IllegalArgumentException("n must be > 0 but was: " + order);
            }
            this.n = order;
            return this;
        }

        /** The Java assertion to run ({@code custom}). */
        public Builder assertion(Assertion javaAssertion) {
            this.assertion = Objects.requireNonNull(javaAssertion, "assertion");
            return this;
        }

        /**
         * @throws IllegalArgumentException when min exceeds max
         */
        public AssertionSpec build() {
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min must be <= max but was: min=" + min + ", max=" + max);
            }
            return new AssertionSpec(this);
        }
    }
}
