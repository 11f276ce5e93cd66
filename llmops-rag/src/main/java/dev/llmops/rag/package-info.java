/**
 * llmops-rag: the Lucene index (BM25 + vectors in one index), BM25 / vector / hybrid
 * {@link dev.llmops.api.retrieval.Retriever}s, ingestion, context assembly and retrieval metrics.
 * Start at {@link dev.llmops.rag.LuceneIndex}.
 *
 * <p>Null policy: parameters are non-null and checked; absent results are
 * {@link java.util.Optional}; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package dev.llmops.rag;
