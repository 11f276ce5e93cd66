package dev.llmops.prompts.store;

import dev.llmops.api.LlmOpsException;

/**
 * A remote prompt store failed: the server was unreachable or answered with an error, and there was
 * no cached copy or fallback to serve instead; or it rejected the credentials (401/403, never
 * masked by the cache, since retrying cannot fix it).
 *
 * @since 0.1.0
 */
public class PromptStoreException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public PromptStoreException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int statusCode() {
        return statusCode;
    }
}
