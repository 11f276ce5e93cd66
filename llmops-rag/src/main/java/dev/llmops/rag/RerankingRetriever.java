package dev.llmops.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.llmops.api.LlmOpsException;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Re-ranks the top {@code n} results of another retriever with a LangChain4j
 * {@link ScoringModel} (a cross-encoder, Cohere rerank, ...), then keeps the best {@code k}.
 * Scores of the result are the scoring model's. The filter is applied by the inner retriever,
 * so re-ranking never brings in a chunk outside it.
 *
 * <pre>{@code
 * Retriever reranked = RerankingRetriever.builder(index.hybrid().build(), scoringModel).topN(30).build();
 * }</pre>
 *
 * <p>Thread-safe when the inner retriever and the scoring model are.
 *
 * @since 0.1.0
 */
public final class RerankingRetriever implements Retriever {

    private final Retriever inner;
    private final ScoringModel scoringModel;
    private final int topN;

    private RerankingRetriever(Builder b) {
        this.inner = b.inner;
        this.scoringModel = b.scoringModel;
        this.topN = b.topN;
    }

    public static Builder builder(Retriever inner, ScoringModel scoringModel) {
        return new Builder(inner, scoringModel);
    }

    /**
     * @throws LlmOpsException when the scoring model returns a wrong number of scores
     */
    @Override
    public List<ScoredChunk> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        List<ScoredChunk> candidates = inner.retrieve(query.toBuilder().k(Math.max(topN, query.k())).build());
        if (candidates.isEmpty()) {
            return candidates;
        }
        List<TextSegment> segments = candidates.stream().map(c -> TextSegment.from(c.text())).toList();
        List<Double> scores = scoringModel.scoreAll(segments, query.text()).content();
        if (scores == null || scores.size() != candidates.size()) {
            throw new LlmOpsException("scoring model " + scoringModel.getClass().getName() + " returned "
                    + (scores == null ? "no" : scores.size()) + " scores for " + candidates.size() + " candidates");
        }
        List<ScoredChunk> rescored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            double s = scores.get(i) == null || scores.get(i).isNaN() ? Double.NEGATIVE_INFINITY : scores.get(i);
            rescored.add(new ScoredChunk(candidates.get(i).chunk(), s));
        }
        rescored.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
        return List.copyOf(rescored.subList(0, Math.min(query.k(), rescored.size())));
    }

    @Override
    public String toString() {
        return "RerankingRetriever[" + inner + ", topN=" + topN + "]";
    }

    /** Configures a {@link RerankingRetriever}. Not thread-safe. */
    public static final class Builder {
        private final Retriever inner;
        private final ScoringModel scoringModel;
        private int topN = 20;

        private Builder(Retriever inner, ScoringModel scoringModel) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.scoringModel = Objects.requireNonNull(scoringModel, "scoringModel");
        }

        /** How many candidates of the inner retriever to re-score. Default: 20. */
        public Builder topN(int n) {
            this.topN = Tracing.checkK("topN", n);
            return this;
        }

        public RerankingRetriever build() {
            return new RerankingRetriever(this);
        }
    }
}
