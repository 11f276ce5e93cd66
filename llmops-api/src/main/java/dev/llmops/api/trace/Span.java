package dev.llmops.api.trace;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A span in progress. End it exactly once with {@link #end()} or try-with-resources; later calls
 * are ignored. Attributes set after the end are ignored.
 *
 * <p><b>Thread safety:</b> thread-safe (attribute writes and the end are synchronized), though a
 * span is normally owned by the thread doing the work it measures.
 *
 * @since 0.1.0
 */
public final class Span implements AutoCloseable {

    private final Tracer tracer;
    private final TraceContext context;
    private final String parentSpanId;
    private final String name;
    private final SpanKind kind;
    private final Instant start;
    private final long startNanos;
    private final Map<String, Object> attributes = new LinkedHashMap<>(8);
    private SpanStatus status = SpanStatus.OK;
    private String error;
    private boolean ended;

    Span(Tracer tracer, String traceId, String parentSpanId, String name, SpanKind kind) {
        this.tracer = tracer;
        this.context = new TraceContext(traceId, Tracer.newSpanId());
        this.parentSpanId = parentSpanId;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.start = tracer.isRecording() ? tracer.now() : Instant.EPOCH;
        this.startNanos = System.nanoTime();
    }

    /** This span's identity, to pass as the parent of work it contains. */
    public TraceContext context() {
        return context;
    }

    public String traceId() {
        return context.traceId();
    }

    /** Starts a child span of this one. */
    public Span child(String childName, SpanKind childKind) {
        return tracer.start(childName, childKind, context);
    }

    /** Sets a typed attribute; a {@code null} value is ignored. */
    public <T> Span set(AttributeKey<T> key, T value) {
        if (value != null) {
            Object v = value instanceof List<?> list ? List.copyOf(list) : value;
            synchronized (this) {
                if (!ended) {
                    attributes.put(key.name(), v);
                }
            }
        }
        return this;
    }

    /** Sets a content attribute (prompt, completion) only when the tracer captures content. */
    public Span setContent(AttributeKey<String> key, String value) {
        if (tracer.capturesContent()) {
            set(key, value);
        }
        return this;
    }

    /** Marks the span failed with the exception's class and message. */
    public Span fail(Throwable t) {
        synchronized (this) {
            status = SpanStatus.ERROR;
            error = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return this;
    }

    /** Marks the span failed with a message. */
    public Span fail(String message) {
        synchronized (this) {
            status = SpanStatus.ERROR;
            error = message;
        }
        return this;
    }

    /** Ends the span and hands it to the tracer's sinks. Idempotent. */
    public void end() {
        SpanData data;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (!tracer.isRecording()) {
                return;
            }
            data = new SpanData(context.traceId(), context.spanId(), parentSpanId, name, kind, start,
                    System.nanoTime() - startNanos, status, error, attributes);
        }
        tracer.finish(data);
    }

    /** Same as {@link #end()}. */
    @Override
    public void close() {
        end();
    }

    @Override
    public String toString() {
        return "Span[" + name + " " + kind + " " + context.traceId() + "/" + context.spanId() + "]";
    }
}
