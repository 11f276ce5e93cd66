package dev.llmops.prompts.chain;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.llmops.api.GuardViolationException;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.trace.AttributeKey;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanData;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.SpanStatus;
import dev.llmops.api.trace.Tracer;
import dev.llmops.prompts.Prompt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded re-prompt loop of output guards (after a call and after a parse). */
class ChainRepromptTest {

    record Answer(String answer, int confidence) {
    }

    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("llmops.reprompt.attempt");

    private final InMemoryTraceSink sink = InMemoryTraceSink.create();
    private final Tracer tracer = Tracer.of(sink);
    private final Prompt qa = Prompt.of("qa", PromptContent.chat(List.of(
            PromptMessage.system("Answer in JSON."), PromptMessage.user("{{input}}"))));

    /** A test guard: REPROMPT (with one finding over the whole text) while {@code bad} holds, else PASS. */
    private static final class RecordingGuard implements Guard {
        final List<String> seen = new ArrayList<>();
        private final String name;
        private final Predicate<String> bad;
        private final Verdict verdict;

        RecordingGuard(String name, Predicate<String> bad, Verdict verdict) {
            this.name = name;
            this.bad = bad;
            this.verdict = verdict;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized GuardResult check(String text, GuardContext context) {
            seen.add(text);
            if (!bad.test(text)) {
                return GuardResult.pass(name, text);
            }
            return GuardResult.builder(name, text).verdict(verdict)
                    .findings(List.of(new Finding("UNSUPPORTED_SENTENCE", "test.sentence", 0, text.length(), 0.9,
                            "sentence 1: support 0.10 < 0.50")))
                    .reason("1 x UNSUPPORTED_SENTENCE").build();
        }
    }

    private static String lastUserText(ChatRequest r) {
        return ((UserMessage) r.messages().get(r.messages().size() - 1)).singleText();
    }

    @Test
    void should_reprompt_with_reason_and_findings_then_use_the_second_answer() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("Refunds take 90 days.")
                .reply("Refunds take 5 days.")
                .build();
        RecordingGuard grounded = new RecordingGuard("grounded", t -> t.contains("90"), Verdict.REPROMPT);
        Chain<String, String> chain = Chain.of("support", String.class)
                .prompt(qa)
                .call(LanguageModel.of(model).withTracer(tracer))
                .guard(grounded, RepromptPolicy.of(2))
                .then(Generation::text)
                .withTracer(tracer);

        ChainResult<String> result = chain.execute("How long do refunds take?");

        assertThat(result.output()).isEqualTo("Refunds take 5 days.");
        assertThat(model.requests()).hasSize(2);
        List<ChatMessage> second = model.requests().get(1).messages();
        assertThat(second).hasSize(4);
        assertThat(((AiMessage) second.get(2)).text()).isEqualTo("Refunds take 90 days.");
        assertThat(lastUserText(model.requests().get(1))).isEqualTo(
                "Your previous answer was rejected by the 'grounded' check: 1 x UNSUPPORTED_SENTENCE\n"
                        + "Problems in your previous answer:\n"
                        + "- UNSUPPORTED_SENTENCE (characters 0-21): sentence 1: support 0.10 < 0.50\n"
                        + "Answer again, fixing that.");
        assertThat(grounded.seen).containsExactly("Refunds take 90 days.", "Refunds take 5 days.");

        // traced: a "reprompt 1" STEP span under the guard step, with the re-ask's model call nested in it
        List<SpanData> spans = sink.spans(result.traceId());
        SpanData guardStep = spans.stream().filter(s -> s.name().equals("guard grounded")).findFirst().orElseThrow();
        SpanData reprompt = spans.stream().filter(s -> s.name().equals("reprompt 1")).findFirst().orElseThrow();
        assertThat(reprompt.kind()).isEqualTo(SpanKind.STEP);
        assertThat(reprompt.parentSpanId()).isEqualTo(guardStep.spanId());
        assertThat(reprompt.attribute(ATTEMPT)).contains(1L);
        assertThat(reprompt.attribute(LlmOpsAttributes.GUARD_NAME)).contains("grounded");
        List<SpanData> calls = spans.stream().filter(s -> s.kind() == SpanKind.MODEL_CALL).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).parentSpanId()).isEqualTo(reprompt.spanId());
        assertThat(guardStep.attribute(LlmOpsAttributes.GUARD_VERDICT)).contains("PASS");
    }

    @Test
    void should_fail_with_a_typed_exception_after_exactly_the_bound_of_reprompts() {
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("Refunds take 90 days.");
        RecordingGuard grounded = new RecordingGuard("grounded", t -> true, Verdict.REPROMPT);
        Chain<String, Generation> chain = Chain.of("support", String.class)
                .prompt(qa)
                .call(LanguageModel.of(model))
                .guard(grounded, RepromptPolicy.of(3))
                .withTracer(tracer);

        assertThatThrownBy(() -> chain.run("How long do refunds take?"))
                .isInstanceOf(RepromptsExhaustedException.class)
                .isInstanceOf(GuardViolationException.class)
                .hasMessage("chain 'support' failed at step 3 'guard grounded': guard 'grounded' still asked for a "
                        + "re-prompt after 3 re-prompts (4 answers): 1 x UNSUPPORTED_SENTENCE")
                .satisfies(e -> {
                    RepromptsExhaustedException re = (RepromptsExhaustedException) e;
                    assertThat(re.chain()).isEqualTo("support");
                    assertThat(re.step()).isEqualTo("guard grounded");
                    assertThat(re.stepIndex()).isEqualTo(3);
                    assertThat(re.reprompts()).isEqualTo(3);
                    assertThat(re.result().verdict()).isEqualTo(Verdict.REPROMPT);
                    assertThat(re.result().guardName()).isEqualTo("grounded");
                    List<SpanData> spans = sink.spans(re.traceId());
                    assertThat(spans).extracting(SpanData::name)
                            .containsSubsequence("reprompt 1", "reprompt 2", "reprompt 3", "guard grounded", "support");
                    assertThat(sink.root(re.traceId()).orElseThrow().status()).isEqualTo(SpanStatus.ERROR);
                });
        assertThat(model.requests()).hasSize(4); // the first answer + exactly 3 re-asks
        assertThat(grounded.seen).hasSize(4);
        // the conversation grows by one answer and one feedback message per re-ask
        assertThat(model.requests().get(3).messages()).hasSize(2 + 3 * 2);
    }

    @Test
    void should_fail_at_once_without_reprompts_under_policy_none_and_with_the_int_overload() {
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("bad");
        RecordingGuard g = new RecordingGuard("g", t -> true, Verdict.REPROMPT);
        assertThatThrownBy(() -> Chain.of("c", String.class).call(LanguageModel.of(model))
                .guard(g, RepromptPolicy.NONE).run("q"))
                .isInstanceOf(RepromptsExhaustedException.class)
                .hasMessageEndingWith("after 0 re-prompts (1 answer): 1 x UNSUPPORTED_SENTENCE");
        assertThat(model.requests()).hasSize(1);
        assertThatThrownBy(() -> Chain.of("c", String.class).call(LanguageModel.of(model)).guard(g, 1).run("q"))
                .isInstanceOf(RepromptsExhaustedException.class)
                .hasMessageEndingWith("after 1 re-prompt (2 answers): 1 x UNSUPPORTED_SENTENCE");
        assertThat(model.requests()).hasSize(3);
    }

    @Test
    void should_never_reask_on_block() {
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("leaked");
        RecordingGuard block = new RecordingGuard("leak", t -> true, Verdict.BLOCK);
        Chain<String, Generation> chain = Chain.of("support", String.class).call(LanguageModel.of(model))
                .guard(block, RepromptPolicy.of(5));
        assertThatThrownBy(() -> chain.run("q"))
                .isExactlyInstanceOf(GuardViolationException.class)
                .hasMessage("blocked by guard 'leak': 1 x UNSUPPORTED_SENTENCE");
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void should_not_reprompt_an_input_guard() {
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("x");
        RecordingGuard g = new RecordingGuard("in", t -> true, Verdict.REPROMPT);
        assertThatThrownBy(() -> Chain.of("c", String.class).guard(g).call(LanguageModel.of(model)).run("q"))
                .isExactlyInstanceOf(GuardViolationException.class);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void should_check_the_raw_answer_after_parse_and_reparse_on_reprompt() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("{\"answer\": \"Refunds take 90 days.\", \"confidence\": 9}")
                .reply("not json")                                                  // parse re-ask inside the re-prompt
                .reply("{\"answer\": \"Refunds take 5 days.\", \"confidence\": 7}")
                .build();
        RecordingGuard grounded = new RecordingGuard("grounded", t -> t.contains("90"), Verdict.REPROMPT);
        Chain<String, Answer> chain = Chain.of("support", String.class)
                .prompt(qa)
                .call(LanguageModel.of(model).withTracer(tracer))
                .parse(Answer.class)
                .guard(grounded)
                .withTracer(tracer);

        ChainResult<Answer> result = chain.execute("How long do refunds take?");

        assertThat(result.output()).isEqualTo(new Answer("Refunds take 5 days.", 7));
        assertThat(grounded.seen).containsExactly("{\"answer\": \"Refunds take 90 days.\", \"confidence\": 9}",
                "{\"answer\": \"Refunds take 5 days.\", \"confidence\": 7}");
        assertThat(model.requests()).hasSize(3);
        assertThat(lastUserText(model.requests().get(1))).startsWith(
                "Your previous answer was rejected by the 'grounded' check: 1 x UNSUPPORTED_SENTENCE");
        assertThat(lastUserText(model.requests().get(2))).startsWith("Your previous answer could not be parsed as Answer");
        // the JSON schema of the call is kept on every re-ask
        assertThat(model.requests().get(1).parameters().responseFormat().jsonSchema().name()).isEqualTo("Answer");
        SpanData reprompt = sink.spans(result.traceId()).stream().filter(s -> s.name().equals("reprompt 1"))
                .findFirst().orElseThrow();
        assertThat(sink.spans(result.traceId()).stream().filter(s -> s.kind() == SpanKind.MODEL_CALL)
                .filter(s -> reprompt.spanId().equals(s.parentSpanId()))).hasSize(2);
    }

    @Test
    void should_reparse_the_sanitized_answer_when_a_guard_after_parse_rewrites() {
        ScriptedChatModel model = ScriptedChatModel.alwaysReplying("{\"answer\": \"Mail jane@example.com\", \"confidence\": 3}");
        Guard redact = new Guard() {
            @Override
            public String name() {
                return "pii";
            }

            @Override
            public GuardResult check(String text, GuardContext context) {
                return GuardResult.builder("pii", text).verdict(Verdict.PASS_WITH_REWRITE)
                        .sanitizedText(text.replace("jane@example.com", "<EMAIL_1>")).build();
            }
        };
        Answer a = Chain.of("c", String.class).call(LanguageModel.of(model)).parse(Answer.class).guard(redact).run("q");
        assertThat(a).isEqualTo(new Answer("Mail <EMAIL_1>", 3));
    }

    @Test
    void should_not_put_the_raw_value_of_a_pii_finding_into_the_reprompt_message() {
        String answer = "Write to jane.doe@example.com for a refund.";
        int start = answer.indexOf("jane");
        int end = start + "jane.doe@example.com".length();
        Guard pii = new Guard() {
            @Override
            public String name() {
                return "pii";
            }

            @Override
            public GuardResult check(String text, GuardContext context) {
                if (!text.contains("@")) {
                    return GuardResult.pass("pii", text);
                }
                return GuardResult.builder("pii", text).verdict(Verdict.REPROMPT)
                        .findings(List.of(new Finding("EMAIL", "pii.email", start, end, 1.0, "an email address")))
                        .build();
            }
        };
        ScriptedChatModel model = ScriptedChatModel.builder().reply(answer).reply("Use the refund form.").build();
        Generation g = Chain.of("c", String.class).call(LanguageModel.of(model)).guard(pii).run("q");

        assertThat(g.text()).isEqualTo("Use the refund form.");
        String feedback = lastUserText(model.requests().get(1));
        assertThat(feedback).doesNotContain("jane.doe@example.com").doesNotContain("jane")
                .contains("1 x EMAIL").contains("- EMAIL (characters " + start + "-" + end + "): an email address");
    }

    @Test
    void should_validate_the_policy_and_describe_it_in_the_plan() {
        assertThatThrownBy(() -> RepromptPolicy.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReprompts must be >= 0 but was: -1");
        assertThatThrownBy(() -> Chain.of("c", String.class).guard(new RecordingGuard("g", t -> false, Verdict.PASS), -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxReprompts must be >= 0 but was: -2");
        assertThat(RepromptPolicy.DEFAULT.maxReprompts()).isEqualTo(2);
        String plan = Chain.of("c", String.class).call(LanguageModel.of(ScriptedChatModel.alwaysReplying("x")))
                .guard(new RecordingGuard("g", t -> false, Verdict.PASS), RepromptPolicy.of(4)).plan();
        assertThat(plan).contains("\"maxReprompts\" : 4");
    }
}
