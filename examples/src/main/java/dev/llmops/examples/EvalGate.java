package dev.llmops.examples;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.GuardViolationException;
import dev.llmops.api.trace.Tracer;
import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.AssertionStatus;
import dev.llmops.eval.BaselineComparison;
import dev.llmops.eval.CaseResult;
import dev.llmops.eval.ComparisonRow;
import dev.llmops.eval.EvalOutput;
import dev.llmops.eval.EvalReport;
import dev.llmops.eval.EvalRunner;
import dev.llmops.eval.EvalSuite;
import dev.llmops.eval.report.HtmlReport;
import dev.llmops.eval.report.JUnitXmlReport;
import dev.llmops.eval.report.JsonReport;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.PromptRegistry;
import dev.llmops.rag.ingest.SourceDocument;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CI gate: runs the bundled eval suite ({@code src/main/resources/evals/shop-assistant.yaml}) for
 * the assistant with a baseline and a candidate version of {@code support-answer}, writes JSON, JUnit
 * XML and HTML reports, prints the comparison matrix, and exits with status 1 when the candidate
 * regresses against the baseline.
 *
 * <pre>mvn -q -pl examples -am compile exec:java -Dexample.main=dev.llmops.examples.EvalGate</pre>
 *
 * <p>System properties: {@code llmops.workdir} (default {@code target/llmops}), {@code llmops.reports}
 * (default {@code target/llmops-reports}), {@code llmops.baseline} (label or version, default
 * {@code production}), {@code llmops.candidate} (default {@code staging}).
 */
public final class EvalGate {

    static final String SUITE = "/evals/shop-assistant.yaml";
    static final String TARGET = "shop-assistant";
    static final double TOLERANCE = 0.02;

    private EvalGate() {
    }

    public static void main(String[] args) {
        Path workdir = Path.of(System.getProperty("llmops.workdir", "target/llmops"));
        Path reports = Path.of(System.getProperty("llmops.reports", "target/llmops-reports"));
        int status = run(ExampleModels.fromEnv(), workdir, reports, System.getProperty("llmops.baseline",
                SupportPrompts.PRODUCTION), System.getProperty("llmops.candidate", SupportPrompts.STAGING), System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the gate and returns the exit status: 0 when the candidate does not regress, 1 when it does.
     *
     * @param baseline  label or version number of {@code support-answer}
     * @param candidate label or version number of {@code support-answer}
     */
    static int run(ExampleModels models, Path workdir, Path reportsDir, String baseline, String candidate,
                   PrintStream out) {
        out.println(models.banner());
        return run(models, AssistantParts.load(out), workdir, reportsDir, baseline, candidate, out);
    }

    /** Runs with already loaded parts (the banner is the caller's job). */
    static int run(ExampleModels models, AssistantParts parts, Path workdir, Path reportsDir, String baseline,
                   String candidate, PrintStream out) {
        EmbeddingModel embeddings = parts.embeddings();
        HelpCentreIndex.Opened opened = HelpCentreIndex.open(workdir.resolve("index"), embeddings, out);
        try {
            PromptRegistry prompts = SupportPrompts.open(workdir.resolve("prompts"));
            Prompt base = SupportPrompts.resolve(prompts, baseline);
            Prompt cand = SupportPrompts.resolve(prompts, candidate);
            SupportPipeline pipeline = ShopAssistant.pipeline(models, parts,
                    opened.index().hybrid().k(SupportPipeline.K).build(), Tracer.noop());
            EvalSuite suite = EvalSuite.load(BundledData.copyResource(SUITE,
                    workdir.resolve("evals").resolve("shop-assistant.yaml")));

            out.printf("Suite '%s': %d cases; baseline %s (%s) vs candidate %s (%s)%n", suite.name(),
                    suite.cases().size(), base.ref(), baseline, cand.ref(), candidate);
            EvalReport baseReport = evaluate(suite, pipeline, base, out);
            EvalReport candReport = evaluate(suite, pipeline, cand, out);
            BaselineComparison comparison = BaselineComparison.compare(baseReport, candReport, TOLERANCE);

            java.nio.file.Files.createDirectories(reportsDir);
            JsonReport.write(baseReport, reportsDir.resolve("baseline.json"));
            JsonReport.write(candReport, reportsDir.resolve("candidate.json"));
            JUnitXmlReport.write(candReport, reportsDir.resolve("TEST-shop-assistant-eval.xml"));
            HtmlReport.write(candReport, Optional.of(comparison), reportsDir.resolve("report.html"));

            printMatrix(out, base, baseReport, cand, candReport);
            out.printf("%nReports: %s (baseline.json, candidate.json, TEST-shop-assistant-eval.xml, report.html)%n",
                    reportsDir.toAbsolutePath());
            if (comparison.ok()) {
                out.printf("GATE PASSED: %s does not regress against %s (%d improvements).%n", cand.ref(),
                        base.ref(), comparison.improvements().size());
            } else {
                out.printf("GATE FAILED: %s regresses against %s:%n", cand.ref(), base.ref());
                comparison.regressions().forEach(r -> out.printf("  %s: %s -> %s (%s)%n", r.key(), r.before(),
                        r.after(), r.reason()));
                comparison.metricRegressions().forEach(m -> out.printf("  metric %s: %.3f -> %.3f%n", m.metric(),
                        m.before(), m.after()));
            }
            return comparison.exitStatus();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            opened.index().close();
        }
    }

    /** Runs {@code suite} against the assistant answering with {@code prompt}. */
    static EvalReport evaluate(EvalSuite suite, SupportPipeline pipeline, Prompt prompt, PrintStream out) {
        Set<String> pages = BundledData.helpCentre().stream().map(SourceDocument::id).collect(Collectors.toSet());
        EvalRunner runner = EvalRunner.builder()
                .target(TARGET, input -> answer(pipeline, prompt, input.vars().get("question")))
                .customAssertion("cites-help-centre", ctx -> citesHelpCentre(ctx.output(), pages))
                .concurrency(2)
                .build();
        out.printf("Evaluating %s on %d cases...%n", prompt.ref(), suite.cases().size());
        EvalReport report = runner.run(suite);
        out.printf("  %s: %d/%d passed%n", prompt.ref(), report.summary().passed(), report.summary().total());
        return report;
    }

    /** The assistant's answer as eval output: the answer, then {@code Sources: id, id}. */
    static EvalOutput answer(SupportPipeline pipeline, Prompt prompt, String question) {
        try {
            SupportAnswer a = pipeline.chain(prompt, new SupportPipeline.GuardLog()).run(question);
            return EvalOutput.of(a.answer() + "\nSources: " + String.join(", ", a.pageIds()));
        } catch (GuardViolationException e) {
            return EvalOutput.of("BLOCKED by " + e.result().guardName() + ": " + e.result().reason());
        }
    }

    /** Passes when the output's {@code Sources:} line names at least one page, and only existing pages. */
    static AssertionResult citesHelpCentre(String output, Set<String> pages) {
        int at = output.lastIndexOf("Sources:");
        if (at < 0) {
            return AssertionResult.fail(0, "no Sources line");
        }
        List<String> cited = List.of(output.substring(at + "Sources:".length()).split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (cited.isEmpty()) {
            return AssertionResult.fail(0, "cites no page");
        }
        List<String> unknown = cited.stream().filter(c -> !pages.contains(c)).toList();
        return unknown.isEmpty() ? AssertionResult.pass(1, "cites " + cited)
                : AssertionResult.fail(0, "cites pages that do not exist: " + unknown);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    private static void printMatrix(PrintStream out, Prompt base, EvalReport baseReport, Prompt cand,
                                    EvalReport candReport) {
        out.printf("%nComparison matrix%n");
        out.printf("  %-22s %6s %6s %6s %6s %9s %9s%n", "prompt", "cases", "pass", "fail", "error", "passRate",
                "p50 ms");
        for (Map.Entry<String, EvalReport> e : Map.of(base.ref() + " (baseline)", baseReport,
                cand.ref() + " (candidate)", candReport).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            for (ComparisonRow r : e.getValue().matrix()) {
                out.printf("  %-22s %6d %6d %6d %6d %9.2f %9d%n", e.getKey(), r.cases(), r.passed(), r.failed(),
                        r.errors(), r.passRate(), r.latencyP50Millis());
            }
        }
        Map<String, String[]> byCase = new LinkedHashMap<>();
        for (CaseResult r : baseReport.results()) {
            byCase.computeIfAbsent(r.caseId(), k -> new String[] {"-", "-"})[0] = r.status().name();
        }
        for (CaseResult r : candReport.results()) {
            byCase.computeIfAbsent(r.caseId(), k -> new String[] {"-", "-"})[1] = r.status().name();
        }
        out.printf("%n  %-26s %-10s %-10s%n", "case", "baseline", "candidate");
        byCase.forEach((id, s) -> out.printf("  %-26s %-10s %-10s%s%n", id, s[0], s[1],
                s[0].equals(AssertionStatus.PASS.name()) && !s[1].equals(AssertionStatus.PASS.name())
                        ? "  <- regression" : ""));
        candReport.results().stream().filter(r -> r.status() != AssertionStatus.PASS).forEach(r ->
                out.printf("  candidate %s %s: %s%n", r.caseId(), r.status(), abbreviate(r.reason())));
    }
}
