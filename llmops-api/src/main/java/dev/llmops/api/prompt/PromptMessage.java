package dev.llmops.api.prompt;

import java.util.Objects;

/**
 * One templated message of a chat prompt: a role and a Mustache template.
 *
 * @param role     who speaks
 * @param template the Mustache template of the message text
 * @since 0.1.0
 */
public record PromptMessage(MessageRole role, String template) {

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(template, "template");
    }

    public static PromptMessage system(String template) {
        return new PromptMessage(MessageRole.SYSTEM, template);
    }

    public static PromptMessage user(String template) {
        return new PromptMessage(MessageRole.USER, template);
    }

    public static PromptMessage assistant(String template) {
        return new PromptMessage(MessageRole.ASSISTANT, template);
    }
}
