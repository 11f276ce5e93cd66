package dev.llmops.guard;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.GuardStage;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.ModelRequest;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputAndContentGuardsTest {

    private static final String SCHEMA = """
            {"type":"object","required":["name","age"],
             "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},
             "additionalProperties":false}""";

    @Test
    void should_accept_valid_json_and_reprompt_on_invalid_json_with_the_error_position() {
        assertThat(Guards.json().check("{\"a\": [1, 2, {\"b\": null}]}").passed()).isTrue();
        assertThat(Guards.json().check("```json\n{\"a\": 1}\n```").passed()).isTrue();

        GuardResult bad = Guards.json().check("{\"a\": 1,}");
        assertThat(bad.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(bad.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("INVALID_JSON");
            assertThat(f.start()).isEqualTo(8);
        });
        assertThat(Guards.json().check("{\"a\":1} trailing").passed()).isFalse();
        assertThat(Guards.json().check("{\"a\":1,\"a\":2}").passed()).isFalse();
    }

    @Test
    void should_report_schema_violations() {
        DetectorGuard schema = Guards.jsonSchema(SCHEMA);

        assertThat(schema.check("{\"name\":\"Ada\",\"age\":36}").passed()).isTrue();
        GuardResult r = schema.check("{\"name\":\"Ada\",\"age\":-1,\"extra\":true}");
        assertThat(r.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings()).hasSize(2).allMatch(f -> f.type().equals("SCHEMA_VIOLATION"));
        assertThatThrownBy(() -> Guards.jsonSchema("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schemaJson is not valid JSON");
    }

    @Test
    void should_detect_refusals_but_not_answers() {
        assertThat(Guards.refusal().check("I'm sorry, but I can't help with that request.").verdict())
                .isEqualTo(Verdict.REPROMPT);
        assertThat(Guards.refusal().check("As an AI language model, I cannot browse the web.").passed()).isFalse();
        assertThat(Guards.refusal().check("You can't go wrong with a cast-iron pan. Here's why.").passed()).isTrue();
    }

    @Test
    void should_block_pii_or_secret_leaks_in_answers() {
        GuardResult r = Guards.noPiiLeak().check("Contact jane@example.com with key AKIAZ3MDRV5J6XQW7LPA.");
        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).extracting(Finding::type).containsExactly("EMAIL", "AWS_ACCESS_KEY");
    }

    @Test
    void should_report_unsupported_sentences_with_spans() {
        GuardContext ctx = GuardContext.builder(GuardStage.OUTPUT)
                .retrieved(List.of(new ScoredChunk(Chunk.of("c1", "d1",
                        "The warranty covers manufacturing defects for 24 months from the purchase date."), 1.0)))
                .build();
        String answer = "Sure. The warranty covers manufacturing defects for 24 months. "
                + "Water damage is always refunded within 3 days.";

        GuardResult r = Guards.groundedness().check(answer, ctx);

        assertThat(r.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("UNSUPPORTED_SENTENCE");
            assertThat(answer.substring(f.start(), f.end())).isEqualTo("Water damage is always refunded within 3 days.");
        });
        assertThat(Guards.groundedness().check(answer, GuardContext.output()).findings())
                .extracting(Finding::type).containsExactly("NO_CONTEXT");
        assertThat(Guards.groundedness(new HashingEmbeddingModel())
                .check("The warranty covers manufacturing defects for 24 months.", ctx).passed()).isTrue();
    }

    @Test
    void should_apply_content_rules_with_re2j() {
        assertThat(Guards.bannedSubstrings("Project Falcon").check("news on PROJECT falcon today").blocked()).isTrue();
        GuardResult regex = Guards.bannedRegex("(?i)\\bticket-\\d+\\b").redact().check("see TICKET-42 and ticket-7");
        assertThat(regex.sanitizedText()).isEqualTo("see <BANNED_PATTERN_1> and <BANNED_PATTERN_2>");
        // a catastrophic pattern for backtracking engines runs in linear time under RE2/J
        assertThat(Guards.bannedRegex("(a+)+$").check("a".repeat(50_000) + "!").passed()).isTrue();
        assertThatThrownBy(() -> Guards.bannedRegex("ok", "(unclosed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("regexes[1] is not a valid RE2/J pattern");
    }

    @Test
    void should_allow_only_listed_domains_in_links() {
        DetectorGuard domains = Guards.allowedDomains("example.com");
        assertThat(domains.check("See https://docs.example.com/a and http://example.com.").passed()).isTrue();
        GuardResult r = domains.check("Download from https://evil.example.net/x?y=1 now");
        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f ->
                assertThat(f.end() - f.start()).isEqualTo("https://evil.example.net/x?y=1".length()));
    }

    @Test
    void should_block_banned_topics_by_embedding_similarity() {
        DetectorGuard topics = Guards.bannedTopics(new HashingEmbeddingModel(), 0.6, "stock tips and investment advice");
        assertThat(topics.check("give me stock tips and investment advice").blocked()).isTrue();
        assertThat(topics.check("how do I bake bread").passed()).isTrue();
    }

    @Test
    void should_enforce_length_and_token_limits() {
        assertThat(Guards.maxLength(5).check("12345").passed()).isTrue();
        assertThat(Guards.maxLength(5).check("123456").findings()).extracting(Finding::detail)
                .containsExactly("6 chars; the limit is 5");
        assertThat(Guards.maxTokens(3).check("one two three four five").blocked()).isTrue();
    }

    @Test
    void should_rate_limit_per_key_with_a_token_bucket() {
        AtomicLong now = new AtomicLong();
        DetectorGuard limit = Guards.rateLimit(RateLimit.of(2, Duration.ofSeconds(1)).withTicker(now::get));
        GuardContext alice = GuardContext.builder(GuardStage.INPUT).key("alice").build();
        GuardContext bob = GuardContext.builder(GuardStage.INPUT).key("bob").build();

        assertThat(limit.check("a", alice).passed()).isTrue();
        assertThat(limit.check("a", alice).passed()).isTrue();
        assertThat(limit.check("a", alice).blocked()).isTrue();
        assertThat(limit.check("b", bob).passed()).isTrue();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limit.check("a", alice).passed()).isTrue();
        assertThat(limit.check("a", alice).blocked()).isTrue();
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be > 0 but was: 0");
    }

    @Test
    void should_cap_generation_tokens() {
        ModelRequest plain = ModelRequest.of("hi");
        assertThat(GenerationCap.of(100).apply(plain).parameters().orElseThrow().maxOutputTokens()).isEqualTo(100);
        ModelRequest low = plain.toBuilder().parameters(ChatRequestParameters.builder().maxOutputTokens(50)
                .temperature(0.2).build()).build();
        assertThat(GenerationCap.of(100).apply(low)).isSameAs(low);
        ModelRequest high = plain.toBuilder().parameters(ChatRequestParameters.builder().maxOutputTokens(500)
                .temperature(0.2).build()).build();
        ChatRequestParameters capped = GenerationCap.of(100).apply(high).parameters().orElseThrow();
        assertThat(capped.maxOutputTokens()).isEqualTo(100);
        assertThat(capped.temperature()).isEqualTo(0.2);
    }
}
