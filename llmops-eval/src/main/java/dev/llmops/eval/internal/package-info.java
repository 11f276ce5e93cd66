/**
 * Implementation details; not part of the public API, may change without notice.
 *
 * <p>Null policy: parameters are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional} / {@link java.util.OptionalDouble}; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package dev.llmops.eval.internal;
