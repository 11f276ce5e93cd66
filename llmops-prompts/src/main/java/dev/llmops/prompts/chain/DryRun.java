package dev.llmops.prompts.chain;

import dev.llmops.api.prompt.RenderedPrompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Chain#dryRun} did: every prompt it rendered, in order, and where it stopped if a step
 * needed a real model answer (e.g. parsing structured output). No model was called.
 *
 * @param prompts   each rendered prompt with the step that rendered it
 * @param stoppedAt why the dry run stopped early, e.g. {@code step 4 'parse Answer' needs a model
 *                  answer}; empty when every step ran
 * @since 0.1.0
 */
public record DryRun(List<Rendered> prompts, Optional<String> stoppedAt) {

    /**
     * One rendered prompt.
     *
     * @param step   the step's name
     * @param prompt the rendered messages and parameters
     */
    public record Rendered(String step, RenderedPrompt prompt) {
        public Rendered {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    public DryRun {
        prompts = List.copyOf(prompts);
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }
}
