package dev.llmops.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.internal.AtomicFiles;
import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.AssertionStatus;
import dev.llmops.eval.BaselineComparison;
import dev.llmops.eval.CaseResult;
import dev.llmops.eval.ComparisonRow;
import dev.llmops.eval.EvalReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A self-contained HTML report: inline CSS, JavaScript and SVG, no network access. It shows the summary
 * (filled in by the inline script from the embedded summary JSON), the prompt x target comparison
 * matrix, a case x (prompt, target) status matrix, one SVG bar chart per metric, the results that did
 * not pass first with output, expected answer and reasons, and the diff against a baseline when given.
 * Elements carrying numbers have stable ids / {@code data-} attributes so tests and scripts can read them.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * HtmlReport.write(report, Optional.of(diff), Path.of("target/eval/report.html"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;background:#f7f8fa}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            .muted{color:#667085}.cards{display:flex;gap:12px;margin:16px 0}
            .card{background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:10px 16px;min-width:110px}
            .card .n{font-size:24px;font-weight:600}.card .l{color:#667085;font-size:12px;text-transform:uppercase}
            table{border-collapse:collapse;background:#fff;border:1px solid #e4e7ec;margin:8px 0}
            th,td{padding:6px 10px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
            th{background:#f2f4f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .PASS{background:#e7f6ec;color:#146c2e}.FAIL{background:#fdecea;color:#a1271b}.ERROR{background:#fff4e0;color:#8a4b00}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
            .result{background:#fff;border:1px solid #e4e7ec;border-radius:8px;margin:8px 0;padding:8px 12px}
            pre{white-space:pre-wrap;word-break:break-word;background:#f2f4f7;padding:8px;border-radius:6px;margin:4px 0}
            .charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:8px}
            button{border:1px solid #d0d5dd;background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer}
            body.only-failing .result.is-PASS{display:none}
            """;

    private static final String JS = """
            (function(){
              var data = JSON.parse(document.getElementById('report-data').textContent);
              var s = data.summary;
              document.getElementById('sum-total').textContent = s.total;
              document.getElementById('sum-passed').textContent = s.passed;
              document.getElementById('sum-failed').textContent = s.failed;
              document.getElementById('sum-errors').textContent = s.errors;
              document.getElementById('sum-flaky').textContent = s.flaky;
              document.getElementById('sum-passrate').textContent = (100 * s.passRate).toFixed(1) + '%';
              var b = document.getElementById('toggle-failing');
              b.addEventListener('click', function(){
                document.body.classList.toggle('only-failing');
                b.textContent = document.body.classList.contains('only-failing') ? 'Show all results' : 'Show only results that did not pass';
              });
              document.body.setAttribute('data-rendered', 'true');
            })();
            """;

    private HtmlReport() {
    }

    /** The HTML document. */
    public static String render(EvalReport report, Optional<BaselineComparison> baseline) {
        EvalReport.Summary s = report.summary();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Eval report: ").append(esc(report.suite())).append("</title><style>").append(CSS)
                .append("</style></head><body>");
        h.append("<h1>Eval report: ").append(esc(report.suite())).append("</h1><div class=\"muted\">")
                .append(esc(report.description())).append(report.description().isEmpty() ? "" : " &middot; ")
                .append("started ").append(esc(report.startedAt().toString())).append(" &middot; ")
                .append(report.durationMillis()).append(" ms</div>");
        h.append("<div class=\"cards\">");
        card(h, "sum-total", "results");
        card(h, "sum-passed", "passed");
        card(h, "sum-failed", "failed");
        card(h, "sum-errors", "errors");
        card(h, "sum-flaky", "flaky");
        card(h, "sum-passrate", "pass rate");
        h.append("</div>");

        h.append("<h2>Comparison matrix</h2><table id=\"matrix\"><thead><tr><th>prompt</th><th>target</th>")
                .append("<th>cases</th><th>pass rate</th>");
        TreeSet<String> metrics = new TreeSet<>();
        report.matrix().forEach(r -> metrics.addAll(r.meanScores().keySet()));
        metrics.forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
        h.append("<th>p50 ms</th><th>p95 ms</th><th>cost $</th><th>tokens</th></tr></thead><tbody>");
        for (ComparisonRow r : report.matrix()) {
            h.append("<tr class=\"matrix-row\" data-prompt=\"").append(esc(r.prompt())).append("\" data-target=\"")
                    .append(esc(r.target())).append("\"><td>").append(esc(r.prompt().isEmpty() ? "-" : r.prompt()))
                    .append("</td><td>").append(esc(r.target())).append("</td><td class=\"num\">").append(r.cases())
                    .append("</td><td class=\"num pass-rate\">").append(pct(r.passRate())).append("</td>");
            for (String m : metrics) {
                Double v = r.meanScores().get(m);
                h.append("<td class=\"num\">").append(v == null ? "-" : fmt(v)).append("</td>");
            }
            h.append("<td class=\"num\">").append(r.latencyP50Millis()).append("</td><td class=\"num\">")
                    .append(r.latencyP95Millis()).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.6f", r.costUsd())).append("</td><td class=\"num\">")
                    .append(r.tokens()).append("</td></tr>");
        }
        h.append("</tbody></table>");

        caseMatrix(h, report);
        charts(h, report, metrics);
        baseline.ifPresent(b -> baselineSection(h, b));

        h.append("<h2>Results</h2><button id=\"toggle-failing\" type=\"button\">Show only results that did not pass")
                .append("</button>");
        List<CaseResult> ordered = new ArrayList<>(report.results());
        ordered.sort(Comparator.comparingInt(r -> r.status() == AssertionStatus.PASS ? 1 : 0));
        for (CaseResult r : ordered) {
            h.append("<div class=\"result is-").append(r.status()).append("\" data-key=\"").append(esc(r.key()))
                    .append("\"><span class=\"badge ").append(r.status()).append("\">").append(r.status())
                    .append("</span> <b>").append(esc(r.key())).append("</b>");
            if (r.samples().size() > 1) {
                h.append(" <span class=\"muted\">samples ").append(r.samples().size()).append(", pass rate ")
                        .append(pct(r.passRate())).append(r.flaky() ? ", flaky" : "").append("</span>");
            }
            if (!r.reason().isEmpty()) {
                h.append("<div class=\"reason\">").append(esc(r.reason())).append("</div>");
            }
            h.append("<div class=\"muted\">output</div><pre class=\"output\">").append(esc(r.output())).append("</pre>");
            r.expected().ifPresent(e -> h.append("<div class=\"muted\">expected</div><pre>").append(esc(e))
                    .append("</pre>"));
            if (!r.assertions().isEmpty()) {
                h.append("<table><tr><th>assertion</th><th>status</th><th>score</th><th>reason</th></tr>");
                for (AssertionResult a : r.assertions()) {
                    h.append("<tr><td>").append(esc(a.assertion())).append("</td><td><span class=\"badge ")
                            .append(a.status()).append("\">").append(a.status()).append("</span></td><td class=\"num\">")
                            .append(a.score().isPresent() ? fmt(a.score().getAsDouble()) : "-").append("</td><td>")
                            .append(esc(a.reason())).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append("</div>");
        }
        String summaryJson;
        try {
            summaryJson = LlmOpsJson.writer().writeValueAsString(Map.of("summary", s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise summary", e);
        }
        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(summaryJson.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
                .append("</script><script>").append(JS).append("</script></body></html>\n");
        return h.toString();
    }

    /**
     * Writes the HTML atomically.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(EvalReport report, Optional<BaselineComparison> baseline, Path file) {
        try {
            AtomicFiles.write(file, render(report, baseline).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void card(StringBuilder h, String id, String label) {
        h.append("<div class=\"card\"><div class=\"n\" id=\"").append(id).append("\">&ndash;</div><div class=\"l\">")
                .append(label).append("</div></div>");
    }

    private static void caseMatrix(StringBuilder h, EvalReport report) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        Map<String, Map<String, CaseResult>> rows = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            String col = (r.prompt().isEmpty() ? "" : r.prompt() + " @ ") + r.target();
            columns.add(col);
            rows.computeIfAbsent(r.caseId(), k -> new LinkedHashMap<>()).put(col, r);
        }
        h.append("<h2>Cases</h2><table id=\"case-matrix\"><thead><tr><th>case</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>");
        rows.forEach((id, cells) -> {
            h.append("<tr><td>").append(esc(id)).append("</td>");
            for (String c : columns) {
                CaseResult r = cells.get(c);
                if (r == null) {
                    h.append("<td>-</td>");
                } else {
                    h.append("<td class=\"").append(r.status()).append("\" title=\"").append(esc(r.reason()))
                            .append("\">").append(r.status())
                            .append(r.score().isPresent() ? " " + fmt(r.score().getAsDouble()) : "").append("</td>");
                }
            }
            h.append("</tr>");
        });
        h.append("</tbody></table>");
    }

    private static void charts(StringBuilder h, EvalReport report, TreeSet<String> metrics) {
        h.append("<h2>Metrics</h2><div class=\"charts\">");
        int barH = 22;
        for (String m : metrics) {
            List<ComparisonRow> rows = report.matrix().stream().filter(r -> r.meanScores().containsKey(m)).toList();
            int height = 30 + rows.size() * (barH + 8);
            h.append("<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"460\" height=\"")
                    .append(height).append("\" role=\"img\" aria-label=\"").append(esc(m)).append("\" data-metric=\"")
                    .append(esc(m)).append("\"><text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"600\">")
                    .append(esc(m)).append(" (mean score)</text>");
            int y = 26;
            for (ComparisonRow r : rows) {
                double v = r.meanScores().get(m);
                String label = (r.prompt().isEmpty() ? "" : r.prompt() + " @ ") + r.target();
                h.append("<text x=\"4\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(esc(cutLabel(label)))
                        .append("</text><rect x=\"170\" y=\"").append(y).append("\" width=\"220\" height=\"")
                        .append(barH).append("\" fill=\"#eef0f3\"/><rect class=\"bar\" x=\"170\" y=\"").append(y)
                        .append("\" width=\"").append(String.format(Locale.ROOT, "%.1f", 220 * v))
                        .append("\" height=\"").append(barH).append("\" fill=\"").append(v >= 0.75 ? "#32a852"
                                : v >= 0.5 ? "#e0a526" : "#d64535").append("\" data-value=\"").append(fmt(v))
                        .append("\"/><text x=\"396\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(fmt(v))
                        .append("</text>");
                y += barH + 8;
            }
            h.append("</svg></div>");
        }
        h.append("</div>");
    }

    private static void baselineSection(StringBuilder h, BaselineComparison b) {
        h.append("<h2>Against baseline</h2><div id=\"baseline\" data-regressions=\"").append(b.regressions().size())
                .append("\" data-improvements=\"").append(b.improvements().size()).append("\">")
                .append("<p><span class=\"badge ").append(b.ok() ? "PASS" : "FAIL").append("\">")
                .append(b.ok() ? "no regression" : "regressed").append("</span> ")
                .append(b.regressions().size()).append(" regressions, ").append(b.improvements().size())
                .append(" improvements, ").append(b.metricRegressions().size()).append(" metric regressions, ")
                .append(b.added().size()).append(" added, ").append(b.removed().size()).append(" removed</p>");
        if (!b.regressions().isEmpty() || !b.improvements().isEmpty()) {
            h.append("<table><tr><th>case</th><th>before</th><th>after</th><th>reason</th></tr>");
            for (BaselineComparison.CaseChange c : b.regressions()) {
                changeRow(h, c);
            }
            for (BaselineComparison.CaseChange c : b.improvements()) {
                changeRow(h, c);
            }
            h.append("</table>");
        }
        if (!b.metricRegressions().isEmpty() || !b.metricImprovements().isEmpty()) {
            h.append("<table><tr><th>metric</th><th>prompt @ target</th><th>before</th><th>after</th><th>delta</th></tr>");
            List<BaselineComparison.MetricChange> all = new ArrayList<>(b.metricRegressions());
            all.addAll(b.metricImprovements());
            for (BaselineComparison.MetricChange m : all) {
                h.append("<tr><td>").append(esc(m.metric())).append("</td><td>").append(esc(m.prompt())).append(" @ ")
                        .append(esc(m.target())).append("</td><td class=\"num\">").append(fmt(m.before()))
                        .append("</td><td class=\"num\">").append(fmt(m.after())).append("</td><td class=\"num ")
                        .append(m.delta() < 0 ? "FAIL" : "PASS").append("\">")
                        .append(String.format(Locale.ROOT, "%+.4f", m.delta())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</div>");
    }

    private static void changeRow(StringBuilder h, BaselineComparison.CaseChange c) {
        h.append("<tr><td>").append(esc(c.key())).append("</td><td class=\"").append(c.before()).append("\">")
                .append(c.before()).append("</td><td class=\"").append(c.after()).append("\">").append(c.after())
                .append("</td><td>").append(esc(c.reason())).append("</td></tr>");
    }

    private static String cutLabel(String s) {
        return s.length() <= 26 ? s : s.substring(0, 25) + "\u2026";
    }

    /** A percentage with one decimal, as the script formats the summary. */
    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        return JUnitXmlReport.esc(s);
    }
}
