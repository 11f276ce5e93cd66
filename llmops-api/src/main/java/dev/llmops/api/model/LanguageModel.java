package dev.llmops.api.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.List;

/**
 * The model port: one call in, one {@link Generation} out.
 *
 * <p>The usual implementation is the gateway over any LangChain4j {@link ChatModel}:
 * <pre>{@code
 * LanguageModel model = LanguageModel.of(chatModel)
 *         .withRetries(3)
 *         .withTimeout(Duration.ofSeconds(20))
 *         .withCache(InMemoryResponseCache.create(10_000, Duration.ofHours(1)))
 *         .withTracer(tracer);
 * Generation g = model.generate("Summarise: ...");
 * System.out.println(g.text() + " " + g.usage() + " " + g.cost());
 * }</pre>
 *
 * <p><b>Contract:</b> implementations are thread-safe. {@link #generate} returns a
 * {@code Generation} or throws a {@link ModelException} saying which model, which attempt and why.
 *
 * @since 0.1.0
 */
public interface LanguageModel {

    /** The model id used in traces, cache keys and pricing. */
    String name();

    /**
     * Sends one request.
     *
     * @throws ModelException when the call fails after the configured retries and fallback
     */
    Generation generate(ModelRequest request);

    /** Sends one user message with default parameters. */
    default Generation generate(String userMessage) {
        return generate(ModelRequest.of(userMessage));
    }

    /** Sends these messages with default parameters. */
    default Generation generate(List<ChatMessage> messages) {
        return generate(ModelRequest.of(messages));
    }

    /**
     * A gateway over a LangChain4j chat model, with no retries, no timeout, no cache, no tracing
     * and the default pricing table; derive the configuration you need with its {@code withX} methods.
     */
    static ModelGateway of(ChatModel chatModel) {
        return ModelGateway.over(chatModel);
    }
}
