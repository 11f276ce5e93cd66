package dev.llmops.rag.ingest;

import dev.llmops.api.model.TokenEstimator;
import dev.llmops.api.retrieval.Chunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecursiveChunkerTest {

    private static final String TEXT = "First paragraph is short.\n\n"
            + "Second paragraph has several sentences. This is the second one. And here is a third sentence!\n\n"
            + "Third paragraph.";

    @Test
    void should_keep_whole_paragraphs_together_when_they_fit() {
        RecursiveChunker chunker = RecursiveChunker.builder().maxCharacters(1000).overlapCharacters(0).build();

        assertThat(chunker.split(TEXT)).containsExactly(TEXT);
    }

    @Test
    void should_split_at_sentences_then_words_and_respect_the_maximum_when_paragraphs_are_long() {
        RecursiveChunker chunker = RecursiveChunker.builder().maxCharacters(45).overlapCharacters(0).build();

        List<String> chunks = chunker.split(TEXT);

        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(45));
        assertThat(chunks).contains("First paragraph is short.");
        assertThat(chunks).anySatisfy(c -> assertThat(c).contains("This is the second one."));
        assertThat(String.join(" ", chunks).replaceAll("\\s+", " "))
                .isEqualTo(TEXT.replaceAll("\\s+", " "));
    }

    @Test
    void should_repeat_the_end_of_the_previous_chunk_when_overlap_is_set() {
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        RecursiveChunker chunker = RecursiveChunker.builder().maxCharacters(25).overlapCharacters(10).build();

        List<String> chunks = chunker.split(words);

        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(25));
        for (int i = 1; i < chunks.size(); i++) {
            String prev = chunks.get(i - 1);
            String firstWord = chunks.get(i).split(" ")[0];
            // the next chunk starts with words from the last 10 characters of the previous one
            assertThat(prev.substring(Math.max(0, prev.length() - 10))).contains(firstWord);
            assertThat(prev).endsWith(chunks.get(i).substring(0, prev.length() - prev.lastIndexOf(firstWord)));
        }
    }

    @Test
    void should_count_estimated_tokens_when_sizing_by_tokens() {
        String longText = "word ".repeat(300);
        RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(50).overlapTokens(5).build();

        List<String> chunks = chunker.split(longText);

        assertThat(chunks).allSatisfy(c -> assertThat(TokenEstimator.estimate(c)).isLessThanOrEqualTo(50));
        assertThat(chunks).hasSizeBetween(6, 8);
    }

    @Test
    void should_give_stable_ids_that_change_only_for_changed_chunks() {
        RecursiveChunker chunker = RecursiveChunker.builder().maxCharacters(30).overlapCharacters(0).build();
        SourceDocument v1 = new SourceDocument("doc", "One two three.\n\nFour five six.\n\nSeven eight.", Map.of("k", "v"));
        SourceDocument v2 = new SourceDocument("doc", "One two three.\n\nFour FIVE six.\n\nSeven eight.", Map.of("k", "v"));

        List<Chunk> a = chunker.chunk(v1);
        List<Chunk> again = chunker.chunk(v1);
        List<Chunk> b = chunker.chunk(v2);

        assertThat(again).extracting(Chunk::id).isEqualTo(a.stream().map(Chunk::id).toList());
        assertThat(a).hasSize(2);
        assertThat(a.get(0).id()).startsWith("doc#0-");
        assertThat(a.get(0).metadata()).containsEntry("k", "v").containsEntry(RecursiveChunker.CHUNK_INDEX, 0L);
        assertThat(b.get(0).id()).isNotEqualTo(a.get(0).id());
        assertThat(b.get(1).id()).isEqualTo(a.get(1).id());
    }

    @Test
    void should_reject_an_overlap_not_smaller_than_the_maximum() {
        assertThatThrownBy(() -> RecursiveChunker.builder().maxCharacters(10).overlapCharacters(10).build())
                .hasMessage("overlap must be < maxSize but was: 10 >= 10");
        assertThatThrownBy(() -> RecursiveChunker.builder().maxTokens(0)).hasMessage("maxTokens must be > 0 but was: 0");
    }
}
