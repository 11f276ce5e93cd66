/**
 * Implementation details of llmops-rag. Not part of the public API: do not import.
 *
 * <p>Null policy: parameters are non-null unless stated.
 */
package dev.llmops.rag.internal;
