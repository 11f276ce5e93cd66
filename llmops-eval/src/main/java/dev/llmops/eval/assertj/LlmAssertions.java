package dev.llmops.eval.assertj;

import dev.llmops.api.model.Generation;

/**
 * AssertJ entry point for LLM outputs in ordinary tests.
 *
 * <pre>{@code
 * import static dev.llmops.eval.assertj.LlmAssertions.assertThat;
 *
 * assertThat(generation)
 *         .containsJson()
 *         .satisfiesSchema(schemaJson)
 *         .isSimilarTo("Refunds within 30 days", 0.8, embeddingModel)
 *         .isGroundedIn(List.of(policyText));
 * // failing: "Expecting output ... to be similar to ... (score 0.412, threshold 0.800) but: cosine similarity ..."
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class LlmAssertions {

    private LlmAssertions() {
    }

    /** Assertions on a model call's text, with its latency, tokens and cost available. */
    public static LlmOutputAssert assertThat(Generation generation) {
        return new LlmOutputAssert(generation.text(), generation);
    }

    /** Assertions on an output text. */
    public static LlmOutputAssert assertThat(String output) {
        return new LlmOutputAssert(output, null);
    }
}
