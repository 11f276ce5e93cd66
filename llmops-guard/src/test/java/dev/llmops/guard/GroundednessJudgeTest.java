package dev.llmops.guard;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.GuardStage;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional LLM judge of {@link GroundednessGuard}, with a scripted chat model. */
class GroundednessJudgeTest {

    private static final String RETURNS = "Items can be sent back within thirty days of delivery for a full refund.";
    private static final String REFUNDS = "Refunds go back to the original payment method within 5 business days.";
    private static final GuardContext CTX = GuardContext.builder(GuardStage.OUTPUT).retrieved(List.of(
            new ScoredChunk(Chunk.of("c1", "returns", RETURNS), 2.0),
            new ScoredChunk(Chunk.of("c2", "refunds", REFUNDS), 1.0))).build();

    private static String userText(ChatRequest r) {
        return ((UserMessage) r.messages().get(r.messages().size() - 1)).singleText();
    }

    @Test
    void should_rescue_a_paraphrased_but_supported_sentence() {
        String answer = "You may return a product during the first month after it arrives.";
        assertThat(Guards.groundedness().check(answer, CTX).verdict()).isEqualTo(Verdict.REPROMPT);
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .reply("{\"sentences\":[{\"id\":1,\"supported\":true,\"reason\":\"paraphrase of the 30-day window\"}]}")
                .build();

        GuardResult r = Guards.groundedness().withJudge(LanguageModel.of(judge)).check(answer, CTX);

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.findings()).isEmpty();
        assertThat(judge.requests()).hasSize(1);
        ChatRequest request = judge.requests().get(0);
        assertThat(((SystemMessage) request.messages().get(0)).text()).contains("Reply with JSON only");
        assertThat(userText(request))
                .contains("<context>\n[1] " + RETURNS + "\n[2] " + REFUNDS + "\n</context>")
                .contains("<sentences>\n1. " + answer + "\n</sentences>");
    }

    @Test
    void should_confirm_an_unsupported_sentence_and_send_only_the_weak_ones() {
        String answer = "Refunds go back to the original payment method. Refunds are also paid in cash at any store.";
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .reply("{\"sentences\":[{\"id\":1,\"supported\":false,"
                        + "\"reason\":\"context says refunds go to the original payment method\"}]}")
                .build();

        GuardResult r = Guards.groundedness().withJudge(LanguageModel.of(judge)).check(answer, CTX);

        assertThat(r.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("UNSUPPORTED_SENTENCE");
            assertThat(f.rule()).isEqualTo("groundedness.judge");
            assertThat(answer.substring(f.start(), f.end())).isEqualTo("Refunds are also paid in cash at any store.");
            assertThat(f.score()).isBetween(0.5, 1.0);
            assertThat(f.detail()).isEqualTo("sentence 2: judge scripted: unsupported (support 0.25): "
                    + "context says refunds go to the original payment method");
        });
        String prompt = userText(judge.requests().get(0));
        assertThat(prompt).contains("1. Refunds are also paid in cash at any store.").doesNotContain("\n2. ");
    }

    @Test
    void should_let_the_judge_flag_a_borderline_sentence_that_the_lexical_layer_passed() {
        GuardContext ctx = GuardContext.builder(GuardStage.OUTPUT).retrieved(List.of(new ScoredChunk(
                Chunk.of("c1", "warranty", "The warranty covers manufacturing defects for 24 months."), 1.0))).build();
        String answer = "The warranty covers accidental drops and water damage for 24 months.";
        assertThat(Guards.groundedness().check(answer, ctx).verdict()).isEqualTo(Verdict.PASS); // support 0.50
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .reply("```json\n{\"sentences\":[{\"id\":1,\"supported\":false,\"reason\":\"only defects\"}]}\n```")
                .build();

        GuardResult r = Guards.groundedness().withJudge(LanguageModel.of(judge)).check(answer, ctx);

        assertThat(r.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings()).extracting(Finding::rule).containsExactly("groundedness.judge");
    }

    @Test
    void should_not_call_the_judge_when_every_sentence_is_well_supported_or_there_is_no_context() {
        ScriptedChatModel judge = ScriptedChatModel.builder().build();
        GroundednessGuard guard = Guards.groundedness().withJudge(LanguageModel.of(judge));
        assertThat(guard.check("Sure. Refunds go back to the original payment method within 5 business days.", CTX)
                .findings()).isEmpty();
        assertThat(guard.check("Anything at all here.", GuardContext.output()).findings())
                .extracting(Finding::type).containsExactly("NO_CONTEXT");
        assertThat(judge.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The sentence looks supported to me.",
            "{\"sentences\":[{\"id\":1,\"supported\":\"yes\"}]}",
            "{\"sentences\":[{\"id\":2,\"supported\":true}]}",
            "{\"sentences\":[{\"id\":1,\"supported\":true},{\"id\":1,\"supported\":true}]}",
            "{\"sentences\":[]}",
            "{\"sentences\":[{\"id\":1,\"supported\":true}]} trailing",
            "{\"sentences\":[{\"id\":1,\"supported\":true}],\"sentences\":[]}",
            "null"})
    void should_keep_the_non_judge_verdict_and_report_judge_unavailable_on_malformed_output(String reply) {
        String answer = "Refunds are paid in cash at any store.";
        GuardResult without = Guards.groundedness().check(answer, CTX);
        ScriptedChatModel judge = ScriptedChatModel.builder().reply(reply).build();

        GuardResult r = Guards.groundedness().withJudge(LanguageModel.of(judge)).check(answer, CTX);

        assertThat(r.verdict()).isEqualTo(without.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings()).hasSize(2);
        assertThat(r.findings().get(0)).isEqualTo(without.findings().get(0));
        assertThat(r.findings().get(1)).satisfies(f -> {
            assertThat(f.type()).isEqualTo("JUDGE_UNAVAILABLE");
            assertThat(f.rule()).isEqualTo("groundedness.judge.invalid");
            assertThat(f.score()).isZero();
            assertThat(f.hasSpan()).isFalse();
        });
    }

    @Test
    void should_keep_a_pass_when_the_judge_fails_on_a_borderline_sentence() {
        GuardContext ctx = GuardContext.builder(GuardStage.OUTPUT).retrieved(List.of(new ScoredChunk(
                Chunk.of("c1", "warranty", "The warranty covers manufacturing defects for 24 months."), 1.0))).build();
        ScriptedChatModel judge = ScriptedChatModel.builder().fail(new IllegalStateException("provider down")).build();

        GuardResult r = Guards.groundedness().withJudge(LanguageModel.of(judge))
                .check("The warranty covers accidental drops and water damage for 24 months.", ctx);

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.findings()).extracting(Finding::type).containsExactly("JUDGE_UNAVAILABLE");
    }

    @Test
    void should_bound_the_context_sent_to_the_judge() {
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .reply("{\"sentences\":[{\"id\":1,\"supported\":true}]}").build();
        GroundednessGuard guard = Guards.groundedness().withJudgeMaxContextChars(40).withJudge(LanguageModel.of(judge));
        assertThat(guard.judgeMaxContextChars()).isEqualTo(40);

        guard.check("Refunds are paid in cash at any store.", CTX);

        String prompt = userText(judge.requests().get(0));
        assertThat(prompt).contains("[1] " + RETURNS.substring(0, 40) + " ...\n</context>").doesNotContain(REFUNDS);
        assertThatThrownBy(() -> Guards.groundedness().withJudgeMaxContextChars(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("judgeMaxContextChars must be > 0 but was: 0");
    }

    @Test
    void should_rank_the_judge_last_and_keep_the_derivation_api() {
        GroundednessGuard guard = Guards.groundedness();
        assertThat(guard.cost()).isLessThan(guard.withJudge(LanguageModel.of(ScriptedChatModel.alwaysReplying("x")))
                .cost());
        assertThat(guard.hasJudge()).isFalse();
        assertThat(guard.action()).isEqualTo(GuardAction.REPROMPT);
        assertThat(guard.block().check("Refunds are paid in cash at any store.", CTX).blocked()).isTrue();
        assertThat(guard.warn().check("Refunds are paid in cash at any store.", CTX).verdict()).isEqualTo(Verdict.PASS);
        assertThat(guard.named("grounded").name()).isEqualTo("grounded");
        assertThat(guard.maxChars(10).check("Refunds are paid in cash at any store.", CTX).findings())
                .extracting(Finding::type).containsExactly("INPUT_TOO_LARGE");
    }

    @Test
    void should_behave_as_the_javadoc_example_says() {
        GuardContext ctx = GuardContext.builder(GuardStage.OUTPUT).retrieved(List.of(new ScoredChunk(
                Chunk.of("c1", "returns", "Items can be sent back within thirty days of delivery."), 1.0))).build();
        String paraphrase = "You may return a product during the first month after it arrives.";
        GroundednessGuard lexical = Guards.groundedness();
        assertThat(lexical.check(paraphrase, ctx).verdict()).isEqualTo(Verdict.REPROMPT);
        ScriptedChatModel chatModel = ScriptedChatModel.builder()
                .reply("{\"sentences\":[{\"id\":1,\"supported\":true,\"reason\":\"same 30-day window\"}]}")
                .reply("{\"sentences\":[{\"id\":1,\"supported\":false,\"reason\":\"no cash refunds in context\"}]}")
                .build();
        GroundednessGuard judged = lexical.withJudge(LanguageModel.of(chatModel));
        assertThat(judged.check(paraphrase, ctx).verdict()).isEqualTo(Verdict.PASS);
        GuardResult r = judged.check("Refunds are paid in cash at any store.", ctx);
        assertThat(r.verdict()).isEqualTo(Verdict.REPROMPT);
        assertThat(r.findings().get(0).rule()).isEqualTo("groundedness.judge");
    }
}
