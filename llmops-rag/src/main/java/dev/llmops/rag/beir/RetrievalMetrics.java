package dev.llmops.rag.beir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rank metrics of one ranked list against graded judgments, with trec_eval's definitions (as
 * BEIR reports them through pytrec_eval): nDCG with linear gain and {@code log2(rank + 1)}
 * discount, the ideal list built from every judged relevant document; recall over every judged
 * relevant document; reciprocal rank of the first relevant document. A grade {@code <= 0} is not
 * relevant. Duplicate ids in a ranking count once, at their first rank.
 *
 * <pre>{@code
 * double ndcg = RetrievalMetrics.ndcg(List.of("d3", "d1"), Map.of("d1", 1), 10); // 0.6309...
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /** nDCG@k; 0 when there is no relevant document. */
    public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
        checkK(k);
        List<String> top = topUnique(ranking, k);
        double dcg = 0;
        for (int i = 0; i < top.size(); i++) {
            int rel = judgments.getOrDefault(top.get(i), 0);
            if (rel > 0) {
                dcg += rel / log2(i + 2);
            }
        }
        List<Integer> ideal = new ArrayList<>();
        for (int g : judgments.values()) {
            if (g > 0) {
                ideal.add(g);
            }
        }
        ideal.sort((a, b) -> Integer.compare(b, a));
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Recall@k: the share of relevant documents in the top k; 0 when none is relevant. */
    public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
        checkK(k);
        long relevant = judgments.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = topUnique(ranking, k).stream().filter(id -> judgments.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant document within the top k, else 0. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
        checkK(k);
        List<String> top = topUnique(ranking, k);
        for (int i = 0; i < top.size(); i++) {
            if (judgments.getOrDefault(top.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** 1 when a relevant document is in the top k, else 0. */
    public static double hit(List<String> ranking, Map<String, Integer> judgments, int k) {
        return reciprocalRank(ranking, judgments, k) > 0 ? 1 : 0;
    }

    /**
     * Means over every judged query of a run (a query missing from {@code run} scores 0).
     *
     * @param run    query id to ranked document ids
     * @param qrels  the judgments
     * @return nDCG@10, Recall@100, MRR@10 and hit rate@10 averaged over the judged queries
     */
    public static Summary evaluate(Map<String, List<String>> run, Qrels qrels) {
        Objects.requireNonNull(run, "run");
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        double hits = 0;
        int n = 0;
        for (String q : qrels.queryIds()) {
            Map<String, Integer> j = qrels.of(q);
            List<String> ranking = run.getOrDefault(q, List.of());
            ndcg += ndcg(ranking, j, 10);
            recall += recall(ranking, j, 100);
            mrr += reciprocalRank(ranking, j, 10);
            hits += hit(ranking, j, 10);
            n++;
        }
        return n == 0 ? new Summary(0, 0, 0, 0, 0) : new Summary(ndcg / n, recall / n, mrr / n, hits / n, n);
    }

    /**
     * Mean metrics of a run.
     *
     * @param ndcg10    mean nDCG@10
     * @param recall100 mean Recall@100
     * @param mrr10     mean reciprocal rank at 10
     * @param hitRate10 share of queries with a relevant document in the top 10
     * @param queries   how many queries were averaged
     */
    public record Summary(double ndcg10, double recall100, double mrr10, double hitRate10, int queries) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "nDCG@10=%.4f Recall@100=%.4f MRR@10=%.4f Hit@10=%.4f (%d queries)",
                    ndcg10, recall100, mrr10, hitRate10, queries);
        }
    }

    private static List<String> topUnique(List<String> ranking, int k) {
        List<String> out = new ArrayList<>(Math.min(k, ranking.size()));
        Set<String> seen = new HashSet<>();
        for (String id : ranking) {
            if (out.size() == k) {
                break;
            }
            if (seen.add(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0 but was: " + k);
        }
    }
}
