/**
 * Versioned prompt templates: Mustache templates compiled once ({@link dev.llmops.prompts.MustacheTemplate}),
 * prompt versions ready to render ({@link dev.llmops.prompts.Prompt}) and the registry façade
 * ({@link dev.llmops.prompts.PromptRegistry}) with labels, rollback, history and diffs.
 *
 * <p>Null policy: parameters are non-null (checked); absent results are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.prompts;
