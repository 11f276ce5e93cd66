package dev.llmops.api.trace;

/**
 * How a span ended.
 *
 * @since 0.1.0
 */
public enum SpanStatus {
    OK, ERROR
}
