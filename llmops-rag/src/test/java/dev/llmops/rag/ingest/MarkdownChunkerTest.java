package dev.llmops.rag.ingest;

import dev.llmops.api.retrieval.Chunk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownChunkerTest {

    @Test
    void should_record_the_heading_path_when_chunking_sections() {
        String md = "Intro text.\n\n# Returns\n\nGeneral policy.\n\n## Tents\n\nTents within 30 days.\n\n"
                + "```\n# not a heading\n```\n\n## Stoves\n\nStoves within 14 days.\n\n# Shipping\n\nFree over $50.\n";
        MarkdownChunker chunker = MarkdownChunker.of(RecursiveChunker.builder().maxCharacters(500).overlapCharacters(0).build());

        List<Chunk> chunks = chunker.chunk(SourceDocument.of("faq.md", md));

        assertThat(chunks).extracting(c -> c.metadata().getOrDefault(MarkdownChunker.HEADING_PATH, ""))
                .containsExactly("", "Returns", "Returns > Tents", "Returns > Stoves", "Shipping");
        assertThat(chunks.get(2).text()).startsWith("## Tents").contains("# not a heading");
        assertThat(chunks).extracting(Chunk::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("faq.md#"));
        assertThat(chunks.get(4).id()).startsWith("faq.md#4-");
    }
}
