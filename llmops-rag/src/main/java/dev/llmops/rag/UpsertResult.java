package dev.llmops.rag;

/**
 * What an {@link LuceneIndex#upsert} call changed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added     chunks whose id was not in the index
 * @param updated   chunks whose id existed with different text or metadata
 * @param unchanged chunks identical to what the index already held (nothing written)
 * @param embedded  chunks sent to the embedding model (new or changed text only)
 * @since 0.1.0
 */
public record UpsertResult(int added, int updated, int unchanged, int embedded) {

    /** Nothing changed. */
    public static UpsertResult empty() {
        return new UpsertResult(0, 0, 0, 0);
    }

    /** The sum of two results. */
    public UpsertResult plus(UpsertResult other) {
        return new UpsertResult(added + other.added, updated + other.updated, unchanged + other.unchanged,
                embedded + other.embedded);
    }
}
