package dev.llmops.api.cache;

import dev.langchain4j.model.output.FinishReason;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful model answer as stored in a {@link ResponseCache}. Errors are never cached.
 *
 * @param text          the answer text
 * @param finishReason  why the model stopped
 * @param model         the model that answered
 * @param inputTokens   input tokens of the original call
 * @param outputTokens  output tokens of the original call
 * @param usageEstimated whether the token counts were estimated
 * @param createdAt     when the answer was stored
 * @since 0.1.0
 */
public record CachedResponse(String text, FinishReason finishReason, String model, int inputTokens,
                             int outputTokens, boolean usageEstimated, Instant createdAt) {

    public CachedResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
