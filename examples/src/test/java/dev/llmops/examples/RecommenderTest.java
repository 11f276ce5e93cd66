package dev.llmops.examples;

import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.ingest.RecursiveChunker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTest {

    @TempDir
    Path workdir;

    @Test
    void should_recommend_only_catalogue_products_that_match_the_filters_when_run_offline() {
        Map<String, Recommender.Product> catalogue = Recommender.catalogue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<Recommender.Outcome> outcomes = Recommender.run(ExampleModels.offline(),
                TestWorkdirs.parts().embeddings(), workdir, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Recommender.REQUESTS);

        assertThat(catalogue).hasSize(300);
        assertThat(outcomes).hasSize(Recommender.REQUESTS.size()).allSatisfy(o -> {
            assertThat(o.candidates()).isNotEmpty().allSatisfy(id ->
                    assertThat(o.request().accepts(catalogue.get(id))).as(id).isTrue());
            assertThat(o.ranked()).as(o.request().need()).isNotEmpty().allSatisfy(p -> {
                assertThat(catalogue).containsEntry(p.id(), p);
                assertThat(p.category()).isEqualTo(o.request().category());
                assertThat(p.price()).isBetween(o.request().minPrice(), o.request().maxPrice());
            });
        });
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("embedding products: 300/300")
                .contains("Catalogue index: 300 products embedded");
    }

    @Test
    void should_drop_and_report_invented_and_out_of_filter_products_when_the_model_returns_them() {
        Map<String, Recommender.Product> catalogue = Recommender.catalogue();
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            index.ingest(Recommender.documents(catalogue), RecursiveChunker.builder().maxCharacters(2_000).build());
            index.commit();
            LanguageModel model = LanguageModel.of(ScriptedChatModel.alwaysReplying(
                    "{\"answer\":\"These fit.\",\"productReferences\":[\"NW-99999\",\"[NW-00001]\",\"NW-00142\"]}"));
            Recommender.Request request = new Recommender.Request("running headlamp", "headlamps", 20, 80);

            Recommender.Outcome o = Recommender.recommend(request, index.bm25().build(), model, catalogue);

            assertThat(o.ranked()).extracting(Recommender.Product::id).containsExactly("NW-00142");
            assertThat(o.dropped()).containsExactly("NW-99999 (not in the catalogue)",
                    "[NW-00001] (outside the filters)");
        }
    }

    @Test
    void should_reject_a_price_range_whose_max_is_below_its_min() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Recommender.Request("x", "tents", 50, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price range must satisfy 0 <= min <= max but was: [50.0, 10.0]");
    }
}
