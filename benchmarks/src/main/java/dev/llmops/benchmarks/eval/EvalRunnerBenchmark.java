package dev.llmops.benchmarks.eval;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.cache.InMemoryResponseCache;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelGateway;
import dev.llmops.eval.AssertionSpec;
import dev.llmops.eval.EvalCase;
import dev.llmops.eval.EvalReport;
import dev.llmops.eval.EvalRunner;
import dev.llmops.eval.EvalSuite;
import dev.llmops.eval.EvalTarget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runner throughput: 1,000 cases x 3 deterministic assertions against a model that answers in 50 ms
 * with 16 concurrent slots, run with 16 workers (ideal: 1000 / 16 x 50 ms = 3.125 s). The cached re-run
 * must make zero model calls.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmops.benchmarks.eval.EvalRunnerBenchmark     # wall clock + cache check
 * java -jar benchmarks.jar EvalRunnerBenchmark                                # JMH single-shot
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class EvalRunnerBenchmark {

    static final int CASES = 1_000;
    static final int SLOTS = 16;

    /** Answers after 50 ms; at most 16 requests are served at once, the rest queue. */
    static final class SlowModel implements ChatModel {
        final AtomicLong calls = new AtomicLong();
        private final Semaphore slots = new Semaphore(SLOTS, true);

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DefaultChatRequestParameters.builder().modelName("slow-50ms").build();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            slots.acquireUninterruptibly();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                slots.release();
            }
            String q = request.messages().get(request.messages().size() - 1).toString();
            return ChatResponse.builder().aiMessage(AiMessage.from("The answer to " + q.hashCode() + " is 42."))
                    .modelName("slow-50ms").tokenUsage(new TokenUsage(20, 8)).finishReason(FinishReason.STOP).build();
        }
    }

    static EvalSuite suite() {
        EvalSuite.Builder b = EvalSuite.builder("bench")
                .defaultAssertion(AssertionSpec.of("icontains", "answer"))
                .defaultAssertion(AssertionSpec.builder("length").min(5).max(200).build())
                .defaultAssertion(AssertionSpec.builder("not-is-refusal").build());
        for (int i = 0; i < CASES; i++) {
            b.testCase(EvalCase.builder("case-" + i).var("question", "Question number " + i + "?").build());
        }
        return b.build();
    }

    static EvalRunner runner(ModelGateway model) {
        return EvalRunner.builder().target("slow", EvalTarget.model(model)).concurrency(SLOTS)
                .timeout(Duration.ofSeconds(30)).build();
    }

    private EvalSuite suite;
    private SlowModel chat;

    @Setup
    public void setUp() {
        suite = suite();
        chat = new SlowModel();
    }

    /** A cold run without cache: every case calls the model. */
    @Benchmark
    public EvalReport coldRun() {
        return runner(LanguageModel.of(chat)).run(suite);
    }

    /** Wall-clock run and the cached re-run check; exits non-zero if a goal is missed. */
    public static void main(String[] args) {
        EvalSuite suite = suite();
        SlowModel chat = new SlowModel();
        ModelGateway model = LanguageModel.of(chat).withCache(InMemoryResponseCache.create(10_000, Duration.ofHours(1)));
        runner(LanguageModel.of(new SlowModel())).run(suite()); // JIT warm-up on a separate model and cache
        long t0 = System.nanoTime();
        EvalReport cold = runner(model).run(suite);
        long coldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long callsAfterCold = chat.calls.get();
        long t1 = System.nanoTime();
        EvalReport cached = runner(model).run(suite);
        long cachedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        long callsInCachedRun = chat.calls.get() - callsAfterCold;
        System.out.printf("cold run:   %d cases x 3 assertions, %d model calls, %d passed, wall %d ms (goal < 5000 ms)%n",
                cold.results().size(), callsAfterCold, cold.summary().passed(), coldMs);
        System.out.printf("cached run: %d cases, %d model calls, %d passed, wall %d ms%n",
                cached.results().size(), callsInCachedRun, cached.summary().passed(), cachedMs);
        if (coldMs >= 5000 || callsInCachedRun != 0 || cold.summary().passed() != CASES
                || cached.summary().passed() != CASES) {
            System.out.println("GOAL MISSED");
            System.exit(1);
        }
    }
}
