package dev.llmops.api.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by exceptions that know how long the server asked the client to wait.
 *
 * @since 0.1.0
 */
public interface RetryAfterAware {

    /** The server's {@code Retry-After}, when present and parseable. */
    Optional<Duration> retryAfter();
}
