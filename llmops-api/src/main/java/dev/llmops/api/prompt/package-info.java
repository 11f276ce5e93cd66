/**
 * Prompt references and the rendering port, so modules other than llmops-prompts (evals, guards)
 * can use versioned prompts without depending on it.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.prompt;
