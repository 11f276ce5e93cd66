package dev.llmops.prompts;

/**
 * What rendering does with supplied variables that the template never mentions.
 *
 * @since 0.1.0
 */
public enum UnusedVariablePolicy {
    /** Say nothing. */
    IGNORE,
    /** Log a warning through SLF4J (logger {@code dev.llmops.prompts.Prompt}); the default. */
    WARN,
    /** Throw {@link UnusedVariablesException}. */
    FAIL
}
