package dev.llmops.eval;

import dev.llmops.api.LoadException;
import dev.llmops.eval.internal.CsvCases;
import dev.llmops.eval.internal.SuiteJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An eval suite: prompts x targets x test cases, with {@code defaultTest} assertions merged into every
 * case. Loaded from a YAML or JSON file, or built in code; run with an {@link EvalRunner}.
 *
 * <pre>{@code
 * EvalSuite suite = EvalSuite.load(Path.of("evals/support.yaml"));
 * EvalReport report = EvalRunner.builder()
 *         .target("gpt-4o-mini", EvalTarget.model(LanguageModel.of(chatModel)))
 *         .promptSource(registry)
 *         .concurrency(8)
 *         .build()
 *         .run(suite);
 *
 * EvalSuite inCode = EvalSuite.builder("capitals")
 *         .prompt(PromptSpec.inline("short", "Answer in one word: {{question}}"))
 *         .defaultAssertion(AssertionSpec.builder("length").max(40).build())
 *         .testCase(EvalCase.builder("fr").var("question", "Capital of France?")
 *                 .assertion(AssertionSpec.of("icontains", "paris")).build())
 *         .build();
 * }</pre>
 *
 * <p>File format (YAML shown; JSON has the same fields):
 * <pre>
 * description: support answers
 * prompts: [support-answer@production, {id: terse, template: "Answer briefly: {{question}}"}]
 * targets: [gpt-4o-mini]          # names bound with EvalRunner.Builder.target(name, target)
 * repeat: 1                       # samples per case (cache bypassed when > 1)
 * passRateThreshold: 1.0          # fraction of samples that must pass
 * defaultTest:
 *   assert: [{type: not-is-refusal}]
 * caseFiles: [cases.jsonl, more.csv]   # relative to this file
 * tests:
 *   - id: refund
 *     vars: {question: "How do I get a refund?"}
 *     expected: "Within 30 days, from the orders page."
 *     context: ["Refunds are accepted within 30 days..."]
 *     assert:
 *       - {type: icontains, value: "30 days"}
 *       - {type: rouge-l, threshold: 0.4, weight: 2, metric: overlap}
 *       - {type: faithfulness, threshold: 0.8}
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EvalSuite {

    private final String name;
    private final String description;
    private final List<PromptSpec> prompts;
    private final List<String> targets;
    private final List<AssertionSpec> defaultAssertions;
    private final List<EvalCase> cases;
    private final int repeat;
    private final double passRateThreshold;

    private EvalSuite(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.prompts = List.copyOf(b.prompts);
        this.targets = List.copyOf(b.targets);
        this.defaultAssertions = List.copyOf(b.defaultAssertions);
        this.cases = List.copyOf(b.cases);
        this.repeat = b.repeat;
        this.passRateThreshold = b.passRateThreshold;
    }

    /**
     * Starts a suite.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Loads a suite file (YAML, or JSON when the name ends in {@code .json}) and the case files it names.
     *
     * @throws LoadException naming the file, line and field of the first error
     */
    public static EvalSuite load(Path file) {
        Objects.requireNonNull(file, "file");
        SuiteJson.SuiteFile f = SuiteJson.readSuite(file);
        String fileName = file.getFileName().toString();
        Builder b = builder(fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName)
                .description(f.description());
        f.prompts().forEach(p -> b.prompt(p.spec()));
        f.targets().forEach(b::target);
        if (f.repeat() != null) {
            b.repeat(f.repeat());
        }
        if (f.passRateThreshold() != null) {
            b.passRateThreshold(f.passRateThreshold());
        }
        if (f.defaultTest() != null) {
            f.defaultTest().asserts().forEach(a -> b.defaultAssertion(a.toSpec()));
        }
        List<EvalCase> all = new ArrayList<>();
        for (int i = 0; i < f.tests().size(); i++) {
            EvalCase c = f.tests().get(i).toCase("case-" + (i + 1));
            all.add(withDefaults(c, f.defaultTest()));
        }
        Path dir = file.toAbsolutePath().getParent();
        for (String cf : f.caseFiles()) {
            for (EvalCase c : loadCases(dir.resolve(cf))) {
                all.add(withDefaults(c, f.defaultTest()));
            }
        }
        Set<String> ids = new HashSet<>();
        for (EvalCase c : all) {
            if (!ids.add(c.id())) {
                throw new LoadException(file.toString(), 0, "tests", "duplicate case id '" + c.id() + "'");
            }
        }
        all.forEach(b::testCase);
        return b.build();
    }

    private static EvalCase withDefaults(EvalCase c, SuiteJson.CaseFile defaults) {
        if (defaults == null) {
            return c;
        }
        EvalCase.Builder b = c.toBuilder();
        defaults.vars().forEach((k, v) -> {
            if (!c.vars().containsKey(k)) {
                b.var(k, v);
            }
        });
        if (c.expected().isEmpty() && defaults.expected() != null) {
            b.expected(defaults.expected());
        }
        if (c.context().isEmpty() && !defaults.context().isEmpty()) {
            b.context(defaults.context());
        }
        if (c.repeat() == 0 && defaults.repeat() != null) {
            b.repeat(defaults.repeat());
        }
        if (c.passRateThreshold().isEmpty() && defaults.passRateThreshold() != null) {
            b.passRateThreshold(defaults.passRateThreshold());
        }
        if (c.threshold().isEmpty() && defaults.threshold() != null) {
            b.threshold(defaults.threshold());
        }
        return b.build();
    }

    /**
     * Loads a case set: JSONL (one case object per line, same fields as {@code tests} entries) or CSV
     * (header row; {@code __id}, {@code __description}, {@code __expected}, {@code __context} split on
     * {@code ||}, {@code __relevantIds} comma separated; other columns are variables).
     *
     * @throws LoadException naming the file, line and field of the first error
     */
    public static List<EvalCase> loadCases(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return SuiteJson.readJsonl(file);
        }
        if (n.endsWith(".csv")) {
            return CsvCases.read(file);
        }
        throw new LoadException(file.toString(), 0, null, "unknown case file type; expected .jsonl, .ndjson or .csv");
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The prompts; empty means targets receive the case directly. */
    public List<PromptSpec> prompts() {
        return prompts;
    }

    /** Target names the suite expects to be bound; empty means every target bound on the runner. */
    public List<String> targets() {
        return targets;
    }

    /** Assertions merged into every case (before the case's own). */
    public List<AssertionSpec> defaultAssertions() {
        return defaultAssertions;
    }

    public List<EvalCase> cases() {
        return cases;
    }

    /** Samples per case unless the case says otherwise. */
    public int repeat() {
        return repeat;
    }

    /** Fraction of samples that must pass unless the case says otherwise. */
    public double passRateThreshold() {
        return passRateThreshold;
    }

    /** The assertions that apply to a case: the defaults, then the case's own. */
    public List<AssertionSpec> assertionsFor(EvalCase c) {
        List<AssertionSpec> all = new ArrayList<>(defaultAssertions);
        all.addAll(c.assertions());
        return List.copyOf(all);
    }

    /** The case with this id. */
    public Optional<EvalCase> testCase(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * Runs this suite against one target with the default runner settings, e.g. a chain:
     * {@code suite.run("support", input -> EvalOutput.of(chain.run(input.vars().get("question"))))}.
     */
    public EvalReport run(String targetName, EvalTarget target) {
        return EvalRunner.builder().target(targetName, target).build().run(this);
    }

    /** Runs this suite with {@code runner}; same as {@code runner.run(this)}. */
    public EvalReport run(EvalRunner runner) {
        return runner.run(this);
    }

    @Override
    public String toString() {
        return "EvalSuite[" + name + ", prompts=" + prompts.size() + ", targets=" + targets + ", cases=" + cases.size()
                + "]";
    }

    /** Builds an {@link EvalSuite}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final List<PromptSpec> prompts = new ArrayList<>();
        private final List<String> targets = new ArrayList<>();
        private final List<AssertionSpec> defaultAssertions = new ArrayList<>();
        private final List<EvalCase> cases = new ArrayList<>();
        private int repeat = 1;
        private double passRateThreshold = 1.0;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
        }

        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Builder prompt(PromptSpec prompt) {
            Objects.requireNonNull(prompt, "prompt");
            if (prompts.stream().anyMatch(p -> p.id().equals(prompt.id()))) {
                throw new IllegalArgumentException("duplicate prompt id: '" + prompt.id() + "'");
            }
            prompts.add(prompt);
            return this;
        }

        /** Restricts the run to targets with these names (bound on the runner). */
        public Builder target(String targetName) {
            Objects.requireNonNull(targetName, "target");
            if (targetName.isBlank()) {
                throw new IllegalArgumentException("target name must not be blank");
            }
            targets.add(targetName);
            return this;
        }

        public Builder defaultAssertion(AssertionSpec spec) {
            defaultAssertions.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public Builder testCase(EvalCase c) {
            Objects.requireNonNull(c, "testCase");
            if (cases.stream().anyMatch(x -> x.id().equals(c.id()))) {
                throw new IllegalArgumentException("duplicate case id: '" + c.id() + "'");
            }
            cases.add(c);
            return this;
        }

        public Builder testCases(List<EvalCase> all) {
            Objects.requireNonNull(all, "testCases").forEach(this::testCase);
            return this;
        }

        public Builder repeat(int samples) {
            if (samples <= 0) {
                throw new IllegalArgumentException("repeat must be > 0 but was: " + samples);
            }
            this.repeat = samples;
            return this;
        }

        public Builder passRateThreshold(double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("passRateThreshold must be in [0, 1] but was: " + rate);
            }
            this.passRateThreshold = rate;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the suite has no case
         */
        public EvalSuite build() {
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("suite '" + name + "' must have at least one case");
            }
            return new EvalSuite(this);
        }
    }
}
