package dev.llmops.prompts.store;

import dev.langchain4j.data.message.SystemMessage;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.PromptRegistry;
import okhttp3.Credentials;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LangfusePromptStoreTest {

    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private MockWebServer server;
    private final TestClock clock = new TestClock();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private LangfusePromptStore.Builder store() {
        return LangfusePromptStore.builder(server.url("/").toString(), "pk-lf-1", "sk-lf-2").clock(clock)
                .ttl(Duration.ofSeconds(30));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static final String CHAT = """
            {"id":"p1","name":"support","version":3,"type":"chat",
             "prompt":[{"role":"system","content":"Be {{tone}}."},{"role":"user","content":"{{question}}"}],
             "config":{"model":"gpt-4o-mini","temperature":0.1,"max_tokens":200,"stop":["###"],"seed":7},
             "labels":["production","latest"],"tags":[],"createdAt":"2025-06-01T10:00:00.000Z",
             "createdBy":"ada","commitMessage":"tone"}
            """;

    @Test
    void should_fetch_with_basic_auth_and_map_chat_prompt_and_config() throws Exception {
        server.enqueue(json(CHAT));
        PromptRegistry registry = PromptRegistry.over(store().build());
        var rendered = registry.get("support", "production").render(Map.of("tone", "kind", "question", "Why?"));
        assertThat(rendered.messages().get(0)).isEqualTo(SystemMessage.from("Be kind."));
        assertThat(rendered.ref()).isEqualTo("support@3");
        assertThat(rendered.modelParameters().orElseThrow().temperature()).isEqualTo(0.1);
        assertThat(rendered.modelParameters().orElseThrow().maxOutputTokens()).isEqualTo(200);
        RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(req.getPath()).isEqualTo("/api/public/v2/prompts/support?label=production");
        assertThat(req.getHeader("Authorization")).isEqualTo(Credentials.basic("pk-lf-1", "sk-lf-2"));
        PromptVersion v = registry.get("support", "production").version();
        assertThat(v.author()).isEqualTo("ada");
        assertThat(v.content().metadata()).containsEntry("config.seed", "7");
    }

    @Test
    void should_serve_from_cache_within_ttl_and_refetch_after() throws Exception {
        server.enqueue(json(CHAT));
        server.enqueue(json(CHAT.replace("\"version\":3", "\"version\":4")));
        LangfusePromptStore store = store().build();
        assertThat(store.resolve(PromptRef.label("support", "production")).orElseThrow().version()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(29));
        assertThat(store.resolve(PromptRef.label("support", "production")).orElseThrow().version()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.resolve(PromptRef.label("support", "production")).orElseThrow().version()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void should_serve_stale_copy_when_server_fails() {
        server.enqueue(json(CHAT));
        server.enqueue(new MockResponse().setResponseCode(503));
        LangfusePromptStore store = store().build();
        store.resolve(PromptRef.label("support", "production"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.resolve(PromptRef.label("support", "production")).orElseThrow().version()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void should_serve_fallback_when_server_is_down_and_nothing_is_cached() throws IOException {
        LangfusePromptStore store = store().fallback("support", PromptContent.text("Answer: {{question}}")).build();
        server.shutdown();
        PromptRegistry registry = PromptRegistry.over(store);
        assertThat(registry.get("support", "production").renderText(Map.of("question", "q"))).isEqualTo("Answer: q");
        assertThatThrownBy(() -> registry.get("other", "production"))
                .isInstanceOf(PromptStoreException.class)
                .hasMessageStartingWith("Langfuse prompt API unavailable for other@production (ConnectException: ")
                .hasMessageEndingWith(") and there is no cached copy or fallback");
    }

    @Test
    void should_report_not_found_on_404() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"Prompt not found\"}"));
        server.enqueue(json("{\"data\":[],\"meta\":{\"totalPages\":1}}"));
        server.enqueue(json("{\"data\":[],\"meta\":{\"totalPages\":1}}"));
        PromptRegistry registry = PromptRegistry.over(store().build());
        assertThatThrownBy(() -> registry.get("missing", 2))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessage("prompt not found: missing@2 (no prompt named 'missing'; known prompts: [])");
    }

    @Test
    void should_fail_fast_on_401_even_with_a_cached_copy() {
        server.enqueue(json(CHAT));
        server.enqueue(new MockResponse().setResponseCode(401));
        LangfusePromptStore store = store().fallback("support", PromptContent.text("x")).build();
        store.resolve(PromptRef.label("support", "production"));
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> store.resolve(PromptRef.label("support", "production")))
                .isInstanceOf(PromptStoreException.class)
                .hasMessage("Langfuse rejected the credentials (HTTP 401) for GET /api/public/v2/prompts/support; "
                        + "check the public and secret key")
                .satisfies(e -> assertThat(((PromptStoreException) e).statusCode()).isEqualTo(401));
    }

    @Test
    void should_name_the_field_of_a_malformed_response() {
        server.enqueue(json("{\"name\":\"support\",\"version\":\"three\",\"type\":\"text\",\"prompt\":\"x\"}"));
        LangfusePromptStore store = store().build();
        assertThatThrownBy(() -> store.resolve(PromptRef.version("support", 3)))
                .hasMessageEndingWith("/api/public/v2/prompts/support?version=3: field 'version': "
                        + "expected a whole number > 0 but was: \"three\"");
    }

    @Test
    void should_list_versions_and_labels_and_refuse_writes() {
        server.enqueue(json("{\"data\":[{\"name\":\"support\",\"versions\":[3],\"labels\":[\"production\",\"latest\"]}],"
                + "\"meta\":{\"page\":1,\"totalPages\":1}}"));
        server.enqueue(json(CHAT));
        LangfusePromptStore store = store().build();
        assertThat(store.labels("support").current()).containsExactly(Map.entry("production", 3));
        assertThat(store.toString()).doesNotContain("sk-lf-2");
        assertThatThrownBy(() -> store.updateLabels("support", l -> l))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("is read-only: cannot update labels of 'support'");
    }
}
