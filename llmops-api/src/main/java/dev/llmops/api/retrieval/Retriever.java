package dev.llmops.api.retrieval;

import java.util.List;

/**
 * The retrieval port: a query in, at most {@code k} chunks out, best first.
 *
 * <p><b>Contract</b> (checked for every implementation by llmops-rag's
 * {@code AbstractRetrieverContractTest}): results are sorted by descending score; there are at
 * most {@code k}; no two share a chunk id; every result passes the query's filter; any query text
 * (including query-syntax characters such as {@code AND ( * " ~ :}) is treated as plain words and
 * never throws; an empty index gives an empty list. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Retriever {

    /** Retrieves the best chunks for a query. */
    List<ScoredChunk> retrieve(RetrievalQuery query);

    /** Shortcut for {@code retrieve(RetrievalQuery.of(text, k))}. */
    default List<ScoredChunk> retrieve(String text, int k) {
        return retrieve(RetrievalQuery.of(text, k));
    }
}
