package dev.llmops.eval;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one assertion found: a status, a score in [0, 1] (absent when it could not be computed, which
 * is always reported as {@link AssertionStatus#ERROR}, never as NaN) and a human-readable reason.
 *
 * <pre>{@code
 * AssertionResult r = Assertions.contains("Paris").evaluate(AssertionContext.of("Paris is the capital."));
 * r.passed();      // true
 * r.score();       // OptionalDouble[1.0]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param assertion the assertion type as written, e.g. {@code not-contains}
 * @param metric    the metric name the score is aggregated under (defaults to the assertion type)
 * @param weight    the weight in the case's weighted score
 * @param status    pass, fail or error
 * @param score     in [0, 1]; empty when not computable
 * @param reason    why it passed, failed or errored
 * @param rawReply  the judge's raw reply when a model-graded assertion could not parse it
 * @since 0.1.0
 */
public record AssertionResult(String assertion, String metric, double weight, AssertionStatus status,
                              OptionalDouble score, String reason, Optional<String> rawReply) {

    public AssertionResult {
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawReply, "rawReply");
        if (score.isPresent() && !(score.getAsDouble() >= 0.0 && score.getAsDouble() <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1] but was: " + score.getAsDouble());
        }
        if (status == AssertionStatus.ERROR && score.isPresent()) {
            throw new IllegalArgumentException("an ERROR result has no score but was: " + score.getAsDouble());
        }
        if (status != AssertionStatus.ERROR && score.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " result needs a score");
        }
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be >= 0 but was: " + weight);
        }
    }

    /** A passing result with this score. */
    public static AssertionResult pass(double score, String reason) {
        return new AssertionResult("custom", "custom", 1.0, AssertionStatus.PASS, checked(score), reason,
                Optional.empty());
    }

    /** A failing result with this score. */
    public static AssertionResult fail(double score, String reason) {
        return new AssertionResult("custom", "custom", 1.0, AssertionStatus.FAIL, checked(score), reason,
                Optional.empty());
    }

    /** Pass when {@code score >= threshold}, else fail; the reason gets the numbers appended. */
    public static AssertionResult scored(double score, double threshold, String what) {
        double s = checked(score).getAsDouble();
        String reason = String.format(java.util.Locale.ROOT, "%s %.4f %s threshold %.4f", what, s,
                s >= threshold ? ">=" : "<", threshold);
        return s >= threshold ? pass(s, reason) : fail(s, reason);
    }

    /** Pass (score 1) or fail (score 0). */
    public static AssertionResult of(boolean passed, String reason) {
        return passed ? pass(1.0, reason) : fail(0.0, reason);
    }

    /** A result whose score could not be computed. */
    public static AssertionResult error(String reason) {
        return new AssertionResult("custom", "custom", 1.0, AssertionStatus.ERROR, OptionalDouble.empty(), reason,
                Optional.empty());
    }

    /** A result whose score could not be computed, keeping the judge's raw reply. */
    public static AssertionResult error(String reason, String rawReply) {
        return new AssertionResult("custom", "custom", 1.0, AssertionStatus.ERROR, OptionalDouble.empty(), reason,
                Optional.of(rawReply));
    }

    private static OptionalDouble checked(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be a number but was NaN");
        }
        return OptionalDouble.of(Math.max(0.0, Math.min(1.0, score)));
    }

    /** Whether the status is {@link AssertionStatus#PASS}. */
    public boolean passed() {
        return status == AssertionStatus.PASS;
    }

    /** A copy named after the assertion that produced it. */
    public AssertionResult named(String assertionType, String metricName, double assertionWeight) {
        return new AssertionResult(assertionType, metricName, assertionWeight, status, score, reason, rawReply);
    }

    /** The negated result: pass and fail swap, the score becomes {@code 1 - score}; errors stay errors. */
    public AssertionResult negated() {
        if (status == AssertionStatus.ERROR) {
            return this;
        }
        AssertionStatus s = status == AssertionStatus.PASS ? AssertionStatus.FAIL : AssertionStatus.PASS;
        return new AssertionResult(assertion, metric, weight, s, OptionalDouble.of(1.0 - score.getAsDouble()),
                "negated: " + reason, rawReply);
    }
}
