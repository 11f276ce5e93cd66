package dev.llmops.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.model.ExtractiveChatModel;
import dev.llmops.api.model.Generation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuickstartTest {

    @TempDir
    Path workdir;

    @Test
    void should_answer_offline_and_say_it_is_not_an_llm() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Generation g = Quickstart.run(ExampleModels.offline(), workdir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).startsWith(ExtractiveChatModel.BANNER).contains("not an LLM");
        assertThat(g.text()).contains("within 30 days").contains("[returns]");
        assertThat(out).contains("A: " + g.text()).contains("cost     $0.000000").contains("trace    " + g.traceId());

        List<String> lines = Files.readAllLines(workdir.resolve("traces/quickstart.jsonl"));
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = lines.stream().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("span");
            assertThat(e.get("event").get("kind").asText()).isEqualTo("MODEL_CALL");
            assertThat(e.get("event").get("traceId").asText()).isEqualTo(g.traceId());
        });
        assertThat(events).anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("feedback"));
    }

    @Test
    void should_choose_the_offline_stand_in_without_an_endpoint() {
        assertThat(ExampleModels.from(Map.of()).offlineStandIn()).isTrue();
        assertThat(ExampleModels.from(Map.of(ExampleModels.BASE_URL, " ")).offlineStandIn()).isTrue();
    }

    @Test
    void should_use_the_configured_openai_compatible_endpoint() throws Exception {
        try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
            server.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"llama3\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                            + "\"Within 30 days [returns].\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":6,\"total_tokens\":86}}"));
            server.start();
            ExampleModels models = ExampleModels.from(Map.of(ExampleModels.BASE_URL, server.url("/v1").toString(),
                    ExampleModels.MODEL, "llama3"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            Generation g = Quickstart.run(models, workdir, new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(models.offlineStandIn()).isFalse();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Using model llama3 at ");
            assertThat(g.text()).isEqualTo("Within 30 days [returns].");
            assertThat(g.usage().estimated()).isFalse();
            assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer none");
        }
    }
}
