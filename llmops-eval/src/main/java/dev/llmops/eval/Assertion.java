package dev.llmops.eval;

/**
 * One check of a target's output. Built by {@link Assertions} or written as a lambda:
 *
 * <pre>{@code
 * Assertion shortAnswer = ctx -> AssertionResult.of(ctx.output().length() < 200, "under 200 chars");
 * }</pre>
 *
 * <p><b>Contract:</b> implementations are thread-safe (the runner calls them concurrently) and
 * report a score that cannot be computed as {@link AssertionResult#error(String)}. An exception
 * thrown anyway is caught by the runner and reported as an error result.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Assertion {

    /** Checks one output. */
    AssertionResult evaluate(AssertionContext context);
}
