package dev.llmops.api.prompt;

import java.util.Locale;

/**
 * The role of one templated message in a chat prompt.
 *
 * @since 0.1.0
 */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT;

    /** The lower-case wire name used in YAML files and the Langfuse API ({@code system}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static MessageRole parse(String value) {
        for (MessageRole r : values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of [system, user, assistant] but was: '" + value + "'");
    }
}
