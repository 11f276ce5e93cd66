package dev.llmops.guard;

/**
 * What a guard does when it finds something. Immutable (an enum), thread-safe.
 *
 * @since 0.1.0
 */
public enum GuardAction {
    /** Stop the text: verdict {@code BLOCK}. */
    BLOCK,
    /**
     * Replace each finding with a typed placeholder such as {@code <EMAIL_1>} (or a fixed
     * replacement, e.g. removing an invisible character): verdict {@code PASS_WITH_REWRITE}. A
     * finding without a span cannot be redacted and blocks instead.
     */
    REDACT,
    /** Report the findings but let the text pass unchanged: verdict {@code PASS}. */
    WARN,
    /** Ask the model again, feeding it the reason: verdict {@code REPROMPT}. */
    REPROMPT
}
