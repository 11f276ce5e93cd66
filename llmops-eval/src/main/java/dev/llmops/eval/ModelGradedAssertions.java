package dev.llmops.eval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.eval.internal.JudgeClient;
import dev.llmops.eval.internal.Verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Model-graded assertions with any {@link LanguageModel} as the judge: a G-Eval style rubric,
 * factuality against a reference, closed QA, and the RAG metrics as Ragas defines them.
 *
 * <pre>{@code
 * ModelGradedAssertions graded = ModelGradedAssertions.judgedBy(LanguageModel.of(judgeChatModel));
 * Assertion a = graded.faithfulness(0.8);
 * AssertionResult r = a.evaluate(AssertionContext.of(answer, testCase));  // claims supported / claims
 * }</pre>
 *
 * <p>Definitions (Ragas):
 * <ul>
 *   <li>faithfulness = claims of the answer supported by the context / claims of the answer;</li>
 *   <li>answer relevance = mean cosine similarity between the user question and {@code n} questions the
 *       judge generates from the answer, 0 when the judge finds the answer noncommittal;</li>
 *   <li>context precision = sum over ranks k of (precision@k x v_k) / number of useful passages, where
 *       v_k = 1 when the passage at rank k is useful for the reference answer (the output when there is
 *       no reference);</li>
 *   <li>context recall = statements of the reference attributable to the context / statements of the
 *       reference.</li>
 * </ul>
 * Judge replies are parsed strictly into typed verdicts; a malformed reply is retried with the parse
 * error shown (2 attempts by default), then reported as an {@link AssertionStatus#ERROR} keeping the raw
 * reply. A metric whose denominator is zero (no claims, no statements) is an error, never NaN.
 *
 * <p>Immutable and thread-safe when the judge is.
 *
 * @since 0.1.0
 */
public final class ModelGradedAssertions {

    /** Default threshold of the rubric (4 of 5). */
    public static final double DEFAULT_RUBRIC_THRESHOLD = 0.75;
    /** Default threshold of the RAG metrics. */
    public static final double DEFAULT_RAG_THRESHOLD = 0.7;

    private final LanguageModel judgeModel;
    private final JudgeClient judge;

    private ModelGradedAssertions(LanguageModel judgeModel, int maxAttempts) {
        this.judgeModel = judgeModel;
        this.judge = new JudgeClient(judgeModel, maxAttempts);
    }

    /** Assertions graded by {@code judge}, with 2 attempts per verdict. */
    public static ModelGradedAssertions judgedBy(LanguageModel judge) {
        return new ModelGradedAssertions(Objects.requireNonNull(judge, "judge"), 2);
    }

    /**
     * A copy allowing {@code attempts} replies per verdict (1 = no retry).
     *
     * @throws IllegalArgumentException when attempts is not positive
     */
    public ModelGradedAssertions withMaxAttempts(int attempts) {
        return new ModelGradedAssertions(judgeModel, attempts);
    }

    /**
     * G-Eval style rubric: the judge follows the evaluation steps (or derives its own from the criteria)
     * and scores 1 to 5; the score is normalised to {@code (s - 1) / 4}.
     */
    public Assertion llmRubric(String criteria, List<String> steps, double threshold) {
        Objects.requireNonNull(criteria, "criteria");
        List<String> st = List.copyOf(steps);
        Assertions.checkUnit(threshold);
        return ctx -> {
            StringBuilder p = new StringBuilder("Evaluate the OUTPUT against the CRITERIA.\n\nCRITERIA:\n")
                    .append(criteria).append("\n\nEVALUATION STEPS:\n");
            if (st.isEmpty()) {
                p.append("1. Read the criteria and decide what a perfect output must do.\n")
                        .append("2. Read the output and check each requirement.\n")
                        .append("3. Assign a score from 1 (fails completely) to 5 (fully meets the criteria).\n");
            } else {
                for (int i = 0; i < st.size(); i++) {
                    p.append(i + 1).append(". ").append(st.get(i)).append('\n');
                }
            }
            ctx.testCase().question().ifPresent(q -> p.append("\nINPUT:\n").append(q).append('\n'));
            p.append("\nOUTPUT:\n").append(ctx.output()).append("\n\nReply with JSON: "
                    + "{\"score\": <integer 1-5>, \"reason\": \"<one sentence>\"}");
            return judged(judge.ask(p.toString(), Verdicts.Rubric.class),
                    v -> AssertionResult.scored((v.score() - 1) / 4.0, threshold, "rubric score " + v.score()
                            + "/5 (" + v.reason() + "), normalised"));
        };
    }

    /**
     * Factuality of the output against the reference (the case's expected answer, else {@code reference}):
     * fails only when the judge finds a disagreement (choice D).
     */
    public Assertion factuality(Optional<String> reference) {
        Objects.requireNonNull(reference, "reference");
        return ctx -> {
            Optional<String> ref = reference.or(() -> ctx.testCase().expected());
            if (ref.isEmpty()) {
                return AssertionResult.error("factuality needs a reference: set 'expected' or the assertion value");
            }
            String p = "Compare the factual content of the SUBMISSION with the EXPERT answer"
                    + ctx.testCase().question().map(q -> " to the QUESTION: " + q).orElse("") + ".\n\nEXPERT:\n"
                    + ref.get() + "\n\nSUBMISSION:\n" + ctx.output() + "\n\nChoose one:\n"
                    + "A: the submission is a subset of the expert answer and consistent with it.\n"
                    + "B: the submission is a superset of the expert answer and consistent with it.\n"
                    + "C: the submission contains the same details as the expert answer.\n"
                    + "D: the submission and the expert answer disagree.\n"
                    + "E: they differ, but the differences do not matter for factuality.\n\n"
                    + "Reply with JSON: {\"choice\": \"A|B|C|D|E\", \"reason\": \"<one sentence>\"}";
            return judged(judge.ask(p, Verdicts.Factuality.class),
                    v -> AssertionResult.of(!v.choice().equals("D"), "factuality choice " + v.choice() + ": "
                            + v.reason()));
        };
    }

    /** Closed QA: the judge decides whether the output meets {@code criterion}. */
    public Assertion closedQa(String criterion) {
        Objects.requireNonNull(criterion, "criterion");
        return ctx -> {
            String p = "Decide whether the SUBMISSION meets the CRITERION.\n"
                    + ctx.testCase().question().map(q -> "\nQUESTION:\n" + q + "\n").orElse("")
                    + "\nCRITERION:\n" + criterion + "\n\nSUBMISSION:\n" + ctx.output()
                    + "\n\nReply with JSON: {\"criterionMet\": true|false, \"reason\": \"<one sentence>\"}";
            return judged(judge.ask(p, Verdicts.ClosedQa.class),
                    v -> AssertionResult.of(v.criterionMet(), "criterion " + (v.criterionMet() ? "met" : "not met")
                            + ": " + v.reason()));
        };
    }

    /** Faithfulness (Ragas): supported claims / claims, against the case's context. */
    public Assertion faithfulness(double threshold) {
        Assertions.checkUnit(threshold);
        return ctx -> {
            if (ctx.testCase().context().isEmpty()) {
                return AssertionResult.error("faithfulness needs the case's context passages");
            }
            var claims = judge.ask(claimsPrompt(ctx.testCase().question().orElse(""), ctx.output()),
                    Verdicts.Claims.class);
            if (claims.value().isEmpty()) {
                return error(claims);
            }
            List<String> cs = claims.value().get().claims();
            if (cs.isEmpty()) {
                return AssertionResult.error("faithfulness not computable: the answer contains no claims");
            }
            StringBuilder p = new StringBuilder("For each CLAIM, decide whether it can be directly inferred from "
                    + "the CONTEXT.\n\nCONTEXT:\n").append(joinContext(ctx.testCase().context())).append("\nCLAIMS:\n");
            for (int i = 0; i < cs.size(); i++) {
                p.append(i + 1).append(". ").append(cs.get(i)).append('\n');
            }
            p.append("\nReply with JSON: {\"verdicts\": [{\"claim\": \"<claim>\", \"supported\": true|false, "
                    + "\"reason\": \"<short>\"}]} with exactly ").append(cs.size()).append(" verdicts in order.");
            return judged(judge.ask(p.toString(), Verdicts.ClaimVerdicts.class,
                            v -> v.verdicts().size() == cs.size() ? "" : "expected " + cs.size()
                                    + " verdicts but got " + v.verdicts().size()),
                    v -> {
                        long supported = v.verdicts().stream().filter(Verdicts.ClaimVerdict::supported).count();
                        List<String> unsupported = v.verdicts().stream().filter(x -> !x.supported())
                                .map(Verdicts.ClaimVerdict::claim).toList();
                        return AssertionResult.scored((double) supported / cs.size(), threshold, "faithfulness "
                                + supported + "/" + cs.size() + " claims supported"
                                + (unsupported.isEmpty() ? "" : ", unsupported " + unsupported) + ";");
                    });
        };
    }

    /**
     * Answer relevance (Ragas): the judge generates {@code n} questions the output answers; the score is
     * their mean cosine similarity to the case's question (0 when the answer is noncommittal).
     */
    public Assertion answerRelevance(EmbeddingModel embeddings, int n, double threshold) {
        Objects.requireNonNull(embeddings, "embeddings");
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0 but was: " + n);
        }
        Assertions.checkUnit(threshold);
        return ctx -> {
            Optional<String> question = ctx.testCase().question();
            if (question.isEmpty()) {
                return AssertionResult.error("answer relevance needs the case's 'question' variable");
            }
            String p = "Generate " + n + " distinct questions that the ANSWER below answers, and decide whether the "
                    + "answer is noncommittal (evasive, vague, 'I don't know').\n\nANSWER:\n" + ctx.output()
                    + "\n\nReply with JSON: {\"questions\": [\"...\"], \"noncommittal\": true|false}";
            return judged(judge.ask(p, Verdicts.GeneratedQuestions.class,
                            v -> v.questions().isEmpty() ? "questions must not be empty" : ""),
                    v -> {
                        if (v.noncommittal()) {
                            return AssertionResult.fail(0.0, "answer relevance 0: the judge found the answer "
                                    + "noncommittal");
                        }
                        float[] q = embeddings.embed(question.get()).content().vector();
                        double sum = 0;
                        for (String g : v.questions()) {
                            double c = Assertions.cosine(q, embeddings.embed(g).content().vector());
                            if (Double.isNaN(c)) {
                                return AssertionResult.error("cosine similarity undefined (zero-length embedding)");
                            }
                            sum += c;
                        }
                        return AssertionResult.scored(Math.max(0.0, sum / v.questions().size()), threshold,
                                "answer relevance over " + v.questions().size() + " generated questions");
                    });
        };
    }

    /**
     * Context precision (Ragas): whether the useful passages are ranked first, against the case's expected
     * answer (else the output).
     */
    public Assertion contextPrecision(double threshold) {
        Assertions.checkUnit(threshold);
        return ctx -> {
            List<String> passages = ctx.testCase().context();
            if (passages.isEmpty()) {
                return AssertionResult.error("context precision needs the case's context passages");
            }
            String answer = ctx.testCase().expected().orElse(ctx.output());
            StringBuilder p = new StringBuilder("For each numbered PASSAGE, decide whether it was useful in arriving "
                    + "at the ANSWER to the QUESTION.\n\nQUESTION:\n")
                    .append(ctx.testCase().question().orElse("(none)")).append("\n\nANSWER:\n").append(answer)
                    .append("\n\nPASSAGES:\n");
            for (int i = 0; i < passages.size(); i++) {
                p.append('[').append(i).append("] ").append(passages.get(i)).append('\n');
            }
            p.append("\nReply with JSON: {\"verdicts\": [{\"index\": <i>, \"useful\": true|false, \"reason\": "
                    + "\"<short>\"}]} with exactly ").append(passages.size()).append(" verdicts, index 0 first.");
            return judged(judge.ask(p.toString(), Verdicts.UsefulnessVerdicts.class, v -> {
                if (v.verdicts().size() != passages.size()) {
                    return "expected " + passages.size() + " verdicts but got " + v.verdicts().size();
                }
                for (int i = 0; i < v.verdicts().size(); i++) {
                    if (v.verdicts().get(i).index() != i) {
                        return "verdicts[" + i + "].index must be " + i + " but was " + v.verdicts().get(i).index();
                    }
                }
                return "";
            }), v -> {
                List<Boolean> useful = v.verdicts().stream().map(Verdicts.Usefulness::useful).toList();
                return AssertionResult.scored(contextPrecision(useful), threshold, "context precision "
                        + "(useful ranks " + usefulRanks(useful) + " of " + useful.size() + ")");
            });
        };
    }

    /** Context recall (Ragas): reference statements attributable to the context / reference statements. */
    public Assertion contextRecall(double threshold) {
        Assertions.checkUnit(threshold);
        return ctx -> {
            if (ctx.testCase().context().isEmpty() || ctx.testCase().expected().isEmpty()) {
                return AssertionResult.error("context recall needs the case's context passages and expected answer");
            }
            String p = "Break the REFERENCE answer into its statements and decide for each whether it can be "
                    + "attributed to the CONTEXT.\n\nQUESTION:\n" + ctx.testCase().question().orElse("(none)")
                    + "\n\nCONTEXT:\n" + joinContext(ctx.testCase().context()) + "\nREFERENCE:\n"
                    + ctx.testCase().expected().get() + "\n\nReply with JSON: {\"statements\": [{\"statement\": "
                    + "\"...\", \"attributed\": true|false, \"reason\": \"<short>\"}]}";
            return judged(judge.ask(p, Verdicts.Attributions.class), v -> {
                if (v.statements().isEmpty()) {
                    return AssertionResult.error("context recall not computable: the reference has no statements");
                }
                long attributed = v.statements().stream().filter(Verdicts.Attribution::attributed).count();
                return AssertionResult.scored((double) attributed / v.statements().size(), threshold,
                        "context recall " + attributed + "/" + v.statements().size() + " statements attributed;");
            });
        };
    }

    /**
     * Ragas context precision from usefulness flags in rank order:
     * {@code sum_k(precision@k * v_k) / sum_k(v_k)}, 0 when nothing is useful.
     */
    public static double contextPrecision(List<Boolean> usefulInRankOrder) {
        double sum = 0;
        int useful = 0;
        for (int k = 1; k <= usefulInRankOrder.size(); k++) {
            if (usefulInRankOrder.get(k - 1)) {
                useful++;
                sum += (double) useful / k;
            }
        }
        return useful == 0 ? 0.0 : sum / useful;
    }

    private static String usefulRanks(List<Boolean> useful) {
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < useful.size(); i++) {
            if (useful.get(i)) {
                ranks.add(i + 1);
            }
        }
        return ranks.toString();
    }

    private static String claimsPrompt(String question, String answer) {
        return "Break the ANSWER into standalone factual claims (each understandable without the others, "
                + "pronouns resolved).\n\nQUESTION:\n" + question + "\n\nANSWER:\n" + answer
                + "\n\nReply with JSON: {\"claims\": [\"...\"]}";
    }

    private static String joinContext(List<String> passages) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            sb.append('[').append(i).append("] ").append(passages.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static <T> AssertionResult judged(JudgeClient.Verdict<T> v, Function<T, AssertionResult> score) {
        return v.value().map(score).orElseGet(() -> error(v));
    }

    private static AssertionResult error(JudgeClient.Verdict<?> v) {
        return v.rawReply().isEmpty() ? AssertionResult.error(v.error())
                : AssertionResult.error(v.error() + "; raw reply: " + abbreviate(v.rawReply()), v.rawReply());
    }

    private static String abbreviate(String s) {
        String t = s.replace('\n', ' ');
        return t.length() <= 200 ? t : t.substring(0, 197) + "...";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ModelGradedAssertions[judge=%s]", judge.judgeName());
    }
}
