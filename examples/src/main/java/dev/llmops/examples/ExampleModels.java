package dev.llmops.examples;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.llmops.api.http.LlmOpsHttpClientBuilder;
import dev.llmops.api.model.ExtractiveChatModel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the examples choose their chat model: the offline extractive stand-in by default, or any
 * OpenAI-compatible endpoint when {@code LLMOPS_OPENAI_BASE_URL} is set.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code LLMOPS_OPENAI_BASE_URL}</td><td>endpoint, e.g. {@code https://api.openai.com/v1},
 *       {@code http://localhost:11434/v1} (Ollama)</td><td>unset: offline stand-in</td></tr>
 *   <tr><td>{@code LLMOPS_OPENAI_API_KEY}</td><td>API key (any text for servers without auth)</td>
 *       <td>{@code none}</td></tr>
 *   <tr><td>{@code LLMOPS_MODEL}</td><td>model name</td><td>{@code gpt-4o-mini}</td></tr>
 * </table>
 *
 * <p>Immutable.
 */
public final class ExampleModels {

    public static final String BASE_URL = "LLMOPS_OPENAI_BASE_URL";
    public static final String API_KEY = "LLMOPS_OPENAI_API_KEY";
    public static final String MODEL = "LLMOPS_MODEL";

    private final ChatModel chatModel;
    private final String description;
    private final boolean offline;

    private ExampleModels(ChatModel chatModel, String description, boolean offline) {
        this.chatModel = chatModel;
        this.description = description;
        this.offline = offline;
    }

    /** Reads the process environment (the only place the examples read it). */
    public static ExampleModels fromEnv() {
        return from(System.getenv());
    }

    /** Chooses from an explicit environment map. */
    public static ExampleModels from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Optional<String> baseUrl = Optional.ofNullable(env.get(BASE_URL)).filter(s -> !s.isBlank());
        if (baseUrl.isEmpty()) {
            return offline();
        }
        String model = Optional.ofNullable(env.get(MODEL)).filter(s -> !s.isBlank()).orElse("gpt-4o-mini");
        String key = Optional.ofNullable(env.get(API_KEY)).filter(s -> !s.isBlank()).orElse("none");
        ChatModel chat = OpenAiChatModel.builder()
                .baseUrl(baseUrl.get())
                .apiKey(key)
                .modelName(model)
                .timeout(Duration.ofSeconds(60))
                .httpClientBuilder(LlmOpsHttpClientBuilder.create())
                .maxRetries(0) // the llmops gateway retries, honouring Retry-After
                .build();
        return new ExampleModels(chat, "model " + model + " at " + baseUrl.get() + " (OpenAI-compatible)", false);
    }

    /** The offline extractive stand-in. */
    public static ExampleModels offline() {
        return new ExampleModels(ExtractiveChatModel.create(), ExtractiveChatModel.MODEL_NAME + " (offline)", true);
    }

    /**
     * The same choice with the chat model replaced, e.g. wrapped in a decorator that records requests;
     * the banner and {@link #offlineStandIn()} stay as they were.
     */
    public ExampleModels withChatModel(ChatModel decorated) {
        return new ExampleModels(Objects.requireNonNull(decorated, "decorated"), description, offline);
    }

    public ChatModel chatModel() {
        return chatModel;
    }

    /** Whether the examples run on the offline stand-in. */
    public boolean offlineStandIn() {
        return offline;
    }

    /** The line a program prints first, saying honestly which model answers. */
    public String banner() {
        return offline ? ExtractiveChatModel.BANNER : "Using " + description + ".";
    }
}
