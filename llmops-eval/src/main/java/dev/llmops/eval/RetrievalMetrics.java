package dev.llmops.eval;

import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Retrieval metrics against labelled relevant ids, with binary relevance: hit rate@k, MRR@k, nDCG@k
 * and recall@k; and {@link #evaluate} to run a {@link Retriever} over a suite's cases.
 *
 * <pre>{@code
 * RetrievalMetrics.Result r = RetrievalMetrics.evaluate(retriever, suite.cases(), 10, ScoredChunk::id);
 * System.out.printf("nDCG@10 %.3f  recall@10 %.3f%n", r.ndcg(), r.recall());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /**
     * Mean metrics over the evaluated queries.
     *
     * @param k       the cut-off
     * @param queries queries evaluated (cases with a question and at least one relevant id)
     * @param hitRate fraction of queries with a relevant id in the top k
     * @param mrr     mean reciprocal rank of the first relevant id in the top k (0 when none)
     * @param ndcg    mean nDCG@k
     * @param recall  mean recall@k
     * @param perQuery each query's nDCG@k by case id
     */
    public record Result(int k, int queries, double hitRate, double mrr, double ndcg, double recall,
                         Map<String, Double> perQuery) {
        public Result {
            perQuery = java.util.Collections.unmodifiableMap(new TreeMap<>(perQuery));
        }
    }

    /** 1 when a relevant id is among the first k ranked ids, else 0. */
    public static double hitRate(List<String> ranked, Collection<String> relevant, int k) {
        return reciprocalRank(ranked, relevant, k) > 0 ? 1.0 : 0.0;
    }

    /** 1 / rank of the first relevant id among the first k, 0 when none. */
    public static double reciprocalRank(List<String> ranked, Collection<String> relevant, int k) {
        checkK(k);
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /**
     * nDCG@k with binary gains: DCG = sum over ranks i &lt;= k of rel_i / log2(i + 1), divided by the DCG of
     * the ideal ranking (min(|relevant|, k) relevant ids first). 0 when nothing is relevant. Duplicate ids
     * in the ranking count once.
     */
    public static double ndcg(List<String> ranked, Collection<String> relevant, int k) {
        checkK(k);
        Set<String> rel = new HashSet<>(relevant);
        if (rel.isEmpty()) {
            return 0.0;
        }
        Set<String> seen = new HashSet<>();
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String id = ranked.get(i);
            if (rel.contains(id) && seen.add(id)) {
                dcg += 1.0 / log2(i + 2);
            }
        }
        double idcg = 0;
        for (int i = 0; i < Math.min(k, rel.size()); i++) {
            idcg += 1.0 / log2(i + 2);
        }
        return dcg / idcg;
    }

    /** Relevant ids found among the first k / relevant ids; 0 when nothing is relevant. */
    public static double recall(List<String> ranked, Collection<String> relevant, int k) {
        checkK(k);
        Set<String> rel = new HashSet<>(relevant);
        if (rel.isEmpty()) {
            return 0.0;
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (rel.contains(ranked.get(i))) {
                found.add(ranked.get(i));
            }
        }
        return (double) found.size() / rel.size();
    }

    /**
     * Runs {@code retriever} for every case that has a question and relevant ids, and averages the metrics.
     *
     * @param idOf maps a retrieved chunk to the id space of {@link EvalCase#relevantIds()}, e.g.
     *             {@code ScoredChunk::id} or {@code sc -> sc.chunk().documentId()}
     * @throws IllegalArgumentException when no case has both a question and relevant ids
     */
    public static Result evaluate(Retriever retriever, List<EvalCase> cases, int k, Function<ScoredChunk, String> idOf) {
        Objects.requireNonNull(retriever, "retriever");
        Objects.requireNonNull(idOf, "idOf");
        checkK(k);
        double hit = 0, mrr = 0, ndcg = 0, recall = 0;
        int n = 0;
        Map<String, Double> per = new TreeMap<>();
        for (EvalCase c : cases) {
            if (c.relevantIds().isEmpty() || c.question().isEmpty()) {
                continue;
            }
            List<String> ranked = new ArrayList<>();
            for (ScoredChunk sc : retriever.retrieve(RetrievalQuery.of(c.question().get(), k))) {
                ranked.add(idOf.apply(sc));
            }
            List<String> deduped = new ArrayList<>(new java.util.LinkedHashSet<>(ranked));
            hit += hitRate(deduped, c.relevantIds(), k);
            mrr += reciprocalRank(deduped, c.relevantIds(), k);
            double nd = ndcg(deduped, c.relevantIds(), k);
            ndcg += nd;
            recall += recall(deduped, c.relevantIds(), k);
            per.put(c.id(), nd);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no case has both a question and relevantIds");
        }
        return new Result(k, n, hit / n, mrr / n, ndcg / n, recall / n, per);
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
