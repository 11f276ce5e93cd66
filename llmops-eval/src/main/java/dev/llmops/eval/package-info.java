/**
 * Assertion-style eval suites: load or build an {@link dev.llmops.eval.EvalSuite}, run it against targets, read the {@link dev.llmops.eval.EvalReport}.
 *
 * <p>Null policy: parameters are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional} / {@link java.util.OptionalDouble}; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package dev.llmops.eval;
