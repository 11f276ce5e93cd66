package dev.llmops.rag.beir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: for each query id, the graded relevance of judged document ids.
 *
 * <p>Immutable and thread-safe.
 *
 * @param byQuery query id to (document id to relevance grade); grades {@code <= 0} mean not relevant
 * @since 0.1.0
 */
public record Qrels(Map<String, Map<String, Integer>> byQuery) {

    public Qrels {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        byQuery.forEach((q, m) -> copy.put(q, Map.copyOf(m)));
        byQuery = java.util.Collections.unmodifiableMap(copy);
    }

    /** The judgments of one query; empty when it has none. */
    public Map<String, Integer> of(String queryId) {
        return byQuery.getOrDefault(queryId, Map.of());
    }

    /** The judged query ids, in file order. */
    public Set<String> queryIds() {
        return byQuery.keySet();
    }
}
