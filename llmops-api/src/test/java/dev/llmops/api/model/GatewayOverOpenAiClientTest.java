package dev.llmops.api.model;

import dev.llmops.api.cache.InMemoryResponseCache;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanData;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.llmops.api.model.OpenAiWireFormat.client;
import static dev.llmops.api.model.OpenAiWireFormat.error;
import static dev.llmops.api.model.OpenAiWireFormat.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The gateway driving the real langchain4j-open-ai client against a MockWebServer that speaks the
 * OpenAI chat-completions wire format.
 */
class GatewayOverOpenAiClientTest {

    private static final String MODEL = "gpt-4o-mini";
    private static final RetryPolicy FAST = RetryPolicy.of(3).withInitialBackoff(Duration.ofMillis(5))
            .withMaxBackoff(Duration.ofMillis(20));

    private MockWebServer server;
    private InMemoryTraceSink sink;
    private ModelGateway gateway;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        sink = InMemoryTraceSink.create();
        gateway = LanguageModel.of(client(server, MODEL, Duration.ofMillis(500)))
                .withRetryPolicy(FAST)
                .withTracer(Tracer.of(sink));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private List<SpanData> attempts() {
        return sink.spans(SpanKind.MODEL_ATTEMPT);
    }

    @Test
    void should_retry_after_http_429_and_succeed() {
        server.enqueue(error(429));
        server.enqueue(ok(MODEL, "hello", 10, 2));

        Generation g = gateway.generate("hi");

        assertThat(g.text()).isEqualTo("hello");
        assertThat(g.attempts()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(attempts()).hasSize(2);
        assertThat(attempts().get(0).error()).contains("RATE_LIMITED");
    }

    @Test
    void should_retry_after_http_500_and_succeed() {
        server.enqueue(error(500));
        server.enqueue(error(503));
        server.enqueue(ok(MODEL, "fine", 10, 2));

        Generation g = gateway.generate("hi");

        assertThat(g.text()).isEqualTo("fine");
        assertThat(g.attempts()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void should_retry_after_read_timeout_and_succeed() {
        server.enqueue(ok(MODEL, "late", 10, 2).setHeadersDelay(2, TimeUnit.SECONDS));
        server.enqueue(ok(MODEL, "on time", 10, 2));

        Generation g = gateway.generate("hi");

        assertThat(g.text()).isEqualTo("on time");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(attempts().get(0).error()).contains("TIMEOUT");
    }

    @Test
    void should_wait_at_least_retry_after_before_retrying_429() throws InterruptedException {
        server.enqueue(error(429).setHeader("Retry-After", "1"));
        server.enqueue(ok(MODEL, "after waiting", 10, 2));

        long start = System.nanoTime();
        Generation g = gateway.generate("hi");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(g.text()).isEqualTo("after waiting");
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        // the policy's own backoff is at most 20 ms, so only Retry-After explains a 1 s wait
        assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
        assertThat(attempts().get(0).attribute(LlmOpsAttributes.BACKOFF_MS)).contains(1000L);
    }

    @Test
    void should_give_up_at_once_when_retry_after_exceeds_the_policy_limit() {
        server.enqueue(error(429).setHeader("Retry-After", "120"));
        ModelGateway impatient = gateway.withRetryPolicy(FAST.withMaxRetryAfter(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> impatient.generate("hi"))
                .isInstanceOf(RetriableModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).retryAfter()).contains(Duration.ofSeconds(120)));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_not_retry_http_400() {
        server.enqueue(error(400));
        server.enqueue(ok(MODEL, "never sent", 1, 1));

        assertThatThrownBy(() -> gateway.generate("hi"))
                .isInstanceOf(NonRetriableModelException.class)
                .hasMessageStartingWith("model 'gpt-4o-mini' failed on attempt 1 of 4: INVALID_REQUEST (HTTP 400)")
                .satisfies(e -> {
                    ModelException me = (ModelException) e;
                    assertThat(me.kind()).isEqualTo(ModelException.Kind.INVALID_REQUEST);
                    assertThat(me.statusCode()).hasValue(400);
                    assertThat(me.isRetriable()).isFalse();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_not_retry_http_401() {
        server.enqueue(error(401));

        assertThatThrownBy(() -> gateway.generate("hi"))
                .isInstanceOf(NonRetriableModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.AUTHENTICATION));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_report_the_last_attempt_when_retries_are_exhausted() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(error(500));
        }

        assertThatThrownBy(() -> gateway.generate("hi"))
                .isInstanceOf(RetriableModelException.class)
                .hasMessageContaining("failed on attempt 4 of 4: SERVER_ERROR (HTTP 500)");
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(attempts()).hasSize(4);
    }

    @Test
    void should_use_the_fallback_after_retries_are_exhausted() throws IOException {
        for (int i = 0; i < 4; i++) {
            server.enqueue(error(502));
        }
        try (MockWebServer backup = new MockWebServer()) {
            backup.start();
            backup.enqueue(ok("gpt-4.1-nano", "from the fallback", 8, 4));
            ModelGateway withFallback = gateway.withFallback(
                    LanguageModel.of(client(backup, "gpt-4.1-nano", Duration.ofSeconds(1))).withTracer(Tracer.of(sink)));

            Generation g = withFallback.generate("hi");

            assertThat(g.text()).isEqualTo("from the fallback");
            assertThat(g.fallbackUsed()).isTrue();
            assertThat(g.model()).isEqualTo("gpt-4.1-nano");
            assertThat(server.getRequestCount()).isEqualTo(4);
            assertThat(backup.getRequestCount()).isEqualTo(1);
            SpanData call = sink.root(g.traceId()).orElseThrow();
            assertThat(call.attribute(LlmOpsAttributes.FALLBACK_USED)).contains(true);
            assertThat(sink.spans(g.traceId())).filteredOn(s -> s.kind() == SpanKind.MODEL_CALL).hasSize(2);
        }
    }

    @Test
    void should_record_usage_and_cost_from_the_response() {
        server.enqueue(ok(MODEL, "priced", 1_000, 500));

        Generation g = gateway.generate("hi");

        assertThat(g.usage()).isEqualTo(new Usage(1_000, 500, false));
        // gpt-4o-mini: $0.15 / M input, $0.60 / M output
        assertThat(g.cost()).isPresent();
        assertThat(g.cost().get().inputUsd()).isCloseTo(0.00015, within(1e-12));
        assertThat(g.cost().get().outputUsd()).isCloseTo(0.0003, within(1e-12));
        SpanData call = sink.root(g.traceId()).orElseThrow();
        assertThat(call.attribute(dev.llmops.api.trace.GenAiAttributes.USAGE_INPUT_TOKENS)).contains(1_000L);
        assertThat(call.attribute(dev.llmops.api.trace.GenAiAttributes.USAGE_OUTPUT_TOKENS)).contains(500L);
        assertThat(call.attribute(dev.llmops.api.trace.GenAiAttributes.REQUEST_MODEL)).contains(MODEL);
        assertThat(call.attribute(LlmOpsAttributes.COST_USD)).hasValueSatisfying(
                c -> assertThat(c).isCloseTo(0.00045, within(1e-12)));
    }

    @Test
    void should_send_zero_requests_on_a_cache_hit() {
        server.enqueue(ok(MODEL, "cached answer", 10, 3));
        ModelGateway cached = gateway.withCache(InMemoryResponseCache.create(100, Duration.ofMinutes(5)));

        Generation first = cached.generate("same question");
        Generation second = cached.generate("same question");

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.text()).isEqualTo("cached answer");
        assertThat(second.cost()).contains(Cost.ZERO);
        assertThat(sink.root(second.traceId()).orElseThrow().attribute(LlmOpsAttributes.CACHE_HIT)).contains(true);
    }

    @Test
    void should_call_the_model_again_when_the_cache_is_bypassed() {
        server.enqueue(ok(MODEL, "one", 10, 3));
        server.enqueue(ok(MODEL, "two", 10, 3));
        ModelGateway cached = gateway.withCache(InMemoryResponseCache.create(100, Duration.ofMinutes(5)));

        cached.generate("q");
        Generation bypassed = cached.generate(ModelRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("q")).cacheMode(CacheMode.BYPASS).build());

        assertThat(bypassed.text()).isEqualTo("two");
        assertThat(bypassed.cacheHit()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void should_never_cache_an_error() {
        server.enqueue(error(400));
        server.enqueue(ok(MODEL, "now it works", 10, 3));
        InMemoryResponseCache cache = InMemoryResponseCache.create(100, Duration.ofMinutes(5));
        ModelGateway cached = gateway.withCache(cache);

        assertThatThrownBy(() -> cached.generate("q")).isInstanceOf(ModelException.class);
        assertThat(cache.size()).isZero();
        assertThat(cached.generate("q").text()).isEqualTo("now it works");
    }

    @Test
    void should_send_the_request_in_openai_format() throws Exception {
        server.enqueue(ok(MODEL, "x", 1, 1));

        gateway.generate("What is the return window?");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test");
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(request.getBody().readUtf8());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("What is the return window?");
    }
}
