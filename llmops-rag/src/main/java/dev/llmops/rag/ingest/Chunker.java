package dev.llmops.rag.ingest;

import dev.llmops.api.retrieval.Chunk;

import java.util.List;

/**
 * Splits a document into chunks with stable ids ({@code documentId#position-contentHash}), so an
 * unchanged document yields the same chunk ids and a changed one changes only the ids of changed
 * chunks.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface Chunker {

    /** The chunks of {@code document}, in document order. */
    List<Chunk> chunk(SourceDocument document);

    /**
     * A string that changes whenever this chunker would split the same text differently (its
     * settings); part of the per-document content hash, so re-configuring re-chunks.
     */
    String fingerprint();
}
