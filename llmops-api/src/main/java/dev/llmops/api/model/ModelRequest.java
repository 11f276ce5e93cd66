package dev.llmops.api.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.trace.TraceContext;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a {@link LanguageModel}: LangChain4j messages and request parameters, plus how the
 * call uses the cache, which span it nests under, and which prompt version produced it.
 *
 * <pre>{@code
 * ModelRequest request = ModelRequest.builder()
 *         .messages(SystemMessage.from("Answer from the context."), UserMessage.from(question))
 *         .parameters(ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(300).build())
 *         .promptRef("support-answer", 3)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelRequest {

    private final List<ChatMessage> messages;
    private final ChatRequestParameters parameters;
    private final CacheMode cacheMode;
    private final TraceContext parent;
    private final String promptName;
    private final int promptVersion;

    private ModelRequest(Builder b) {
        if (b.messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        this.messages = List.copyOf(b.messages);
        this.parameters = b.parameters;
        this.cacheMode = b.cacheMode;
        this.parent = b.parent;
        this.promptName = b.promptName;
        this.promptVersion = b.promptVersion;
    }

    /** A request with one user message and default parameters. */
    public static ModelRequest of(String userMessage) {
        return builder().messages(UserMessage.from(userMessage)).build();
    }

    /** A request with these messages and default parameters. */
    public static ModelRequest of(List<ChatMessage> messages) {
        return builder().messages(messages).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages = messages;
        b.parameters = parameters;
        b.cacheMode = cacheMode;
        b.parent = parent;
        b.promptName = promptName;
        b.promptVersion = promptVersion;
        return b;
    }

    public List<ChatMessage> messages() {
        return messages;
    }

    /** Request parameters; fields left unset fall back to the model's defaults. */
    public Optional<ChatRequestParameters> parameters() {
        return Optional.ofNullable(parameters);
    }

    public CacheMode cacheMode() {
        return cacheMode;
    }

    /** The span this call nests under; empty starts a new trace. */
    public Optional<TraceContext> parent() {
        return Optional.ofNullable(parent);
    }

    /** The prompt that produced the messages, for tracing. */
    public Optional<String> promptName() {
        return Optional.ofNullable(promptName);
    }

    /** The prompt version that produced the messages; 0 when unknown. */
    public int promptVersion() {
        return promptVersion;
    }

    /** The LangChain4j request to send. */
    public ChatRequest toChatRequest() {
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        if (parameters != null) {
            b.parameters(parameters);
        }
        return b.build();
    }

    /** Builds a {@link ModelRequest}. Not thread-safe. */
    public static final class Builder {
        private List<ChatMessage> messages = List.of();
        private ChatRequestParameters parameters;
        private CacheMode cacheMode = CacheMode.USE;
        private TraceContext parent;
        private String promptName;
        private int promptVersion;

        private Builder() {
        }

        public Builder messages(ChatMessage... messages) {
            return messages(List.of(messages));
        }

        public Builder messages(List<? extends ChatMessage> messages) {
            Objects.requireNonNull(messages, "messages");
            for (int i = 0; i < messages.size(); i++) {
                Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
            }
            this.messages = List.copyOf(messages);
            return this;
        }

        public Builder parameters(ChatRequestParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        public Builder cacheMode(CacheMode cacheMode) {
            this.cacheMode = Objects.requireNonNull(cacheMode, "cacheMode");
            return this;
        }

        /** Nest this call's spans under {@code parent}. */
        public Builder parent(TraceContext parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /** Tag the call with the prompt that produced it. */
        public Builder promptRef(String name, int version) {
            this.promptName = Objects.requireNonNull(name, "name");
            if (version < 0) {
                throw new IllegalArgumentException("version must be >= 0 but was: " + version);
            }
            this.promptVersion = version;
            return this;
        }

        public ModelRequest build() {
            return new ModelRequest(this);
        }
    }
}
