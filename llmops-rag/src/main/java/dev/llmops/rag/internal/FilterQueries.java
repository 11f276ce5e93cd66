package dev.llmops.rag.internal;

import dev.llmops.api.retrieval.MetadataFilter;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Translates a {@link MetadataFilter} into a non-scoring Lucene query with the same semantics as
 * {@link MetadataFilter#test}. Internal: not part of the public API. Stateless and thread-safe.
 */
public final class FilterQueries {

    private FilterQueries() {
    }

    /** Whether the filter matches everything (so no filter clause is needed). */
    public static boolean isAll(MetadataFilter filter) {
        return filter instanceof MetadataFilter.All;
    }

    /** The Lucene query selecting exactly the chunks that pass {@code filter}. */
    public static Query toQuery(MetadataFilter filter) {
        return new ConstantScoreQuery(translate(filter));
    }

    private static Query translate(MetadataFilter filter) {
        if (filter instanceof MetadataFilter.All) {
            return new MatchAllDocsQuery();
        }
        if (filter instanceof MetadataFilter.Eq eq) {
            return equalsQuery(eq.key(), eq.value());
        }
        if (filter instanceof MetadataFilter.In in) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (Object v : in.values()) {
                b.add(equalsQuery(in.key(), v), BooleanClause.Occur.SHOULD);
            }
            return b.setMinimumNumberShouldMatch(1).build();
        }
        if (filter instanceof MetadataFilter.Range r) {
            return DoublePoint.newRangeQuery(Fields.NUMBER_PREFIX + r.key(), r.min(), r.max());
        }
        if (filter instanceof MetadataFilter.And and) {
            if (and.filters().isEmpty()) {
                return new MatchAllDocsQuery();
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (MetadataFilter f : and.filters()) {
                b.add(translate(f), BooleanClause.Occur.FILTER);
            }
            return b.build();
        }
        if (filter instanceof MetadataFilter.Or or) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (MetadataFilter f : or.filters()) {
                b.add(translate(f), BooleanClause.Occur.SHOULD);
            }
            return b.setMinimumNumberShouldMatch(1).build();
        }
        if (filter instanceof MetadataFilter.Not not) {
            return new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(translate(not.filter()), BooleanClause.Occur.MUST_NOT)
                    .build();
        }
        throw new IllegalArgumentException("unsupported filter type: " + filter.getClass().getName());
    }

    private static Query equalsQuery(String key, Object value) {
        if (value instanceof String s) {
            return new TermQuery(new Term(Fields.STRING_PREFIX + key, s));
        }
        if (value instanceof Number n) {
            return DoublePoint.newExactQuery(Fields.NUMBER_PREFIX + key, n.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return new TermQuery(new Term(Fields.BOOLEAN_PREFIX + key, bool.toString()));
        }
        return new MatchNoDocsQuery("unsupported metadata value type for '" + key + "'");
    }
}
