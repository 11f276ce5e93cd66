package dev.llmops.api.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Time limits of one gateway call. {@code perAttempt} bounds each attempt (the caller gets a
 * {@code TIMEOUT} failure when it passes, and the attempt is retried like any retriable failure);
 * {@code total} bounds the whole call including backoff and waiting for an in-flight slot.
 *
 * <p>Immutable. {@link #NONE} sets no limit (rely on the underlying client's own timeouts).
 *
 * @since 0.1.0
 */
public final class Timeouts {

    /** No limits set by the gateway. */
    public static final Timeouts NONE = new Timeouts(null, null);

    private final Duration perAttempt;
    private final Duration total;

    private Timeouts(Duration perAttempt, Duration total) {
        this.perAttempt = perAttempt;
        this.total = total;
    }

    /** A limit on each attempt, none on the total. */
    public static Timeouts perAttempt(Duration perAttempt) {
        return NONE.withPerAttempt(perAttempt);
    }

    public Timeouts withPerAttempt(Duration d) {
        return new Timeouts(positive(d, "perAttempt"), total);
    }

    public Timeouts withTotal(Duration d) {
        return new Timeouts(perAttempt, positive(d, "total"));
    }

    public Optional<Duration> perAttemptLimit() {
        return Optional.ofNullable(perAttempt);
    }

    public Optional<Duration> totalLimit() {
        return Optional.ofNullable(total);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "Timeouts[perAttempt=" + perAttempt + ", total=" + total + "]";
    }
}
