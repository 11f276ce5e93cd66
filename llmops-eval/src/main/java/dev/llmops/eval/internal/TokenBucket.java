package dev.llmops.eval.internal;

/**
 * A token bucket rate limiter: {@code ratePerSecond} permits refill continuously up to {@code burst}.
 * A caller that finds the bucket empty reserves a future permit and sleeps until it is due, so waiting
 * callers are served in reservation order. Thread-safe.
 */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0 but was: " + ratePerSecond);
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("burst must be > 0 but was: " + burst);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Nanoseconds to wait before the reserved permit is due (0 when one was available). */
    synchronized long reserve() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    /** Blocks until a permit is available. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
