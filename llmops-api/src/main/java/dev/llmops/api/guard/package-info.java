/**
 * The {@link dev.llmops.api.guard.Guard} port: a text (and its context) in, a
 * {@link dev.llmops.api.guard.GuardResult} out with verdict, findings and sanitized text.
 * Implemented by llmops-guard.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.guard;
