/**
 * Context assembly: from retrieved chunks to prompt context with a token budget, near-duplicate
 * removal, ordering and citation markers.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.rag.context;
