package dev.llmops.api.model;

import dev.llmops.api.LlmOpsException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model call failed. The message says which model, which attempt and why, e.g.
 * {@code model 'gpt-4o-mini' failed on attempt 4 of 4: RATE_LIMITED (HTTP 429): slow down}.
 *
 * <p>Two subclasses split the hierarchy by what a caller does next:
 * {@link RetriableModelException} (timeouts, HTTP 429, HTTP 5xx, network faults, a full in-flight
 * cap) and {@link NonRetriableModelException} (every other HTTP 4xx, authentication, content
 * filtering, unexpected errors). {@link #kind()} gives the finer reason.
 *
 * @since 0.1.0
 */
public abstract class ModelException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    /** Why a model call failed. */
    public enum Kind {
        /** The attempt exceeded its timeout (client-side or HTTP 408). Retriable. */
        TIMEOUT(true),
        /** HTTP 429. Retriable, honouring {@code Retry-After}. */
        RATE_LIMITED(true),
        /** HTTP 5xx. Retriable. */
        SERVER_ERROR(true),
        /** The connection failed or was reset. Retriable. */
        NETWORK(true),
        /** The gateway's in-flight cap stayed full for the whole timeout. Retriable later. */
        CAPACITY(true),
        /** HTTP 400 and other 4xx not listed here. Not retriable. */
        INVALID_REQUEST(false),
        /** HTTP 401 / 403. Not retriable. */
        AUTHENTICATION(false),
        /** HTTP 404: the model or endpoint does not exist. Not retriable. */
        MODEL_NOT_FOUND(false),
        /** The provider refused the content. Not retriable. */
        CONTENT_FILTERED(false),
        /** The calling thread was interrupted. Not retriable. */
        INTERRUPTED(false),
        /** Anything else, e.g. an exception thrown by a custom {@code ChatModel}. Not retriable. */
        UNKNOWN(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        /** Whether failures of this kind are worth retrying. */
        public boolean retriable() {
            return retriable;
        }
    }

    private final String model;
    private final int attempt;
    private final int maxAttempts;
    private final Kind kind;
    private final int statusCode;
    private final Duration retryAfter;

    ModelException(String model, int attempt, int maxAttempts, Kind kind, int statusCode,
                   Duration retryAfter, String detail, Throwable cause) {
        super(message(model, attempt, maxAttempts, kind, statusCode, detail), cause);
        this.model = Objects.requireNonNull(model, "model");
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    private static String message(String model, int attempt, int maxAttempts, Kind kind, int statusCode,
                                  String detail) {
        StringBuilder sb = new StringBuilder("model '").append(model).append("' failed on attempt ")
                .append(attempt).append(" of ").append(maxAttempts).append(": ").append(kind);
        if (statusCode > 0) {
            sb.append(" (HTTP ").append(statusCode).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail.length() > 500 ? detail.substring(0, 500) + "..." : detail);
        }
        return sb.toString();
    }

    /**
     * Creates the right subclass for a failure kind.
     *
     * @param statusCode the HTTP status, or 0 when there was none
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    public static ModelException of(String model, int attempt, int maxAttempts, Kind kind, int statusCode,
                                     Duration retryAfter, String detail, Throwable cause) {
        return kind.retriable()
                ? new RetriableModelException(model, attempt, maxAttempts, kind, statusCode, retryAfter, detail, cause)
                : new NonRetriableModelException(model, attempt, maxAttempts, kind, statusCode, detail, cause);
    }

    /** The model that failed (as named by the gateway). */
    public String model() {
        return model;
    }

    /** The 1-based attempt on which the final failure happened. */
    public int attempt() {
        return attempt;
    }

    /** How many attempts the retry policy allowed. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The reason class. */
    public Kind kind() {
        return kind;
    }

    /** Whether the failure is worth retrying later. */
    public boolean isRetriable() {
        return kind.retriable();
    }

    /** The HTTP status of the failed attempt, when it came from HTTP. */
    public OptionalInt statusCode() {
        return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
