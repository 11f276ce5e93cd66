package dev.llmops.eval;

import dev.llmops.api.model.Generation;

import java.util.Objects;
import java.util.Optional;

/**
 * What an assertion sees: the output text, the model call's {@link Generation} when the target made
 * one (latency, tokens, cost), and the case (variables, expected answer, context).
 *
 * <p>Immutable and thread-safe.
 *
 * @param output     the target's output text
 * @param generation the model call's metadata, when known
 * @param testCase   the case being evaluated
 * @since 0.1.0
 */
public record AssertionContext(String output, Optional<Generation> generation, EvalCase testCase) {

    private static final EvalCase ANONYMOUS = EvalCase.builder("adhoc").build();

    public AssertionContext {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(testCase, "testCase");
    }

    /** A context for a bare output, outside any suite (e.g. in a unit test). */
    public static AssertionContext of(String output) {
        return new AssertionContext(output, Optional.empty(), ANONYMOUS);
    }

    /** A context for an output of this case. */
    public static AssertionContext of(String output, EvalCase testCase) {
        return new AssertionContext(output, Optional.empty(), testCase);
    }

    /** A context for a model call's output. */
    public static AssertionContext of(Generation generation, EvalCase testCase) {
        return new AssertionContext(generation.text(), Optional.of(generation), testCase);
    }
}
