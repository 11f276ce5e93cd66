package dev.llmops.guard.internal;

import dev.llmops.api.guard.GuardContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-key token buckets: each check takes one token from the bucket of
 * {@link GuardContext#key()} (or a shared anonymous bucket); buckets refill continuously. The
 * number of tracked keys is bounded: when full, buckets that have refilled completely (idle keys)
 * are dropped. Thread-safe (one lock per bucket).
 */
public final class TokenBuckets implements Detector {

    /** The key used when the context has none. */
    public static final String ANONYMOUS = "<anonymous>";

    private final int capacity;
    private final double tokensPerNano;
    private final LongSupplier ticker;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(int capacity, double tokensPerNano, LongSupplier ticker, int maxKeys) {
        this.capacity = capacity;
        this.tokensPerNano = tokensPerNano;
        this.ticker = ticker;
        this.maxKeys = maxKeys;
    }

    private final class Bucket {
        private double tokens = capacity;
        private long last = ticker.getAsLong();

        synchronized boolean tryTake(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
                last = now;
            }
        }
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        String key = context.key().orElse(ANONYMOUS);
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            long now = ticker.getAsLong();
            buckets.entrySet().removeIf(e -> e.getValue().full(now));
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
        if (b.tryTake(ticker.getAsLong())) {
            return List.of();
        }
        return List.of(Detection.whole("RATE_LIMITED", "limit.rate", 1.0, "rate limit of " + capacity
                + " exceeded for this key"));
    }

    /** The number of keys currently tracked. */
    public int trackedKeys() {
        return buckets.size();
    }
}
