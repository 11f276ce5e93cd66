package dev.llmops.guard.internal;

import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;

import java.util.List;

/**
 * What llmops-guard's own guards tell the stage runner beyond the {@link Guard} port: how costly
 * they are (cheap deterministic guards run first) and which edits a rewrite made (so later
 * findings can be mapped back to the original text).
 */
public interface StagedGuard extends Guard {

    /** Cost classes, lower runs first. */
    int COST_LIMIT = 0;
    int COST_PATTERN = 10;
    int COST_SIGNATURE = 20;
    /** What an unknown guard is assumed to cost. */
    int COST_UNKNOWN = 30;
    int COST_EMBEDDING = 50;
    int COST_LLM = 100;

    /** The cost class of this guard. */
    int cost();

    /** Runs the guard and reports its edits (empty when it did not rewrite). */
    default Outcome run(String text, GuardContext context) {
        return new Outcome(check(text, context), List.of());
    }

    /** A result plus the edits that turned its original into its sanitized text. */
    record Outcome(GuardResult result, List<Edit> edits) {
        public Outcome {
            edits = List.copyOf(edits);
        }
    }
}
