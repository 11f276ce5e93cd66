package dev.llmops.api.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class HttpStatusExceptionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_parse_delta_seconds_and_http_dates() {
        assertThat(HttpStatusException.parseRetryAfter("2", clock)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HttpStatusException.parseRetryAfter("0.5", clock)).isEqualTo(Duration.ofMillis(500));
        assertThat(HttpStatusException.parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", clock))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpStatusException.parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_ignore_absent_negative_or_garbage_values() {
        assertThat(HttpStatusException.parseRetryAfter(null, clock)).isNull();
        assertThat(HttpStatusException.parseRetryAfter("-3", clock)).isNull();
        assertThat(HttpStatusException.parseRetryAfter("soon", clock)).isNull();
    }
}
