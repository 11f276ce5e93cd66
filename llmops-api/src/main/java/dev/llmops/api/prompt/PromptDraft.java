package dev.llmops.api.prompt;

import java.util.Objects;

/**
 * Content to publish as a new version of a prompt, with its author and commit message.
 *
 * @param name    the prompt name (same rules as {@link PromptRef#name()})
 * @param content templates, config and metadata
 * @param author  who publishes; may be empty
 * @param message the commit message; may be empty
 * @since 0.1.0
 */
public record PromptDraft(String name, PromptContent content, String author, String message) {

    public PromptDraft {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(message, "message");
        PromptRef.latest(name); // validates the name
    }
}
