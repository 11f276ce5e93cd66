/**
 * Exact-match caching of model calls: the {@link dev.llmops.api.cache.ResponseCache} port, the
 * stable request hash {@link dev.llmops.api.cache.CacheKeys}, an in-memory LRU/TTL cache and an
 * on-disk cache that survives restarts.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.cache;
