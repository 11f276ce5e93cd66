package dev.llmops.rag.ingest;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.TestEmbeddingModels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class IngestTest {

    private static final RecursiveChunker CHUNKER = RecursiveChunker.builder().maxCharacters(30).overlapCharacters(0).build();

    private static SourceDocument doc(String id, String text) {
        return new SourceDocument(id, text, Map.of("team", "gear"));
    }

    @Test
    void should_embed_nothing_when_re_ingesting_unchanged_documents() {
        AtomicInteger embedded = new AtomicInteger();
        try (LuceneIndex index = LuceneIndex.inMemory(TestEmbeddingModels.counting(embedded))) {
            List<SourceDocument> docs = List.of(doc("a", "Tents are waterproof.\n\nStoves need fuel.\n\nLanterns use batteries."),
                    doc("b", "Refunds take five days."));

            IngestReport first = index.ingest(docs, CHUNKER);
            index.commit();
            IngestReport second = index.ingest(docs, CHUNKER);

            assertThat(first).isEqualTo(new IngestReport(2, 0, 4, 0, 0, 0, 4));
            assertThat(second).isEqualTo(new IngestReport(2, 2, 0, 0, 4, 0, 0));
            assertThat(embedded.get()).isEqualTo(4);
        }
    }

    @Test
    void should_replace_exactly_the_changed_chunks_when_a_document_changes() {
        AtomicInteger embedded = new AtomicInteger();
        try (LuceneIndex index = LuceneIndex.inMemory(TestEmbeddingModels.counting(embedded))) {
            index.ingest(List.of(doc("a", "Tents are waterproof.\n\nStoves need fuel.\n\nLanterns use batteries."),
                    doc("b", "Refunds take five days.")), CHUNKER);
            index.commit();
            embedded.set(0);

            IngestReport r = index.ingest(List.of(doc("a", "Tents are waterproof.\n\nStoves need gas.")), CHUNKER);
            index.commit();

            assertThat(r.embedded()).isEqualTo(1);
            assertThat(r.added()).isEqualTo(1);
            assertThat(r.updated()).isEqualTo(1);
            assertThat(r.deleted()).isEqualTo(2);
            assertThat(embedded.get()).isEqualTo(1);
            assertThat(index.size()).isEqualTo(3);
            List<String> texts = index.bm25().build()
                    .retrieve(RetrievalQuery.builder("tents stoves lanterns gas fuel").k(10)
                            .filter(MetadataFilter.eq("team", "gear")).build())
                    .stream().map(s -> s.chunk().text()).toList();
            assertThat(texts).containsExactlyInAnyOrder("Tents are waterproof.", "Stoves need gas.");
            assertThat(index.get(RecursiveChunker.chunkId("b", 0, "Refunds take five days."))).map(Chunk::text)
                    .hasValue("Refunds take five days.");
        }
    }

    @Test
    void should_re_chunk_when_the_chunker_settings_change() {
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            List<SourceDocument> docs = List.of(doc("a", "Tents are waterproof.\n\nStoves need fuel."));
            index.ingest(docs, CHUNKER);
            index.commit();

            IngestReport r = index.ingest(docs, RecursiveChunker.builder().maxCharacters(500).overlapCharacters(0).build());
            index.commit();

            assertThat(r.unchangedDocuments()).isZero();
            assertThat(r.deleted()).isEqualTo(2);
            assertThat(index.size()).isEqualTo(1);
        }
    }
}
