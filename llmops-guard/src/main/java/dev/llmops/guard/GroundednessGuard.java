package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.guard.internal.Detection;
import dev.llmops.guard.internal.GroundednessDetector;
import dev.llmops.guard.internal.GroundednessJudge;
import dev.llmops.guard.internal.StagedGuard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that every sentence of an answer is supported by the retrieved context, in layers:
 * <ol>
 *   <li><b>lexical</b>: the share of the sentence's content words found in the context (numbers
 *       must appear verbatim);</li>
 *   <li><b>embedding</b> (when created with an {@code EmbeddingModel}): averaged with the best
 *       cosine to a context passage;</li>
 *   <li><b>judge</b> (optional, {@link #withJudge(LanguageModel)}): any llmops {@link LanguageModel}
 *       asked, in one call, for a strict-JSON verdict ({@code supported} true/false and a short
 *       reason) on only the sentences the cheaper layers found unsupported or borderline (support
 *       below {@code minSupport + }{@value #BORDERLINE_MARGIN}, at most {@value #MAX_JUDGED_SENTENCES}
 *       sentences), against the context cut to {@link #judgeMaxContextChars()} characters. Its verdict
 *       replaces the cheaper layers' on those sentences: it can rescue a paraphrase and confirm, or
 *       flag, an unsupported claim (rule {@code groundedness.judge}).</li>
 * </ol>
 * Each unsupported sentence is an {@code UNSUPPORTED_SENTENCE} finding with the sentence's span
 * and its number in the detail ({@code sentence 2: support 0.20 < 0.50}); no context at all is a
 * {@code NO_CONTEXT} finding. Sentences with fewer than 3 content words ("Sure.") are not judged.
 * When the judge fails or answers anything but the JSON verdicts, the verdict is the one without
 * the judge, plus a {@code JUDGE_UNAVAILABLE} finding with score 0 (it never changes the verdict).
 *
 * <pre>{@code
 * GuardContext ctx = GuardContext.builder(GuardStage.OUTPUT).retrieved(List.of(new ScoredChunk(
 *         Chunk.of("c1", "returns", "Items can be sent back within thirty days of delivery."), 1.0))).build();
 * String paraphrase = "You may return a product during the first month after it arrives.";
 * GroundednessGuard lexical = Guards.groundedness();
 * lexical.check(paraphrase, ctx).verdict();                 // REPROMPT: no shared content words
 * GroundednessGuard judged = lexical.withJudge(LanguageModel.of(chatModel)); // any LangChain4j ChatModel
 * judged.check(paraphrase, ctx).verdict();                  // PASS when the judge finds it supported
 * // failing case: a claim the context does not make
 * GuardResult r = judged.check("Refunds are paid in cash at any store.", ctx);
 * r.verdict();                                              // REPROMPT
 * r.findings().get(0).rule();                               // "groundedness.judge" (span = the sentence)
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable and thread-safe when its models are; share one instance.
 *
 * @since 0.1.0
 */
public final class GroundednessGuard implements StagedGuard {

    /** Default minimum support of a sentence. */
    public static final double DEFAULT_MIN_SUPPORT = 0.5;
    /** Sentences with a support below {@code minSupport + BORDERLINE_MARGIN} go to the judge. */
    public static final double BORDERLINE_MARGIN = 0.15;
    /** The most sentences one check sends to the judge (the weakest first); the rest keep their verdict. */
    public static final int MAX_JUDGED_SENTENCES = 16;
    /** Default bound on the context characters sent to the judge. */
    public static final int DEFAULT_JUDGE_MAX_CONTEXT_CHARS = 8_000;

    private final String name;
    private final GroundednessDetector detector;
    private final GuardAction action;
    private final GroundednessJudge judge; // null when off
    private final int judgeMaxContextChars;
    private final int maxChars;

    GroundednessGuard(GroundednessDetector detector) {
        this("groundedness", detector, GuardAction.REPROMPT, null, DEFAULT_JUDGE_MAX_CONTEXT_CHARS,
                DetectorGuard.DEFAULT_MAX_CHARS);
    }

    private GroundednessGuard(String name, GroundednessDetector detector, GuardAction action, GroundednessJudge judge,
                              int judgeMaxContextChars, int maxChars) {
        this.name = Guards.requireName(name);
        this.detector = detector;
        this.action = action;
        this.judge = judge;
        this.judgeMaxContextChars = judgeMaxContextChars;
        this.maxChars = maxChars;
    }

    @Override
    public String name() {
        return name;
    }

    /** What this guard does with its findings (default {@link GuardAction#REPROMPT}). */
    public GuardAction action() {
        return action;
    }

    /** A sentence below this support is unsupported. */
    public double minSupport() {
        return detector.minSupport();
    }

    /** Whether an LLM judge runs. */
    public boolean hasJudge() {
        return judge != null;
    }

    /** The most context characters sent to the judge. */
    public int judgeMaxContextChars() {
        return judgeMaxContextChars;
    }

    /** The largest text this guard checks, in characters. */
    public int maxChars() {
        return maxChars;
    }

    @Override
    public int cost() {
        return judge != null ? COST_LLM : detector.usesEmbeddings() ? COST_EMBEDDING : COST_PATTERN;
    }

    /**
     * The same guard, also asking {@code model} about the unsupported and borderline sentences.
     *
     * @since 0.1.0
     */
    public GroundednessGuard withJudge(LanguageModel model) {
        Objects.requireNonNull(model, "model");
        return new GroundednessGuard(name, detector, action, new GroundednessJudge(model, judgeMaxContextChars),
                judgeMaxContextChars, maxChars);
    }

    /**
     * The same guard sending at most {@code chars} characters of context to the judge.
     *
     * @throws IllegalArgumentException when not positive
     * @since 0.1.0
     */
    public GroundednessGuard withJudgeMaxContextChars(int chars) {
        if (chars <= 0) {
            throw new IllegalArgumentException("judgeMaxContextChars must be > 0 but was: " + chars);
        }
        GroundednessJudge j = judge == null ? null : judge.withMaxContextChars(chars);
        return new GroundednessGuard(name, detector, action, j, chars, maxChars);
    }

    /** The same guard with another action ({@link GuardAction#REDACT} replaces unsupported sentences). */
    public GroundednessGuard withAction(GuardAction newAction) {
        return new GroundednessGuard(name, detector, Objects.requireNonNull(newAction, "action"), judge,
                judgeMaxContextChars, maxChars);
    }

    /** The same guard, blocking on any unsupported sentence. */
    public GroundednessGuard block() {
        return withAction(GuardAction.BLOCK);
    }

    /** The same guard, replacing unsupported sentences with placeholders. */
    public GroundednessGuard redact() {
        return withAction(GuardAction.REDACT);
    }

    /** The same guard, reporting without changing the verdict. */
    public GroundednessGuard warn() {
        return withAction(GuardAction.WARN);
    }

    /** The same guard, asking for a re-prompt (the default). */
    public GroundednessGuard reprompt() {
        return withAction(GuardAction.REPROMPT);
    }

    /** The same guard under another name (for traces and results). */
    public GroundednessGuard named(String newName) {
        return new GroundednessGuard(newName, detector, action, judge, judgeMaxContextChars, maxChars);
    }

    /**
     * The same guard with another input cap.
     *
     * @throws IllegalArgumentException when not positive
     */
    public GroundednessGuard maxChars(int newMaxChars) {
        if (newMaxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0 but was: " + newMaxChars);
        }
        return new GroundednessGuard(name, detector, action, judge, judgeMaxContextChars, newMaxChars);
    }

    @Override
    public GuardResult check(String text, GuardContext context) {
        return run(text, context).result();
    }

    @Override
    public Outcome run(String text, GuardContext context) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(context, "context");
        long t0 = System.nanoTime();
        if (text.length() > maxChars) {
            return new Outcome(DetectorGuard.tooLarge(name, text, maxChars, t0), List.of());
        }
        List<Detection> detections = new ArrayList<>();
        boolean judgeUnavailable = false;
        try {
            List<String> passages = detector.passages(context);
            if (passages.isEmpty()) {
                detections.add(GroundednessDetector.noContext());
            } else {
                List<GroundednessDetector.Sentence> sentences = detector.assess(text, passages);
                List<GroundednessDetector.Sentence> asked = judge == null ? List.of() : candidates(sentences);
                Optional<List<GroundednessJudge.Verdict>> verdicts = Optional.empty();
                if (!asked.isEmpty()) {
                    List<String> texts = new ArrayList<>(asked.size());
                    asked.forEach(s -> texts.add(text.substring(s.start(), s.end())));
                    verdicts = judge.judge(passages, texts, context);
                    judgeUnavailable = verdicts.isEmpty();
                }
                for (GroundednessDetector.Sentence s : sentences) {
                    int i = asked.indexOf(s);
                    if (i >= 0 && verdicts.isPresent()) {
                        GroundednessJudge.Verdict v = verdicts.get().get(i);
                        if (!v.supported()) {
                            detections.add(judged(s, v));
                        }
                    } else if (s.support() < detector.minSupport()) {
                        detections.add(detector.unsupported(s));
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(GuardResult.builder(name, text).verdict(Verdict.BLOCK)
                    .findings(List.of(Finding.whole("GUARD_ERROR", name + ".error", 1.0,
                            "detector failed: " + e.getClass().getSimpleName())))
                    .latency(DetectorGuard.since(t0)).build(), List.of());
        }
        Outcome o = DetectorGuard.apply(name, action, false, text, detections, t0);
        if (!judgeUnavailable) {
            return o;
        }
        // the judge is ignored: same verdict and rewrite as without it, plus a finding saying so
        GuardResult r = o.result();
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(Finding.whole("JUDGE_UNAVAILABLE", "groundedness.judge.invalid", 0.0,
                "judge " + judge.modelName() + " failed or did not answer with the JSON verdicts"));
        return new Outcome(GuardResult.builder(name, text).verdict(r.verdict()).findings(findings)
                .sanitizedText(r.sanitizedText()).latency(DetectorGuard.since(t0)).build(), o.edits());
    }

    /** The unsupported and borderline sentences, at most {@value #MAX_JUDGED_SENTENCES}, weakest first kept. */
    private List<GroundednessDetector.Sentence> candidates(List<GroundednessDetector.Sentence> sentences) {
        double limit = detector.minSupport() + BORDERLINE_MARGIN;
        List<GroundednessDetector.Sentence> out = new ArrayList<>();
        for (GroundednessDetector.Sentence s : sentences) {
            if (s.support() < limit) {
                out.add(s);
            }
        }
        if (out.size() > MAX_JUDGED_SENTENCES) {
            List<GroundednessDetector.Sentence> weakest = new ArrayList<>(out);
            weakest.sort((a, b) -> Double.compare(a.support(), b.support()));
            List<GroundednessDetector.Sentence> keep = weakest.subList(0, MAX_JUDGED_SENTENCES);
            out.removeIf(s -> !keep.contains(s));
        }
        return out;
    }

    private Detection judged(GroundednessDetector.Sentence s, GroundednessJudge.Verdict v) {
        return Detection.of("UNSUPPORTED_SENTENCE", "groundedness.judge", s.start(), s.end(),
                Math.max(0.5, Math.min(1, 1 - s.support())),
                String.format(Locale.ROOT, "sentence %d: judge %s: unsupported (support %.2f)%s", s.index(),
                        judge.modelName(), s.support(), v.reason().isEmpty() ? "" : ": " + v.reason()));
    }

    @Override
    public String toString() {
        return "GroundednessGuard[" + name + ", " + action + ", minSupport=" + detector.minSupport()
                + ", embeddings=" + detector.usesEmbeddings() + ", judge=" + (judge != null) + "]";
    }
}
