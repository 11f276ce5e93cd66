package dev.llmops.eval;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of one case on one prompt x target: the output, every assertion result, and the call's
 * latency, tokens, cost and trace id.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index         0-based sample number
 * @param status        PASS, FAIL, or ERROR when the target or an assertion could not be computed
 * @param reason        why it failed or errored; empty when it passed
 * @param output        the output text; empty when the target failed
 * @param assertions    every assertion's result, in order
 * @param score         weighted mean of the computed assertion scores; empty when none was computed
 * @param latencyMillis target wall time
 * @param inputTokens   input tokens (0 when the target reported no model call)
 * @param outputTokens  output tokens
 * @param costUsd       cost, when known
 * @param cacheHit      whether the model call was served from the cache
 * @param traceId       the case span's or model call's trace id; empty without tracing
 * @since 0.1.0
 */
public record SampleResult(int index, AssertionStatus status, String reason, String output,
                           List<AssertionResult> assertions, OptionalDouble score, long latencyMillis, int inputTokens,
                           int outputTokens, OptionalDouble costUsd, boolean cacheHit, String traceId) {

    public SampleResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(output, "output");
        assertions = List.copyOf(assertions);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(traceId, "traceId");
    }
}
