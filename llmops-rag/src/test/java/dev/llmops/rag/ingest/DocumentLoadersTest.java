package dev.llmops.rag.ingest;

import dev.llmops.api.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentLoadersTest {

    @TempDir
    Path dir;

    @Test
    void should_turn_front_matter_into_metadata_when_loading_markdown() throws IOException {
        Path f = dir.resolve("a.md");
        Files.writeString(f, "---\ntitle: Returns\nyear: 2024\nprice: 9.5\ndraft: false\ntags: [a, b]\n---\n# Body\ntext\n");

        SourceDocument d = DocumentLoaders.markdown(f);

        assertThat(d.id()).isEqualTo("a.md");
        assertThat(d.text()).isEqualTo("# Body\ntext");
        assertThat(d.metadata()).containsEntry("title", "Returns").containsEntry("year", 2024L)
                .containsEntry("price", 9.5).containsEntry("draft", false).doesNotContainKey("tags")
                .containsEntry(DocumentLoaders.SOURCE, f.toString());
    }

    @Test
    void should_name_the_file_when_front_matter_is_not_closed() throws IOException {
        Path f = dir.resolve("bad.md");
        Files.writeString(f, "---\ntitle: x\nno end\n");

        assertThatThrownBy(() -> DocumentLoaders.markdown(f)).isInstanceOf(LoadException.class)
                .hasMessageContaining("bad.md:1: front matter starts with '---' but is never closed");
    }

    @Test
    void should_extract_visible_text_and_title_when_loading_html() throws IOException {
        Path f = dir.resolve("p.html");
        Files.writeString(f, "<html><head><title>Guide</title><style>p{}</style></head><body>"
                + "<h1>Tents</h1><p>Pitch <b>before</b> dark.</p><script>alert(1)</script><ul><li>Stakes</li></ul></body></html>");

        SourceDocument d = DocumentLoaders.html(f);

        assertThat(d.metadata()).containsEntry(DocumentLoaders.TITLE, "Guide");
        assertThat(d.text()).isEqualTo("Tents\n\nPitch before dark.\n\nStakes");
    }

    @Test
    void should_read_one_document_per_line_when_loading_jsonl() throws IOException {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, "{\"id\":\"1\",\"body\":\"hello\",\"lang\":\"en\",\"n\":3}\n\n{\"id\":2,\"body\":\"bye\"}\n");

        List<SourceDocument> docs = DocumentLoaders.jsonl(f, "id", "body");

        assertThat(docs).extracting(SourceDocument::id).containsExactly("1", "2");
        assertThat(docs.get(0).metadata()).containsEntry("lang", "en").containsEntry("n", 3L);
    }

    @Test
    void should_name_line_and_field_when_a_jsonl_line_lacks_the_text_field() throws IOException {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, "{\"id\":\"1\",\"body\":\"ok\"}\n{\"id\":\"2\"}\n");

        assertThatThrownBy(() -> DocumentLoaders.jsonl(f, "id", "body")).isInstanceOf(LoadException.class)
                .hasMessageContaining("d.jsonl:2: field 'body': missing or not a string");
    }

    @Test
    void should_load_supported_files_with_relative_ids_when_loading_a_directory() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.txt"), "plain");
        Files.writeString(dir.resolve("sub/b.md"), "# B");
        Files.writeString(dir.resolve("sub/c.htm"), "<p>C</p>");
        Files.writeString(dir.resolve("skip.bin"), "x");

        assertThat(DocumentLoaders.directory(dir)).extracting(SourceDocument::id)
                .containsExactly("a.txt", "sub/b.md", "sub/c.htm");
    }
}
