package dev.llmops.api.model;

import java.time.Duration;

/**
 * A model call failed in a way that may succeed later: timeout, HTTP 429, HTTP 5xx, network fault,
 * full in-flight cap. The gateway has already spent its retries when a caller sees this.
 *
 * @since 0.1.0
 */
public final class RetriableModelException extends ModelException {

    private static final long serialVersionUID = 1L;

    RetriableModelException(String model, int attempt, int maxAttempts, Kind kind, int statusCode,
                            Duration retryAfter, String detail, Throwable cause) {
        super(model, attempt, maxAttempts, kind, statusCode, retryAfter, detail, cause);
    }
}
