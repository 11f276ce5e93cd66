package dev.llmops.eval;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.llmops.api.cache.InMemoryResponseCache;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelGateway;
import dev.llmops.api.model.ModelPricing;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.api.model.TokenEstimator;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.RenderedPrompt;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvalRunnerTest {

    private static EvalSuite capitals(int cases) {
        EvalSuite.Builder b = EvalSuite.builder("capitals")
                .defaultAssertion(AssertionSpec.builder("not-is-refusal").build());
        for (int i = 0; i < cases; i++) {
            b.testCase(EvalCase.builder("c" + i).var("question", "q" + i)
                    .assertion(AssertionSpec.of("icontains", "answer")).build());
        }
        return b.build();
    }

    private static String userText(ChatRequest r) {
        return ((UserMessage) r.messages().get(r.messages().size() - 1)).singleText();
    }

    @Test
    void should_never_lose_a_case_when_targets_throw_time_out_or_return_null() {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .otherwise(r -> ScriptedChatModel.alwaysReplying("answer to " + userText(r)).doChat(r)).build();
        EvalRunner runner = EvalRunner.builder()
                .target("ok", EvalTarget.model(LanguageModel.of(chat)))
                .target("throws", input -> {
                    throw new IllegalStateException("backend down");
                })
                .target("slow", input -> {
                    never.await();
                    return EvalOutput.of("too late");
                })
                .target("null", input -> null)
                .target("wrong", EvalTarget.function(vars -> "I'm sorry, I cannot answer"))
                .timeout(Duration.ofMillis(200))
                .concurrency(8)
                .build();

        EvalReport report = runner.run(capitals(3));

        assertThat(report.results()).hasSize(15);
        EvalReport.Summary s = report.summary();
        assertThat(s.total()).isEqualTo(15);
        assertThat(s.passed()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.errors()).isEqualTo(9);
        assertThat(report.results()).filteredOn(r -> r.target().equals("throws"))
                .allSatisfy(r -> assertThat(r.reason()).contains("backend down"));
        assertThat(report.results()).filteredOn(r -> r.target().equals("slow"))
                .allSatisfy(r -> assertThat(r.reason()).contains("timed out after 200 ms"));
        assertThat(report.results()).filteredOn(r -> r.target().equals("null"))
                .allSatisfy(r -> assertThat(r.reason()).contains("returned null"));
        CaseResult wrong = report.results().stream().filter(r -> r.target().equals("wrong")).findFirst().orElseThrow();
        assertThat(wrong.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(wrong.assertions()).extracting(AssertionResult::assertion)
                .containsExactly("not-is-refusal", "icontains");
        CaseResult ok = report.results().get(0);
        assertThat(ok.output()).isEqualTo("answer to q0");
        assertThat(ok.inputTokens()).isPositive();
        assertThat(report.matrix()).hasSize(5);
        assertThat(report.matrix().get(0).passRate()).isEqualTo(1.0);
    }

    @Test
    void should_serve_rerun_from_cache_and_bypass_on_request() {
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .otherwise(r -> ScriptedChatModel.alwaysReplying("answer " + userText(r)).doChat(r)).build();
        ModelGateway model = LanguageModel.of(chat).withCache(InMemoryResponseCache.create(100, Duration.ofHours(1)));
        EvalSuite suite = capitals(5);

        EvalReport first = EvalRunner.builder().target("m", EvalTarget.model(model)).build().run(suite);
        assertThat(chat.requests()).hasSize(5);
        EvalReport second = EvalRunner.builder().target("m", EvalTarget.model(model)).build().run(suite);
        assertThat(chat.requests()).hasSize(5);
        assertThat(second.results()).allSatisfy(r -> assertThat(r.samples().get(0).cacheHit()).isTrue());
        assertThat(first.summary().passed()).isEqualTo(5);
        assertThat(second.summary().passed()).isEqualTo(5);

        EvalRunner.builder().target("m", EvalTarget.model(model)).bypassCache().build().run(suite);
        assertThat(chat.requests()).hasSize(10);
    }

    @Test
    void should_report_pass_rate_pass_hat_k_and_flaky_when_repeated() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .otherwise(r -> ScriptedChatModel.alwaysReplying(calls.getAndIncrement() % 2 == 0 ? "answer" : "nope")
                        .doChat(r)).build();
        ModelGateway model = LanguageModel.of(chat).withCache(InMemoryResponseCache.create(100, Duration.ofHours(1)));
        EvalSuite suite = EvalSuite.builder("flaky")
                .testCase(EvalCase.builder("half").var("question", "q").repeat(4).passRateThreshold(0.5)
                        .assertion(AssertionSpec.of("contains", "answer")).build())
                .testCase(EvalCase.builder("strict").var("question", "q").repeat(4)
                        .assertion(AssertionSpec.of("contains", "answer")).build())
                .build();

        EvalReport report = EvalRunner.builder().target("m", EvalTarget.model(model)).concurrency(1).build().run(suite);

        assertThat(chat.requests()).hasSize(8); // samples bypass the cache: every one reached the model
        CaseResult half = report.results().get(0);
        assertThat(half.samples()).hasSize(4);
        assertThat(half.passRate()).isEqualTo(0.5);
        assertThat(half.flaky()).isTrue();
        assertThat(half.passHatK()).isZero();
        assertThat(half.status()).isEqualTo(AssertionStatus.PASS);
        CaseResult strict = report.results().get(1);
        assertThat(strict.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(strict.reason()).contains("pass rate 0.500 below threshold 1.000 (2/4)");
        assertThat(report.summary().flaky()).isEqualTo(2);
        // pass^k = C(c,k)/C(n,k): 4 samples, 3 passed, k = 2 -> (3*2)/(4*3) = 0.5
        assertThat(EvalRunner.passHatK(4, 3, 2)).isCloseTo(0.5, within(1e-12));
        assertThat(EvalRunner.passHatK(4, 4, 4)).isEqualTo(1.0);
    }

    @Test
    void should_render_prompts_per_target_and_trace_one_span_per_case() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.of(sink);
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .otherwise(r -> ScriptedChatModel.alwaysReplying("echo: " + userText(r)).doChat(r)).build();
        EvalSuite suite = EvalSuite.builder("prompts")
                .prompt(PromptSpec.ref("geo@production"))
                .prompt(PromptSpec.inline("terse", "Tersely: {{question}}"))
                .testCase(EvalCase.builder("a").var("question", "capital of France").build())
                .build();
        EvalReport report = EvalRunner.builder()
                .target("m", EvalTarget.model(LanguageModel.of(chat).withTracer(tracer)))
                .promptSource((PromptRef ref, java.util.Map<String, ?> vars) -> new RenderedPrompt(ref.name(), 3,
                        List.of(UserMessage.from("Registry says: " + vars.get("question"))), null))
                .tracer(tracer)
                .build().run(suite);

        assertThat(report.results()).extracting(CaseResult::prompt).containsExactly("geo@production", "terse");
        assertThat(report.results()).extracting(CaseResult::output)
                .containsExactly("echo: Registry says: capital of France", "echo: Tersely: capital of France");
        assertThat(sink.spans(SpanKind.EVAL_CASE)).hasSize(2);
        for (CaseResult r : report.results()) {
            assertThat(sink.root(r.traceId())).get().satisfies(root -> {
                assertThat(root.kind()).isEqualTo(SpanKind.EVAL_CASE);
                assertThat(root.attribute(LlmOpsAttributes.EVAL_CASE)).contains("a");
            });
            assertThat(sink.spans(r.traceId())).anyMatch(sp -> sp.kind() == SpanKind.MODEL_CALL);
        }
    }

    @Test
    void should_estimate_calls_tokens_and_cost_without_calling_anything() {
        ScriptedChatModel chat = ScriptedChatModel.builder().build();
        ModelGateway model = LanguageModel.of(chat).withName("priced");
        EvalSuite suite = EvalSuite.builder("dry").repeat(2)
                .prompt(PromptSpec.inline("p", "Say {{question}}"))
                .testCase(EvalCase.builder("a").var("question", "hello world").expected("hello world").build())
                .testCase(EvalCase.builder("b").var("question", "x").build())
                .build();

        DryRunEstimate est = EvalRunner.builder().target("m", EvalTarget.model(model))
                .target("fn", EvalTarget.function(v -> "x"))
                .pricing(ModelPricing.empty().with("priced", ModelPricing.Price.of(1_000_000, 2_000_000)))
                .assumedOutputTokens(10)
                .build().dryRun(suite);

        int inA = TokenEstimator.estimate(List.of(UserMessage.from("Say hello world")));
        int inB = TokenEstimator.estimate(List.of(UserMessage.from("Say x")));
        int outA = TokenEstimator.estimate("hello world");
        assertThat(est.cells()).isEqualTo(4);
        assertThat(est.targetCalls()).isEqualTo(8);
        assertThat(est.modelCalls()).isEqualTo(4);
        assertThat(est.inputTokens()).isEqualTo(2L * (inA + inB));
        assertThat(est.outputTokens()).isEqualTo(2L * (outA + 10));
        // $1 per input token, $2 per output token
        assertThat(est.costUsd().getAsDouble()).isCloseTo(2.0 * (inA + inB) + 4.0 * (outA + 10), within(1e-6));
        assertThat(chat.requests()).isEmpty();

        // a faithfulness assertion asks the judge twice per sample (claims, then verdicts)
        ScriptedChatModel judge = ScriptedChatModel.builder().build();
        EvalSuite judged = EvalSuite.builder("judged").repeat(3)
                .testCase(EvalCase.builder("a").var("question", "q").context(List.of("ctx"))
                        .assertion(AssertionSpec.builder("faithfulness").build()).build())
                .build();
        DryRunEstimate j = EvalRunner.builder().target("fn", EvalTarget.function(v -> "x"))
                .judge(LanguageModel.of(judge)).build().dryRun(judged);
        assertThat(j.targetCalls()).isEqualTo(3);
        assertThat(j.modelCalls()).isZero();
        assertThat(j.judgeCalls()).isEqualTo(6);
        assertThat(j.unpricedModels()).containsExactly("scripted");
        assertThat(judge.requests()).isEmpty();
    }

    @Test
    void should_fail_fast_when_the_suite_needs_unbound_collaborators() {
        EvalSuite suite = EvalSuite.builder("s").target("missing").prompt(PromptSpec.ref("p@1"))
                .testCase(EvalCase.builder("a").var("question", "q")
                        .assertion(AssertionSpec.builder("faithfulness").build()).build()).build();
        assertThatThrownBy(() -> EvalRunner.builder().target("m", EvalTarget.function(v -> "x")).build().run(suite))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("suite names target 'missing'")
                .hasMessageContaining("no PromptSource is bound")
                .hasMessageContaining("case 'a' assertion 0 (faithfulness): 'faithfulness' needs a judge model");
        assertThatThrownBy(() -> EvalRunner.builder().concurrency(0)).hasMessage("concurrency must be > 0 but was: 0");
    }

    @Test
    void should_error_case_when_inline_prompt_variable_is_missing() {
        EvalSuite suite = EvalSuite.builder("s").prompt(PromptSpec.inline("p", "Hi {{name}}"))
                .testCase(EvalCase.builder("a").var("question", "q").build()).build();
        EvalReport r = EvalRunner.builder().target("fn", EvalTarget.function(v -> "x")).build().run(suite);
        assertThat(r.results().get(0).status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(r.results().get(0).reason()).contains("template variables [name] missing");
    }

    @Test
    void should_run_a_suite_file_with_bound_guard_and_custom_assertion(@org.junit.jupiter.api.io.TempDir
                                                                        java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("suite.yaml"), """
                description: end to end
                targets: [echo]
                prompts:
                  - {id: polite, template: "Please answer: {{question}}"}
                defaultTest:
                  assert:
                    - {type: guard, value: no-digits}
                    - {type: custom, value: short}
                tests:
                  - id: ok
                    vars: {question: hello}
                    assert: [{type: starts-with, value: "Please"}]
                  - id: digits
                    vars: {question: "call 911"}
                """);
        EvalSuite suite = EvalSuite.load(dir.resolve("suite.yaml"));
        dev.llmops.api.guard.Guard noDigits = new dev.llmops.api.guard.Guard() {
            @Override
            public String name() {
                return "no-digits";
            }

            @Override
            public dev.llmops.api.guard.GuardResult check(String text, dev.llmops.api.guard.GuardContext context) {
                boolean digits = text.chars().anyMatch(Character::isDigit);
                return dev.llmops.api.guard.GuardResult.builder(name(), text)
                        .verdict(digits ? dev.llmops.api.guard.Verdict.BLOCK : dev.llmops.api.guard.Verdict.PASS)
                        .reason(digits ? "digits" : "").build();
            }
        };
        EvalReport report = EvalRunner.builder()
                .target("echo", input -> EvalOutput.of(dev.llmops.api.model.TokenEstimator.textOf(input.messages().get(0))))
                .guard(noDigits)
                .customAssertion("short", Assertions.length(0, 40))
                .build().run(suite);

        assertThat(report.results()).extracting(CaseResult::status)
                .containsExactly(AssertionStatus.PASS, AssertionStatus.FAIL);
        assertThat(report.results().get(1).reason()).contains("guard 'no-digits' verdict BLOCK");
        assertThat(report.results().get(0).prompt()).isEqualTo("polite");
    }

    @Test
    void should_limit_the_rate_of_target_calls() {
        AtomicInteger calls = new AtomicInteger();
        EvalReport r = EvalRunner.builder().target("fn", EvalTarget.function(v -> {
            calls.incrementAndGet();
            return "answer";
        })).rateLimit(1000).concurrency(4).build().run(capitals(20));
        assertThat(calls.get()).isEqualTo(20);
        assertThat(r.summary().passed()).isEqualTo(20);
    }
}
