package dev.llmops.api.trace;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished span, as handed to sinks. Immutable.
 *
 * @param traceId       32 hex digits
 * @param spanId        16 hex digits
 * @param parentSpanId  the parent's span id, or {@code null} for a root span
 * @param name          what was done, e.g. {@code chat gpt-4o-mini}
 * @param kind          what the span measures
 * @param start         wall-clock start
 * @param durationNanos monotonic duration
 * @param status        how it ended
 * @param error         the error message when {@code status == ERROR}, else {@code null}
 * @param attributes    attribute name to value ({@code String}, {@code Long}, {@code Double},
 *                      {@code Boolean} or {@code List<String>})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanData(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
                       Instant start, long durationNanos, SpanStatus status, String error,
                       Map<String, Object> attributes) implements TraceEvent {

    public SpanData {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(status, "status");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The value of a typed attribute, if the span has it. */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        Object value = attributes.get(key.name());
        if (value == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T cast = (T) value;
        return Optional.of(cast);
    }

    /** The parent span id, empty for a root span. */
    public Optional<String> parent() {
        return Optional.ofNullable(parentSpanId);
    }

    /** This span's context, to compare with a child's parent. */
    public TraceContext context() {
        return new TraceContext(traceId, spanId);
    }

    /** A copy with other attributes (used by redaction hooks). */
    public SpanData withAttributes(Map<String, Object> newAttributes) {
        return new SpanData(traceId, spanId, parentSpanId, name, kind, start, durationNanos, status, error,
                newAttributes);
    }
}
