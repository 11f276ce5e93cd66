package dev.llmops.eval;

import java.util.Map;
import java.util.Objects;

/**
 * One row of the prompt x target comparison matrix: the "which model / prompt should we ship" table.
 *
 * <p>Immutable and thread-safe.
 *
 * @param prompt        the prompt id; empty when the suite has no prompts
 * @param target        the target name
 * @param cases         case results in this cell
 * @param passed        passing cases
 * @param failed        failing cases
 * @param errors        errored cases
 * @param passRate      passed / cases
 * @param meanScores    mean score per metric (computed scores only), sorted by metric
 * @param latencyP50Millis median latency (nearest rank)
 * @param latencyP95Millis 95th percentile latency (nearest rank)
 * @param costUsd       total cost of the known costs
 * @param tokens        total tokens
 * @since 0.1.0
 */
public record ComparisonRow(String prompt, String target, int cases, int passed, int failed, int errors,
                            double passRate, Map<String, Double> meanScores, long latencyP50Millis,
                            long latencyP95Millis, double costUsd, long tokens) {

    public ComparisonRow {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(target, "target");
        meanScores = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(meanScores));
    }
}
