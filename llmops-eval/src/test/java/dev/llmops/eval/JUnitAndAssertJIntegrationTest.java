package dev.llmops.eval;

import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.api.model.Usage;
import dev.llmops.eval.junit.EvalDynamicTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.llmops.eval.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JUnitAndAssertJIntegrationTest {

    private static final String SCHEMA = """
            {"type": "object", "required": ["answer"], "properties": {"answer": {"type": "string"}}}""";

    @TestFactory
    Stream<DynamicTest> should_turn_a_passing_suite_into_dynamic_tests() {
        EvalSuite suite = EvalSuite.builder("capitals")
                .testCase(EvalCase.builder("fr").var("question", "France").assertion(AssertionSpec.of("equals", "Paris"))
                        .build())
                .testCase(EvalCase.builder("it").var("question", "Italy").assertion(AssertionSpec.of("equals", "Rome"))
                        .build())
                .build();
        EvalRunner runner = EvalRunner.builder()
                .target("lookup", EvalTarget.function(v -> v.get("question").equals("France") ? "Paris" : "Rome"))
                .build();
        return EvalDynamicTests.of(suite, runner);
    }

    @Test
    void should_fail_dynamic_test_with_scores_reasons_and_output() {
        EvalReport report = ReportsTest.sampleReport("Milan");
        List<DynamicTest> tests = EvalDynamicTests.of(report).toList();
        org.assertj.core.api.Assertions.assertThat(tests).hasSize(6);
        org.assertj.core.api.Assertions.assertThat(tests.get(1).getDisplayName()).isEqualTo("b @ good");
        assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("b @ good FAIL")
                .hasMessageContaining("icontains FAIL score=0.0000: does not contain (ignoring case) 'rome'")
                .hasMessageContaining("output: Milan");
    }

    @Test
    void should_chain_llm_assertions_when_output_is_good() {
        Generation g = Generation.builder().text("Sure: {\"answer\": \"Refunds within 30 days\"}").model("m")
                .usage(new Usage(3, 4, false)).latency(Duration.ofMillis(20)).traceId("t").build();
        WordCountEmbeddingModel emb = new WordCountEmbeddingModel("refunds", "within", "days", "bananas");
        assertThat(g).containsJson().satisfiesSchema(SCHEMA)
                .isSimilarTo("Refunds are accepted within 30 days", 0.8, emb)
                .isGroundedIn(List.of("Refunds are accepted within 30 days of purchase."))
                .isNotRefusal()
                .hasLatencyAtMost(Duration.ofMillis(50));
    }

    @Test
    void should_show_score_threshold_and_reason_when_llm_assertion_fails() {
        WordCountEmbeddingModel emb = new WordCountEmbeddingModel("refunds", "days", "bananas");
        assertThatThrownBy(() -> assertThat("bananas refunds").isSimilarTo("refunds days", 0.8, emb))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be similar to:")
                // [bananas 1, refunds 1] vs [refunds 1, days 1]: cosine = 1/2
                .hasMessageContaining("score 0.500, threshold 0.800")
                .hasMessageContaining("cosine similarity 0.5000 < threshold 0.8000");
        assertThatThrownBy(() -> assertThat("{\"answer\": 3}").satisfiesSchema(SCHEMA))
                .hasMessageContaining("satisfy the JSON schema").hasMessageContaining("score 0.000")
                .hasMessageContaining("string");
        assertThatThrownBy(() -> assertThat("Refunds take 30 days. Shipping is free on Mondays.")
                .isGroundedIn(List.of("Refunds are accepted within 30 days.")))
                .hasMessageContaining("score 0.500, threshold 1.000")
                .hasMessageContaining("unsupported: 'Shipping is free on Mondays.'");
        assertThatThrownBy(() -> assertThat("no json").containsJson())
                .hasMessageContaining("no JSON object or array found");
    }

    @Test
    void should_ground_with_a_judge_model() {
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .reply("{\"claims\": [\"Refunds take 30 days.\"]}")
                .reply("{\"verdicts\": [{\"claim\": \"Refunds take 30 days.\", \"supported\": false, \"reason\": \"no\"}]}")
                .build();
        assertThatThrownBy(() -> assertThat("Refunds take 30 days.")
                .isGroundedIn(List.of("Shipping is free."), LanguageModel.of(judge), 0.8))
                .hasMessageContaining("score 0.000, threshold 0.800")
                .hasMessageContaining("0/1 claims supported");
    }
}
