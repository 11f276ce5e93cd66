package dev.llmops.guard;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token-bucket rate: {@code capacity} requests at once, refilled at {@code capacity} per
 * {@code period}, per caller key ({@link dev.llmops.api.guard.GuardContext#key()}).
 *
 * <pre>{@code
 * Guard limit = Guards.rateLimit(RateLimit.of(60, Duration.ofMinutes(1)));   // 60 req/min per key
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param capacity burst size and tokens added per period, > 0
 * @param period   refill period, positive
 * @param maxKeys  the most keys tracked at once (idle keys are dropped first), > 0
 * @param ticker   nanosecond clock, {@code System::nanoTime} by default (replace in tests)
 * @since 0.1.0
 */
public record RateLimit(int capacity, Duration period, int maxKeys, LongSupplier ticker) {

    /** Default bound on tracked keys. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    public RateLimit {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was: " + capacity);
        }
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive but was: " + period);
        }
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys must be > 0 but was: " + maxKeys);
        }
        Objects.requireNonNull(ticker, "ticker");
    }

    /** {@code capacity} requests per {@code period} per key, system clock. */
    public static RateLimit of(int capacity, Duration period) {
        return new RateLimit(capacity, period, DEFAULT_MAX_KEYS, System::nanoTime);
    }

    /** The same rate on another clock. */
    public RateLimit withTicker(LongSupplier newTicker) {
        return new RateLimit(capacity, period, maxKeys, newTicker);
    }

    /** The same rate tracking at most {@code newMaxKeys} keys. */
    public RateLimit withMaxKeys(int newMaxKeys) {
        return new RateLimit(capacity, period, newMaxKeys, ticker);
    }
}
