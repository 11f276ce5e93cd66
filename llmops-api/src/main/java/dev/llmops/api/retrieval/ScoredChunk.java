package dev.llmops.api.retrieval;

import java.util.Objects;

/**
 * A chunk with its retrieval score. Scores are comparable only within one result list: BM25,
 * cosine and fused scores live on different scales.
 *
 * @param chunk the chunk
 * @param score higher is better
 * @since 0.1.0
 */
public record ScoredChunk(Chunk chunk, double score) {

    public ScoredChunk {
        Objects.requireNonNull(chunk, "chunk");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be a number but was NaN for chunk " + chunk.id());
        }
    }

    /** Shortcut for {@code chunk().id()}. */
    public String id() {
        return chunk.id();
    }

    /** Shortcut for {@code chunk().text()}. */
    public String text() {
        return chunk.text();
    }
}
