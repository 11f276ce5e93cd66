package dev.llmops.api.prompt;

import java.util.Map;

/**
 * The rendering port: resolve a {@link PromptRef} and render it with variables. Implemented by
 * llmops-prompts' registry; used by evals and anything else that runs versioned prompts.
 *
 * <p><b>Contract:</b> thread-safe. Throws {@link dev.llmops.api.PromptNotFoundException} when the
 * reference does not resolve, and an {@link dev.llmops.api.LlmOpsException} subclass naming the
 * prompt and the variables when rendering fails (e.g. a missing variable).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PromptSource {

    /** Renders the referenced version with {@code variables} (Mustache semantics). */
    RenderedPrompt render(PromptRef ref, Map<String, ?> variables);
}
