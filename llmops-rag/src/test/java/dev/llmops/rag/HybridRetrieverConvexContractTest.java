package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.List;

class HybridRetrieverConvexContractTest extends LuceneRetrieverContractSupport {
    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return indexOver(chunks, 0).hybrid().candidates(20).build();
    }
}
