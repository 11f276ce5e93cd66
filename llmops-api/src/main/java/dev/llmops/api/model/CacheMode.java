package dev.llmops.api.model;

/**
 * How one call uses the gateway's response cache.
 *
 * @since 0.1.0
 */
public enum CacheMode {
    /** Serve from the cache when possible; store successful answers. The default. */
    USE,
    /** Neither read nor write the cache: an independent sample. */
    BYPASS,
    /** Do not read, but store the fresh answer (replacing any cached one). */
    REFRESH
}
