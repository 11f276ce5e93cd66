package dev.llmops.api;

import dev.llmops.api.guard.GuardResult;

import java.util.Objects;

/**
 * A guard blocked a text. Carries the full {@link GuardResult}, so a caller can show the reason or
 * log the findings; the message names the guard, the verdict and the finding types, never the
 * offending values.
 *
 * @since 0.1.0
 */
public class GuardViolationException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final transient GuardResult result;

    public GuardViolationException(GuardResult result) {
        super("blocked by guard '" + Objects.requireNonNull(result, "result").guardName() + "': "
                + result.reason());
        this.result = result;
    }

    /** The result that caused the block. */
    public GuardResult result() {
        return result;
    }
}
