package dev.llmops.api.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Starts spans and delivers finished spans and feedback to its sinks.
 *
 * <pre>{@code
 * InMemoryTraceSink sink = InMemoryTraceSink.create();
 * Tracer tracer = Tracer.builder().sink(sink).sink(JsonlTraceSink.open(Path.of("traces.jsonl"))).build();
 * try (Span chain = tracer.startRoot("support", SpanKind.CHAIN)) {
 *     try (Span step = chain.child("retrieve", SpanKind.RETRIEVAL)) {
 *         step.set(LlmOpsAttributes.RETRIEVAL_K, 5L);
 *     }
 * }
 * tracer.feedback(traceId, 1.0, "helpful");
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance. A failing sink is
 * isolated: its exception is logged (rate-limited) and the other sinks still receive the event.
 *
 * @since 0.1.0
 */
public final class Tracer {

    private static final Logger LOG = LoggerFactory.getLogger(Tracer.class);
    private static final Tracer NOOP = new Tracer(List.of(), UnaryOperator.identity(), false, Clock.systemUTC());

    private final List<TraceSink> sinks;
    private final UnaryOperator<SpanData> redactor;
    private final boolean captureContent;
    private final Clock clock;
    private final AtomicLong sinkFailures = new AtomicLong();

    private Tracer(List<TraceSink> sinks, UnaryOperator<SpanData> redactor, boolean captureContent, Clock clock) {
        this.sinks = List.copyOf(sinks);
        this.redactor = redactor;
        this.captureContent = captureContent;
        this.clock = clock;
    }

    /** A tracer that records nothing; spans still get ids so generations carry a trace id. */
    public static Tracer noop() {
        return NOOP;
    }

    /** A tracer that sends everything to the given sinks. */
    public static Tracer of(TraceSink... sinks) {
        Builder b = builder();
        for (TraceSink s : sinks) {
            b.sink(s);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a root span: a new trace. */
    public Span startRoot(String name, SpanKind kind) {
        return new Span(this, newTraceId(), null, name, kind);
    }

    /** Starts a child of {@code parent}, or a root span when {@code parent} is empty. */
    public Span start(String name, SpanKind kind, Optional<TraceContext> parent) {
        return parent.map(p -> start(name, kind, p)).orElseGet(() -> startRoot(name, kind));
    }

    /** Starts a child span of {@code parent}. */
    public Span start(String name, SpanKind kind, TraceContext parent) {
        Objects.requireNonNull(parent, "parent");
        return new Span(this, parent.traceId(), parent.spanId(), name, kind);
    }

    /**
     * Records user feedback on a trace and sends it to every sink.
     *
     * @param traceId the trace, e.g. from {@code Generation.traceId()}
     * @param score   in [0, 1]
     * @param comment free text, may be empty
     * @throws IllegalArgumentException when the score is outside [0, 1]
     */
    public Feedback feedback(String traceId, double score, String comment) {
        Feedback f = new Feedback(traceId, score, comment, clock.instant());
        emit(f);
        return f;
    }

    /** Whether prompts and completions are recorded as span attributes. Off by default. */
    public boolean capturesContent() {
        return captureContent;
    }

    /** Whether any sink is attached. */
    public boolean isRecording() {
        return !sinks.isEmpty();
    }

    /** Flushes every sink. */
    public void flush() {
        for (TraceSink sink : sinks) {
            try {
                sink.flush();
            } catch (RuntimeException e) {
                LOG.warn("trace sink {} failed to flush: {}", sink.getClass().getName(), e.toString());
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    void finish(SpanData data) {
        if (sinks.isEmpty()) {
            return;
        }
        SpanData redacted;
        try {
            redacted = redactor.apply(data);
        } catch (RuntimeException e) {
            logSinkFailure("redactor", e);
            return; // never emit unredacted data when the redactor fails
        }
        if (redacted != null) {
            emit(redacted);
        }
    }

    private void emit(TraceEvent event) {
        for (TraceSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                logSinkFailure(sink.getClass().getName(), e);
            }
        }
    }

    private void logSinkFailure(String what, RuntimeException e) {
        long n = sinkFailures.incrementAndGet();
        if (n <= 10 || n % 1000 == 0) {
            LOG.warn("trace sink {} failed ({} failures so far); the traced call is unaffected: {}", what, n,
                    e.toString());
        }
    }

    static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return hex16(r.nextLong() | 1L) + hex16(r.nextLong());
    }

    static String newSpanId() {
        return hex16(ThreadLocalRandom.current().nextLong() | 1L);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex16(long v) {
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(c);
    }

    /** Builds a {@link Tracer}. Not thread-safe. */
    public static final class Builder {
        private final List<TraceSink> sinks = new ArrayList<>();
        private UnaryOperator<SpanData> redactor = UnaryOperator.identity();
        private boolean captureContent;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds a sink; events go to sinks in the order added. */
        public Builder sink(TraceSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * A hook applied to every span before any sink sees it, e.g. to mask attribute values.
         * Returning {@code null} drops the span. If the hook throws, the span is dropped, never
         * emitted unredacted.
         */
        public Builder redactor(UnaryOperator<SpanData> redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Record prompts and completions as span attributes. Off by default: they may hold PII. */
        public Builder captureContent(boolean captureContent) {
            this.captureContent = captureContent;
            return this;
        }

        /** The clock for span start times and feedback timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Tracer build() {
            return new Tracer(sinks, redactor, captureContent, clock);
        }
    }
}
