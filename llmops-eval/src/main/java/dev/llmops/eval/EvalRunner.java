package dev.llmops.eval;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.model.CacheMode;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelPricing;
import dev.llmops.api.model.TokenEstimator;
import dev.llmops.api.model.Usage;
import dev.llmops.api.prompt.PromptSource;
import dev.llmops.api.prompt.RenderedPrompt;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.Span;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import dev.llmops.eval.internal.AssertionFactory;
import dev.llmops.eval.internal.Templates;
import dev.llmops.eval.internal.TokenBucket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs suites: every case x prompt x target on a bounded thread pool under a global rate limit, with a
 * per-call timeout. No case is ever lost: a target that throws, times out or returns {@code null} yields
 * a result with status {@link AssertionStatus#ERROR} and the reason.
 *
 * <pre>{@code
 * EvalRunner runner = EvalRunner.builder()
 *         .target("gpt-4o-mini", EvalTarget.model(gateway))       // gateway.withCache(...) for caching
 *         .target("rules", EvalTarget.function(vars -> answer(vars.get("question"))))
 *         .promptSource(registry)
 *         .judge(LanguageModel.of(judgeModel))
 *         .concurrency(8).rateLimit(20)                           // 20 target calls per second
 *         .timeout(Duration.ofSeconds(60))
 *         .tracer(tracer)                                         // one EVAL_CASE span per sample
 *         .build();
 * DryRunEstimate cost = runner.dryRun(suite);
 * EvalReport report = runner.run(suite);
 * }</pre>
 *
 * <p>Caching: model targets pass the run's {@link CacheMode} on every request ({@link CacheMode#USE} by
 * default, {@link Builder#bypassCache()} to force fresh answers); a case with {@code repeat > 1} always
 * bypasses the cache so its samples are independent.
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; {@link #run} may be called concurrently, each call
 * uses its own pools.
 *
 * @since 0.1.0
 */
public final class EvalRunner {

    private static final PromptSpec NO_PROMPT = PromptSpec.inline("-", "");

    private final Map<String, EvalTarget> targets;
    private final PromptSource promptSource;
    private final AssertionFactory assertions;
    private final Optional<LanguageModel> judge;
    private final int concurrency;
    private final double rateLimit;
    private final Duration timeout;
    private final CacheMode cacheMode;
    private final Tracer tracer;
    private final ModelPricing pricing;
    private final int assumedOutputTokens;
    private final Clock clock;

    private EvalRunner(Builder b) {
        this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.targets));
        this.promptSource = b.promptSource;
        this.judge = Optional.ofNullable(b.judge);
        this.assertions = new AssertionFactory(judge.map(ModelGradedAssertions::judgedBy)
                .map(g -> g.withMaxAttempts(b.judgeAttempts)), Optional.ofNullable(b.embeddingModel), b.guards,
                b.custom);
        this.concurrency = b.concurrency;
        this.rateLimit = b.rateLimit;
        this.timeout = b.timeout;
        this.cacheMode = b.cacheMode;
        this.tracer = b.tracer;
        this.pricing = b.pricing;
        this.assumedOutputTokens = b.assumedOutputTokens;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    private record Cell(int order, EvalCase testCase, PromptSpec prompt, String targetName, EvalTarget target,
                        List<Assertion> checks) {
    }

    private List<Cell> plan(EvalSuite suite) {
        List<String> names = suite.targets().isEmpty() ? new ArrayList<>(targets.keySet()) : suite.targets();
        if (names.isEmpty()) {
            throw new IllegalStateException("no target bound: call EvalRunner.Builder.target(name, target)");
        }
        List<String> problems = new ArrayList<>();
        for (String n : names) {
            if (!targets.containsKey(n)) {
                problems.add("suite names target '" + n + "' but the runner binds " + targets.keySet());
            }
        }
        if (promptSource == null && suite.prompts().stream().anyMatch(p -> p.ref().isPresent())) {
            problems.add("suite has registry prompts but no PromptSource is bound (EvalRunner.Builder.promptSource)");
        }
        for (EvalCase c : suite.cases()) {
            List<AssertionSpec> specs = suite.assertionsFor(c);
            for (int i = 0; i < specs.size(); i++) {
                int idx = i;
                assertions.problem(specs.get(i)).ifPresent(p -> problems.add("case '" + c.id() + "' assertion "
                        + idx + " (" + specs.get(idx).displayType() + "): " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("suite '" + suite.name() + "' cannot run: " + String.join("; ", problems));
        }
        List<PromptSpec> prompts = suite.prompts().isEmpty() ? List.of(NO_PROMPT) : suite.prompts();
        List<Cell> cells = new ArrayList<>();
        for (PromptSpec p : prompts) {
            for (String n : names) {
                for (EvalCase c : suite.cases()) {
                    List<Assertion> checks = suite.assertionsFor(c).stream().map(assertions::create).toList();
                    cells.add(new Cell(cells.size(), c, p, n, targets.get(n), checks));
                }
            }
        }
        return cells;
    }

    /**
     * Runs every case x prompt x target.
     *
     * @throws IllegalStateException before anything runs, when a target, prompt source, judge, embedding
     *                               model, guard or custom assertion the suite needs is not bound
     */
    public EvalReport run(EvalSuite suite) {
        Objects.requireNonNull(suite, "suite");
        List<Cell> cells = plan(suite);
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        TokenBucket bucket = rateLimit > 0 ? new TokenBucket(rateLimit, Math.max(1, (int) Math.ceil(rateLimit)))
                : null;
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemon("llmops-eval-worker"));
        ExecutorService calls = Executors.newCachedThreadPool(daemon("llmops-eval-call"));
        List<CaseResult> results = new ArrayList<>();
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (Cell cell : cells) {
                futures.add(workers.submit(() -> runCell(suite, cell, bucket, calls)));
            }
            for (int i = 0; i < futures.size(); i++) {
                Cell cell = cells.get(i);
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(errorResult(cell, "runner failure: " + describe(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    for (int j = i; j < cells.size(); j++) {
                        results.add(errorResult(cells.get(j), "run interrupted"));
                    }
                    break;
                }
            }
        } finally {
            workers.shutdownNow();
            calls.shutdownNow();
        }
        return new EvalReport(suite.name(), suite.description(), started,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), results);
    }

    private CaseResult errorResult(Cell cell, String reason) {
        SampleResult s = new SampleResult(0, AssertionStatus.ERROR, reason, "", List.of(), OptionalDouble.empty(), 0,
                0, 0, OptionalDouble.empty(), false, "");
        return new CaseResult(cell.testCase().id(), promptId(cell.prompt()), cell.targetName(), AssertionStatus.ERROR,
                reason, "", cell.testCase().expected(), List.of(), OptionalDouble.empty(), 0, 0, 0,
                OptionalDouble.empty(), "", List.of(s), 0.0, 0.0, false);
    }

    private static String promptId(PromptSpec p) {
        return p == NO_PROMPT ? "" : p.id();
    }

    private CaseResult runCell(EvalSuite suite, Cell cell, TokenBucket bucket, ExecutorService calls) {
        EvalCase c = cell.testCase();
        int n = c.repeat() > 0 ? c.repeat() : suite.repeat();
        double threshold = c.passRateThreshold().orElse(suite.passRateThreshold());
        CacheMode mode = n > 1 ? CacheMode.BYPASS : cacheMode;
        List<SampleResult> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(runSample(cell, i, mode, bucket, calls));
        }
        int passed = (int) samples.stream().filter(s -> s.status() == AssertionStatus.PASS).count();
        double passRate = (double) passed / n;
        boolean anyError = samples.stream().anyMatch(s -> s.status() == AssertionStatus.ERROR);
        AssertionStatus status = passRate >= threshold && passed > 0 ? AssertionStatus.PASS
                : anyError ? AssertionStatus.ERROR : AssertionStatus.FAIL;
        SampleResult rep = status == AssertionStatus.PASS ? samples.get(0)
                : samples.stream().filter(s -> s.status() != AssertionStatus.PASS).findFirst().orElse(samples.get(0));
        String reason = status == AssertionStatus.PASS ? "" : n == 1 ? rep.reason()
                : String.format(java.util.Locale.ROOT, "pass rate %.3f below threshold %.3f (%d/%d); first: %s",
                passRate, threshold, passed, n, rep.reason());
        int in = 0, out = 0;
        double cost = 0;
        boolean costKnown = true;
        for (SampleResult s : samples) {
            in += s.inputTokens();
            out += s.outputTokens();
            if (s.costUsd().isPresent()) {
                cost += s.costUsd().getAsDouble();
            } else {
                costKnown = false;
            }
        }
        return new CaseResult(c.id(), promptId(cell.prompt()), cell.targetName(), status, reason, rep.output(),
                c.expected(), rep.assertions(), rep.score(), rep.latencyMillis(), in, out,
                costKnown ? OptionalDouble.of(cost) : OptionalDouble.empty(), rep.traceId(), samples, passRate,
                passHatK(n, passed, n), passed > 0 && passed < n);
    }

    /** pass^k estimate: C(c, k) / C(n, k), the probability that k of the n samples drawn at random all passed. */
    static double passHatK(int n, int c, int k) {
        if (c < k) {
            return 0.0;
        }
        double p = 1.0;
        for (int i = 0; i < k; i++) {
            p *= (double) (c - i) / (n - i);
        }
        return p;
    }

    private SampleResult runSample(Cell cell, int index, CacheMode mode, TokenBucket bucket, ExecutorService calls) {
        EvalCase c = cell.testCase();
        Span span = tracer == null ? null : tracer.startRoot("eval " + c.id(), SpanKind.EVAL_CASE);
        if (span != null) {
            span.set(LlmOpsAttributes.EVAL_CASE, c.id());
            if (cell.prompt() != NO_PROMPT) {
                span.set(LlmOpsAttributes.PROMPT_REF, cell.prompt().id());
            }
        }
        try {
            SampleResult r = sample(cell, index, mode, bucket, calls, span);
            if (span != null && r.status() == AssertionStatus.ERROR) {
                span.fail(r.reason());
            }
            return r;
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private SampleResult sample(Cell cell, int index, CacheMode mode, TokenBucket bucket, ExecutorService calls,
                                Span span) {
        EvalCase c = cell.testCase();
        String spanTrace = span == null ? "" : span.traceId();
        EvalInput input;
        try {
            input = input(cell, mode, span);
        } catch (RuntimeException e) {
            return errorSample(index, "prompt '" + cell.prompt().id() + "' could not be rendered: " + describe(e), 0,
                    spanTrace);
        }
        if (bucket != null) {
            try {
                bucket.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return errorSample(index, "interrupted while waiting for the rate limit", 0, spanTrace);
            }
        }
        long t0 = System.nanoTime();
        EvalOutput output;
        Future<EvalOutput> f = calls.submit(() -> cell.target().run(input));
        try {
            output = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return errorSample(index, "target '" + cell.targetName() + "' timed out after " + timeout.toMillis()
                    + " ms", millisSince(t0), spanTrace);
        } catch (ExecutionException e) {
            return errorSample(index, "target '" + cell.targetName() + "' failed: " + describe(e.getCause()),
                    millisSince(t0), spanTrace);
        } catch (InterruptedException | CancellationException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return errorSample(index, "interrupted", millisSince(t0), spanTrace);
        }
        long latency = millisSince(t0);
        if (output == null) {
            return errorSample(index, "target '" + cell.targetName() + "' returned null", latency, spanTrace);
        }
        Optional<Generation> g = output.generation();
        AssertionContext ctx = new AssertionContext(output.text(), g, c);
        List<AssertionResult> results = new ArrayList<>();
        for (Assertion a : cell.checks()) {
            results.add(a.evaluate(ctx));
        }
        double wSum = 0, sSum = 0;
        List<String> failures = new ArrayList<>();
        boolean error = false;
        for (AssertionResult r : results) {
            if (r.score().isPresent()) {
                wSum += r.weight();
                sSum += r.weight() * r.score().getAsDouble();
            }
            if (r.status() == AssertionStatus.ERROR) {
                error = true;
            }
            if (!r.passed()) {
                failures.add(r.assertion() + ": " + r.reason());
            }
        }
        OptionalDouble score = wSum > 0 ? OptionalDouble.of(sSum / wSum)
                : results.stream().anyMatch(r -> r.score().isPresent()) ? OptionalDouble.of(0.0)
                : results.isEmpty() ? OptionalDouble.of(1.0) : OptionalDouble.empty();
        AssertionStatus status;
        String reason;
        if (error) {
            status = AssertionStatus.ERROR;
            reason = String.join("; ", failures);
        } else if (c.threshold().isPresent()) {
            boolean ok = score.orElse(0.0) >= c.threshold().getAsDouble();
            status = ok ? AssertionStatus.PASS : AssertionStatus.FAIL;
            reason = ok ? "" : String.format(java.util.Locale.ROOT, "weighted score %.4f below threshold %.4f; %s",
                    score.orElse(0.0), c.threshold().getAsDouble(), String.join("; ", failures));
        } else {
            status = failures.isEmpty() ? AssertionStatus.PASS : AssertionStatus.FAIL;
            reason = String.join("; ", failures);
        }
        // the case span when tracing (model calls nest under it), else the model call's own trace
        String trace = !spanTrace.isEmpty() ? spanTrace : g.map(Generation::traceId).orElse("");
        return new SampleResult(index, status, reason, output.text(), results, score, latency,
                g.map(x -> x.usage().inputTokens()).orElse(0), g.map(x -> x.usage().outputTokens()).orElse(0),
                g.flatMap(Generation::cost).map(x -> OptionalDouble.of(x.totalUsd())).orElse(
                        g.isPresent() ? OptionalDouble.empty() : OptionalDouble.of(0.0)),
                g.map(Generation::cacheHit).orElse(false), trace);
    }

    private static SampleResult errorSample(int index, String reason, long latency, String traceId) {
        return new SampleResult(index, AssertionStatus.ERROR, reason, "", List.of(), OptionalDouble.empty(), latency,
                0, 0, OptionalDouble.empty(), false, traceId);
    }

    private EvalInput input(Cell cell, CacheMode mode, Span span) {
        PromptSpec p = cell.prompt();
        EvalCase c = cell.testCase();
        Optional<dev.llmops.api.trace.TraceContext> parent = span == null ? Optional.empty()
                : Optional.of(span.context());
        if (p == NO_PROMPT) {
            return new EvalInput(c, "", List.of(), Optional.empty(), Optional.empty(), 0, mode, parent);
        }
        if (p.ref().isPresent()) {
            RenderedPrompt r = promptSource.render(p.ref().get(), c.vars());
            return new EvalInput(c, p.id(), r.messages(), r.modelParameters(), Optional.of(r.name()), r.version(),
                    mode, parent);
        }
        List<ChatMessage> msgs = List.of(UserMessage.from(Templates.render(p.template().orElseThrow(), c.vars())));
        return new EvalInput(c, p.id(), msgs, Optional.<ChatRequestParameters>empty(), Optional.empty(), 0, mode,
                parent);
    }

    /**
     * Estimates calls, tokens and cost without calling any target or judge. Prompts are rendered (a
     * {@link PromptSource} call, not a model call); a model target's input tokens come from
     * {@link TokenEstimator}, its output tokens from the expected answer's size, else the configured
     * assumption (256 by default); costs from the runner's {@link ModelPricing}.
     *
     * @throws IllegalStateException like {@link #run} when the suite cannot run
     */
    public DryRunEstimate dryRun(EvalSuite suite) {
        List<Cell> cells = plan(suite);
        int targetCalls = 0, modelCalls = 0, judgeCalls = 0;
        long in = 0, out = 0;
        double cost = 0;
        boolean anyPriced = false;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Cell cell : cells) {
            EvalCase c = cell.testCase();
            int n = c.repeat() > 0 ? c.repeat() : suite.repeat();
            targetCalls += n;
            int outTokens = c.expected().map(TokenEstimator::estimate).orElse(assumedOutputTokens);
            if (cell.target() instanceof EvalTarget.ModelTarget mt) {
                int inTokens;
                try {
                    inTokens = TokenEstimator.estimate(input(cell, CacheMode.USE, null).toRequest().messages());
                } catch (RuntimeException e) {
                    inTokens = 0;
                }
                modelCalls += n;
                in += (long) inTokens * n;
                out += (long) outTokens * n;
                Optional<dev.llmops.api.model.Cost> k = pricing.cost(mt.model().name(), new Usage(inTokens * n,
                        outTokens * n, true));
                if (k.isPresent()) {
                    anyPriced = true;
                    cost += k.get().totalUsd();
                } else {
                    unpriced.add(mt.model().name());
                }
            }
            int perSampleJudge = suite.assertionsFor(c).stream().mapToInt(AssertionFactory::judgeCalls).sum();
            if (perSampleJudge > 0 && judge.isPresent()) {
                int judgeIn = 200 + outTokens + c.context().stream().mapToInt(TokenEstimator::estimate).sum()
                        + c.expected().map(TokenEstimator::estimate).orElse(0);
                int calls = perSampleJudge * n;
                judgeCalls += calls;
                in += (long) judgeIn * calls;
                out += 100L * calls;
                Optional<dev.llmops.api.model.Cost> k = pricing.cost(judge.get().name(),
                        new Usage(judgeIn * calls, 100 * calls, true));
                if (k.isPresent()) {
                    anyPriced = true;
                    cost += k.get().totalUsd();
                } else {
                    unpriced.add(judge.get().name());
                }
            }
        }
        return new DryRunEstimate(cells.size(), targetCalls, modelCalls, judgeCalls, in, out,
                anyPriced ? OptionalDouble.of(cost) : OptionalDouble.empty(), List.copyOf(unpriced));
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds an {@link EvalRunner}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, EvalTarget> targets = new LinkedHashMap<>();
        private PromptSource promptSource;
        private LanguageModel judge;
        private int judgeAttempts = 2;
        private EmbeddingModel embeddingModel;
        private final Map<String, Guard> guards = new LinkedHashMap<>();
        private final Map<String, Assertion> custom = new LinkedHashMap<>();
        private int concurrency = 4;
        private double rateLimit;
        private Duration timeout = Duration.ofSeconds(120);
        private CacheMode cacheMode = CacheMode.USE;
        private Tracer tracer;
        private ModelPricing pricing = ModelPricing.defaults();
        private int assumedOutputTokens = 256;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Binds a target under a name used in reports and in the suite's {@code targets}. */
        public Builder target(String name, EvalTarget target) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
            if (name.isBlank()) {
                throw new IllegalArgumentException("target name must not be blank");
            }
            if (targets.putIfAbsent(name, target) != null) {
                throw new IllegalArgumentException("duplicate target name: '" + name + "'");
            }
            return this;
        }

        /** Binds a model target named after {@link LanguageModel#name()}. */
        public Builder target(LanguageModel model) {
            return target(model.name(), EvalTarget.model(model));
        }

        /** Resolves registry prompts ({@code name@label}). */
        public Builder promptSource(PromptSource source) {
            this.promptSource = Objects.requireNonNull(source, "promptSource");
            return this;
        }

        /** The judge of model-graded assertions. */
        public Builder judge(LanguageModel model) {
            this.judge = Objects.requireNonNull(model, "judge");
            return this;
        }

        /** Replies per judge verdict (a malformed reply is retried with the parse error); default 2. */
        public Builder judgeAttempts(int attempts) {
            if (attempts <= 0) {
                throw new IllegalArgumentException("judgeAttempts must be > 0 but was: " + attempts);
            }
            this.judgeAttempts = attempts;
            return this;
        }

        /** The embedding model of {@code similar} and {@code answer-relevance}. */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = Objects.requireNonNull(model, "embeddingModel");
            return this;
        }

        /** Binds a guard for {@code type: guard, value: <name>}. */
        public Builder guard(Guard guard) {
            Objects.requireNonNull(guard, "guard");
            guards.put(guard.name(), guard);
            return this;
        }

        /** Binds a Java assertion for {@code type: custom, value: <name>}. */
        public Builder customAssertion(String name, Assertion assertion) {
            Objects.requireNonNull(name, "name");
            custom.put(name, Objects.requireNonNull(assertion, "assertion"));
            return this;
        }

        /** Cases run at once (worker threads); default 4. */
        public Builder concurrency(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("concurrency must be > 0 but was: " + threads);
            }
            this.concurrency = threads;
            return this;
        }

        /** Global limit on target calls per second across all workers; 0 (default) means unlimited. */
        public Builder rateLimit(double callsPerSecond) {
            if (!(callsPerSecond >= 0) || Double.isInfinite(callsPerSecond)) {
                throw new IllegalArgumentException("rateLimit must be >= 0 but was: " + callsPerSecond);
            }
            this.rateLimit = callsPerSecond;
            return this;
        }

        /** Per target call; a call that takes longer is an ERROR result. Default 120 s. */
        public Builder timeout(Duration perCall) {
            Objects.requireNonNull(perCall, "timeout");
            if (perCall.isZero() || perCall.isNegative()) {
                throw new IllegalArgumentException("timeout must be > 0 but was: " + perCall);
            }
            this.timeout = perCall;
            return this;
        }

        /** Cache mode for single-sample cases; default {@link CacheMode#USE}. */
        public Builder cacheMode(CacheMode mode) {
            this.cacheMode = Objects.requireNonNull(mode, "cacheMode");
            return this;
        }

        /** Same as {@code cacheMode(CacheMode.BYPASS)}: every model call is fresh. */
        public Builder bypassCache() {
            return cacheMode(CacheMode.BYPASS);
        }

        /** Records one {@code EVAL_CASE} span per sample; model calls nest under it. */
        public Builder tracer(Tracer t) {
            this.tracer = Objects.requireNonNull(t, "tracer");
            return this;
        }

        /** Prices for dry runs; default {@link ModelPricing#defaults()}. */
        public Builder pricing(ModelPricing table) {
            this.pricing = Objects.requireNonNull(table, "pricing");
            return this;
        }

        /** Output tokens a dry run assumes when a case has no expected answer; default 256. */
        public Builder assumedOutputTokens(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("assumedOutputTokens must be >= 0 but was: " + tokens);
            }
            this.assumedOutputTokens = tokens;
            return this;
        }

        /** The clock of report timestamps. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public EvalRunner build() {
            return new EvalRunner(this);
        }
    }
}
