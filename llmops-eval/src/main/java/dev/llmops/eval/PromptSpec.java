package dev.llmops.eval;

import dev.llmops.api.prompt.PromptRef;

import java.util.Objects;
import java.util.Optional;

/**
 * One prompt of a suite: a registry reference ({@code name@label}, {@code name@3}, {@code name})
 * rendered through a {@link dev.llmops.api.prompt.PromptSource}, or an inline template whose
 * {@code {{var}}} placeholders are replaced by the case's variables.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       how the prompt appears in reports: the reference, or the inline id
 * @param ref      the registry reference, for referenced prompts
 * @param template the inline template, for inline prompts
 * @since 0.1.0
 */
public record PromptSpec(String id, Optional<PromptRef> ref, Optional<String> template) {

    public PromptSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(template, "template");
        if (ref.isPresent() == template.isPresent()) {
            throw new IllegalArgumentException("prompt '" + id + "' needs exactly one of ref or template");
        }
    }

    /** A registry reference, e.g. {@code support-answer@production}. */
    public static PromptSpec ref(String ref) {
        PromptRef r = PromptRef.parse(ref);
        return new PromptSpec(r.toString(), Optional.of(r), Optional.empty());
    }

    /** An inline template with an id for reports. */
    public static PromptSpec inline(String id, String template) {
        Objects.requireNonNull(template, "template");
        if (id.isBlank()) {
            throw new IllegalArgumentException("prompt id must not be blank");
        }
        return new PromptSpec(id, Optional.empty(), Optional.of(template));
    }
}
