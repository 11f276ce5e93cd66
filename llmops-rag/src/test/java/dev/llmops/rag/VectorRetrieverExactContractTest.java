package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.List;

/** Vector retrieval on a small index: exact (brute-force) search. */
class VectorRetrieverExactContractTest extends LuceneRetrieverContractSupport {
    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return indexOver(chunks, 1000).vector().build();
    }
}
