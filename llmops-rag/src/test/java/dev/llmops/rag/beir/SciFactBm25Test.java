package dev.llmops.rag.beir;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.Bm25Retriever;
import dev.llmops.rag.LuceneIndex;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * BM25 through llmops-rag reproduces the published Anserini number on BEIR SciFact (test split).
 * Only the top 10 are retrieved to keep the test fast; Recall@100 is measured by the benchmark.
 */
class SciFactBm25Test {

    @Test
    void should_reproduce_anserini_ndcg_at_10_when_running_bm25_on_scifact_test() {
        BeirDataset scifact = BeirDataset.load(Path.of("..", "datasets", "scifact"), "test");
        assertThat(scifact.corpus()).hasSize(5183);
        assertThat(scifact.queries()).hasSize(300);

        try (LuceneIndex index = LuceneIndex.inMemory()) {
            List<Chunk> chunks = new ArrayList<>();
            for (BeirDocument d : scifact.corpus()) {
                chunks.add(Chunk.of(d.id(), d.id(), d.titleAndText()));
            }
            index.upsert(chunks);
            index.commit();
            Bm25Retriever bm25 = index.bm25().build();
            Map<String, List<String>> run = new LinkedHashMap<>();
            scifact.queries().forEach((id, text) ->
                    run.put(id, bm25.retrieve(text, 10).stream().map(ScoredChunk::id).toList()));

            RetrievalMetrics.Summary summary = RetrievalMetrics.evaluate(run, scifact.qrels());

            assertThat(summary.queries()).isEqualTo(300);
            assertThat(summary.ndcg10()).isCloseTo(0.679, within(0.002));
            assertThat(summary.mrr10()).isCloseTo(0.646, within(0.01));
        }
    }
}
