package dev.llmops.eval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.eval.internal.TokenBucket;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyAndDefaultsTest {

    @Test
    void should_hand_out_distinct_reservations_when_many_threads_take_permits() throws Exception {
        // 1 permit per second, burst 1: 8 concurrent reservations must be spaced ~1 s apart, so the
        // largest wait is at least 6 s (the first is free, the others queue one second each).
        TokenBucket bucket = new TokenBucket(1.0, 1);
        Method reserve = TokenBucket.class.getDeclaredMethod("reserve");
        reserve.setAccessible(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(pool.submit(() -> {
                start.await();
                return (Long) reserve.invoke(bucket);
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<Long> f : waits) {
            all.add(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        assertThat(all.get(0)).isZero();
        assertThat(all.get(7)).isGreaterThanOrEqualTo(6_000_000_000L);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)).isGreaterThan(all.get(i - 1));
        }
        assertThatThrownBy(() -> new TokenBucket(0, 1)).hasMessage("ratePerSecond must be > 0 but was: 0.0");
    }

    @Test
    void should_run_one_runner_from_several_threads_at_once() {
        EvalSuite suite = EvalSuite.builder("s")
                .testCase(EvalCase.builder("a").var("question", "x").assertion(AssertionSpec.of("equals", "X")).build())
                .testCase(EvalCase.builder("b").var("question", "y").assertion(AssertionSpec.of("equals", "Y")).build())
                .build();
        EvalRunner runner = EvalRunner.builder().target("upper", EvalTarget.function(v -> v.get("question")
                .toUpperCase(java.util.Locale.ROOT))).concurrency(2).build();
        List<CompletableFuture<EvalReport>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> runner.run(suite)));
        }
        assertThat(runs).allSatisfy(r -> assertThat(r.join().summary().passed()).isEqualTo(2));
    }

    @Test
    void should_rank_related_text_closer_with_the_default_bge_small_model() {
        EmbeddingModel bge = EmbeddingModels.bgeSmallEnV15();
        AssertionResult close = Assertions.similar(List.of("Refunds are accepted within 30 days."), 0.8, bge)
                .evaluate(AssertionContext.of("You can return items for a refund within thirty days."));
        AssertionResult far = Assertions.similar(List.of("Refunds are accepted within 30 days."), 0.8, bge)
                .evaluate(AssertionContext.of("The mitochondria is the powerhouse of the cell."));
        assertThat(close.score().getAsDouble()).isGreaterThan(far.score().getAsDouble() + 0.1);
        assertThat(close.passed()).isTrue();
        assertThat(far.passed()).isFalse();
    }
}
