package dev.llmops.eval;

import dev.llmops.api.LoadException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalSuiteLoadingTest {

    private static final Path DIR = Path.of("src", "test", "resources", "suites");

    @Test
    void should_load_prompts_targets_cases_and_case_files_when_yaml_is_valid() {
        EvalSuite suite = EvalSuite.load(DIR.resolve("capitals.yaml"));

        assertThat(suite.name()).isEqualTo("capitals");
        assertThat(suite.prompts()).extracting(PromptSpec::id).containsExactly("geo-answer@production", "terse");
        assertThat(suite.prompts().get(0).ref()).get().hasToString("geo-answer@production");
        assertThat(suite.prompts().get(1).template()).contains("Answer in one word: {{question}}");
        assertThat(suite.targets()).containsExactly("model-a");
        assertThat(suite.cases()).extracting(EvalCase::id)
                .containsExactly("fr", "case-2", "de", "more-cases-4", "pt", "nl");
        assertThat(suite.defaultAssertions()).extracting(AssertionSpec::displayType)
                .containsExactly("not-is-refusal", "length");
        EvalCase fr = suite.testCase("fr").orElseThrow();
        assertThat(fr.vars()).containsEntry("question", "What is the capital of France?")
                .containsEntry("country_hint", "Europe");
        AssertionSpec rouge = fr.assertions().get(1);
        assertThat(rouge.type()).isEqualTo("rouge-l");
        assertThat(rouge.weight()).isEqualTo(2.0);
        assertThat(rouge.threshold()).hasValue(0.5);
        assertThat(rouge.metric()).isEqualTo("overlap");
        assertThat(suite.assertionsFor(fr)).hasSize(4);
        assertThat(suite.testCase("case-2").orElseThrow().assertions().get(0).valueTexts())
                .containsExactly("Rome", "Roma");
        assertThat(suite.testCase("more-cases-4").orElseThrow().context())
                .containsExactly("Madrid is the capital of Spain.");
        EvalCase pt = suite.testCase("pt").orElseThrow();
        assertThat(pt.expected()).contains("Lisbon");
        assertThat(pt.context()).containsExactly("Lisbon is the capital.", "It lies on the Tagus.");
        assertThat(suite.testCase("nl").orElseThrow().vars())
                .containsEntry("question", "What is the capital of the Netherlands, officially?");
    }

    @Test
    void should_name_file_line_and_field_when_assertion_type_is_unknown() {
        assertThatThrownBy(() -> EvalSuite.load(DIR.resolve("bad-type.yaml")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.source()).endsWith("bad-type.yaml");
                    assertThat(e.line()).isBetween(8, 10);
                    assertThat(e.field()).contains("tests[0].assert[1].type");
                })
                .hasMessageContaining("containz");
    }

    @Test
    void should_name_field_when_threshold_is_out_of_range() {
        assertThatThrownBy(() -> EvalSuite.load(DIR.resolve("bad-threshold.yaml")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.field()).contains("tests[0].assert[0].threshold");
                    assertThat(e.line()).isPositive();
                })
                .hasMessageContaining("threshold must be in [0, 1] but was: 1.5");
    }

    @Test
    void should_name_line_and_field_when_field_is_unknown() {
        assertThatThrownBy(() -> EvalSuite.load(DIR.resolve("unknown-field.yaml")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.line()).isBetween(3, 4);
                    assertThat(e.field()).contains("tests[0].varz");
                });
    }

    @Test
    void should_name_jsonl_line_when_a_case_is_invalid() {
        assertThatThrownBy(() -> EvalSuite.loadCases(DIR.resolve("bad-line.jsonl")))
                .isInstanceOfSatisfying(LoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).contains("assert[0].value");
                })
                .hasMessageContaining("invalid regex");
    }

    @Test
    void should_name_csv_line_when_column_count_is_wrong() {
        assertThatThrownBy(() -> EvalSuite.loadCases(DIR.resolve("bad-columns.csv")))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("expected 2 columns but found 3");
    }

    @Test
    void should_load_schema_objects_and_json_paths_and_evaluate_them() {
        EvalSuite suite = EvalSuite.load(DIR.resolve("schema.yaml"));
        EvalReport report = EvalRunner.builder()
                .target("good", EvalTarget.function(v -> "{\"answer\": {\"city\": \"Paris\"}}"))
                .target("bad", EvalTarget.function(v -> "{\"city\": \"Paris\"}"))
                .build().run(suite);
        assertThat(report.results()).extracting(CaseResult::status)
                .containsExactly(AssertionStatus.PASS, AssertionStatus.FAIL);
        assertThat(report.results().get(1).assertions().get(0).reason()).contains("answer");
    }

    @Test
    void should_reject_unknown_case_file_type() {
        assertThatThrownBy(() -> EvalSuite.loadCases(Path.of("cases.txt")))
                .isInstanceOf(LoadException.class).hasMessageContaining("expected .jsonl, .ndjson or .csv");
    }

    @Test
    void should_build_suite_fluently_and_validate_inputs() {
        EvalSuite suite = EvalSuite.builder("s")
                .prompt(PromptSpec.inline("p", "Q: {{question}}"))
                .defaultAssertion(AssertionSpec.builder("length").max(10).build())
                .testCase(EvalCase.builder("a").var("question", "x").build())
                .build();
        assertThat(suite.assertionsFor(suite.cases().get(0))).hasSize(1);

        assertThatThrownBy(() -> EvalCase.builder("a").repeat(0))
                .hasMessage("repeat must be > 0 but was: 0");
        assertThatThrownBy(() -> AssertionSpec.builder("rouge-l").threshold(2))
                .hasMessage("threshold must be in [0, 1] but was: 2.0");
        assertThatThrownBy(() -> AssertionSpec.builder("length").min(5).max(2).build())
                .hasMessage("min must be <= max but was: min=5, max=2");
        assertThatThrownBy(() -> EvalSuite.builder("s").build())
                .hasMessage("suite 's' must have at least one case");
        assertThatThrownBy(() -> EvalSuite.builder("s").testCase(EvalCase.builder("a").build())
                .testCase(EvalCase.builder("a").build()))
                .hasMessage("duplicate case id: 'a'");
        assertThat(AssertionSpec.builder("NOT-Contains").value("x").build().negated()).isTrue();
        assertThat(List.of(AssertionSpec.builder("not-contains").value("x").build().displayType()))
                .containsExactly("not-contains");
    }
}
