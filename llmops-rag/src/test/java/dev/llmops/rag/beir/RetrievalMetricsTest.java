package dev.llmops.rag.beir;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {

    private static final Map<String, Integer> JUDGED = Map.of("a", 1, "b", 2, "x", 0);

    @Test
    void should_compute_ndcg_with_linear_gain_when_grades_differ() {
        // ranking c, a, b: DCG = 1/log2(3) + 2/log2(4) = 0.63093 + 1.0 = 1.63093
        // ideal b, a:      IDCG = 2/log2(2) + 1/log2(3) = 2.0 + 0.63093 = 2.63093
        double ndcg = RetrievalMetrics.ndcg(List.of("c", "a", "b"), JUDGED, 10);

        assertThat(ndcg).isCloseTo(1.63093 / 2.63093, within(1e-5));
    }

    @Test
    void should_cut_the_ranking_at_k_when_computing_ndcg() {
        // at k = 2 only c, a count: DCG = 1/log2(3) = 0.63093; IDCG@2 = 2.63093
        assertThat(RetrievalMetrics.ndcg(List.of("c", "a", "b"), JUDGED, 2)).isCloseTo(0.63093 / 2.63093, within(1e-5));
        assertThat(RetrievalMetrics.ndcg(List.of("b", "a"), JUDGED, 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void should_compute_recall_mrr_and_hit_when_relevant_documents_are_ranked() {
        List<String> ranking = List.of("x", "c", "b", "d");

        assertThat(RetrievalMetrics.recall(ranking, JUDGED, 100)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.recall(ranking, JUDGED, 2)).isEqualTo(0.0);
        assertThat(RetrievalMetrics.reciprocalRank(ranking, JUDGED, 10)).isEqualTo(1.0 / 3);
        assertThat(RetrievalMetrics.reciprocalRank(ranking, JUDGED, 2)).isEqualTo(0.0);
        assertThat(RetrievalMetrics.hit(ranking, JUDGED, 3)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.hit(ranking, JUDGED, 2)).isEqualTo(0.0);
    }

    @Test
    void should_count_a_duplicate_id_once_when_the_ranking_repeats_it() {
        assertThat(RetrievalMetrics.recall(List.of("a", "a", "a"), JUDGED, 2)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.ndcg(List.of("a", "a", "b"), JUDGED, 2)).isCloseTo(
                (1.0 + 2 / (Math.log(3) / Math.log(2))) / 2.63093, within(1e-5));
    }

    @Test
    void should_average_over_judged_queries_when_evaluating_a_run() {
        Qrels qrels = new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1)));
        Map<String, List<String>> run = Map.of("q1", List.of("a"), "q2", List.of("z", "b"));

        RetrievalMetrics.Summary s = RetrievalMetrics.evaluate(run, qrels);

        assertThat(s.queries()).isEqualTo(2);
        assertThat(s.mrr10()).isCloseTo((1.0 + 0.5) / 2, within(1e-12));
        assertThat(s.recall100()).isEqualTo(1.0);
        assertThat(s.ndcg10()).isCloseTo((1.0 + 1 / (Math.log(3) / Math.log(2))) / 2, within(1e-12));
        assertThat(s.hitRate10()).isEqualTo(1.0);
    }

    @Test
    void should_reject_k_when_it_is_not_positive() {
        assertThatThrownBy(() -> RetrievalMetrics.ndcg(List.of(), JUDGED, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be > 0 but was: 0");
    }
}
