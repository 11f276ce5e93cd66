package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** Opens in-memory indexes for the contract tests and closes them afterwards. */
abstract class LuceneRetrieverContractSupport extends AbstractRetrieverContractTest {

    private final List<LuceneIndex> opened = new ArrayList<>();

    protected LuceneIndex indexOver(List<Chunk> chunks, int exactSearchThreshold) {
        LuceneIndex index = LuceneIndex.builder().embeddingModel(new HashingEmbeddingModel())
                .exactSearchThreshold(exactSearchThreshold).build();
        opened.add(index);
        index.upsert(chunks);
        index.commit();
        return index;
    }

    @AfterEach
    void closeIndexes() {
        opened.forEach(LuceneIndex::close);
    }
}
