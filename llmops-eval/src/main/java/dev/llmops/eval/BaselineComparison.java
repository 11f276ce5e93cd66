package dev.llmops.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run compared with a saved baseline: per case (keyed by case, prompt and target) and per metric (mean
 * score per prompt x target), what regressed, what improved, and an exit status for CI.
 *
 * <pre>{@code
 * EvalReport baseline = JsonReport.read(Path.of("evals/baseline.json"));
 * BaselineComparison diff = BaselineComparison.compare(baseline, report, 0.02);
 * System.out.println(diff.regressions());
 * System.exit(diff.exitStatus());     // 0 = no regression, 1 = regression
 * }</pre>
 *
 * <p>A case regresses when it passed in the baseline and does not now; it improves the other way round.
 * A metric regresses when its mean score dropped by more than the tolerance. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BaselineComparison {

    /**
     * One case whose status changed.
     *
     * @param key    {@link CaseResult#key()}
     * @param before status in the baseline
     * @param after  status now
     * @param reason the current reason (empty when it passes now)
     */
    public record CaseChange(String key, AssertionStatus before, AssertionStatus after, String reason) {
    }

    /**
     * One metric's mean score in both runs.
     *
     * @param metric the metric name
     * @param prompt the prompt id
     * @param target the target name
     * @param before mean in the baseline
     * @param after  mean now
     */
    public record MetricChange(String metric, String prompt, String target, double before, double after) {
        /** {@code after - before}. */
        public double delta() {
            return after - before;
        }
    }

    private final List<CaseChange> regressions;
    private final List<CaseChange> improvements;
    private final List<String> added;
    private final List<String> removed;
    private final List<MetricChange> metricRegressions;
    private final List<MetricChange> metricImprovements;

    private BaselineComparison(List<CaseChange> regressions, List<CaseChange> improvements, List<String> added,
                               List<String> removed, List<MetricChange> metricRegressions,
                               List<MetricChange> metricImprovements) {
        this.regressions = List.copyOf(regressions);
        this.improvements = List.copyOf(improvements);
        this.added = List.copyOf(added);
        this.removed = List.copyOf(removed);
        this.metricRegressions = List.copyOf(metricRegressions);
        this.metricImprovements = List.copyOf(metricImprovements);
    }

    /**
     * Compares {@code current} with {@code baseline}.
     *
     * @param tolerance how far a metric's mean may drop before it counts as a regression, in [0, 1]
     */
    public static BaselineComparison compare(EvalReport baseline, EvalReport current, double tolerance) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1] but was: " + tolerance);
        }
        Map<String, CaseResult> before = new LinkedHashMap<>();
        baseline.results().forEach(r -> before.put(r.key(), r));
        List<CaseChange> reg = new ArrayList<>();
        List<CaseChange> imp = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (CaseResult now : current.results()) {
            CaseResult was = before.remove(now.key());
            if (was == null) {
                added.add(now.key());
            } else if (was.passed() && !now.passed()) {
                reg.add(new CaseChange(now.key(), was.status(), now.status(), now.reason()));
            } else if (!was.passed() && now.passed()) {
                imp.add(new CaseChange(now.key(), was.status(), now.status(), ""));
            }
        }
        List<MetricChange> mReg = new ArrayList<>();
        List<MetricChange> mImp = new ArrayList<>();
        Map<String, ComparisonRow> rowsBefore = new LinkedHashMap<>();
        baseline.matrix().forEach(r -> rowsBefore.put(r.prompt() + "\u0000" + r.target(), r));
        for (ComparisonRow row : current.matrix()) {
            ComparisonRow old = rowsBefore.get(row.prompt() + "\u0000" + row.target());
            if (old == null) {
                continue;
            }
            row.meanScores().forEach((metric, mean) -> {
                Double was = old.meanScores().get(metric);
                if (was != null) {
                    MetricChange c = new MetricChange(metric, row.prompt(), row.target(), was, mean);
                    if (c.delta() < -tolerance) {
                        mReg.add(c);
                    } else if (c.delta() > tolerance) {
                        mImp.add(c);
                    }
                }
            });
        }
        return new BaselineComparison(reg, imp, added, new ArrayList<>(before.keySet()), mReg, mImp);
    }

    /** Cases that passed in the baseline and do not now. */
    public List<CaseChange> regressions() {
        return regressions;
    }

    /** Cases that did not pass in the baseline and do now. */
    public List<CaseChange> improvements() {
        return improvements;
    }

    /** Case keys only in the current run. */
    public List<String> added() {
        return added;
    }

    /** Case keys only in the baseline. */
    public List<String> removed() {
        return removed;
    }

    /** Metrics whose mean dropped by more than the tolerance. */
    public List<MetricChange> metricRegressions() {
        return metricRegressions;
    }

    /** Metrics whose mean rose by more than the tolerance. */
    public List<MetricChange> metricImprovements() {
        return metricImprovements;
    }

    /** Whether nothing regressed. */
    public boolean ok() {
        return regressions.isEmpty() && metricRegressions.isEmpty();
    }

    /** 0 when nothing regressed, 1 otherwise: pass it to {@code System.exit} in CI. */
    public int exitStatus() {
        return ok() ? 0 : 1;
    }

    @Override
    public String toString() {
        return "BaselineComparison[regressions=" + regressions.size() + ", improvements=" + improvements.size()
                + ", metricRegressions=" + metricRegressions.size() + ", added=" + added.size() + ", removed="
                + removed.size() + "]";
    }
}
