package dev.llmops.rag.context;

import java.util.Objects;
import java.util.Optional;

/**
 * One source cited in an assembled context.
 *
 * <p>Immutable and thread-safe.
 *
 * @param marker     the marker as it appears in the context text, e.g. {@code [1]} or {@code [faq.md]}
 * @param chunkId    the chunk's id
 * @param documentId the chunk's document id
 * @param source     the chunk's {@code source} metadata (a file or URL), when present
 * @param score      the retrieval score
 * @since 0.1.0
 */
public record Citation(String marker, String chunkId, String documentId, Optional<String> source, double score) {

    public Citation {
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(source, "source");
    }
}
