package dev.llmops.eval.internal;

import java.util.List;
import java.util.Objects;

/** The typed judge verdicts, parsed strictly by {@link JudgeClient}. */
public final class Verdicts {

    private Verdicts() {
    }

    /** G-Eval style rubric score 1 to 5. */
    public record Rubric(int score, String reason) {
        public Rubric {
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("score must be an integer in [1, 5] but was: " + score);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Factuality: A subset, B superset, C same, D disagreement, E differences that do not matter. */
    public record Factuality(String choice, String reason) {
        public Factuality {
            if (choice == null || !List.of("A", "B", "C", "D", "E").contains(choice)) {
                throw new IllegalArgumentException("choice must be one of A, B, C, D, E but was: " + choice);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Closed QA: whether the answer meets the criterion. */
    public record ClosedQa(boolean criterionMet, String reason) {
        public ClosedQa {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Statements extracted from a text. */
    public record Claims(List<String> claims) {
        public Claims {
            claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
        }
    }

    /** One claim judged against a context. */
    public record ClaimVerdict(String claim, boolean supported, String reason) {
        public ClaimVerdict {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Claims judged against a context, in order. */
    public record ClaimVerdicts(List<ClaimVerdict> verdicts) {
        public ClaimVerdicts {
            verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts"));
        }
    }

    /** Questions generated from an answer, and whether the answer was noncommittal. */
    public record GeneratedQuestions(List<String> questions, boolean noncommittal) {
        public GeneratedQuestions {
            questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
        }
    }

    /** Whether one context passage was useful for the reference answer. */
    public record Usefulness(int index, boolean useful, String reason) {
        public Usefulness {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Usefulness verdicts, one per passage, in order. */
    public record UsefulnessVerdicts(List<Usefulness> verdicts) {
        public UsefulnessVerdicts {
            verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts"));
        }
    }

    /** One reference statement and whether the context supports it. */
    public record Attribution(String statement, boolean attributed, String reason) {
        public Attribution {
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Attribution of the reference's statements to the context. */
    public record Attributions(List<Attribution> statements) {
        public Attributions {
            statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
        }
    }
}
