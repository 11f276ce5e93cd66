package dev.llmops.api;

/**
 * The unchecked root of every exception llmops4j throws.
 *
 * <p>The hierarchy is shallow and split by what a caller does next: {@link ModelException} (with
 * {@link ModelException#isRetriable()}), {@link GuardViolationException} (carries the guard's
 * result), {@link PromptNotFoundException} (carries name and selector) and {@link LoadException}
 * (carries file, line and field).
 *
 * @since 0.1.0
 */
public class LlmOpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LlmOpsException(String message) {
        super(message);
    }

    public LlmOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
