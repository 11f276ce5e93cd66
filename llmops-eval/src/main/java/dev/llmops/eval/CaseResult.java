package dev.llmops.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of one case on one prompt x target, over all its samples. The headline fields (output,
 * assertions, latency, trace id) come from the representative sample: the first one that did not pass
 * when the case did not pass, else the first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param caseId        the case id
 * @param prompt        the prompt id; empty when the suite has no prompts
 * @param target        the target name
 * @param status        PASS when the pass rate reaches the threshold; else ERROR when a sample errored, else FAIL
 * @param reason        why it did not pass; empty when it passed
 * @param output        the representative output
 * @param expected      the case's expected answer
 * @param assertions    the representative sample's assertion results
 * @param score         the representative sample's weighted score
 * @param latencyMillis the representative sample's latency
 * @param inputTokens   input tokens over all samples
 * @param outputTokens  output tokens over all samples
 * @param costUsd       cost over all samples; empty when any sample's cost is unknown
 * @param traceId       the representative sample's trace id
 * @param samples       every sample
 * @param passRate      passed samples / samples
 * @param passHatK      pass^k for k = samples: the estimated probability that k independent samples all pass
 * @param flaky         whether samples disagreed (some passed, some did not)
 * @since 0.1.0
 */
public record CaseResult(String caseId, String prompt, String target, AssertionStatus status, String reason,
                         String output, Optional<String> expected, List<AssertionResult> assertions,
                         OptionalDouble score, long latencyMillis, int inputTokens, int outputTokens,
                         OptionalDouble costUsd, String traceId, List<SampleResult> samples, double passRate,
                         double passHatK, boolean flaky) {

    public CaseResult {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(expected, "expected");
        assertions = List.copyOf(assertions);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(traceId, "traceId");
        samples = List.copyOf(samples);
    }

    /** {@code caseId [prompt] @ target}: the identity used in baselines and JUnit names. */
    @JsonIgnore
    public String key() {
        return caseId + (prompt.isEmpty() ? "" : " [" + prompt + "]") + " @ " + target;
    }

    @JsonIgnore
    public boolean passed() {
        return status == AssertionStatus.PASS;
    }
}
