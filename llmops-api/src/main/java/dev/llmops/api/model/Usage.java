package dev.llmops.api.model;

/**
 * Token usage of one call.
 *
 * @param inputTokens  prompt tokens
 * @param outputTokens completion tokens
 * @param estimated    true when the provider reported no usage and the numbers come from
 *                     {@link TokenEstimator}
 * @since 0.1.0
 */
public record Usage(int inputTokens, int outputTokens, boolean estimated) {

    public Usage {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must be >= 0 but was: " + inputTokens);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must be >= 0 but was: " + outputTokens);
        }
    }

    /** Input plus output tokens. */
    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
