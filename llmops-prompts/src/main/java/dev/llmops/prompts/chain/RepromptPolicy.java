package dev.llmops.prompts.chain;

/**
 * How often a chain re-asks the model when an output guard answers {@code REPROMPT} (or a parse
 * step cannot parse the answer): at most {@code maxReprompts} re-asks after the first answer, so
 * at most {@code maxReprompts + 1} answers in all.
 *
 * <pre>{@code
 * Chain<Question, Answer> chain = Chain.of("support", Question.class)
 *         .prompt(prompt).call(model).parse(Answer.class)
 *         .guard(groundedness, RepromptPolicy.of(2));   // two re-asks, then RepromptsExhaustedException
 * }</pre>
 *
 * @param maxReprompts re-asks after the first answer, {@code >= 0}
 * @since 0.1.0
 */
public record RepromptPolicy(int maxReprompts) {

    /** Never re-ask: the first {@code REPROMPT} fails the chain. */
    public static final RepromptPolicy NONE = new RepromptPolicy(0);

    /** Two re-asks, the default of {@link Chain#guard(dev.llmops.api.guard.Guard)} and {@link Chain#parse(Class)}. */
    public static final RepromptPolicy DEFAULT = new RepromptPolicy(2);

    /**
     * @throws IllegalArgumentException when {@code maxReprompts} is negative
     */
    public RepromptPolicy {
        if (maxReprompts < 0) {
            throw new IllegalArgumentException("maxReprompts must be >= 0 but was: " + maxReprompts);
        }
    }

    /** At most {@code maxReprompts} re-asks. */
    public static RepromptPolicy of(int maxReprompts) {
        return new RepromptPolicy(maxReprompts);
    }
}
