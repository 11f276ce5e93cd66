/**
 * Ingestion: document loaders (text, Markdown, HTML, JSONL), chunkers with stable chunk ids, and
 * the report of {@link dev.llmops.rag.LuceneIndex#ingest}.
 *
 * <p>Null policy: parameters are non-null; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package dev.llmops.rag.ingest;
