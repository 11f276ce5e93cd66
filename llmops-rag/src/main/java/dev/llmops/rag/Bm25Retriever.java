package dev.llmops.rag;

import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.Tracer;
import org.apache.lucene.search.ScoreDoc;

import java.util.List;
import java.util.Objects;

/**
 * BM25 retrieval over a {@link LuceneIndex}. The query text is analysed like indexed text into
 * term clauses; it is never parsed as query syntax, so {@code AND ( * " ~ :} are plain
 * characters. The metadata filter is a non-scoring clause of the same Boolean query.
 *
 * <pre>{@code
 * Retriever bm25 = index.bm25().k(5).build();
 * List<ScoredChunk> hits = bm25.retrieve("how do I return a tent?", 5);
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class Bm25Retriever implements Retriever {

    private final LuceneIndex index;
    private final int maxK;
    private final Tracer tracer;

    private Bm25Retriever(Builder b) {
        this.index = b.index;
        this.maxK = b.maxK;
        this.tracer = b.tracer;
    }

    /**
     * The best {@code min(query.k(), k)} chunks by BM25 score that pass the query's filter.
     *
     * @throws IndexException when the index is closed or fails
     */
    @Override
    public List<ScoredChunk> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        int k = Math.min(query.k(), maxK);
        return Tracing.traced(tracer, "retrieve.bm25", query, k, () -> index.withSearcher(s -> {
            ScoreDoc[] hits = index.bm25(s, query.text(), query.filter(), k);
            return index.load(s, hits);
        }));
    }

    /** The top {@code k} (this retriever's {@link Builder#k}) chunks for {@code text}. */
    public List<ScoredChunk> retrieve(String text) {
        return retrieve(RetrievalQuery.of(text, maxK == Integer.MAX_VALUE ? 10 : maxK));
    }

    @Override
    public String toString() {
        return "Bm25Retriever[" + index + ", k=" + maxK + "]";
    }

    /** Configures a {@link Bm25Retriever}; get one from {@link LuceneIndex#bm25()}. Not thread-safe. */
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

        public Bm25Retriever build() {
            return new Bm25Retriever(this);
        }
    }
}
