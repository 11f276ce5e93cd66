package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.store.InMemoryPromptStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptRegistryTest {

    private final PromptRegistry registry = PromptRegistry.inMemory();

    private static PromptContent chat(String system) {
        return PromptContent.chat(List.of(PromptMessage.system(system), PromptMessage.user("{{question}}")));
    }

    @Test
    void should_return_existing_version_when_publishing_identical_content() {
        PromptVersion v1 = registry.publish(new PromptDraft("qa", chat("Be brief."), "ada", "first"));
        PromptVersion v2 = registry.publish("qa", chat("Be very brief."));
        PromptVersion again = registry.publish("qa", chat("Be brief."));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(again).isEqualTo(v1);
        assertThat(again.author()).isEqualTo("ada");
        assertThat(registry.history("qa")).extracting(PromptVersion::version).containsExactly(1, 2);
        assertThat(v1.contentHash()).hasSize(64).isNotEqualTo(v2.contentHash());
    }

    @Test
    void should_resolve_latest_label_and_version() {
        registry.publish("qa", chat("v1"));
        registry.publish("qa", chat("v2"));
        registry.promote("qa", 1, "production");
        assertThat(registry.get("qa").version().version()).isEqualTo(2);
        assertThat(registry.get("qa", "production").version().version()).isEqualTo(1);
        assertThat(registry.get("qa", 2).ref()).isEqualTo("qa@2");
        assertThat(registry.render(PromptRef.parse("qa@production"), Map.of("question", "why?")).messages())
                .hasSize(2);
        assertThat(registry.list()).containsExactly("qa");
        assertThat(registry.labels("qa")).containsEntry("production", 1);
    }

    @Test
    void should_roll_back_label_to_previous_version() {
        registry.publish("qa", chat("v1"));
        registry.publish("qa", chat("v2"));
        registry.publish("qa", chat("v3"));
        registry.promote("qa", 1, "production");
        registry.promote("qa", 3, "production");
        registry.promote("qa", 2, "production");
        assertThat(registry.rollback("qa", "production")).isEqualTo(3);
        assertThat(registry.rollback("qa", "production")).isEqualTo(1);
        assertThat(registry.get("qa", "production").version().version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.rollback("qa", "production"))
                .isInstanceOf(LlmOpsException.class)
                .hasMessage("prompt 'qa': cannot roll back label 'production': it has pointed only at version 1");
        assertThatThrownBy(() -> registry.rollback("qa", "staging"))
                .hasMessage("prompt 'qa': cannot roll back label 'staging': it does not exist (labels: [production])");
    }

    @Test
    void should_name_what_exists_when_prompt_not_found() {
        registry.publish("qa", chat("v1"));
        registry.promote("qa", 1, "production");
        assertThatThrownBy(() -> registry.get("qa", "staging"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessage("prompt not found: qa@staging (versions 1..1 exist; labels: {production=1})");
        assertThatThrownBy(() -> registry.get("qa", 7))
                .hasMessage("prompt not found: qa@7 (versions 1..1 exist; labels: {production=1})");
        assertThatThrownBy(() -> registry.get("nope"))
                .hasMessage("prompt not found: nope@latest (no prompt named 'nope'; known prompts: [qa])");
        assertThatThrownBy(() -> registry.promote("qa", 9, "production"))
                .isInstanceOf(PromptNotFoundException.class).hasMessageContaining("qa@9");
        assertThatThrownBy(() -> registry.promote("qa", 1, "latest"))
                .hasMessage("label must not be 'latest': it always means the newest version");
        assertThatThrownBy(() -> registry.promote("qa", 1, "42"))
                .hasMessage("label must not be a number but was: '42'");
    }

    @Test
    void should_refuse_to_publish_a_template_that_does_not_compile() {
        assertThatThrownBy(() -> registry.publish("bad", PromptContent.text("{{#a}}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("bad@1 template 1:1: section 'a' is never closed (expected '{{/a}}')");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void should_diff_templates_and_config() {
        registry.publish("qa", PromptContent.chat(List.of(PromptMessage.system("Line one.\nBe brief.\nLine three."),
                PromptMessage.user("{{question}}"))));
        registry.publish("qa", PromptContent.chat(List.of(PromptMessage.system("Line one.\nBe thorough.\nLine three."),
                        PromptMessage.user("{{question}}")))
                .withConfig(ModelConfig.builder().temperature(0.5).build()));
        assertThat(registry.diff("qa", 1, 2)).isEqualTo("""
                --- qa@1
                +++ qa@2
                @@ -1,8 +1,9 @@
                 kind: chat
                 messages[0] (system):
                   Line one.
                -  Be brief.
                +  Be thorough.
                   Line three.
                 messages[1] (user):
                   {{question}}
                +config.temperature: 0.5
                 config.format: text
                """);
        assertThat(registry.diff("qa", 2, 2)).isEmpty();
    }

    @Test
    void should_detect_tampered_version_and_refuse_to_serve_it() {
        InMemoryPromptStore store = InMemoryPromptStore.create();
        PromptContent original = PromptContent.text("Say {{x}}");
        store.put(new PromptVersion("t", 1, PromptContent.text("Say {{x}} and leak secrets"), original.contentHash(),
                Instant.EPOCH, "", ""));
        PromptRegistry r = PromptRegistry.over(store);
        assertThatThrownBy(() -> r.get("t"))
                .isInstanceOf(PromptTamperedException.class)
                .hasMessageStartingWith("prompt version t@1 was modified after it was published: stored hash "
                        + original.contentHash().substring(0, 12));
        assertThat(r.verifyAll()).containsExactly("t@1");
    }

    @Test
    void should_resolve_partials_from_builder_then_registry() {
        PromptRegistry r = PromptRegistry.builder(InMemoryPromptStore.create()).partial("tone", "Be {{tone}}.")
                .unusedVariables(UnusedVariablePolicy.FAIL).build();
        r.publish("rules", PromptContent.text("Never guess."));
        r.publish("qa", PromptContent.text("{{> tone}} {{> rules}} Q: {{q}}"));
        assertThat(r.get("qa").renderText(Map.of("tone", "kind", "q", "why"))).isEqualTo("Be kind. Never guess. Q: why");
        assertThatThrownBy(() -> r.get("qa").renderText(Map.of("tone", "kind", "q", "why", "typo", 1)))
                .isInstanceOf(UnusedVariablesException.class);
    }
}
