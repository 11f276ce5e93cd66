package dev.llmops.rag;

import java.util.Objects;

/**
 * How {@link HybridRetriever} fuses its BM25 and vector legs.
 *
 * <ul>
 *   <li>{@link Rrf}: reciprocal rank fusion, {@code sum(weight / (k + rank))}; uses ranks only.</li>
 *   <li>{@link Convex}: {@code w_bm25 * norm(bm25) + w_vector * norm(cosine)} over the union of
 *   both legs' candidates, where every candidate gets its exact score in both legs (a BM25 score of
 *   0 when it matches no query term) before normalisation by {@link Normalization}.</li>
 * </ul>
 *
 * <pre>{@code
 * index.hybrid().fusion(Fusion.rrf(60)).weights(1.0, 1.0).build();
 * index.hybrid().fusion(Fusion.convex(Normalization.MIN_MAX)).weights(0.3, 0.7).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Fusion {

    /** Reciprocal rank fusion with constant {@code k} (60 in Cormack et al., 2009). */
    record Rrf(int k) implements Fusion {
        public Rrf {
            if (k < 0) {
                throw new IllegalArgumentException("rrf k must be >= 0 but was: " + k);
            }
        }
    }

    /** Convex combination of normalised scores. */
    record Convex(Normalization normalization) implements Fusion {
        public Convex {
            Objects.requireNonNull(normalization, "normalization");
        }
    }

    /** Score normalisation for {@link Convex}. */
    enum Normalization {
        /** {@code (s - min) / (max - min)} over the candidates. */
        MIN_MAX,
        /** {@code (s - mean) / stddev} over the candidates. */
        Z_SCORE
    }

    static Fusion rrf() {
        return new Rrf(60);
    }

    static Fusion rrf(int k) {
        return new Rrf(k);
    }

    static Fusion convex(Normalization normalization) {
        return new Convex(normalization);
    }
}
