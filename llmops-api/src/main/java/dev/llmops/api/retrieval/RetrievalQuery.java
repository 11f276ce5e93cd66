package dev.llmops.api.retrieval;

import dev.llmops.api.trace.TraceContext;

import java.util.Objects;
import java.util.Optional;

/**
 * What to retrieve: query text, how many results, a metadata filter and the parent span.
 *
 * <pre>{@code
 * RetrievalQuery q = RetrievalQuery.builder("return a damaged tent").k(5)
 *         .filter(MetadataFilter.eq("category", "returns")).build();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public final class RetrievalQuery {

    private final String text;
    private final int k;
    private final MetadataFilter filter;
    private final TraceContext parent;

    private RetrievalQuery(Builder b) {
        this.text = b.text;
        this.k = b.k;
        this.filter = b.filter;
        this.parent = b.parent;
    }

    /** A query for the top {@code k} chunks, no filter. */
    public static RetrievalQuery of(String text, int k) {
        return builder(text).k(k).build();
    }

    public static Builder builder(String text) {
        return new Builder(text);
    }

    public Builder toBuilder() {
        Builder b = new Builder(text).k(k).filter(filter);
        b.parent = parent;
        return b;
    }

    /** The user's query text, verbatim (retrievers must not interpret query syntax in it). */
    public String text() {
        return text;
    }

    /** How many results at most, {@code > 0}. */
    public int k() {
        return k;
    }

    /** The metadata filter; {@link MetadataFilter.All} when none. */
    public MetadataFilter filter() {
        return filter;
    }

    public Optional<TraceContext> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public String toString() {
        return "RetrievalQuery[k=" + k + ", filter=" + filter + ", text=" + text + "]";
    }

    /** Builds a {@link RetrievalQuery}. Not thread-safe. */
    public static final class Builder {
        private final String text;
        private int k = 10;
        private MetadataFilter filter = MetadataFilter.all();
        private TraceContext parent;

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        public Builder k(int k) {
            if (k <= 0) {
                throw new IllegalArgumentException("k must be > 0 but was: " + k);
            }
            this.k = k;
            return this;
        }

        public Builder filter(MetadataFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        public Builder parent(TraceContext parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        public RetrievalQuery build() {
            return new RetrievalQuery(this);
        }
    }
}
