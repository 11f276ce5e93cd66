package dev.llmops.api.trace;

/**
 * What a {@link TraceSink} receives: a finished span or a piece of user feedback.
 *
 * @since 0.1.0
 */
public sealed interface TraceEvent permits SpanData, Feedback {

    /** The trace this event belongs to. */
    String traceId();
}
