package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.List;

class HybridRetrieverRrfContractTest extends LuceneRetrieverContractSupport {
    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return indexOver(chunks, 0).hybrid().fusion(Fusion.rrf()).bm25Candidates(15).vectorCandidates(25).build();
    }
}
