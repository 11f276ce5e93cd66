package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;
import dev.llmops.guard.internal.Detection;
import dev.llmops.guard.internal.Detector;
import dev.llmops.guard.internal.Edit;
import dev.llmops.guard.internal.Redactor;
import dev.llmops.guard.internal.StagedGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A guard made of a detector and an {@link GuardAction}: the shape of most guards that
 * {@link Guards} creates (PII, secrets, invisible text, content rules, refusal, leaks, limits).
 * Derive variants with {@link #block()}, {@link #redact()}, {@link #warn()}, {@link #reprompt()},
 * {@link #reversible()} and {@link #named(String)}; each returns a new guard sharing the detector.
 *
 * <pre>{@code
 * DetectorGuard pii = Guards.pii().redact().reversible();
 * GuardResult r = pii.check("Mail jane@example.com or jane@example.com");
 * r.sanitizedText();            // "Mail <EMAIL_1> or <EMAIL_1>"
 * r.restore("Wrote to <EMAIL_1>"); // "Wrote to jane@example.com"
 * // failing case: a block guard stops the text
 * Guards.secrets().check("key AKIAZ3MDRV5J6XQW7LPA").blocked(); // true
 * }</pre>
 *
 * <p>A text longer than {@link #maxChars()} is not scanned: it yields {@code BLOCK} with an
 * {@code INPUT_TOO_LARGE} finding. A detector failure fails closed ({@code BLOCK},
 * {@code GUARD_ERROR}).
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class DetectorGuard implements StagedGuard {

    /** Default per-guard input cap in characters. */
    public static final int DEFAULT_MAX_CHARS = 1_000_000;

    private final String name;
    private final Detector detector;
    private final GuardAction action;
    private final boolean reversible;
    private final int maxChars;
    private final int cost;

    DetectorGuard(String name, Detector detector, GuardAction action, int cost) {
        this(name, detector, action, false, DEFAULT_MAX_CHARS, cost);
    }

    private DetectorGuard(String name, Detector detector, GuardAction action, boolean reversible, int maxChars,
                          int cost) {
        this.name = Guards.requireName(name);
        this.detector = Objects.requireNonNull(detector, "detector");
        this.action = Objects.requireNonNull(action, "action");
        this.reversible = reversible;
        this.maxChars = maxChars;
        this.cost = cost;
    }

    @Override
    public String name() {
        return name;
    }

    /** What this guard does with its findings. */
    public GuardAction action() {
        return action;
    }

    /** Whether a redaction records placeholder-to-value restorations in the result. */
    public boolean isReversible() {
        return reversible;
    }

    /** The largest text this guard scans, in characters. */
    public int maxChars() {
        return maxChars;
    }

    @Override
    public int cost() {
        return cost;
    }

    /** The same guard with another action. */
    public DetectorGuard withAction(GuardAction newAction) {
        return new DetectorGuard(name, detector, newAction, reversible, maxChars, cost);
    }

    /** The same guard, blocking on any finding. */
    public DetectorGuard block() {
        return withAction(GuardAction.BLOCK);
    }

    /** The same guard, replacing findings with typed placeholders. */
    public DetectorGuard redact() {
        return withAction(GuardAction.REDACT);
    }

    /** The same guard, reporting findings without changing the verdict. */
    public DetectorGuard warn() {
        return withAction(GuardAction.WARN);
    }

    /** The same guard, asking for a re-prompt on any finding. */
    public DetectorGuard reprompt() {
        return withAction(GuardAction.REPROMPT);
    }

    /**
     * The same guard, recording in {@link GuardResult#restorations()} which value each placeholder
     * replaced, so that a host can {@link GuardResult#restore(String) restore} them in an answer.
     */
    public DetectorGuard reversible() {
        return new DetectorGuard(name, detector, action, true, maxChars, cost);
    }

    /** The same guard under another name (for traces and results). */
    public DetectorGuard named(String newName) {
        return new DetectorGuard(newName, detector, action, reversible, maxChars, cost);
    }

    /**
     * The same guard with another input cap.
     *
     * @throws IllegalArgumentException when {@code newMaxChars} is not positive
     */
    public DetectorGuard maxChars(int newMaxChars) {
        if (newMaxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0 but was: " + newMaxChars);
        }
        return new DetectorGuard(name, detector, action, reversible, newMaxChars, cost);
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
            return new Outcome(tooLarge(name, text, maxChars, t0), List.of());
        }
        List<Detection> detections;
        try {
            detections = detector.detect(text, context);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(GuardResult.builder(name, text).verdict(Verdict.BLOCK)
                    .findings(List.of(Finding.whole("GUARD_ERROR", name + ".error", 1.0,
                            "detector failed: " + e.getClass().getSimpleName())))
                    .latency(since(t0)).build(), List.of());
        }
        return apply(name, action, reversible, text, detections, t0);
    }

    static Outcome apply(String name, GuardAction action, boolean reversible, String text,
                             List<Detection> detections, long t0) {
        if (detections.isEmpty()) {
            return new Outcome(GuardResult.builder(name, text).latency(since(t0)).build(), List.of());
        }
        List<Edit> edits = List.of();
        List<Finding> findings = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            findings.add(d.finding());
        }
        findings.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(a.end(), b.end()));
        GuardResult.Builder b = GuardResult.builder(name, text).findings(findings);
        switch (action) {
            case BLOCK -> b.verdict(Verdict.BLOCK);
            case WARN -> b.verdict(Verdict.PASS);
            case REPROMPT -> b.verdict(Verdict.REPROMPT);
            case REDACT -> {
                if (hasWholeFinding(detections)) {
                    b.verdict(Verdict.BLOCK);
                } else {
                    Redactor.Redacted r = Redactor.redact(text, detections);
                    b.verdict(Verdict.PASS_WITH_REWRITE).sanitizedText(r.text());
                    edits = r.edits();
                    if (reversible) {
                        r.restorations().forEach(b::restoration);
                    }
                }
            }
            default -> throw new IllegalStateException("unknown action " + action);
        }
        return new Outcome(b.latency(since(t0)).build(), edits);
    }

    private static boolean hasWholeFinding(List<Detection> detections) {
        for (Detection d : detections) {
            if (!d.finding().hasSpan()) {
                return true;
            }
        }
        return false;
    }

    static GuardResult tooLarge(String name, String text, int cap, long t0) {
        return GuardResult.builder(name, text).verdict(Verdict.BLOCK)
                .findings(List.of(Finding.whole("INPUT_TOO_LARGE", "limit.input_cap", 1.0,
                        "text has " + text.length() + " chars; the cap is " + cap)))
                .latency(since(t0)).build();
    }

    static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public String toString() {
        return "DetectorGuard[" + name + ", " + action + (reversible ? ", reversible" : "") + "]";
    }
}
