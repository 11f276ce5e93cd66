package dev.llmops.rag.beir;

import dev.llmops.api.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeirDatasetTest {

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void should_load_gzipped_corpus_queries_and_split_qrels_when_the_folder_is_beir_format() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            out.write(("{\"_id\":\"d1\",\"title\":\"T\",\"text\":\"body one\"}\n"
                    + "{\"_id\":\"d2\",\"text\":\"body two\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        write("queries.jsonl", "{\"_id\":\"q1\",\"text\":\"first\"}\n{\"_id\":\"q2\",\"text\":\"second\"}\n");
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq2\td1\t1\n");

        BeirDataset ds = BeirDataset.load(dir, "test");

        assertThat(ds.corpus()).containsExactly(new BeirDocument("d1", "T", "body one"), new BeirDocument("d2", "", "body two"));
        assertThat(ds.corpus().get(0).titleAndText()).isEqualTo("T\nbody one");
        assertThat(ds.corpus().get(1).titleAndText()).isEqualTo("body two");
        assertThat(ds.queries()).containsOnlyKeys("q2");
        assertThat(ds.qrels().of("q2")).containsEntry("d1", 1);
    }

    @Test
    void should_name_file_line_and_field_when_a_corpus_line_lacks_text() throws IOException {
        write("corpus.jsonl", "{\"_id\":\"d1\",\"text\":\"ok\"}\n{\"_id\":\"d2\"}\n");

        assertThatThrownBy(() -> BeirDataset.loadCorpus(dir.resolve("corpus.jsonl")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("corpus.jsonl:2: field 'text'");
    }

    @Test
    void should_name_the_line_when_a_qrels_score_is_not_a_number() throws IOException {
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");

        assertThatThrownBy(() -> BeirDataset.loadQrels(dir.resolve("qrels/test.tsv")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("test.tsv:2: field 'score': expected an integer but was \"high\"");
    }

    @Test
    void should_report_malformed_json_with_its_line_when_a_query_line_is_broken() throws IOException {
        write("queries.jsonl", "{\"_id\":\"q1\",\"text\":\"ok\"}\n{broken\n");

        assertThatThrownBy(() -> BeirDataset.loadQueries(dir.resolve("queries.jsonl")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("queries.jsonl:2: malformed JSON");
    }
}
