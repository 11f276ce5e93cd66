package dev.llmops.api.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A test double a user needs as much as we do: a {@link ChatModel} that plays back a script of
 * answers and failures in order, and records every request it received.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *         .fail(new InternalServerException("boom"))
 *         .reply("{\"answer\": \"42\"}")
 *         .build();
 * Generation g = LanguageModel.of(model).withRetries(1).generate("q");   // retried once
 * assertThat(model.requests()).hasSize(2);
 * }</pre>
 *
 * <p>When the script is used up, the fallback answer applies (by default an
 * {@link IllegalStateException} naming the request count). Thread-safe: concurrent callers take
 * script entries one at a time.
 *
 * @since 0.1.0
 */
public final class ScriptedChatModel implements ChatModel {

    private final String modelName;
    private final Deque<Function<ChatRequest, ChatResponse>> script;
    private final Function<ChatRequest, ChatResponse> whenExhausted;
    private final List<ChatRequest> requests = new ArrayList<>();

    private ScriptedChatModel(Builder b) {
        this.modelName = b.modelName;
        this.script = new ArrayDeque<>(b.script);
        this.whenExhausted = b.whenExhausted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A model that always answers {@code text}. */
    public static ScriptedChatModel alwaysReplying(String text) {
        return builder().otherwise(r -> response(text, "scripted")).build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.builder().modelName(modelName).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        Function<ChatRequest, ChatResponse> next;
        synchronized (this) {
            requests.add(request);
            next = script.pollFirst();
        }
        return (next == null ? whenExhausted : next).apply(request);
    }

    /** Every request received, in order. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** Script entries not yet used. */
    public synchronized int remaining() {
        return script.size();
    }

    static ChatResponse response(String text, String model) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(model)
                .tokenUsage(new TokenUsage(TokenEstimator.estimate(text), TokenEstimator.estimate(text)))
                .finishReason(FinishReason.STOP).build();
    }

    /** Builds a {@link ScriptedChatModel}. Not thread-safe. */
    public static final class Builder {
        private String modelName = "scripted";
        private final List<Function<ChatRequest, ChatResponse>> script = new ArrayList<>();
        private Function<ChatRequest, ChatResponse> whenExhausted;

        private Builder() {
        }

        public Builder modelName(String name) {
            this.modelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Next, answer {@code text} (with estimated usage reported as provider usage). */
        public Builder reply(String text) {
            Objects.requireNonNull(text, "text");
            script.add(r -> response(text, modelName));
            return this;
        }

        /** Next, throw {@code failure}. */
        public Builder fail(RuntimeException failure) {
            Objects.requireNonNull(failure, "failure");
            script.add(r -> {
                throw failure;
            });
            return this;
        }

        /** Next, compute the response from the request. */
        public Builder respond(Function<ChatRequest, ChatResponse> responder) {
            script.add(Objects.requireNonNull(responder, "responder"));
            return this;
        }

        /** What to do once the script is used up. */
        public Builder otherwise(Function<ChatRequest, ChatResponse> responder) {
            this.whenExhausted = Objects.requireNonNull(responder, "responder");
            return this;
        }

        public ScriptedChatModel build() {
            if (whenExhausted == null) {
                int scripted = script.size();
                whenExhausted = r -> {
                    throw new IllegalStateException("ScriptedChatModel script exhausted after " + scripted
                            + " entries");
                };
            }
            return new ScriptedChatModel(this);
        }
    }
}
