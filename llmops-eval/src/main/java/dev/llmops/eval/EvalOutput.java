package dev.llmops.eval;

import dev.llmops.api.model.Generation;

import java.util.Objects;
import java.util.Optional;

/**
 * What a target produced: the output text and, when it made a model call, the call's
 * {@link Generation} (latency, tokens, cost, cache hit, trace id).
 *
 * <p>Immutable and thread-safe.
 *
 * @param text       the output text
 * @param generation the model call, when known
 * @since 0.1.0
 */
public record EvalOutput(String text, Optional<Generation> generation) {

    public EvalOutput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(generation, "generation");
    }

    /** A plain text output. */
    public static EvalOutput of(String text) {
        return new EvalOutput(text, Optional.empty());
    }

    /** A model call's output. */
    public static EvalOutput of(Generation generation) {
        return new EvalOutput(generation.text(), Optional.of(generation));
    }
}
