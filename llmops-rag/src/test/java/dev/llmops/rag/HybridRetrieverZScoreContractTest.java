package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.List;

class HybridRetrieverZScoreContractTest extends LuceneRetrieverContractSupport {
    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return indexOver(chunks, 1000).hybrid().fusion(Fusion.convex(Fusion.Normalization.Z_SCORE))
                .weights(0.3, 0.7).build();
    }
}
