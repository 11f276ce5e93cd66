package dev.llmops.api.guard;

/**
 * What a guard decided. Ordered from mildest to strictest: combining results keeps the strictest.
 *
 * @since 0.1.0
 */
public enum Verdict {
    /** Nothing to do (findings may still be reported as warnings). */
    PASS,
    /** Pass the sanitized text instead of the original (e.g. PII redacted). */
    PASS_WITH_REWRITE,
    /** Ask the model again, showing it the reason (output guards in a chain; bounded retries). */
    REPROMPT,
    /** Stop: the text must not go on. */
    BLOCK;

    /** The stricter of two verdicts. */
    public Verdict max(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
