package dev.llmops.benchmarks.guard;

import dev.llmops.api.guard.GuardResult;
import dev.llmops.guard.Guardrails;
import dev.llmops.guard.Guards;
import dev.llmops.guard.PromptInjectionGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Latency of the guard input stage on a 2 KB English customer message (one thread):
 * <ul>
 *   <li>{@code deterministicInputStage}: PII + secrets + invisible text + injection signatures
 *       (with normalisation and payload decoding) + content rules + length limit, in one
 *       {@link Guardrails} input stage; target p50 under 100 µs ({@code ...WithoutUserRegex}: the same
 *       without the user-supplied RE2/J regex rule);</li>
 *   <li>{@code semanticInjectionLayer}: the semantic kNN layer alone with the default in-process BGE small
 *       en v1.5 quantised model (single-threaded ONNX session; the cue window of at most
 *       {@code PromptInjectionGuard.DEFAULT_SEMANTIC_MAX_CHARS} = 256 characters is embedded once, then kNN over
 *       the reference set); target p50 under 25 ms on one core.</li>
 * </ul>
 * Sample mode reports p50/p90/p99.
 *
 * <pre>java -XX:ActiveProcessorCount=1 -jar benchmarks/target/benchmarks.jar 'GuardLatencyBenchmark.semantic' -t 1 \
 *     -bm sample -tu ms -wi 3 -w 2s -i 5 -r 2s -f 1 -jvmArgsAppend -XX:ActiveProcessorCount=1 [-p classifier=KNN]</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
public class GuardLatencyBenchmark {

    /** About 2 KB of ordinary English support text with no PII, secrets or attacks. */
    static final String TEXT_2KB = """
            Hello, I am writing about the order I placed last week for a set of kitchen chairs and a matching \
            table. The delivery arrived on Tuesday afternoon, and the driver was friendly and careful, but when we \
            unpacked the boxes we noticed that two of the chairs have scratches along the back rest and one leg \
            is slightly shorter than the others, so the chair wobbles on our tiled floor. The table itself looks \
            fine, although the assembly instructions were missing from the box, and it took us a while to work out \
            which screws go where. I would like to know whether you can send replacement chairs, or whether it \
            would be easier to return the damaged ones and get a refund for those two items only. We are happy \
            with the colour and the overall quality, and we would prefer to keep the rest of the set if possible. \
            Could you also tell me how long a replacement usually takes, and whether someone needs to be at home \
            to receive it? We both work during the day, so a delivery in the evening or on a Saturday morning would \
            suit us much better. If you need photos of the scratches and the uneven leg, I can take some tonight \
            and send them in reply to this message. I have kept all of the original packaging in the garage in \
            case the items have to go back. Finally, I wanted to mention that the online tracking page stopped \
            updating two days before the delivery, which made it hard to plan our week. It might be worth looking \
            into that for other customers. Thank you for your help, and I look forward to hearing from you soon. \
            Kind regards, and have a pleasant week ahead. P.S. The cushions that came with the chairs are lovely, \
            and our children have already claimed them for the reading corner in the living room upstairs. \
            One more question: do you offer felt pads for the legs? Our neighbours downstairs hear every scrape, \
            and we would gladly pay for a pack if you sell them, or buy them locally if you recommend a size. \
            Many thanks again for sorting this out so quickly; the rest of the order was exactly as described.""";

    /** The deterministic input stage. */
    @State(Scope.Benchmark)
    public static class Deterministic {
        Guardrails guardrails;

        @Setup
        public void setUp() {
            guardrails = deterministicStage();
            GuardResult r = guardrails.checkInput(TEXT_2KB);
            if (!r.passed() || TEXT_2KB.length() < 1900 || TEXT_2KB.length() > 2200) {
                throw new IllegalStateException("benchmark text must pass and be about 2 KB: " + r + ", "
                        + TEXT_2KB.length());
            }
        }
    }

    /** The same stage without the user-supplied RE2/J regex rule. */
    @State(Scope.Benchmark)
    public static class DeterministicNoRegex {
        Guardrails guardrails;

        @Setup
        public void setUp() {
            guardrails = Guardrails.builder()
                    .input(Guards.maxLength(16_000), Guards.invisibleText(), Guards.secrets(), Guards.pii().redact(),
                            Guards.bannedSubstrings("project falcon", "internal only"),
                            Guards.allowedDomains("example.com"), Guards.promptInjection().withoutSemantic())
                    .build();
        }
    }

    /** The semantic layer with BGE, reference set embedded before measuring. */
    @State(Scope.Benchmark)
    public static class Semantic {
        /** The semantic classifier; {@code DEFAULT} is {@link PromptInjectionGuard#DEFAULT_SEMANTIC_CLASSIFIER}. */
        @Param({"DEFAULT"})
        public String classifier;
        PromptInjectionGuard guard;

        @Setup
        public void setUp() {
            PromptInjectionGuard g = Guards.promptInjection().withoutSignatures();
            if (!classifier.equals("DEFAULT")) {
                g = g.withSemanticClassifier(PromptInjectionGuard.SemanticClassifier.valueOf(classifier));
            }
            guard = g.warmUp();
        }
    }

    static Guardrails deterministicStage() {
        return Guardrails.builder()
                .input(Guards.maxLength(16_000), Guards.invisibleText(), Guards.secrets(), Guards.pii().redact(),
                        Guards.bannedSubstrings("project falcon", "internal only"),
                        Guards.bannedRegex("(?i)\\bticket-\\d{6}\\b"), Guards.allowedDomains("example.com"),
                        Guards.promptInjection().withoutSemantic())
                .build();
    }

    @Benchmark
    public GuardResult deterministicInputStage(Deterministic state) {
        return state.guardrails.checkInput(TEXT_2KB);
    }

    @Benchmark
    public GuardResult deterministicInputStageWithoutUserRegex(DeterministicNoRegex state) {
        return state.guardrails.checkInput(TEXT_2KB);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public GuardResult semanticInjectionLayer(Semantic state) {
        return state.guard.check(TEXT_2KB);
    }
}
