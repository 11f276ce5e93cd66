package dev.llmops.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainAdaptersTest {

    private static LuceneIndex index() {
        LuceneIndex index = LuceneIndex.inMemory();
        index.upsert(List.of(
                new Chunk("a", "faq", "tents can be returned within 30 days", Map.of("cat", "returns", "year", 2024L, "ok", true)),
                new Chunk("b", "faq", "tents are waterproof and light", Map.of("cat", "product", "year", 2023L, "ok", false)),
                new Chunk("c", "faq", "a short tent story", Map.of("cat", "returns", "year", 2022L, "ok", true))));
        index.commit();
        return index;
    }

    @Test
    void should_map_chunks_to_contents_with_metadata_and_score_when_used_as_content_retriever() {
        try (LuceneIndex index = index()) {
            LangChainContentRetriever retriever = LangChainContentRetriever.of(index.bm25().build(), 2,
                    MetadataFilter.eq("cat", "returns"));

            List<Content> contents = retriever.retrieve(Query.from("return a tent"));

            assertThat(contents).hasSize(2);
            Content first = contents.get(0);
            assertThat(first.textSegment().text()).isEqualTo("tents can be returned within 30 days");
            assertThat(first.textSegment().metadata().getString(LangChainContentRetriever.CHUNK_ID)).isEqualTo("a");
            assertThat(first.textSegment().metadata().getString(LangChainContentRetriever.DOCUMENT_ID)).isEqualTo("faq");
            assertThat(first.textSegment().metadata().getLong("year")).isEqualTo(2024L);
            assertThat(first.textSegment().metadata().getString("ok")).isEqualTo("true");
            assertThat((Double) first.metadata().get(ContentMetadata.SCORE)).isPositive();
        }
    }

    @Test
    void should_reorder_by_the_scoring_model_and_keep_k_when_reranking() {
        ScoringModel byLength = new ScoringModel() {
            @Override
            public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
                return Response.from(segments.stream().map(s -> (double) -s.text().length()).toList());
            }
        };
        try (LuceneIndex index = index()) {
            RerankingRetriever reranked = RerankingRetriever.builder(index.bm25().build(), byLength).topN(10).build();

            List<ScoredChunk> hits = reranked.retrieve(RetrievalQuery.builder("tent tents").k(2)
                    .filter(MetadataFilter.eq("ok", true)).build());

            assertThat(hits).extracting(ScoredChunk::id).containsExactly("c", "a");
            assertThat(hits.get(0).score()).isEqualTo(-"a short tent story".length());
        }
    }
}
