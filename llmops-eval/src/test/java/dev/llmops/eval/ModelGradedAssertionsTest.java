package dev.llmops.eval;

import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelGradedAssertionsTest {

    private static final EvalCase RAG = EvalCase.builder("rag")
            .var("question", "Where is the Eiffel Tower?")
            .expected("The Eiffel Tower is in Paris. It was completed in 1889.")
            .context(List.of("The Eiffel Tower is a landmark in Paris.", "Bananas are yellow.",
                    "It opened in 1889 for the World's Fair."))
            .build();

    private static ModelGradedAssertions judge(ScriptedChatModel model) {
        return ModelGradedAssertions.judgedBy(LanguageModel.of(model));
    }

    @Test
    void should_score_rubric_and_fail_below_threshold() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"score\": 5, \"reason\": \"clear\"}")
                .reply("```json\n{\"score\": 2, \"reason\": \"rambling\"}\n```")
                .build();
        Assertion rubric = judge(m).llmRubric("Answer is concise", List.of("Check length", "Check tone"), 0.75);
        AssertionResult good = rubric.evaluate(AssertionContext.of("Paris.", RAG));
        assertThat(good.passed()).isTrue();
        assertThat(good.score()).hasValue(1.0);
        AssertionResult bad = rubric.evaluate(AssertionContext.of("Well, so, ...", RAG));
        assertThat(bad.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(bad.score()).hasValue(0.25);
        assertThat(bad.reason()).contains("rubric score 2/5 (rambling)");
        assertThat(m.requests().get(0).messages().toString()).contains("1. Check length").contains("2. Check tone");
    }

    @Test
    void should_retry_malformed_reply_with_parse_error_then_succeed() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"score\": \"five\", \"reason\": \"x\"}")
                .reply("{\"score\": 4, \"reason\": \"ok\"}")
                .build();
        AssertionResult r = judge(m).llmRubric("c", List.of(), 0.75).evaluate(AssertionContext.of("x", RAG));
        assertThat(r.passed()).isTrue();
        assertThat(r.score()).hasValue(0.75);
        assertThat(m.requests()).hasSize(2);
        assertThat(m.requests().get(1).messages().toString()).contains("could not be parsed").contains("score");
    }

    @Test
    void should_report_error_with_raw_reply_when_judge_stays_malformed() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("Sure! The score is 5.")
                .reply("{\"score\": 9, \"reason\": \"x\"}")
                .build();
        AssertionResult r = judge(m).llmRubric("c", List.of(), 0.5).evaluate(AssertionContext.of("x", RAG));
        assertThat(r.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(r.score()).isEmpty();
        assertThat(r.rawReply()).contains("{\"score\": 9, \"reason\": \"x\"}");
        assertThat(r.reason()).contains("could not be parsed after 2 attempt(s)")
                .contains("score must be an integer in [1, 5] but was: 9");
        // unknown fields are rejected too
        ScriptedChatModel extra = ScriptedChatModel.builder()
                .reply("{\"score\": 3, \"reason\": \"x\", \"confidence\": 1}").build();
        AssertionResult e = judge(extra).withMaxAttempts(1).llmRubric("c", List.of(), 0.5)
                .evaluate(AssertionContext.of("x", RAG));
        assertThat(e.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(e.reason()).contains("confidence");
    }

    @Test
    void should_grade_factuality_and_closed_qa() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"choice\": \"B\", \"reason\": \"adds detail\"}")
                .reply("{\"choice\": \"D\", \"reason\": \"says London\"}")
                .reply("{\"criterionMet\": true, \"reason\": \"polite\"}")
                .reply("{\"criterionMet\": false, \"reason\": \"rude\"}")
                .build();
        ModelGradedAssertions g = judge(m);
        assertThat(g.factuality(Optional.empty()).evaluate(AssertionContext.of("Paris, built 1889", RAG)).passed())
                .isTrue();
        AssertionResult d = g.factuality(Optional.empty()).evaluate(AssertionContext.of("London", RAG));
        assertThat(d.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(d.reason()).contains("choice D");
        assertThat(g.closedQa("is polite").evaluate(AssertionContext.of("Thanks!", RAG)).passed()).isTrue();
        assertThat(g.closedQa("is polite").evaluate(AssertionContext.of("Go away", RAG)).passed()).isFalse();
        assertThat(g.factuality(Optional.empty()).evaluate(AssertionContext.of("x")).status())
                .isEqualTo(AssertionStatus.ERROR);
    }

    @Test
    void should_compute_faithfulness_as_supported_claims_over_claims() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"claims\": [\"The Eiffel Tower is in Paris.\", \"It is 500 m tall.\", \"It opened in 1889.\"]}")
                .reply("{\"verdicts\": ["
                        + "{\"claim\": \"The Eiffel Tower is in Paris.\", \"supported\": true, \"reason\": \"ctx 0\"},"
                        + "{\"claim\": \"It is 500 m tall.\", \"supported\": false, \"reason\": \"absent\"},"
                        + "{\"claim\": \"It opened in 1889.\", \"supported\": true, \"reason\": \"ctx 2\"}]}")
                .build();
        AssertionResult r = judge(m).faithfulness(0.7).evaluate(AssertionContext.of("answer", RAG));
        // 2 supported of 3 claims = 0.6667 < 0.7
        assertThat(r.score().getAsDouble()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(r.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(r.reason()).contains("2/3 claims supported").contains("It is 500 m tall.");
    }

    @Test
    void should_retry_when_verdict_count_does_not_match_claims_and_error_on_no_claims() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"claims\": [\"a\", \"b\"]}")
                .reply("{\"verdicts\": [{\"claim\": \"a\", \"supported\": true, \"reason\": \"\"}]}")
                .reply("{\"verdicts\": [{\"claim\": \"a\", \"supported\": true, \"reason\": \"\"},"
                        + "{\"claim\": \"b\", \"supported\": true, \"reason\": \"\"}]}")
                .reply("{\"claims\": []}")
                .build();
        AssertionResult r = judge(m).faithfulness(0.7).evaluate(AssertionContext.of("answer", RAG));
        assertThat(r.score()).hasValue(1.0);
        assertThat(m.requests().get(2).messages().toString()).contains("expected 2 verdicts but got 1");
        AssertionResult none = judge(m).faithfulness(0.7).evaluate(AssertionContext.of("ok", RAG));
        assertThat(none.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(none.reason()).contains("no claims");
    }

    @Test
    void should_compute_context_precision_and_recall_as_ragas_defines_them() {
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"verdicts\": [{\"index\": 0, \"useful\": true, \"reason\": \"\"},"
                        + "{\"index\": 1, \"useful\": false, \"reason\": \"\"},"
                        + "{\"index\": 2, \"useful\": true, \"reason\": \"\"}]}")
                .reply("{\"statements\": [{\"statement\": \"in Paris\", \"attributed\": true, \"reason\": \"\"},"
                        + "{\"statement\": \"completed 1889\", \"attributed\": true, \"reason\": \"\"},"
                        + "{\"statement\": \"is iron\", \"attributed\": false, \"reason\": \"\"}]}")
                .build();
        ModelGradedAssertions g = judge(m);
        // useful at ranks 1 and 3: (precision@1 * 1 + precision@3 * 1) / 2 = (1/1 + 2/3) / 2 = 0.833333
        AssertionResult p = g.contextPrecision(0.8).evaluate(AssertionContext.of("answer", RAG));
        assertThat(p.score().getAsDouble()).isCloseTo(5.0 / 6.0, within(1e-12));
        assertThat(p.passed()).isTrue();
        // 2 of 3 reference statements attributed = 0.6667
        AssertionResult rec = g.contextRecall(0.7).evaluate(AssertionContext.of("answer", RAG));
        assertThat(rec.score().getAsDouble()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(rec.passed()).isFalse();
        assertThat(ModelGradedAssertions.contextPrecision(List.of(false, false))).isZero();
        // relevance 0, 0, 1, 1, 0: precision@3 = 1/3, precision@4 = 2/4 -> (1/3 + 1/2) / 2 = 0.416667
        assertThat(ModelGradedAssertions.contextPrecision(List.of(false, false, true, true, false)))
                .isCloseTo(5.0 / 12.0, within(1e-12));
        // useful only at rank 2: precision@2 = 1/2
        assertThat(ModelGradedAssertions.contextPrecision(List.of(false, true))).isEqualTo(0.5);
    }

    @Test
    void should_compute_answer_relevance_as_mean_cosine_of_generated_questions() {
        WordCountEmbeddingModel emb = new WordCountEmbeddingModel("eiffel", "tower", "where", "paris", "tall");
        ScriptedChatModel m = ScriptedChatModel.builder()
                .reply("{\"questions\": [\"Where is the Eiffel Tower?\", \"How tall is the tower?\"], "
                        + "\"noncommittal\": false}")
                .reply("{\"questions\": [\"What?\"], \"noncommittal\": true}")
                .build();
        ModelGradedAssertions g = judge(m);
        // question = [eiffel 1, tower 1, where 1, paris 0, tall 0]; q1 identical -> cos 1;
        // q2 = [0, 1, 0, 0, 1] -> cos = 1 / (sqrt(3) * sqrt(2)) = 0.408248; mean = 0.704124
        AssertionResult r = g.answerRelevance(emb, 2, 0.7).evaluate(AssertionContext.of("In Paris", RAG));
        assertThat(r.score().getAsDouble()).isCloseTo((1 + 1 / Math.sqrt(6)) / 2, within(1e-6));
        assertThat(r.passed()).isTrue();
        AssertionResult evasive = g.answerRelevance(emb, 2, 0.7).evaluate(AssertionContext.of("Not sure", RAG));
        assertThat(evasive.score()).hasValue(0.0);
        assertThat(evasive.reason()).contains("noncommittal");
    }

    @Test
    void should_report_judge_call_failure_as_error() {
        ScriptedChatModel m = ScriptedChatModel.builder().fail(new IllegalStateException("judge offline")).build();
        AssertionResult r = judge(m).closedQa("c").evaluate(AssertionContext.of("x", RAG));
        assertThat(r.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(r.reason()).contains("judge call failed");
    }
}
