/**
 * {@link dev.llmops.api.prompt.PromptStore} implementations: in memory, YAML files, the classpath
 * (read-only) and the Langfuse public prompt API over HTTP (read-only, cached).
 *
 * <p>Null policy: parameters are non-null (checked); absent results are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.prompts.store;
