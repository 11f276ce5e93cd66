package dev.llmops.rag.ingest;

import dev.llmops.api.retrieval.Chunk;

import java.util.Map;
import java.util.Objects;

/**
 * A document to ingest: a stable id, its full text and source metadata (values {@code String},
 * {@code Long}, {@code Double} or {@code Boolean}, as in {@link Chunk}). Chunks inherit the
 * metadata.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       stable document id (e.g. a relative path); re-ingesting the same id replaces it
 * @param text     the full text
 * @param metadata source metadata
 * @since 0.1.0
 */
public record SourceDocument(String id, String text, Map<String, Object> metadata) {

    public SourceDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id must not be blank");
        }
        metadata = new Chunk(id, id, "", metadata).metadata();
    }

    /** A document without metadata. */
    public static SourceDocument of(String id, String text) {
        return new SourceDocument(id, text, Map.of());
    }
}
