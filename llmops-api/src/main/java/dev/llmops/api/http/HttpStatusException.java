package dev.llmops.api.http;

import dev.langchain4j.exception.HttpException;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A non-2xx HTTP response, carrying the status (as LangChain4j's {@link HttpException} does) and
 * the {@code Retry-After} header, so the gateway can honour it.
 *
 * @since 0.1.0
 */
public final class HttpStatusException extends HttpException implements RetryAfterAware {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public HttpStatusException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Parses a {@code Retry-After} value: delta-seconds ({@code "2"}, fractions tolerated) or an
     * HTTP-date. Returns null for absent, negative or unparseable values.
     */
    public static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds) ? null
                    : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
