/**
 * The floor of llmops4j: shared value types, the ports other modules implement, and the errors.
 *
 * <p>Null policy for this package and every {@code dev.llmops.api.*} package: parameters are
 * non-null unless documented otherwise and are checked eagerly; an absent result is an
 * {@link java.util.Optional}; collections are never null, only empty.
 *
 * <p>Sub-packages: {@link dev.llmops.api.model} (the {@code LanguageModel} gateway),
 * {@link dev.llmops.api.trace} (spans and sinks), {@link dev.llmops.api.cache} (response cache),
 * {@link dev.llmops.api.retrieval} ({@code Retriever} port), {@link dev.llmops.api.guard}
 * ({@code Guard} port), {@link dev.llmops.api.prompt} (prompt references and rendering port).
 *
 * @since 0.1.0
 */
package dev.llmops.api;
