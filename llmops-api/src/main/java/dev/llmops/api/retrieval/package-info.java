/**
 * The {@link dev.llmops.api.retrieval.Retriever} port: a query (text, k, metadata filter) in,
 * ranked {@link dev.llmops.api.retrieval.ScoredChunk}s out. Implemented by llmops-rag (BM25,
 * vector, hybrid over Lucene) and by any other backend.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.retrieval;
