package dev.llmops.api.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps spans and feedback in memory, for tests, evals and dashboards in the same process.
 *
 * <p>{@link #create()} keeps everything; {@link #withCapacity(int)} keeps the newest {@code n}
 * spans and counts the ones it dropped in {@link #dropped()}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryTraceSink implements TraceSink {

    private final int capacity;
    private final ArrayDeque<SpanData> spans = new ArrayDeque<>();
    private final List<Feedback> feedback = new ArrayList<>();
    private long dropped;

    private InMemoryTraceSink(int capacity) {
        this.capacity = capacity;
    }

    /** An unbounded sink. */
    public static InMemoryTraceSink create() {
        return new InMemoryTraceSink(Integer.MAX_VALUE);
    }

    /** A sink that keeps the newest {@code capacity} spans. */
    public static InMemoryTraceSink withCapacity(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was: " + capacity);
        }
        return new InMemoryTraceSink(capacity);
    }

    @Override
    public synchronized void accept(TraceEvent event) {
        if (event instanceof SpanData span) {
            if (spans.size() >= capacity) {
                spans.removeFirst();
                dropped++;
            }
            spans.addLast(span);
        } else if (event instanceof Feedback f) {
            feedback.add(f);
        }
    }

    /** Every span kept, in the order they ended. */
    public synchronized List<SpanData> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace, in the order they ended. */
    public synchronized List<SpanData> spans(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** The spans of one kind, in the order they ended. */
    public synchronized List<SpanData> spans(SpanKind kind) {
        return spans.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The root span of a trace, if it has ended. */
    public synchronized Optional<SpanData> root(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId) && s.parentSpanId() == null).findFirst();
    }

    /** All feedback received, in order. */
    public synchronized List<Feedback> feedback() {
        return List.copyOf(feedback);
    }

    /** Feedback for one trace. */
    public synchronized List<Feedback> feedback(String traceId) {
        return feedback.stream().filter(f -> f.traceId().equals(traceId)).toList();
    }

    /** How many spans were dropped because the capacity was reached. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets everything kept so far. */
    public synchronized void clear() {
        spans.clear();
        feedback.clear();
        dropped = 0;
    }
}
