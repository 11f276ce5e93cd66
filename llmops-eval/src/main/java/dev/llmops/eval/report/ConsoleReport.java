package dev.llmops.eval.report;

import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.BaselineComparison;
import dev.llmops.eval.CaseResult;
import dev.llmops.eval.ComparisonRow;
import dev.llmops.eval.EvalReport;

import java.util.Locale;
import java.util.Optional;

/**
 * A plain-text summary for terminals and CI logs: totals, the comparison matrix, the cases that did not
 * pass with their reasons, and the baseline diff when given. Stateless and thread-safe.
 *
 * <pre>{@code
 * System.out.println(ConsoleReport.render(report));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    /** The summary without a baseline. */
    public static String render(EvalReport report) {
        return render(report, Optional.empty());
    }

    /** The summary, with the baseline diff when present. */
    public static String render(EvalReport report, Optional<BaselineComparison> baseline) {
        StringBuilder sb = new StringBuilder();
        EvalReport.Summary s = report.summary();
        sb.append(String.format(Locale.ROOT, "Eval '%s': %d results, %d passed, %d failed, %d errors, %d flaky "
                        + "(pass rate %.1f%%) in %d ms%n", report.suite(), s.total(), s.passed(), s.failed(), s.errors(),
                s.flaky(), 100 * s.passRate(), report.durationMillis()));
        sb.append(String.format(Locale.ROOT, "%n%-24s %-20s %6s %8s %8s %8s %10s  %s%n", "prompt", "target", "cases",
                "pass", "p50 ms", "p95 ms", "cost $", "mean scores"));
        for (ComparisonRow r : report.matrix()) {
            sb.append(String.format(Locale.ROOT, "%-24s %-20s %6d %7.1f%% %8d %8d %10.6f  %s%n",
                    cut(r.prompt().isEmpty() ? "-" : r.prompt(), 24), cut(r.target(), 20), r.cases(),
                    100 * r.passRate(), r.latencyP50Millis(), r.latencyP95Millis(), r.costUsd(), means(r)));
        }
        boolean header = false;
        for (CaseResult r : report.results()) {
            if (r.passed()) {
                continue;
            }
            if (!header) {
                sb.append(String.format("%nNot passing:%n"));
                header = true;
            }
            sb.append("  ").append(r.status()).append(' ').append(r.key()).append(": ").append(r.reason())
                    .append('\n');
            for (AssertionResult a : r.assertions()) {
                if (!a.passed()) {
                    sb.append("      ").append(a.assertion()).append(' ').append(a.status()).append(": ")
                            .append(a.reason()).append('\n');
                }
            }
        }
        baseline.ifPresent(b -> {
            sb.append(String.format("%nBaseline: %d regressions, %d improvements, %d metric regressions%n",
                    b.regressions().size(), b.improvements().size(), b.metricRegressions().size()));
            b.regressions().forEach(c -> sb.append("  REGRESSED ").append(c.key()).append(": ").append(c.before())
                    .append(" -> ").append(c.after()).append('\n'));
            b.metricRegressions().forEach(m -> sb.append(String.format(Locale.ROOT,
                    "  METRIC %s [%s @ %s]: %.4f -> %.4f%n", m.metric(), m.prompt(), m.target(), m.before(), m.after())));
        });
        return sb.toString();
    }

    private static String means(ComparisonRow r) {
        StringBuilder sb = new StringBuilder();
        r.meanScores().forEach((k, v) -> sb.append(k).append('=').append(String.format(Locale.ROOT, "%.3f", v))
                .append(' '));
        return sb.toString().strip();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
