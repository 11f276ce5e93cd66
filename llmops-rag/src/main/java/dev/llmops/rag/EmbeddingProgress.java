package dev.llmops.rag;

/**
 * Progress of a long embedding run, called after each batch on the calling thread.
 *
 * <pre>{@code
 * index.upsert(chunks, (done, total) -> System.out.printf("%d/%d embedded%n", done, total));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EmbeddingProgress {

    /** Does nothing. */
    EmbeddingProgress NONE = (done, total) -> { };

    /**
     * @param embedded chunks embedded so far in this call
     * @param total    chunks this call has to embed
     */
    void onProgress(int embedded, int total);
}
