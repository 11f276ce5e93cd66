package dev.llmops.examples;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.api.trace.Tracer;
import dev.llmops.eval.EvalReport;
import dev.llmops.eval.EvalSuite;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.PromptRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A prompt's life in a team, against a temporary file-system registry: publish a new version of
 * {@code support-answer}, diff it against production, promote it to {@code staging}, evaluate it with
 * the bundled suite, promote it to {@code production} when it passes, and roll production back.
 *
 * <pre>mvn -q -pl examples -am compile exec:java -Dexample.main=dev.llmops.examples.PromptLifecycle</pre>
 */
public final class PromptLifecycle {

    private PromptLifecycle() {
    }

    public static void main(String[] args) {
        Path workdir = Path.of(System.getProperty("llmops.workdir", "target/llmops"));
        run(ExampleModels.fromEnv(), workdir, System.out);
    }

    /** The labels of {@code support-answer} after one step of the lifecycle. */
    record Step(String name, Map<String, Integer> labels) {
    }

    /** What the run did: the version it published, the eval report, and the labels after each step. */
    record Result(int published, EvalReport eval, List<Step> steps) {
    }

    /** Runs the lifecycle; the registry lives in a new temporary directory under {@code workdir}. */
    static Result run(ExampleModels models, Path workdir, PrintStream out) {
        out.println(models.banner());
        return run(models, () -> AssistantParts.load(out), workdir, out);
    }

    /** Runs with parts loaded on demand (only the eval step needs them; the banner is the caller's job). */
    static Result run(ExampleModels models, java.util.function.Supplier<AssistantParts> partsLoader, Path workdir,
                      PrintStream out) {
        Path registryDir;
        try {
            Files.createDirectories(workdir);
            registryDir = Files.createTempDirectory(workdir, "prompt-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PromptRegistry registry = SupportPrompts.open(registryDir);
        List<Step> steps = new ArrayList<>();
        out.printf("Temporary registry: %s%n", registryDir.toAbsolutePath());
        record(out, steps, registry, "seeded from the bundled prompts");

        // 1. publish a new version
        Prompt production = registry.get(SupportPrompts.NAME, SupportPrompts.PRODUCTION);
        PromptMessage system = production.version().content().messages().get(0);
        PromptContent edited = PromptContent.chat(List.of(
                        PromptMessage.system(system.template()
                                + "\nWhen several pages agree, cite each of them; never cite a page that is not in the excerpts."),
                        production.version().content().messages().get(1)))
                .withConfig(production.version().content().config())
                .withMetadata(production.version().content().metadata());
        PromptVersion v = registry.publish(new PromptDraft(SupportPrompts.NAME, edited, "ada",
                "cite every agreeing page"));
        out.printf("%nPublished %s by %s: \"%s\"%n", v.ref(), v.author(), v.message());
        record(out, steps, registry, "published v" + v.version());

        // 2. what changed
        out.printf("%nDiff %s -> %s:%n%s%n", production.ref(), v.ref(),
                registry.diff(SupportPrompts.NAME, production.version().version(), v.version()));

        // 3. staging
        registry.promote(SupportPrompts.NAME, v.version(), SupportPrompts.STAGING);
        record(out, steps, registry, "promoted v" + v.version() + " to staging");

        // 4. evaluate staging
        out.println();
        AssistantParts parts = partsLoader.get();
        EmbeddingModel embeddings = parts.embeddings();
        HelpCentreIndex.Opened opened = HelpCentreIndex.open(workdir.resolve("index"), embeddings, out);
        EvalReport report;
        try {
            SupportPipeline pipeline = ShopAssistant.pipeline(models, parts,
                    opened.index().hybrid().k(SupportPipeline.K).build(), Tracer.noop());
            EvalSuite suite = EvalSuite.load(BundledData.copyResource(EvalGate.SUITE,
                    workdir.resolve("evals").resolve("shop-assistant.yaml")));
            report = EvalGate.evaluate(suite, pipeline, registry.get(SupportPrompts.NAME, SupportPrompts.STAGING), out);
        } finally {
            opened.index().close();
        }

        // 5. production, if the eval passed
        if (report.passed()) {
            registry.promote(SupportPrompts.NAME, v.version(), SupportPrompts.PRODUCTION);
            record(out, steps, registry, "eval passed: promoted v" + v.version() + " to production");
        } else {
            out.printf("Eval failed (%d/%d passed): v%d stays in staging.%n", report.summary().passed(),
                    report.summary().total(), v.version());
            return new Result(v.version(), report, List.copyOf(steps));
        }

        // 6. roll back
        int back = registry.rollback(SupportPrompts.NAME, SupportPrompts.PRODUCTION);
        record(out, steps, registry, "rolled production back to v" + back);
        out.printf("%nHistory of %s:%n", SupportPrompts.NAME);
        registry.history(SupportPrompts.NAME).forEach(h -> out.printf("  v%d  %s  %-14s %s%n", h.version(),
                h.contentHash().substring(0, 12), h.author(), h.message()));
        return new Result(v.version(), report, List.copyOf(steps));
    }

    private static void record(PrintStream out, List<Step> steps, PromptRegistry registry, String what) {
        Map<String, Integer> labels = new TreeMap<>(registry.labels(SupportPrompts.NAME));
        steps.add(new Step(what, Map.copyOf(labels)));
        out.printf("  %-48s labels %s%n", what, labels);
    }
}
