package dev.llmops.api.model;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the gateway retries retriable failures (timeouts, HTTP 429, HTTP 5xx, network faults):
 * exponential backoff with jitter, honouring a server's {@code Retry-After} up to
 * {@code maxRetryAfter}. Non-retriable failures (other 4xx) are never retried.
 *
 * <pre>{@code
 * RetryPolicy.of(3)                                   // 3 retries, 4 attempts in all
 * RetryPolicy.of(3).withInitialBackoff(Duration.ofMillis(100))
 * }</pre>
 *
 * <p>Delay before retry {@code n} (1-based): {@code min(maxBackoff, initialBackoff * multiplier^(n-1))},
 * reduced by a random fraction of up to {@code jitter}; when the server sent {@code Retry-After},
 * the delay is at least that. A {@code Retry-After} longer than {@code maxRetryAfter} ends the
 * retries at once rather than blocking the caller.
 *
 * @param maxRetries     retries after the first attempt, {@code >= 0}
 * @param initialBackoff delay before the first retry
 * @param maxBackoff     cap on the computed delay
 * @param multiplier     growth per retry, {@code >= 1}
 * @param jitter         fraction in [0, 1] of the delay that is randomised away
 * @param maxRetryAfter  longest {@code Retry-After} the gateway will wait for
 * @since 0.1.0
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          double jitter, Duration maxRetryAfter) {

    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0,
            0.2, Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0 but was: " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be >= 0 but was: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff but was: " + maxBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1 but was: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1] but was: " + jitter);
        }
    }

    /** {@code maxRetries} retries with the default backoff (500 ms doubling to 30 s, 20% jitter). */
    public static RetryPolicy of(int maxRetries) {
        return NONE.withMaxRetries(maxRetries);
    }

    public RetryPolicy withMaxRetries(int n) {
        return new RetryPolicy(n, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter);
    }

    public RetryPolicy withInitialBackoff(Duration d) {
        Duration max = maxBackoff.compareTo(d) < 0 ? d : maxBackoff;
        return new RetryPolicy(maxRetries, d, max, multiplier, jitter, maxRetryAfter);
    }

    public RetryPolicy withMaxBackoff(Duration d) {
        return new RetryPolicy(maxRetries, initialBackoff, d, multiplier, jitter, maxRetryAfter);
    }

    public RetryPolicy withMultiplier(double m) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, m, jitter, maxRetryAfter);
    }

    public RetryPolicy withJitter(double j) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, multiplier, j, maxRetryAfter);
    }

    public RetryPolicy withMaxRetryAfter(Duration d) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, multiplier, jitter, d);
    }

    /** Total attempts: the first one plus the retries. */
    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** The computed backoff before retry {@code retry} (1-based), jitter applied. */
    public Duration backoff(int retry) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        double jittered = capped * (1.0 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) jittered);
    }
}
