package dev.llmops.api.prompt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.internal.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a prompt version says, without its bookkeeping: a text template or an ordered list of chat
 * messages, the model config and free metadata. Two versions with equal content have the same
 * {@link #contentHash()}.
 *
 * <pre>{@code
 * PromptContent content = PromptContent.chat(List.of(
 *                 PromptMessage.system("You answer from the context only."),
 *                 PromptMessage.user("{{question}}")))
 *         .withConfig(ModelConfig.builder().temperature(0.0).build())
 *         .withMetadata(Map.of("team", "support"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; serialises with Jackson.
 *
 * @since 0.1.0
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class PromptContent {

    /** Whether the prompt is one text or a list of chat messages. */
    public enum Kind { TEXT, CHAT }

    private final Kind kind;
    private final String text;
    private final List<PromptMessage> messages;
    private final ModelConfig config;
    private final Map<String, String> metadata;
    @JsonIgnore
    private final String hash;

    private PromptContent(Kind kind, String text, List<PromptMessage> messages, ModelConfig config,
                          Map<String, String> metadata) {
        this.kind = kind;
        this.text = text;
        this.messages = List.copyOf(messages);
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metadata, "metadata");
        metadata.forEach((k, v) -> {
            Objects.requireNonNull(k, "metadata key");
            Objects.requireNonNull(v, "metadata['" + k + "']");
        });
        this.metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
        this.hash = Hashing.sha256Hex(canonicalForm());
    }

    @JsonCreator
    static PromptContent fromJson(@JsonProperty("kind") Kind kind, @JsonProperty("text") String text,
                                  @JsonProperty("messages") List<PromptMessage> messages,
                                  @JsonProperty("config") ModelConfig config,
                                  @JsonProperty("metadata") Map<String, String> metadata) {
        Objects.requireNonNull(kind, "kind");
        PromptContent base = kind == Kind.TEXT ? text(text) : chat(messages == null ? List.of() : messages);
        return new PromptContent(base.kind, base.text, base.messages, config == null ? ModelConfig.empty() : config,
                metadata == null ? Map.of() : metadata);
    }

    /** A text prompt: one Mustache template rendered to one user message. */
    public static PromptContent text(String template) {
        Objects.requireNonNull(template, "template");
        return new PromptContent(Kind.TEXT, template, List.of(), ModelConfig.empty(), Map.of());
    }

    /** A chat prompt: ordered role messages, each a Mustache template. */
    public static PromptContent chat(List<PromptMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        for (int i = 0; i < messages.size(); i++) {
            Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
        }
        return new PromptContent(Kind.CHAT, null, messages, ModelConfig.empty(), Map.of());
    }

    public PromptContent withConfig(ModelConfig newConfig) {
        return new PromptContent(kind, text, messages, newConfig, metadata);
    }

    public PromptContent withMetadata(Map<String, String> newMetadata) {
        return new PromptContent(kind, text, messages, config, newMetadata);
    }

    public Kind kind() {
        return kind;
    }

    /** The template of a text prompt; empty for a chat prompt. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /**
     * The messages: for a chat prompt as given, for a text prompt one user message with the text
     * template.
     */
    public List<PromptMessage> messages() {
        return kind == Kind.TEXT ? List.of(PromptMessage.user(text)) : messages;
    }

    public ModelConfig config() {
        return config;
    }

    /** Free metadata, sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The canonical form hashed by {@link #contentHash()}: compact JSON with a fixed field order
     * and metadata sorted by key. Bookkeeping (version, author, dates) is not part of it.
     */
    public String canonicalForm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        if (kind == Kind.TEXT) {
            m.put("template", text);
        } else {
            List<Map<String, String>> ms = new ArrayList<>();
            for (PromptMessage pm : messages) {
                Map<String, String> e = new LinkedHashMap<>();
                e.put("role", pm.role().wireName());
                e.put("template", pm.template());
                ms.add(e);
            }
            m.put("messages", ms);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        config.modelName().ifPresent(v -> c.put("model", v));
        config.temperature().ifPresent(v -> c.put("temperature", v));
        config.topP().ifPresent(v -> c.put("topP", v));
        config.maxOutputTokens().ifPresent(v -> c.put("maxOutputTokens", v));
        if (!config.stop().isEmpty()) {
            c.put("stop", config.stop());
        }
        c.put("format", config.format().name().toLowerCase(java.util.Locale.ROOT));
        config.jsonSchema().ifPresent(v -> c.put("jsonSchema", v));
        m.put("config", c);
        m.put("metadata", metadata);
        try {
            return LlmOpsJson.writer().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise prompt content", e);
        }
    }

    /** SHA-256 (hex) of {@link #canonicalForm()}. */
    public String contentHash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptContent c && c.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "PromptContent[" + kind + ", hash=" + hash.substring(0, 12) + "]";
    }
}
