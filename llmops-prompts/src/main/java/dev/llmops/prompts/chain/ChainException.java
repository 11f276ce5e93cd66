package dev.llmops.prompts.chain;

import dev.llmops.api.LlmOpsException;

/**
 * A chain step failed. The message names the chain, the step (1-based index and name) and the
 * cause, e.g. {@code chain 'support' failed at step 4 'parse Answer': ...}; {@link #traceId()}
 * finds the partial trace (every span up to the failure was ended and sent to the tracer's sinks).
 *
 * @since 0.1.0
 */
public class ChainException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String chain;
    private final int stepIndex;
    private final String step;
    private final String traceId;

    public ChainException(String chain, int stepIndex, String step, String traceId, Throwable cause) {
        super("chain '" + chain + "' failed at step " + stepIndex + " '" + step + "': " + describe(cause), cause);
        this.chain = chain;
        this.stepIndex = stepIndex;
        this.step = step;
        this.traceId = traceId;
    }

    private static String describe(Throwable cause) {
        return cause instanceof LlmOpsException || cause instanceof IllegalArgumentException
                ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The chain's name. */
    public String chain() {
        return chain;
    }

    /** 1-based index of the failed step in its chain. */
    public int stepIndex() {
        return stepIndex;
    }

    /** The failed step's name. */
    public String step() {
        return step;
    }

    /** The trace holding the spans recorded up to the failure. */
    public String traceId() {
        return traceId;
    }
}
