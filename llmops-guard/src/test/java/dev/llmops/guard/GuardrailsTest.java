package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanData;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailsTest {

    private static final String EMAIL_TEXT = "Mail jane.doe@example.com, then jane.doe@example.com again, or bob@example.org.";

    @Test
    void should_redact_email_with_stable_typed_placeholders_when_action_is_redact() {
        GuardResult r = Guards.pii().redact().check(EMAIL_TEXT);

        assertThat(r.verdict()).isEqualTo(Verdict.PASS_WITH_REWRITE);
        assertThat(r.sanitizedText()).isEqualTo("Mail <EMAIL_1>, then <EMAIL_1> again, or <EMAIL_2>.");
        assertThat(r.originalText()).isEqualTo(EMAIL_TEXT);
        assertThat(r.findings()).hasSize(3).allMatch(f -> f.type().equals("EMAIL") && f.rule().equals("pii.email"));
        assertThat(r.restorations()).isEmpty();
    }

    @Test
    void should_restore_values_when_redaction_is_reversible() {
        GuardResult r = Guards.pii().redact().reversible().check(EMAIL_TEXT);

        assertThat(r.restorations()).containsEntry("<EMAIL_1>", "jane.doe@example.com")
                .containsEntry("<EMAIL_2>", "bob@example.org");
        assertThat(r.restore("I wrote to <EMAIL_2> and <EMAIL_1>.")).isEqualTo(
                "I wrote to bob@example.org and jane.doe@example.com.");
        assertThat(r.toString()).doesNotContain("jane.doe");
    }

    @Test
    void should_block_warn_or_reprompt_according_to_the_action() {
        assertThat(Guards.pii().check(EMAIL_TEXT).verdict()).isEqualTo(Verdict.BLOCK);
        GuardResult warned = Guards.pii().warn().check(EMAIL_TEXT);
        assertThat(warned.verdict()).isEqualTo(Verdict.PASS);
        assertThat(warned.findings()).hasSize(3);
        assertThat(warned.sanitizedText()).isEqualTo(EMAIL_TEXT);
        assertThat(Guards.pii().reprompt().check(EMAIL_TEXT).verdict()).isEqualTo(Verdict.REPROMPT);
    }

    @Test
    void should_combine_guards_and_map_spans_back_to_the_original_when_an_earlier_guard_redacted() {
        Guardrails g = Guardrails.builder()
                .input(Guards.pii().redact(), Guards.bannedSubstrings("forbidden").warn())
                .build();
        String text = "Write to averylongname.person@example.com about the forbidden topic.";

        GuardResult r = g.checkInput(text);

        assertThat(r.guardName()).isEqualTo("input");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS_WITH_REWRITE);
        assertThat(r.sanitizedText()).isEqualTo("Write to <EMAIL_1> about the forbidden topic.");
        Finding banned = r.findings().stream().filter(f -> f.type().equals("BANNED_SUBSTRING")).findFirst().orElseThrow();
        assertThat(text.substring(banned.start(), banned.end())).isEqualTo("forbidden");
        Finding email = r.findings().stream().filter(f -> f.type().equals("EMAIL")).findFirst().orElseThrow();
        assertThat(text.substring(email.start(), email.end())).isEqualTo("averylongname.person@example.com");
    }

    @Test
    void should_run_cheap_guards_first_and_stop_at_the_first_block() {
        List<String> ran = new ArrayList<>();
        Guard expensive = new Guard() {
            @Override
            public String name() {
                return "foreign";
            }

            @Override
            public GuardResult check(String text, GuardContext context) {
                ran.add("foreign");
                return GuardResult.pass(name(), text);
            }
        };
        Guardrails g = Guardrails.builder()
                .input(expensive, Guards.secrets(), Guards.maxLength(10))
                .build();

        assertThat(g.inputGuards()).extracting(Guard::name).containsExactly("max_length", "secrets", "foreign");
        GuardResult r = g.checkInput("this text is longer than ten characters");
        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).extracting(Finding::type).containsExactly("TOO_LONG");
        assertThat(ran).isEmpty();

        GuardResult all = Guardrails.builder().input(expensive, Guards.maxLength(10)).failFast(false).build()
                .checkInput("this text is longer than ten characters");
        assertThat(all.blocked()).isTrue();
        assertThat(ran).containsExactly("foreign");
    }

    @Test
    void should_block_unscanned_when_the_input_exceeds_the_cap() {
        Guardrails g = Guardrails.builder().input(Guards.pii()).maxInputChars(100).build();

        GuardResult r = g.checkInput("x".repeat(101) + " jane@example.com");

        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("INPUT_TOO_LARGE");
            assertThat(f.detail()).isEqualTo("text has 118 chars; the cap is 100");
        });
    }

    @Test
    void should_fail_closed_when_a_guard_throws() {
        Guard broken = new Guard() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public GuardResult check(String text, GuardContext context) {
                throw new IllegalStateException("boom");
            }
        };

        GuardResult r = Guardrails.builder().input(broken).build().checkInput("hello");

        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("GUARD_ERROR");
            assertThat(f.detail()).isEqualTo("guard threw IllegalStateException");
        });
    }

    @Test
    void should_trace_every_guard_run_without_raw_values() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Guardrails g = Guardrails.builder()
                .input(Guards.pii().redact(), Guards.secrets())
                .output(Guards.refusal())
                .tracer(Tracer.of(sink))
                .build();

        g.checkInput("Reach jane@example.com", GuardContext.builder(dev.llmops.api.guard.GuardStage.INPUT).key("u1").build());
        g.checkOutput("All good.");

        List<SpanData> spans = sink.spans(SpanKind.GUARD);
        assertThat(spans).extracting(SpanData::name)
                .containsExactlyInAnyOrder("guardrails.input", "guard.pii", "guard.secrets", "guardrails.output",
                        "guard.refusal");
        SpanData pii = spans.stream().filter(s -> s.name().equals("guard.pii")).findFirst().orElseThrow();
        assertThat(pii.attribute(LlmOpsAttributes.GUARD_VERDICT)).contains("PASS_WITH_REWRITE");
        assertThat(pii.attribute(LlmOpsAttributes.GUARD_FINDINGS)).contains(1L);
        assertThat(pii.parent()).isPresent();
        assertThat(spans.toString()).doesNotContain("jane@example.com");
    }

    @Test
    void should_expose_the_stages_as_guards() {
        Guardrails g = Guardrails.builder().input(Guards.secrets()).output(Guards.refusal()).build();

        assertThat(g.input().name()).isEqualTo("input");
        assertThat(g.output().check("I'm sorry, but I can't help with that.", GuardContext.output()).verdict())
                .isEqualTo(Verdict.REPROMPT);
        assertThat(g.checkOutput("Here is the answer.").passed()).isTrue();
    }

    @Test
    void should_reject_bad_configuration_with_a_message_naming_the_value() {
        assertThatThrownBy(() -> Guardrails.builder().maxInputChars(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInputChars must be > 0 but was: 0");
        assertThatThrownBy(() -> Guards.maxLength(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxChars must be > 0 but was: -1");
        assertThatThrownBy(() -> Guards.pii().named(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank but was: ' '");
        assertThatThrownBy(() -> Guards.secrets(9, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minEntropy must be in [0, 8] but was: 9.0");
    }
}
