package dev.llmops.rag.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded LRU cache from query text to its embedding, so a repeated query is not embedded again.
 * Internal: not part of the public API. Thread-safe; the embedding itself runs outside the lock.
 */
public final class QueryEmbeddingCache {

    private final int capacity;
    private final LinkedHashMap<String, float[]> map;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public QueryEmbeddingCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > QueryEmbeddingCache.this.capacity;
            }
        };
    }

    /** The cached embedding of {@code text}, computing and caching it on a miss. */
    public float[] get(String text, Function<String, float[]> embed) {
        if (capacity == 0) {
            misses.incrementAndGet();
            return embed.apply(text);
        }
        synchronized (map) {
            float[] v = map.get(text);
            if (v != null) {
                hits.incrementAndGet();
                return v;
            }
        }
        misses.incrementAndGet();
        float[] computed = embed.apply(text);
        synchronized (map) {
            map.put(text, computed);
        }
        return computed;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
