package dev.llmops.api.trace;

import java.util.Objects;

/**
 * The identity of a span, passed explicitly to make a child span: a 32-hex-digit trace id and a
 * 16-hex-digit span id, as in W3C Trace Context and OpenTelemetry.
 *
 * @since 0.1.0
 */
public record TraceContext(String traceId, String spanId) {

    public TraceContext {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }
}
