package dev.llmops.api.trace;

/**
 * Where finished spans and feedback go.
 *
 * <p><b>Concurrency:</b> {@link #accept} is called from many threads at once and must be
 * thread-safe. <b>Errors:</b> an exception thrown by a sink is caught and logged by the
 * {@link Tracer}; it never fails the traced call and never stops other sinks.
 *
 * <p>Implementations shipped: {@link InMemoryTraceSink}, {@link JsonlTraceSink},
 * {@link Slf4jTraceSink}. An OpenTelemetry exporter is one more implementation of this interface.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TraceSink extends AutoCloseable {

    /** Receives one finished span or feedback event. */
    void accept(TraceEvent event);

    /** Pushes buffered events to their destination. The default does nothing. */
    default void flush() {
    }

    /** Flushes and releases resources. The default does nothing. */
    @Override
    default void close() {
    }
}
