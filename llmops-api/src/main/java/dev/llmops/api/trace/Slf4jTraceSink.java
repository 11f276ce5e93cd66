package dev.llmops.api.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each finished span as one line through SLF4J at INFO (errors at WARN), under the logger
 * {@code dev.llmops.trace}. Prompts and completions appear only if the tracer captures content.
 *
 * <p><b>Thread safety:</b> thread-safe.
 *
 * @since 0.1.0
 */
public final class Slf4jTraceSink implements TraceSink {

    private final Logger log;

    private Slf4jTraceSink(Logger log) {
        this.log = log;
    }

    /** Logs under {@code dev.llmops.trace}. */
    public static Slf4jTraceSink create() {
        return new Slf4jTraceSink(LoggerFactory.getLogger("dev.llmops.trace"));
    }

    /** Logs under the given logger name. */
    public static Slf4jTraceSink create(String loggerName) {
        return new Slf4jTraceSink(LoggerFactory.getLogger(loggerName));
    }

    @Override
    public void accept(TraceEvent event) {
        if (event instanceof SpanData s) {
            if (s.status() == SpanStatus.ERROR) {
                if (log.isWarnEnabled()) {
                    log.warn("span {} {} trace={} span={} parent={} {}ms ERROR {} {}", s.kind(), s.name(),
                            s.traceId(), s.spanId(), s.parentSpanId(), millis(s), s.error(), s.attributes());
                }
            } else if (log.isInfoEnabled()) {
                log.info("span {} {} trace={} span={} parent={} {}ms {}", s.kind(), s.name(), s.traceId(),
                        s.spanId(), s.parentSpanId(), millis(s), s.attributes());
            }
        } else if (event instanceof Feedback f && log.isInfoEnabled()) {
            log.info("feedback trace={} score={} comment={}", f.traceId(), f.score(), f.comment());
        }
    }

    private static String millis(SpanData s) {
        return String.format("%.3f", s.durationNanos() / 1e6);
    }
}
