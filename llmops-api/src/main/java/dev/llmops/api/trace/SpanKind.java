package dev.llmops.api.trace;

/**
 * What a span measures. See the package documentation for nesting.
 *
 * @since 0.1.0
 */
public enum SpanKind {
    CHAIN, STEP, GUARD, RETRIEVAL, MODEL_CALL, MODEL_ATTEMPT, PARSE, EVAL_CASE, INTERNAL
}
