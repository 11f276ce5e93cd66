package dev.llmops.prompts;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.llmops.api.LlmOpsException;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.RenderedPrompt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MustacheTemplateTest {

    record Example(String question, String answer) {
    }

    @Test
    void should_render_variables_dotted_paths_sections_inverted_sections_and_comments() {
        MustacheTemplate t = MustacheTemplate.compile(
                "Hi {{user.name}}!{{! a comment }}\n{{#examples}}Q: {{question}}\nA: {{answer}}\n{{/examples}}"
                        + "{{^history}}No history.{{/history}}");
        String out = t.render(Map.of("user", Map.of("name", "Ada"),
                "examples", List.of(new Example("1+1?", "2"), new Example("2+2?", "4")), "history", List.of()));
        assertThat(out).isEqualTo("Hi Ada!\nQ: 1+1?\nA: 2\nQ: 2+2?\nA: 4\nNo history.");
    }

    @Test
    void should_not_escape_html() {
        assertThat(MustacheTemplate.compile("{{x}}").render(Map.of("x", "<a & \"b\">"))).isEqualTo("<a & \"b\">");
    }

    @Test
    void should_insert_values_containing_mustache_tags_literally() {
        MustacheTemplate t = MustacheTemplate.compile("User said: {{input}}");
        String attack = "{{secret}} {{#x}}loop{{/x}} {{> evil}} {{{raw}}}";
        assertThat(t.render(Map.of("input", attack))).isEqualTo("User said: " + attack);
    }

    @Test
    void should_name_every_missing_variable_with_its_position() {
        MustacheTemplate t = MustacheTemplate.compile("Hello {{name}},\n  {{user.city}} {{#items}}{{label}}{{/items}}"
                + "{{missingSection}}");
        assertThatThrownBy(() -> t.render(Map.of("user", Map.of(), "items", List.of(Map.of("x", 1)))))
                .isInstanceOf(MissingVariablesException.class)
                .isInstanceOf(LlmOpsException.class)
                .hasMessage("prompt 'template' is missing 4 variables: 'name' at template 1:7, 'user.city' at "
                        + "template 2:3, 'label' at template 2:27, 'missingSection' at template 2:46")
                .satisfies(e -> assertThat(((MissingVariablesException) e).names())
                        .containsExactly("name", "user.city", "label", "missingSection"));
    }

    @Test
    void should_treat_a_missing_section_name_as_missing() {
        MustacheTemplate t = MustacheTemplate.compile("{{#examples}}x{{/examples}}");
        assertThatThrownBy(() -> t.render(Map.of())).isInstanceOf(MissingVariablesException.class)
                .hasMessageContaining("'examples' at template 1:1");
    }

    @Test
    void should_resolve_partials_and_report_missing_variables_inside_them() {
        MustacheTemplate t = MustacheTemplate.compile("A {{> rules}} B", "p", n -> n.equals("rules")
                ? Optional.of("rule: {{rule}}") : Optional.empty());
        assertThat(t.render(Map.of("rule", "be kind"))).isEqualTo("A rule: be kind B");
        assertThat(t.partialNames()).containsExactly("rules");
        assertThatThrownBy(() -> t.render(Map.of())).hasMessage(
                "prompt 'p' is missing 1 variable: 'rule' at partial 'rules' 1:7");
    }

    @Test
    void should_reject_unknown_and_cyclic_partials() {
        assertThatThrownBy(() -> MustacheTemplate.compile("x\n {{> nope}}", "p@1 template", n -> Optional.empty()))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("p@1 template 2:2: unknown partial 'nope'");
        Map<String, String> partials = Map.of("a", "{{> b}}", "b", "{{> a}}");
        assertThatThrownBy(() -> MustacheTemplate.compile("{{> a}}", "p", n -> Optional.ofNullable(partials.get(n))))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("partial 'b' 1:1: partials include each other in a cycle: a -> b -> a");
    }

    @Test
    void should_report_syntax_errors_with_position() {
        assertThatThrownBy(() -> MustacheTemplate.compile("ok\n{{#a}} x"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("template 2:1: section 'a' is never closed (expected '{{/a}}')");
        assertThatThrownBy(() -> MustacheTemplate.compile("{{#a}}{{/b}}"))
                .hasMessage("template 1:7: closing tag '{{/b}}' does not match section 'a' opened at 1:1");
        assertThatThrownBy(() -> MustacheTemplate.compile("x {{/b}}"))
                .hasMessage("template 1:3: closing tag '{{/b}}' has no matching opening section");
        assertThatThrownBy(() -> MustacheTemplate.compile("a {{b"))
                .hasMessage("template 1:3: unclosed tag: '{{b' has no closing '}}'");
        assertThatThrownBy(() -> MustacheTemplate.compile("{{ }}")).hasMessage("template 1:1: empty tag name");
        assertThatThrownBy(() -> MustacheTemplate.compile("{{=<% %>=}}"))
                .hasMessage("template 1:1: set-delimiter tags ('{{=...=}}') are not supported");
    }

    @Test
    void should_render_from_many_threads() throws Exception {
        MustacheTemplate t = MustacheTemplate.compile("{{#xs}}{{.}},{{/xs}}{{n}}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                fs.add(pool.submit(() -> t.render(Map.of("xs", List.of(n, n + 1), "n", n))
                        .equals(n + "," + (n + 1) + "," + n)));
            }
            for (Future<Boolean> f : fs) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void should_render_chat_prompt_to_langchain4j_messages_with_parameters() {
        PromptContent content = PromptContent.chat(List.of(PromptMessage.system("You are {{persona}}."),
                        PromptMessage.user("{{q}}"), PromptMessage.assistant("Sure:")))
                .withConfig(ModelConfig.builder().modelName("gpt-4o-mini").temperature(0.2).maxOutputTokens(50)
                        .stop(List.of("###")).jsonSchema("{\"type\":\"object\"}").build());
        RenderedPrompt r = Prompt.of("support", content).render(Map.of("persona", "a tutor", "q", "Why?"));
        assertThat(r.messages()).containsExactly(SystemMessage.from("You are a tutor."), UserMessage.from("Why?"),
                AiMessage.from("Sure:"));
        assertThat(r.ref()).isEqualTo("support@1");
        ChatRequestParameters p = r.modelParameters().orElseThrow();
        assertThat(p.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(p.temperature()).isEqualTo(0.2);
        assertThat(p.maxOutputTokens()).isEqualTo(50);
        assertThat(p.stopSequences()).containsExactly("###");
        assertThat(p.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(((JsonRawSchema) p.responseFormat().jsonSchema().rootElement()).schema())
                .isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void should_collect_missing_variables_across_all_messages() {
        Prompt p = Prompt.of("support", PromptContent.chat(List.of(PromptMessage.system("Be {{tone}}."),
                PromptMessage.user("Q: {{question}}"))));
        assertThatThrownBy(() -> p.render(Map.of()))
                .isInstanceOf(MissingVariablesException.class)
                .hasMessage("prompt 'support@1' is missing 2 variables: 'tone' at messages[0] (system) 1:4, "
                        + "'question' at messages[1] (user) 1:4");
    }

    @Test
    void should_fail_on_unused_variables_when_policy_is_fail_and_pass_when_ignore() {
        Prompt p = Prompt.of("t", PromptContent.text("Hi {{name}}")).withUnusedVariables(UnusedVariablePolicy.FAIL);
        assertThatThrownBy(() -> p.render(Map.of("name", "a", "nmae", "b", "extra", 1)))
                .isInstanceOf(UnusedVariablesException.class)
                .hasMessage("prompt 't@1' does not use the supplied variables [extra, nmae]");
        assertThat(p.withUnusedVariables(UnusedVariablePolicy.IGNORE).renderText(Map.of("name", "a", "x", 1)))
                .isEqualTo("Hi a");
        assertThat(p.withUnusedVariables(UnusedVariablePolicy.WARN).renderText(Map.of("name", "a", "x", 1)))
                .isEqualTo("Hi a");
    }

    @Test
    void should_treat_null_values_as_missing() {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("a", null);
        assertThatThrownBy(() -> MustacheTemplate.compile("{{a}}").render(vars))
                .isInstanceOf(MissingVariablesException.class).hasMessageContaining("'a' at template 1:1");
    }

    @Test
    void should_validate_model_config_values() {
        assertThatThrownBy(() -> ModelConfig.builder().temperature(3))
                .hasMessage("temperature must be in [0, 2] but was: 3.0");
        assertThatThrownBy(() -> ModelConfig.builder().maxOutputTokens(0))
                .hasMessage("maxOutputTokens must be > 0 but was: 0");
        assertThatThrownBy(() -> ModelConfig.builder().jsonSchema("{}").format(ModelConfig.Format.TEXT).build())
                .hasMessage("jsonSchema requires format JSON but format was: TEXT");
    }
}
