/**
 * BEIR-format datasets and rank metrics (nDCG, recall, MRR, hit rate) for measuring retrievers.
 *
 * <p>Null policy: parameters are non-null; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package dev.llmops.rag.beir;
