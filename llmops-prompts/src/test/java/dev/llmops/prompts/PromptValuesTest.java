package dev.llmops.prompts;

import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.internal.LineDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptValuesTest {

    @Test
    void should_hash_content_canonically() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        PromptContent x = PromptContent.text("hi").withMetadata(ab);
        PromptContent y = PromptContent.text("hi").withMetadata(ba);
        assertThat(x.contentHash()).isEqualTo(y.contentHash()).hasSize(64);
        assertThat(PromptContent.chat(List.of(PromptMessage.user("hi"))).contentHash())
                .isNotEqualTo(PromptContent.text("hi").contentHash());
        assertThat(x.withConfig(ModelConfig.builder().temperature(0.1).build()).contentHash())
                .isNotEqualTo(x.contentHash());
        assertThat(x.canonicalForm()).isEqualTo("{\"kind\":\"text\",\"template\":\"hi\",\"config\":{\"format\":\"text\"},"
                + "\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
    }

    @Test
    void should_validate_labels_and_versions() {
        assertThatThrownBy(() -> PromptLabels.none().withLabel("latest", 1))
                .hasMessage("label 'latest' is implicit and cannot be set");
        assertThatThrownBy(() -> PromptLabels.none().withLabel("prod", 0))
                .hasMessage("versions of label 'prod' must be > 0 but was: 0");
        assertThatThrownBy(() -> PromptLabels.none().withLabel("bad label", 1))
                .hasMessageStartingWith("prompt selector must match");
        assertThatThrownBy(() -> PromptVersion.of("p", 0, PromptContent.text("x"), java.time.Instant.EPOCH, "", ""))
                .hasMessage("version must be > 0 but was: 0");
        assertThatThrownBy(() -> PromptContent.chat(List.of())).hasMessage("messages must not be empty");
        assertThat(PromptLabels.none().withLabel("p", 1).withLabel("p", 1).history().get("p")).containsExactly(1);
    }

    @Test
    void should_produce_separate_hunks_for_distant_changes() {
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            a.add("line " + i);
        }
        List<String> b = new ArrayList<>(a);
        b.set(1, "changed 2");
        b.set(17, "changed 18");
        b.add("line 21");
        assertThat(LineDiff.unified("a", a, "b", b, 1)).isEqualTo("""
                --- a
                +++ b
                @@ -1,3 +1,3 @@
                 line 1
                -line 2
                +changed 2
                 line 3
                @@ -17,4 +17,5 @@
                 line 17
                -line 18
                +changed 18
                 line 19
                 line 20
                +line 21
                """);
    }

    @Test
    void should_serve_and_publish_concurrently_through_one_registry(@TempDir Path dir) throws Exception {
        PromptRegistry registry = PromptRegistry.fromDirectory(dir);
        registry.publish("p", PromptContent.text("v0 {{x}}"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    if (n % 4 == 0) {
                        registry.publish("p", PromptContent.text("v" + (n / 4 + 1) + " {{x}}"));
                    }
                    return registry.get("p", 1).renderText(Map.of("x", n));
                }));
            }
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).get()).isEqualTo("v0 " + i);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(registry.history("p")).hasSize(11);
    }

    @Test
    void should_round_trip_versions_and_labels_through_jackson() throws Exception {
        PromptContent content = PromptContent.chat(List.of(PromptMessage.system("Be {{tone}}."),
                        PromptMessage.user("{{q}}")))
                .withConfig(ModelConfig.builder().modelName("m").temperature(0.3).stop(List.of("###"))
                        .jsonSchema("{\"type\":\"object\"}").build())
                .withMetadata(Map.of("team", "support"));
        PromptVersion v = PromptVersion.of("qa", 2, content, java.time.Instant.parse("2026-01-01T00:00:00Z"), "ada",
                "msg");
        String json = dev.llmops.api.LlmOpsJson.writer().writeValueAsString(v);
        PromptVersion back = dev.llmops.api.LlmOpsJson.reader().forType(PromptVersion.class).readValue(json);
        assertThat(back).isEqualTo(v);
        assertThat(back.isIntact()).isTrue();
        PromptVersion text = PromptVersion.of("t", 1, PromptContent.text("hi"), java.time.Instant.EPOCH, "", "");
        assertThat(dev.llmops.api.LlmOpsJson.reader().forType(PromptVersion.class)
                .<PromptVersion>readValue(dev.llmops.api.LlmOpsJson.writer().writeValueAsString(text))).isEqualTo(text);
        PromptLabels labels = PromptLabels.none().withLabel("production", 1).withLabel("production", 2);
        assertThat(dev.llmops.api.LlmOpsJson.reader().forType(PromptLabels.class)
                .<PromptLabels>readValue(dev.llmops.api.LlmOpsJson.writer().writeValueAsString(labels)))
                .isEqualTo(labels);
    }
}
