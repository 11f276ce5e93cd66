package dev.llmops.api.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmops.api.trace.GenAiAttributes;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanData;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelGatewayTest {

    private static final RetryPolicy FAST = RetryPolicy.of(2).withInitialBackoff(Duration.ofMillis(1))
            .withMaxBackoff(Duration.ofMillis(2));

    @Test
    void should_estimate_and_flag_usage_when_the_provider_reports_none() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .respond(r -> ChatResponse.builder().aiMessage(AiMessage.from("four words in here")).build())
                .build();

        Generation g = LanguageModel.of(model).generate("How long is the return window?");

        assertThat(g.usage().estimated()).isTrue();
        assertThat(g.usage().inputTokens()).isEqualTo(TokenEstimator.estimate(
                List.of(dev.langchain4j.data.message.UserMessage.from("How long is the return window?"))));
        assertThat(g.usage().outputTokens()).isEqualTo(TokenEstimator.estimate("four words in here"));
        assertThat(g.model()).isEqualTo("scripted");
        assertThat(g.cost()).as("an unknown model has no cost, not a made-up one").isEmpty();
    }

    @Test
    void should_retry_retriable_failures_only() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .fail(new InternalServerException("500")).reply("ok").build();
        assertThat(LanguageModel.of(model).withRetryPolicy(FAST).generate("q").attempts()).isEqualTo(2);

        ScriptedChatModel bad = ScriptedChatModel.builder()
                .fail(new InvalidRequestException("400")).reply("never").build();
        assertThatThrownBy(() -> LanguageModel.of(bad).withRetryPolicy(FAST).generate("q"))
                .isInstanceOf(NonRetriableModelException.class)
                .hasMessageContaining("attempt 1 of 3");
        assertThat(bad.requests()).hasSize(1);
    }

    @Test
    void should_wrap_an_unexpected_exception_as_non_retriable_with_the_model_name() {
        ScriptedChatModel model = ScriptedChatModel.builder().fail(new NullPointerException("bug in adapter")).build();

        assertThatThrownBy(() -> LanguageModel.of(model).withName("custom-model").withRetryPolicy(FAST).generate("q"))
                .isInstanceOf(NonRetriableModelException.class)
                .hasMessage("model 'custom-model' failed on attempt 1 of 3: UNKNOWN: bug in adapter")
                .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void should_time_out_a_slow_attempt_and_retry_it() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedChatModel model = ScriptedChatModel.builder().otherwise(r -> {
            if (calls.incrementAndGet() == 1) {
                sleep(2_000);
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("fast")).build();
        }).build();

        Generation g = LanguageModel.of(model).withRetryPolicy(FAST).withTimeout(Duration.ofMillis(100)).generate("q");

        assertThat(g.text()).isEqualTo("fast");
        assertThat(g.attempts()).isEqualTo(2);
    }

    @Test
    void should_fail_with_timeout_when_every_attempt_is_too_slow() {
        ScriptedChatModel model = ScriptedChatModel.builder().otherwise(r -> {
            sleep(1_000);
            return ChatResponse.builder().aiMessage(AiMessage.from("late")).build();
        }).build();

        assertThatThrownBy(() -> LanguageModel.of(model).withRetryPolicy(FAST).withTimeout(Duration.ofMillis(50))
                .generate("q"))
                .isInstanceOf(RetriableModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.TIMEOUT))
                .hasMessageContaining("attempt 3 of 3");
    }

    @Test
    void should_never_exceed_the_in_flight_cap() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ScriptedChatModel model = ScriptedChatModel.builder().otherwise(r -> {
            int now = current.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            sleep(20);
            current.decrementAndGet();
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        }).build();
        ModelGateway gateway = LanguageModel.of(model).withMaxInFlight(3);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Generation>> futures = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            futures.add(pool.submit(() -> gateway.generate("q")));
        }
        for (Future<Generation> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS).text()).isEqualTo("ok");
        }
        pool.shutdown();
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void should_fail_with_capacity_when_no_slot_frees_before_the_total_timeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ScriptedChatModel model = ScriptedChatModel.builder().otherwise(r -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        }).build();
        ModelGateway gateway = LanguageModel.of(model).withMaxInFlight(1)
                .withTimeouts(Timeouts.NONE.withTotal(Duration.ofMillis(200)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Generation> holder = pool.submit(() -> LanguageModel.of(model).withMaxInFlight(1).generate("hold"));
        // the holder uses its own cap; occupy this gateway's single slot from another thread instead
        Future<Generation> occupying = Executors.newSingleThreadExecutor().submit(() -> gateway
                .withTimeouts(Timeouts.NONE).generate("occupy"));
        Thread.sleep(100);

        assertThatThrownBy(() -> gateway.generate("q"))
                .isInstanceOf(RetriableModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CAPACITY));
        release.countDown();
        assertThat(occupying.get(5, TimeUnit.SECONDS).text()).isEqualTo("ok");
        assertThat(holder.get(5, TimeUnit.SECONDS).text()).isEqualTo("ok");
        pool.shutdown();
    }

    @Test
    void should_use_the_fallback_for_a_non_retriable_failure_too() {
        ScriptedChatModel primary = ScriptedChatModel.builder().fail(new InvalidRequestException("context too long"))
                .build();
        ScriptedChatModel backup = ScriptedChatModel.builder().modelName("backup").reply("short answer").build();

        Generation g = LanguageModel.of(primary).withFallback(LanguageModel.of(backup)).generate("q");

        assertThat(g.fallbackUsed()).isTrue();
        assertThat(g.model()).isEqualTo("backup");
    }

    @Test
    void should_keep_the_primary_failure_when_the_fallback_fails_too() {
        ScriptedChatModel primary = ScriptedChatModel.builder().fail(new InternalServerException("primary down"))
                .build();
        ScriptedChatModel backup = ScriptedChatModel.builder().modelName("backup")
                .fail(new InternalServerException("backup down")).build();

        assertThatThrownBy(() -> LanguageModel.of(primary).withFallback(LanguageModel.of(backup)).generate("q"))
                .isInstanceOf(RetriableModelException.class)
                .hasMessageContaining("model 'backup'")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("model 'scripted'")));
    }

    @Test
    void should_trace_the_call_with_gen_ai_attributes_and_the_prompt_ref() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        ScriptedChatModel model = ScriptedChatModel.builder().modelName("gpt-4o").reply("answer").build();
        ModelRequest request = ModelRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("q"))
                .parameters(ChatRequestParameters.builder().temperature(0.2).maxOutputTokens(64).build())
                .promptRef("support-answer", 3)
                .build();

        Generation g = LanguageModel.of(model).withTracer(Tracer.of(sink)).generate(request);

        SpanData call = sink.root(g.traceId()).orElseThrow();
        assertThat(call.kind()).isEqualTo(SpanKind.MODEL_CALL);
        assertThat(call.attribute(GenAiAttributes.REQUEST_MODEL)).contains("gpt-4o");
        assertThat(call.attribute(GenAiAttributes.REQUEST_TEMPERATURE)).contains(0.2);
        assertThat(call.attribute(GenAiAttributes.REQUEST_MAX_TOKENS)).contains(64L);
        assertThat(call.attribute(LlmOpsAttributes.PROMPT_REF)).contains("support-answer@3");
        assertThat(call.attribute(LlmOpsAttributes.CACHE_HIT)).contains(false);
        assertThat(call.attribute(GenAiAttributes.COMPLETION)).as("content is not captured by default").isEmpty();
        assertThat(g.cost()).isPresent();
    }

    @Test
    void should_nest_under_a_given_parent_span() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.of(sink);
        var chain = tracer.startRoot("chain", SpanKind.CHAIN);
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("x");

        Generation g = LanguageModel.of(model).withTracer(tracer).generate(ModelRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("q")).parent(chain.context()).build());
        chain.end();

        assertThat(g.traceId()).isEqualTo(chain.traceId());
        assertThat(sink.spans(SpanKind.MODEL_CALL).get(0).parentSpanId()).isEqualTo(chain.context().spanId());
    }

    @Test
    void should_validate_configuration_with_clear_messages() {
        ModelGateway g = LanguageModel.of(ScriptedChatModel.alwaysReplying("x"));
        assertThatThrownBy(() -> g.withRetries(-1)).hasMessage("maxRetries must be >= 0 but was: -1");
        assertThatThrownBy(() -> g.withMaxInFlight(0)).hasMessage("maxInFlight must be > 0 but was: 0");
        assertThatThrownBy(() -> g.withTimeout(Duration.ZERO)).hasMessage("perAttempt must be > 0 but was: PT0S");
        assertThatThrownBy(() -> g.withFallback(g)).hasMessage("a model cannot be its own fallback");
        assertThatThrownBy(() -> RetryPolicy.of(1).withJitter(1.5)).hasMessage("jitter must be in [0, 1] but was: 1.5");
    }

    @Test
    void should_derive_new_instances_without_changing_the_original() {
        ModelGateway base = LanguageModel.of(ScriptedChatModel.alwaysReplying("x"));
        ModelGateway derived = base.withRetries(3).withTimeout(Duration.ofSeconds(1));

        assertThat(base.retryPolicy().maxRetries()).isZero();
        assertThat(base.timeouts().perAttemptLimit()).isEmpty();
        assertThat(derived.retryPolicy().maxRetries()).isEqualTo(3);
        assertThat(derived.chatModel()).isSameAs(base.chatModel());
    }

    @Test
    void should_serialise_a_generation_to_json_and_back() throws Exception {
        Generation g = LanguageModel.of(ScriptedChatModel.builder().modelName("gpt-4o").reply("hi").build())
                .generate("q");
        String json = dev.llmops.api.LlmOpsJson.writer().writeValueAsString(g);
        Generation back = dev.llmops.api.LlmOpsJson.reader().forType(Generation.class).readValue(json);
        assertThat(back).isEqualTo(g);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
