package dev.llmops.rag;

import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.Tracer;
import org.apache.lucene.search.ScoreDoc;

import java.util.List;
import java.util.Objects;

/**
 * Vector (embedding) retrieval over a {@link LuceneIndex}: cosine similarity, HNSW for large
 * indexes and exact search for small indexes or small filtered candidate sets. The metadata
 * filter is applied inside the kNN search, so the result holds up to k chunks that all pass it.
 * Scores are {@code (1 + cosine) / 2}. Query embeddings are cached (LRU) by the index. A blank
 * query text has no embedding and gives an empty list.
 *
 * <pre>{@code
 * Retriever dense = index.vector().k(5).build();
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class VectorRetriever implements Retriever {

    private final LuceneIndex index;
    private final int maxK;
    private final Tracer tracer;

    private VectorRetriever(Builder b) {
        this.index = b.index;
        this.maxK = b.maxK;
        this.tracer = b.tracer;
    }

    /**
     * The {@code min(query.k(), k)} nearest chunks that pass the query's filter.
     *
     * @throws IndexException when the index is closed or the model returns an unusable vector
     */
    @Override
    public List<ScoredChunk> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        int k = Math.min(query.k(), maxK);
        return Tracing.traced(tracer, "retrieve.vector", query, k, () -> {
            if (query.text().isBlank()) {
                return List.of();
            }
            float[] vector = index.embedQuery(query.text());
            return index.withSearcher(s -> {
                ScoreDoc[] hits = index.knn(s, vector, query.filter(), k);
                return index.load(s, hits);
            });
        });
    }

    @Override
    public String toString() {
        return "VectorRetriever[" + index + ", k=" + maxK + "]";
    }

    /** Configures a {@link VectorRetriever}; get one from {@link LuceneIndex#vector()}. Not thread-safe. */
    public static final class Builder {
        private final LuceneIndex index;
        private int maxK = Integer.MAX_VALUE;
        private Tracer tracer;

        Builder(LuceneIndex index) {
            this.index = index;
        }

        /** At most this many results per call, whatever the query's k. Default: the query's k. */
        public Builder k(int k) {
            this.maxK = Tracing.checkK("k", k);
            return this;
        }

        /** Trace every retrieval as a {@code RETRIEVAL} span. Default: no tracing. */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        public VectorRetriever build() {
            return new VectorRetriever(this);
        }
    }
}
