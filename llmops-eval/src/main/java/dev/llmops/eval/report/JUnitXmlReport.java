package dev.llmops.eval.report;

import dev.llmops.api.internal.AtomicFiles;
import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.CaseResult;
import dev.llmops.eval.EvalReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes JUnit XML so CI systems show eval cases as tests: one {@code <testsuite>} per prompt x target,
 * one {@code <testcase>} per case (name = case id, classname = {@code suite.target[.prompt]}); a failing
 * case has a {@code <failure>}, an errored one an {@code <error>}, each with the reasons and the output.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /** The report as JUnit XML. */
    public static String render(EvalReport report) {
        Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            groups.computeIfAbsent(r.target() + (r.prompt().isEmpty() ? "" : "." + r.prompt()),
                    k -> new ArrayList<>()).add(r);
        }
        EvalReport.Summary s = report.summary();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"").append(esc(report.suite())).append("\" tests=\"").append(s.total())
                .append("\" failures=\"").append(s.failed()).append("\" errors=\"").append(s.errors())
                .append("\" time=\"").append(seconds(report.durationMillis())).append("\">\n");
        for (Map.Entry<String, List<CaseResult>> g : groups.entrySet()) {
            List<CaseResult> rs = g.getValue();
            long failures = rs.stream().filter(r -> r.status() == dev.llmops.eval.AssertionStatus.FAIL).count();
            long errors = rs.stream().filter(r -> r.status() == dev.llmops.eval.AssertionStatus.ERROR).count();
            long time = rs.stream().mapToLong(CaseResult::latencyMillis).sum();
            String cls = report.suite() + "." + g.getKey();
            sb.append("  <testsuite name=\"").append(esc(cls)).append("\" tests=\"").append(rs.size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"0\" time=\"").append(seconds(time)).append("\">\n");
            for (CaseResult r : rs) {
                sb.append("    <testcase name=\"").append(esc(r.caseId())).append("\" classname=\"").append(esc(cls))
                        .append("\" time=\"").append(seconds(r.latencyMillis())).append('"');
                if (r.passed()) {
                    sb.append("/>\n");
                    continue;
                }
                String tag = r.status() == dev.llmops.eval.AssertionStatus.ERROR ? "error" : "failure";
                sb.append(">\n      <").append(tag).append(" type=\"").append(r.status()).append("\" message=\"")
                        .append(esc(r.reason())).append("\">");
                StringBuilder body = new StringBuilder();
                for (AssertionResult a : r.assertions()) {
                    body.append(a.assertion()).append(' ').append(a.status())
                            .append(a.score().isPresent() ? String.format(Locale.ROOT, " score=%.4f",
                                    a.score().getAsDouble()) : "")
                            .append(": ").append(a.reason()).append('\n');
                }
                body.append("output: ").append(r.output()).append('\n');
                r.expected().ifPresent(e -> body.append("expected: ").append(e).append('\n'));
                sb.append(esc(body.toString())).append("</").append(tag).append(">\n    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /**
     * Writes the XML atomically.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(EvalReport report, Path file) {
        try {
            AtomicFiles.write(file, render(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Escapes XML text and attribute values; drops characters XML 1.0 cannot carry. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xFFFE && !Character.isSurrogate(c))) {
                        sb.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    }
                }
            }
        }
        return sb.toString();
    }
}
