package dev.llmops.guard;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.model.ModelRequest;

/**
 * A cap on generated tokens handed to the model call: {@link #apply(ModelRequest)} sets
 * {@code maxOutputTokens} to the cap, or keeps the request's own value when it is lower.
 *
 * <pre>{@code
 * GenerationCap cap = GenerationCap.of(512);
 * Generation g = model.generate(cap.apply(request));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxOutputTokens the cap, > 0
 * @since 0.1.0
 */
public record GenerationCap(int maxOutputTokens) {

    public GenerationCap {
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0 but was: " + maxOutputTokens);
        }
    }

    public static GenerationCap of(int maxOutputTokens) {
        return new GenerationCap(maxOutputTokens);
    }

    /** The request with its output capped. */
    public ModelRequest apply(ModelRequest request) {
        ChatRequestParameters current = request.parameters().orElse(null);
        Integer existing = current == null ? null : current.maxOutputTokens();
        if (existing != null && existing <= maxOutputTokens) {
            return request;
        }
        ChatRequestParameters cap = ChatRequestParameters.builder().maxOutputTokens(maxOutputTokens).build();
        return request.toBuilder().parameters(current == null ? cap : current.overrideWith(cap)).build();
    }
}
