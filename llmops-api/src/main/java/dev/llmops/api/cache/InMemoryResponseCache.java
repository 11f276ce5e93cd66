package dev.llmops.api.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory {@link ResponseCache}: least-recently-used eviction above {@code maxEntries},
 * entries older than {@code ttl} are not served.
 *
 * <pre>{@code
 * ResponseCache cache = InMemoryResponseCache.create(10_000, Duration.ofHours(1));
 * LanguageModel model = LanguageModel.of(chatModel).withCache(cache);
 * }</pre>
 *
 * <p><b>Thread safety:</b> thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class InMemoryResponseCache implements ResponseCache {

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, CachedResponse> map;

    private InMemoryResponseCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0 but was: " + maxEntries);
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0 but was: " + ttl);
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedResponse> eldest) {
                return size() > InMemoryResponseCache.this.maxEntries;
            }
        };
    }

    /** A cache of at most {@code maxEntries} answers, each served for {@code ttl}. */
    public static InMemoryResponseCache create(int maxEntries, Duration ttl) {
        return new InMemoryResponseCache(maxEntries, ttl, Clock.systemUTC());
    }

    /** As {@link #create(int, Duration)} with an explicit clock (for tests). */
    public static InMemoryResponseCache create(int maxEntries, Duration ttl, Clock clock) {
        return new InMemoryResponseCache(maxEntries, ttl, clock);
    }

    @Override
    public synchronized Optional<CachedResponse> get(String key) {
        CachedResponse r = map.get(key);
        if (r == null) {
            return Optional.empty();
        }
        if (r.createdAt().plus(ttl).isBefore(clock.instant())) {
            map.remove(key);
            return Optional.empty();
        }
        return Optional.of(r);
    }

    @Override
    public synchronized void put(String key, CachedResponse response) {
        map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(response, "response"));
    }

    @Override
    public synchronized void invalidate(String key) {
        map.remove(key);
    }

    @Override
    public synchronized void clear() {
        map.clear();
    }

    /** Entries currently held (fresh or not yet evicted). */
    public synchronized int size() {
        return map.size();
    }
}
