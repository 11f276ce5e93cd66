package dev.llmops.api.guard;

/**
 * The guard port: checks a text and returns a verdict with findings and a sanitized text.
 *
 * <p><b>Contract:</b> implementations are thread-safe and never throw for any input text (empty,
 * huge, binary, unpaired surrogates): a text a guard cannot handle yields a verdict (typically
 * {@link Verdict#BLOCK} with a finding saying why), not an exception. Findings never contain the
 * offending values. Only a misconfiguration may throw, at build time.
 *
 * @since 0.1.0
 */
public interface Guard {

    /** A short stable name, used in traces and results, e.g. {@code pii}. */
    String name();

    /** Checks {@code text}. */
    GuardResult check(String text, GuardContext context);

    /** Checks an input text with no further context. */
    default GuardResult check(String text) {
        return check(text, GuardContext.input());
    }
}
