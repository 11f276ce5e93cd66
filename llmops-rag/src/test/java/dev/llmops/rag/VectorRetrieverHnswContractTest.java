package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.List;

/** Vector retrieval forced onto the HNSW path (exact-search threshold 0). */
class VectorRetrieverHnswContractTest extends LuceneRetrieverContractSupport {
    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return indexOver(chunks, 0).vector().build();
    }
}
