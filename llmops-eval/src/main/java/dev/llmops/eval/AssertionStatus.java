package dev.llmops.eval;

/**
 * The outcome of one assertion, sample or case.
 *
 * @since 0.1.0
 */
public enum AssertionStatus {
    /** The check held. */
    PASS,
    /** The check was computed and did not hold. */
    FAIL,
    /** The check could not be computed (target failed, judge reply unparseable, bad config...). */
    ERROR
}
