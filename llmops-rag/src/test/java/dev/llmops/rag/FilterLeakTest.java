package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The best-matching chunks all fail the filter: every retriever must still return only chunks
 * that pass it, and find all of the few that do (the filter runs inside the search, not after).
 */
class FilterLeakTest {

    private LuceneIndex index;

    @BeforeEach
    void setUp() {
        // threshold 0: vector search goes through Lucene's HNSW + filter path
        index = LuceneIndex.builder().embeddingModel(new HashingEmbeddingModel()).exactSearchThreshold(0).build();
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            chunks.add(new Chunk("decoy" + i, "decoys", "waterproof tent for winter camping model " + i,
                    Map.of("tenant", "other", "level", (long) (i % 3))));
        }
        for (int i = 0; i < 4; i++) {
            chunks.add(new Chunk("mine" + i, "mine", "a tent note number " + i, Map.of("tenant", "me", "level", 9L)));
        }
        index.upsert(chunks);
        index.commit();
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    @Test
    void should_return_only_and_all_filtered_chunks_when_better_matches_fail_the_filter() {
        List<Retriever> retrievers = List.of(index.bm25().build(), index.vector().build(),
                index.hybrid().candidates(10).build(),
                index.hybrid().fusion(Fusion.rrf()).candidates(10).build(),
                index.hybrid().fusion(Fusion.convex(Fusion.Normalization.Z_SCORE)).candidates(10).build());
        List<MetadataFilter> filters = List.of(MetadataFilter.eq("tenant", "me"), MetadataFilter.atLeast("level", 5),
                MetadataFilter.not(MetadataFilter.eq("tenant", "other")));
        for (Retriever r : retrievers) {
            for (MetadataFilter f : filters) {
                List<ScoredChunk> hits = r.retrieve(RetrievalQuery.builder("waterproof tent winter camping").k(10)
                        .filter(f).build());

                assertThat(hits).as("%s with %s", r, f).extracting(ScoredChunk::id)
                        .containsExactlyInAnyOrder("mine0", "mine1", "mine2", "mine3");
            }
        }
    }
}
