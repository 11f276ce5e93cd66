package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every writable {@link PromptStore} must have; each implementation's test extends this. */
abstract class AbstractPromptStoreContractTest {

    protected abstract PromptStore store();

    private static PromptDraft draft(String name, String text) {
        return new PromptDraft(name, PromptContent.text(text), "tester", "msg " + text);
    }

    @Test
    void should_number_versions_from_one_and_keep_bookkeeping() {
        PromptStore s = store();
        PromptVersion v1 = s.publish(draft("a", "one"));
        PromptVersion v2 = s.publish(draft("a", "two"));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.author()).isEqualTo("tester");
        assertThat(v2.message()).isEqualTo("msg two");
        assertThat(v2.isIntact()).isTrue();
        assertThat(s.versions("a")).containsExactly(v1, v2);
        assertThat(s.version("a", 2)).contains(v2);
    }

    @Test
    void should_return_existing_version_for_identical_content() {
        PromptStore s = store();
        PromptVersion v1 = s.publish(draft("a", "one"));
        s.publish(draft("a", "two"));
        assertThat(s.publish(draft("a", "one"))).isEqualTo(v1);
        assertThat(s.versions("a")).hasSize(2);
    }

    @Test
    void should_return_empty_for_unknown_names_and_versions() {
        PromptStore s = store();
        s.publish(draft("a", "one"));
        assertThat(s.versions("nope")).isEmpty();
        assertThat(s.version("a", 5)).isEmpty();
        assertThat(s.resolve(PromptRef.label("a", "production"))).isEmpty();
        assertThat(s.labels("nope").history()).isEmpty();
    }

    @Test
    void should_resolve_latest_labels_and_versions() {
        PromptStore s = store();
        s.publish(draft("a", "one"));
        s.publish(draft("a", "two"));
        s.updateLabels("a", l -> l.withLabel("production", 1));
        assertThat(s.resolve(PromptRef.latest("a")).orElseThrow().version()).isEqualTo(2);
        assertThat(s.resolve(PromptRef.label("a", "production")).orElseThrow().version()).isEqualTo(1);
        assertThat(s.resolve(PromptRef.version("a", 2)).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void should_keep_label_history_and_roll_back() {
        PromptStore s = store();
        s.publish(draft("a", "one"));
        s.publish(draft("a", "two"));
        s.updateLabels("a", l -> l.withLabel("production", 1));
        s.updateLabels("a", l -> l.withLabel("production", 2));
        assertThat(s.labels("a").history()).containsEntry("production", List.of(1, 2));
        s.updateLabels("a", l -> l.rollback("production"));
        assertThat(s.labels("a").current("production")).contains(1);
        assertThatThrownBy(() -> s.updateLabels("a", l -> l.rollback("production")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_list_names_sorted() {
        PromptStore s = store();
        s.publish(draft("b", "x"));
        s.publish(draft("a", "x"));
        assertThat(s.names()).containsExactly("a", "b");
    }

    @Test
    void should_publish_from_many_threads_without_gaps_or_duplicates() throws Exception {
        PromptStore s = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PromptVersion>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = "t" + i;
                fs.add(pool.submit(() -> s.publish(draft("c", text))));
            }
            for (Future<PromptVersion> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(s.versions("c")).extracting(PromptVersion::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
    }
}
