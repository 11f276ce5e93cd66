package dev.llmops.rag;

import dev.llmops.api.LlmOpsException;

/**
 * An index operation failed: an I/O error of the underlying Lucene directory, a closed index, or
 * an embedding model that returned unusable vectors. The message names the index location and the
 * operation.
 *
 * @since 0.1.0
 */
public final class IndexException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
