package dev.llmops.api.cache;

import java.util.Optional;

/**
 * An exact-match cache of model answers, keyed by {@link CacheKeys#key}: a stable SHA-256 of the
 * model id, the request parameters and the messages.
 *
 * <p><b>Contract:</b> implementations are thread-safe. {@link #get} never throws for a damaged
 * entry: it logs, skips it and returns empty. {@link #put} may fail with an unchecked exception;
 * the gateway logs it and still returns the answer (a cache failure never fails a call).
 *
 * <p>Shipped: {@link InMemoryResponseCache} (LRU + TTL) and {@link DiskResponseCache} (a
 * directory, atomic writes, survives restarts).
 *
 * @since 0.1.0
 */
public interface ResponseCache {

    /** The cached answer for {@code key}, if present and fresh. */
    Optional<CachedResponse> get(String key);

    /** Stores an answer, replacing any previous one for {@code key}. */
    void put(String key, CachedResponse response);

    /** Removes one entry; absent keys are ignored. */
    void invalidate(String key);

    /** Removes every entry. */
    void clear();
}
