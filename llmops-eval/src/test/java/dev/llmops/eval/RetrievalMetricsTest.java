package dev.llmops.eval;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {

    private static final List<String> RANKED = List.of("d1", "d2", "d3", "d4");
    private static final Set<String> RELEVANT = Set.of("d2", "d4");

    @Test
    void should_match_hand_computed_ndcg_mrr_recall_and_hit_rate() {
        // k = 3: gains [0, 1, 0]; DCG = 1/log2(3) = 0.630930; ideal (2 relevant) = 1/log2(2) + 1/log2(3)
        // = 1.630930; nDCG@3 = 0.630930 / 1.630930 = 0.386853.
        assertThat(RetrievalMetrics.ndcg(RANKED, RELEVANT, 3)).isCloseTo(0.386853, within(1e-6));
        // k = 4: DCG adds 1/log2(5) = 0.430677 -> 1.061606 / 1.630930 = 0.650921
        assertThat(RetrievalMetrics.ndcg(RANKED, RELEVANT, 4)).isCloseTo(0.650921, within(1e-6));
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, RELEVANT, 3)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.reciprocalRank(RANKED, RELEVANT, 1)).isZero();
        assertThat(RetrievalMetrics.recall(RANKED, RELEVANT, 3)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.recall(RANKED, RELEVANT, 4)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.hitRate(RANKED, RELEVANT, 2)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.hitRate(RANKED, RELEVANT, 1)).isZero();
        assertThat(RetrievalMetrics.ndcg(List.of("d2", "d4"), RELEVANT, 10)).isEqualTo(1.0);
        assertThatThrownBy(() -> RetrievalMetrics.ndcg(RANKED, RELEVANT, 0)).hasMessage("k must be > 0 but was: 0");
    }

    @Test
    void should_average_metrics_over_cases_when_running_a_retriever() {
        Retriever retriever = q -> RANKED.stream()
                .map(id -> new ScoredChunk(Chunk.of(id + "#0", id, "text"), 1.0)).limit(q.k()).toList();
        List<EvalCase> cases = List.of(
                EvalCase.builder("a").var("question", "q").relevantIds(List.of("d2", "d4")).build(),
                EvalCase.builder("b").var("question", "q").relevantIds(List.of("d1")).build(),
                EvalCase.builder("skipped").var("question", "q").build());

        RetrievalMetrics.Result r = RetrievalMetrics.evaluate(retriever, cases, 3, sc -> sc.chunk().documentId());

        assertThat(r.queries()).isEqualTo(2);
        assertThat(r.hitRate()).isEqualTo(1.0);
        assertThat(r.mrr()).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
        assertThat(r.ndcg()).isCloseTo((0.386853 + 1.0) / 2, within(1e-6));
        assertThat(r.recall()).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
        assertThat(r.perQuery()).containsOnlyKeys("a", "b");
    }
}
