package dev.llmops.rag.ingest;

/**
 * What an ingestion changed, in chunks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param documents          documents processed
 * @param unchangedDocuments documents whose content hash matched the index (nothing done)
 * @param added              chunks new to the index
 * @param updated            chunks whose id existed but whose metadata changed
 * @param unchanged          chunks left as they were
 * @param deleted            chunks removed because their document changed or shrank
 * @param embedded           chunks sent to the embedding model
 * @since 0.1.0
 */
public record IngestReport(int documents, int unchangedDocuments, int added, int updated, int unchanged, int deleted,
                           int embedded) {
}
