package dev.llmops.api.model;

/**
 * A model call failed in a way that retrying will not fix: HTTP 4xx other than 429,
 * authentication, unknown model, content filtered, interruption, or an unexpected exception.
 *
 * @since 0.1.0
 */
public final class NonRetriableModelException extends ModelException {

    private static final long serialVersionUID = 1L;

    NonRetriableModelException(String model, int attempt, int maxAttempts, Kind kind, int statusCode,
                               String detail, Throwable cause) {
        super(model, attempt, maxAttempts, kind, statusCode, null, detail, cause);
    }
}
