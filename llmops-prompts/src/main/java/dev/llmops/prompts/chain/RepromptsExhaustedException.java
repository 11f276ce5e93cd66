package dev.llmops.prompts.chain;

import dev.llmops.api.GuardViolationException;
import dev.llmops.api.guard.GuardResult;

/**
 * An output guard of a chain still answered {@code REPROMPT} after the {@link RepromptPolicy}'s
 * re-asks ran out. It is a {@link GuardViolationException}, so code that handles blocked texts
 * handles it too; {@link #result()} is the guard's last result. The message names the chain, the
 * step, the number of re-asks and the guard's reason (never the offending values), e.g.
 * {@code chain 'support' failed at step 5 'guard groundedness': guard 'groundedness' still asked for
 * a re-prompt after 2 re-prompts (3 answers): 1 x UNSUPPORTED_SENTENCE}.
 *
 * @since 0.1.0
 */
public class RepromptsExhaustedException extends GuardViolationException {

    private static final long serialVersionUID = 1L;

    private final String chain;
    private final int stepIndex;
    private final String step;
    private final int reprompts;
    private final String traceId;
    private final String message;

    public RepromptsExhaustedException(String chain, int stepIndex, String step, int reprompts, String traceId,
                                       GuardResult result) {
        super(result);
        this.chain = chain;
        this.stepIndex = stepIndex;
        this.step = step;
        this.reprompts = reprompts;
        this.traceId = traceId;
        this.message = "chain '" + chain + "' failed at step " + stepIndex + " '" + step + "': guard '"
                + result.guardName() + "' still asked for a re-prompt after " + reprompts
                + (reprompts == 1 ? " re-prompt (" : " re-prompts (") + (reprompts + 1)
                + (reprompts == 0 ? " answer): " : " answers): ") + result.reason();
    }

    @Override
    public String getMessage() {
        return message;
    }

    /** The chain's name. */
    public String chain() {
        return chain;
    }

    /** 1-based index of the guard step in its chain. */
    public int stepIndex() {
        return stepIndex;
    }

    /** The guard step's name. */
    public String step() {
        return step;
    }

    /** How many times the model was re-asked for this guard (the policy's bound). */
    public int reprompts() {
        return reprompts;
    }

    /** The trace holding the spans recorded up to the failure. */
    public String traceId() {
        return traceId;
    }
}
