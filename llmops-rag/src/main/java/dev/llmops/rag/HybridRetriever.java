package dev.llmops.rag;

import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.Tracer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Hybrid retrieval: a BM25 leg and a vector leg over the same {@link LuceneIndex}, each taking its
 * top candidates with the metadata filter applied inside the search, fused by {@link Fusion}.
 * Candidates are merged by chunk id, so a chunk found by both legs appears once.
 *
 * <p><b>Default:</b> convex combination of z-score normalised scores, weights 0.2 (BM25) and 0.8
 * (vector), over the top 50 BM25 and top 30 vector candidates (each leg takes at least the query's
 * k). Convex combination keeps the score margins that rank fusion throws away, and Bruch, Gai and
 * Ingber (<i>An Analysis of Fusion Functions for Hybrid Retrieval</i>, ACM TOIS 2023) found it
 * better than RRF in- and out-of-domain and best with most weight on the semantic leg. Z-score
 * normalisation depends on all candidates, min-max only on the two extremes of each leg, which the
 * last candidate of a leg decides arbitrarily. Every candidate is scored exactly in both legs, so a
 * chunk missing from one leg's top list is not given an arbitrary score; that is also why shallow
 * legs cost little quality: a chunk deep in one leg's list reaches the fused top 10 only when the
 * other leg ranks it high, and then it is a candidate anyway. The weights were chosen on three
 * collections together (SciFact's train queries and two small hand-labelled collections): of the
 * splits that beat both single legs on every collection, the one with the best mean nDCG@10; the
 * depths on SciFact's train queries. See the module README.
 *
 * <pre>{@code
 * Retriever hybrid = index.hybrid().k(5).build();
 * Retriever rrf = index.hybrid().fusion(Fusion.rrf()).candidates(50).build();
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class HybridRetriever implements Retriever {

    /** Default weight of the normalised BM25 score. */
    public static final double DEFAULT_BM25_WEIGHT = 0.2;
    /** Default weight of the normalised vector score. */
    public static final double DEFAULT_VECTOR_WEIGHT = 0.8;
    /** Default depth of the BM25 leg (at least the query's k). */
    public static final int DEFAULT_BM25_CANDIDATES = 50;
    /** Default depth of the vector leg (at least the query's k); also its HNSW beam. */
    public static final int DEFAULT_VECTOR_CANDIDATES = 30;

    private final LuceneIndex index;
    private final int maxK;
    private final Tracer tracer;
    private final Fusion fusion;
    private final double bm25Weight;
    private final double vectorWeight;
    private final int bm25Candidates;
    private final int vectorCandidates;
    private final int vectorBeam;

    private HybridRetriever(Builder b) {
        this.index = b.index;
        this.maxK = b.maxK;
        this.tracer = b.tracer;
        this.fusion = b.fusion;
        this.bm25Weight = b.bm25Weight;
        this.vectorWeight = b.vectorWeight;
        this.bm25Candidates = b.bm25Candidates;
        this.vectorCandidates = b.vectorCandidates;
        this.vectorBeam = b.vectorBeam;
    }

    /**
     * The best {@code min(query.k(), k)} fused chunks that pass the query's filter.
     *
     * @throws IndexException when the index is closed or the model returns an unusable vector
     */
    @Override
    public List<ScoredChunk> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        int k = Math.min(query.k(), maxK);
        return Tracing.traced(tracer, "retrieve.hybrid", query, k, () -> {
            if (query.text().isBlank()) {
                return List.of();
            }
            float[] vector = index.embedQuery(query.text());
            return index.withSearcher(s -> fuse(s, query, vector, k));
        });
    }

    private List<ScoredChunk> fuse(IndexSearcher s, RetrievalQuery query, float[] vector, int k) throws IOException {
        Query terms = index.termQuery(query.text()); // analysed once for the whole retrieval
        int bm25Depth = Math.max(bm25Candidates, k);
        int vectorDepth = Math.max(vectorCandidates, k);
        ScoreDoc[] dense = index.knn(s, vector, query.filter(), vectorDepth, vectorBeam);
        // the vector leg's docs in ascending doc order: denseDocs[j] is dense[denseAt[j]]
        int m = dense.length;
        long[] packed = new long[m];
        for (int j = 0; j < m; j++) {
            packed[j] = ((long) dense[j].doc << 32) | j;
        }
        Arrays.sort(packed);
        int[] denseDocs = new int[m];
        int[] denseAt = new int[m];
        for (int j = 0; j < m; j++) {
            denseDocs[j] = (int) (packed[j] >>> 32);
            denseAt[j] = (int) packed[j];
        }
        boolean convex = fusion instanceof Fusion.Convex;
        float[] denseLex = new float[m];
        ScoreDoc[] lexical = convex
                ? index.bm25WithScores(s, terms, query.filter(), bm25Depth, denseDocs, denseLex)
                : index.bm25(s, terms, query.filter(), bm25Depth);

        // candidates: slots 0..m-1 are the vector leg in rank order, then BM25 hits it did not find
        int[] docs = new int[m + lexical.length];
        double[] lex = new double[docs.length];
        double[] sem = new double[docs.length];
        int[] lexRank = new int[docs.length];
        Arrays.fill(lexRank, -1);
        for (int j = 0; j < m; j++) {
            docs[j] = dense[j].doc;
            sem[j] = dense[j].score;
        }
        for (int j = 0; j < m; j++) {
            lex[denseAt[j]] = denseLex[j];
        }
        int n = m;
        int[] lexOnly = new int[lexical.length];
        int[] lexOnlySlot = new int[lexical.length];
        int missing = 0;
        for (int r = 0; r < lexical.length; r++) {
            int j = Arrays.binarySearch(denseDocs, lexical[r].doc);
            int slot;
            if (j >= 0) {
                slot = denseAt[j];
            } else {
                slot = n++;
                docs[slot] = lexical[r].doc;
                lexOnly[missing] = lexical[r].doc;
                lexOnlySlot[missing++] = slot;
            }
            lex[slot] = lexical[r].score;
            lexRank[slot] = r;
        }
        double[] fused = new double[n];
        if (fusion instanceof Fusion.Rrf rrf) {
            for (int i = 0; i < n; i++) {
                if (i < m) {
                    fused[i] += vectorWeight / (rrf.k() + i + 1);
                }
                if (lexRank[i] >= 0) {
                    fused[i] += bm25Weight / (rrf.k() + lexRank[i] + 1);
                }
            }
        } else {
            if (missing > 0) { // exact vector scores of the BM25 hits the vector leg did not return
                long[] byDoc = new long[missing];
                for (int i = 0; i < missing; i++) {
                    byDoc[i] = ((long) lexOnly[i] << 32) | lexOnlySlot[i];
                }
                Arrays.sort(byDoc);
                int[] sortedDocs = new int[missing];
                for (int i = 0; i < missing; i++) {
                    sortedDocs[i] = (int) (byDoc[i] >>> 32);
                }
                float[] got = new float[missing];
                index.vectorScores(s, vector, sortedDocs, got);
                for (int i = 0; i < missing; i++) {
                    sem[(int) byDoc[i]] = got[i];
                }
            }
            Fusion.Normalization norm = ((Fusion.Convex) fusion).normalization();
            normalise(lex, n, norm);
            normalise(sem, n, norm);
            for (int i = 0; i < n; i++) {
                fused[i] = bm25Weight * lex[i] + vectorWeight * sem[i];
            }
        }
        int top = Math.min(k, n);
        int[] topDocs = new int[top];
        double[] topScores = new double[top];
        selectTop(fused, docs, n, topDocs, topScores);
        return index.load(s, topDocs, topScores); // stored fields of the final k only
    }

    /**
     * Writes the {@code topDocs.length} best of the first {@code n} candidates into
     * {@code topDocs}/{@code topScores}, best first, ties by lower doc id; a bounded insertion sort,
     * which for k much smaller than n beats sorting all candidates.
     */
    static void selectTop(double[] fused, int[] docs, int n, int[] topDocs, double[] topScores) {
        int filled = 0;
        int k = topDocs.length;
        for (int i = 0; i < n; i++) {
            double f = fused[i];
            int d = docs[i];
            if (filled == k && !better(f, d, topScores[k - 1], topDocs[k - 1])) {
                continue;
            }
            int at = filled == k ? k - 1 : filled++;
            while (at > 0 && better(f, d, topScores[at - 1], topDocs[at - 1])) {
                topScores[at] = topScores[at - 1];
                topDocs[at] = topDocs[at - 1];
                at--;
            }
            topScores[at] = f;
            topDocs[at] = d;
        }
    }

    private static boolean better(double score, int doc, double otherScore, int otherDoc) {
        return score > otherScore || (score == otherScore && doc < otherDoc);
    }

    static void normalise(double[] v, Fusion.Normalization norm) {
        normalise(v, v.length, norm);
    }

    static void normalise(double[] v, int n, Fusion.Normalization norm) {
        if (n == 0) {
            return;
        }
        if (norm == Fusion.Normalization.MIN_MAX) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
            double range = max - min;
            for (int i = 0; i < n; i++) {
                v[i] = range == 0 ? 0 : (v[i] - min) / range;
            }
        } else {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += v[i];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (v[i] - mean) * (v[i] - mean);
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                v[i] = sd == 0 ? 0 : (v[i] - mean) / sd;
            }
        }
    }

    @Override
    public String toString() {
        return "HybridRetriever[" + index + ", k=" + maxK + ", fusion=" + fusion + ", weights=" + bm25Weight + "/"
                + vectorWeight + ", candidates=" + bm25Candidates + "/" + vectorCandidates + "]";
    }

    /** Configures a {@link HybridRetriever}; get one from {@link LuceneIndex#hybrid()}. Not thread-safe. */
    public static final class Builder {
        private final LuceneIndex index;
        private int maxK = Integer.MAX_VALUE;
        private Tracer tracer;
        private Fusion fusion = Fusion.convex(Fusion.Normalization.Z_SCORE);
        private double bm25Weight = DEFAULT_BM25_WEIGHT;
        private double vectorWeight = DEFAULT_VECTOR_WEIGHT;
        private int bm25Candidates = DEFAULT_BM25_CANDIDATES;
        private int vectorCandidates = DEFAULT_VECTOR_CANDIDATES;
        private int vectorBeam = 0;

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

        /** The fusion function. Default: {@code Fusion.convex(Z_SCORE)}. */
        public Builder fusion(Fusion fusion) {
            this.fusion = Objects.requireNonNull(fusion, "fusion");
            return this;
        }

        /** Per-leg weights (both >= 0, not both 0). Default: 0.2 (BM25) and 0.8 (vector). */
        public Builder weights(double bm25Weight, double vectorWeight) {
            if (!(bm25Weight >= 0) || !Double.isFinite(bm25Weight)) {
                throw new IllegalArgumentException("bm25Weight must be >= 0 but was: " + bm25Weight);
            }
            if (!(vectorWeight >= 0) || !Double.isFinite(vectorWeight)) {
                throw new IllegalArgumentException("vectorWeight must be >= 0 but was: " + vectorWeight);
            }
            if (bm25Weight == 0 && vectorWeight == 0) {
                throw new IllegalArgumentException("bm25Weight and vectorWeight must not both be 0");
            }
            this.bm25Weight = bm25Weight;
            this.vectorWeight = vectorWeight;
            return this;
        }

        /** Candidates taken from each leg before fusion (each leg takes at least the query's k). */
        public Builder candidates(int perLeg) {
            Tracing.checkK("candidates", perLeg);
            this.bm25Candidates = perLeg;
            this.vectorCandidates = perLeg;
            return this;
        }

        /** Candidates taken from the BM25 leg, at least the query's k. Default: 50. */
        public Builder bm25Candidates(int n) {
            this.bm25Candidates = Tracing.checkK("bm25Candidates", n);
            return this;
        }

        /**
         * Candidates taken from the vector leg, at least the query's k; unless {@link #vectorBeam} is
         * set, also the HNSW beam, so this is the main latency knob. Default: 30.
         */
        public Builder vectorCandidates(int n) {
            this.vectorCandidates = Tracing.checkK("vectorCandidates", n);
            return this;
        }

        /**
         * HNSW beam width of the vector leg: the graph search collects {@code max(n, candidates)}
         * candidates, where candidates is the vector leg's depth. Default: 0, the leg's depth.
         */
        public Builder vectorBeam(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("vectorBeam must be >= 0 but was: " + n);
            }
            this.vectorBeam = n;
            return this;
        }

        public HybridRetriever build() {
            return new HybridRetriever(this);
        }
    }
}
