package dev.llmops.rag.context;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextAssemblerTest {

    private static ScoredChunk hit(String id, String doc, long index, String text, double score) {
        return new ScoredChunk(new Chunk(id, doc, text, Map.of("chunk.index", index, "source", doc + ".md")), score);
    }

    private final List<ScoredChunk> ranked = List.of(
            hit("b#1", "b", 1, "Stoves need white gas or butane canisters to run.", 0.9),
            hit("a#0", "a", 0, "Tents must be returned within thirty days of purchase.", 0.8),
            hit("a#0-copy", "a2", 0, "Tents must be returned within thirty days of purchase!", 0.7),
            hit("b#0", "b", 0, "Stove safety comes first: never cook inside a tent.", 0.6));

    @Test
    void should_number_citations_and_drop_near_duplicates_when_assembling_in_rank_order() {
        AssembledContext ctx = ContextAssembler.defaults().assemble(ranked);

        assertThat(ctx.droppedDuplicates()).isEqualTo(1);
        assertThat(ctx.citations()).extracting(Citation::chunkId).containsExactly("b#1", "a#0", "b#0");
        assertThat(ctx.citations()).extracting(Citation::marker).containsExactly("[1]", "[2]", "[3]");
        assertThat(ctx.citations().get(0).source()).hasValue("b.md");
        assertThat(ctx.text()).startsWith("[1] Stoves need").contains("\n\n[2] Tents must");
    }

    @Test
    void should_group_by_document_in_document_order_when_order_is_document() {
        AssembledContext ctx = ContextAssembler.builder().order(ContextAssembler.Order.DOCUMENT)
                .citations(ContextAssembler.CitationStyle.DOCUMENT_ID).build().assemble(ranked);

        assertThat(ctx.citations()).extracting(Citation::chunkId).containsExactly("b#0", "b#1", "a#0");
        assertThat(ctx.text()).startsWith("[b] Stove safety");
    }

    @Test
    void should_put_the_best_chunks_at_both_ends_when_order_is_edges() {
        List<ScoredChunk> five = List.of(hit("1", "d1", 0, "one alpha", 5), hit("2", "d2", 0, "two beta", 4),
                hit("3", "d3", 0, "three gamma", 3), hit("4", "d4", 0, "four delta", 2), hit("5", "d5", 0, "five eps", 1));

        AssembledContext ctx = ContextAssembler.builder().order(ContextAssembler.Order.EDGES).build().assemble(five);

        assertThat(ctx.citations()).extracting(Citation::chunkId).containsExactly("1", "3", "5", "4", "2");
    }

    @Test
    void should_stop_at_the_token_budget_when_chunks_do_not_fit() {
        AssembledContext ctx = ContextAssembler.builder().tokenBudget(30).build().assemble(ranked);

        assertThat(ctx.citations()).hasSize(1);
        assertThat(ctx.droppedForBudget()).isEqualTo(2);
        assertThat(ctx.tokens()).isLessThanOrEqualTo(30);
    }

    @Test
    void should_reject_a_threshold_outside_the_unit_interval() {
        assertThatThrownBy(() -> ContextAssembler.builder().duplicateThreshold(0))
                .hasMessage("duplicateThreshold must be in (0, 1] but was: 0.0");
    }
}
