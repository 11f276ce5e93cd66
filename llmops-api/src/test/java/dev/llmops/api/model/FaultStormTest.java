package dev.llmops.api.model;

import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.llmops.api.model.OpenAiWireFormat.client;
import static dev.llmops.api.model.OpenAiWireFormat.error;
import static dev.llmops.api.model.OpenAiWireFormat.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent calls against a server that faults 20% of responses (500, 429, too slow):
 * every call ends in a Generation or a typed exception, none outlives its total timeout, and the
 * server saw exactly as many requests as the traces recorded attempts.
 */
class FaultStormTest {

    private static final int CALLS = 200;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(12);

    @Test
    void should_end_every_call_and_account_for_every_request() throws Exception {
        Random random = new Random(42);
        AtomicInteger faults = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    double r;
                    synchronized (random) {
                        r = random.nextDouble();
                    }
                    if (r < 0.20) {
                        faults.incrementAndGet();
                        if (r < 0.07) {
                            return error(500);
                        }
                        if (r < 0.14) {
                            return error(429).setHeader("Retry-After", "0");
                        }
                        return ok("gpt-4o-mini", "slow", 5, 1).setHeadersDelay(3000, TimeUnit.MILLISECONDS);
                    }
                    return ok("gpt-4o-mini", "ok", 5, 1);
                }
            });
            server.start();
            InMemoryTraceSink sink = InMemoryTraceSink.create();
            ModelGateway gateway = LanguageModel.of(client(server, "gpt-4o-mini", Duration.ofSeconds(4)))
                    .withRetryPolicy(RetryPolicy.of(3).withInitialBackoff(Duration.ofMillis(10))
                            .withMaxBackoff(Duration.ofMillis(100)))
                    .withTimeouts(Timeouts.perAttempt(ATTEMPT_TIMEOUT).withTotal(TOTAL_TIMEOUT))
                    .withTracer(Tracer.of(sink));

            // warm up class loading and JIT so the storm measures the gateway, not the JVM start
            for (int i = 0; i < 5; i++) {
                try {
                    gateway.generate("warm-up " + i);
                } catch (ModelException ignored) {
                    // a faulted warm-up call is still counted on both sides
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(CALLS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            List<Long> durationsMs = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < CALLS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    try {
                        return gateway.generate("question " + n);
                    } catch (ModelException e) {
                        return e;
                    } finally {
                        durationsMs.add((System.nanoTime() - start) / 1_000_000);
                    }
                }));
            }
            go.countDown();
            int generations = 0;
            int typedFailures = 0;
            java.util.Map<String, Integer> failureKinds = new java.util.TreeMap<>();
            for (Future<Object> f : futures) {
                Object outcome = f.get(TOTAL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
                if (outcome instanceof Generation) {
                    generations++;
                } else {
                    assertThat(outcome).isInstanceOf(ModelException.class);
                    failureKinds.merge(((ModelException) outcome).getMessage(), 1, Integer::sum);
                    typedFailures++;
                }
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(generations + typedFailures).isEqualTo(CALLS);
            assertThat(generations).as("most calls survive 20%% faults with 3 retries; failures: %s", failureKinds).isGreaterThan(CALLS * 9 / 10);
            assertThat(faults.get()).isPositive();
            // no call outlived its total timeout (plus scheduling slack on a loaded 2-core machine)
            assertThat(durationsMs).allSatisfy(d -> assertThat(d).isLessThan(TOTAL_TIMEOUT.toMillis() + 2_000));
            // every HTTP request the server saw is an attempt the traces recorded, and vice versa
            assertThat(sink.spans(SpanKind.MODEL_CALL)).hasSize(CALLS + 5);
            assertThat(sink.spans(SpanKind.MODEL_ATTEMPT)).hasSize(server.getRequestCount());
        }
    }
}
