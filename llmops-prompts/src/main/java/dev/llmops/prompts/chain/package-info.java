/**
 * Typed, traced chains of steps: prompt, model call, retrieval, guards, transforms, structured
 * parsing with re-prompts, branches and parallel maps. See {@link dev.llmops.prompts.chain.Chain}.
 *
 * <p>Null policy: parameters are non-null (checked); absent results are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.prompts.chain;
