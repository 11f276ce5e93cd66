package dev.llmops.rag;

import dev.llmops.api.LlmOpsException;

/**
 * The index was built with a different embedding model (name or dimension) than the one the
 * caller configured. Vectors of two models are not comparable, so the index refuses to open
 * rather than return garbage. Re-index into a new directory, or open with the recorded model.
 *
 * <pre>{@code
 * try {
 *     LuceneIndex.open(dir, otherModel);
 * } catch (EmbeddingModelMismatchException e) {
 *     log.error("index {} holds {} vectors", e.indexLocation(), e.indexedModel());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddingModelMismatchException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String indexLocation;
    private final String indexedModel;
    private final int indexedDimension;
    private final String configuredModel;
    private final int configuredDimension;

    public EmbeddingModelMismatchException(String indexLocation, String indexedModel, int indexedDimension,
                                           String configuredModel, int configuredDimension) {
        super("index " + indexLocation + " was built with embedding model '" + indexedModel + "' (dimension "
                + indexedDimension + ") but was opened with '" + configuredModel + "' (dimension "
                + configuredDimension + "); vectors of different models are not comparable: open it with the"
                + " same model or re-index into a new directory");
        this.indexLocation = indexLocation;
        this.indexedModel = indexedModel;
        this.indexedDimension = indexedDimension;
        this.configuredModel = configuredModel;
        this.configuredDimension = configuredDimension;
    }

    /** Where the index lives (a path, or {@code memory}). */
    public String indexLocation() {
        return indexLocation;
    }

    /** The model recorded in the index; {@code none} when it was built without embeddings. */
    public String indexedModel() {
        return indexedModel;
    }

    /** The dimension recorded in the index; 0 when it was built without embeddings. */
    public int indexedDimension() {
        return indexedDimension;
    }

    public String configuredModel() {
        return configuredModel;
    }

    public int configuredDimension() {
        return configuredDimension;
    }
}
