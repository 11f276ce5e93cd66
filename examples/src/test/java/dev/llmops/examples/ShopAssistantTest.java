package dev.llmops.examples;

import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.ExtractiveChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ShopAssistantTest {

    @TempDir
    Path workdir;

    @Test
    void should_answer_with_citations_block_injection_redact_the_card_and_reuse_the_index_when_run_twice()
            throws Exception {
        RecordingChatModel recording = new RecordingChatModel(ExtractiveChatModel.create());
        ExampleModels models = ExampleModels.offline().withChatModel(recording);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ShopAssistant.Result first = ShopAssistant.run(models, workdir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // the banner comes first and the first start embeds the help centre
        assertThat(out).startsWith(ExtractiveChatModel.BANNER).contains("embedding chunks:")
                .contains("Prompt support-answer@1 (label production)");
        assertThat(first.ingest().embedded()).isGreaterThan(40);
        assertThat(first.turns()).hasSize(ShopAssistant.QUESTIONS.size());

        Set<String> pageIds = BundledData.helpCentre().stream().map(d -> d.id()).collect(Collectors.toSet());
        ShopAssistant.Turn injection = first.turns().stream().filter(t -> t.question().startsWith("Ignore all"))
                .findFirst().orElseThrow();
        assertThat(injection.blockedBy()).hasValueSatisfying(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
            assertThat(r.findings()).anySatisfy(f -> assertThat(f.type()).isEqualTo("PROMPT_INJECTION"));
        });
        assertThat(out).contains("BLOCKED   by");

        // every other question is answered, citing pages that exist, with the expected page among them
        first.turns().stream().filter(t -> t != injection).forEach(t -> {
            assertThat(t.blockedBy()).as(t.question()).isEmpty();
            assertThat(t.answer()).as(t.question()).hasValueSatisfying(a -> {
                assertThat(a.answer()).isNotBlank().isNotEqualTo(ExtractiveChatModel.NO_ANSWER);
                assertThat(a.pageIds()).isNotEmpty();
                assertThat(pageIds).containsAll(a.pageIds());
            });
        });
        assertThat(answerTo(first, "How many days").pageIds()).contains("return-policy");
        assertThat(answerTo(first, "How many days").answer()).contains("30 days");
        assertThat(answerTo(first, "How long does the refund").answer()).contains("5-10 business days");
        assertThat(answerTo(first, "Until what time").answer()).contains("14:00");
        assertThat(answerTo(first, "Until what time").pageIds()).contains("shipping-express");
        assertThat(answerTo(first, "How long is the password").answer()).contains("60 minutes");

        // the card number was redacted before the model saw it
        ShopAssistant.Turn card = first.turns().stream().filter(t -> t.question().startsWith("My card")).findFirst()
                .orElseThrow();
        assertThat(card.verdicts()).anySatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS_WITH_REWRITE);
            assertThat(r.findings()).anySatisfy(f -> assertThat(f.type()).isEqualTo("CREDIT_CARD"));
        });
        assertThat(recording.requestTexts()).hasSize(ShopAssistant.QUESTIONS.size() - 1)
                .noneSatisfy(text -> assertThat(text).contains("4539"))
                .anySatisfy(text -> assertThat(text).contains("<CREDIT_CARD_1>"));
        assertThat(recording.requestTexts()).noneSatisfy(text -> assertThat(text).containsIgnoringCase("ignore all"));

        // tokens, cost and the trace file
        assertThat(first.turns().get(0).inputTokens()).isPositive();
        assertThat(out).contains("cost $0.000000");
        assertThat(Files.readAllLines(workdir.resolve("traces/shop-assistant.jsonl"))).isNotEmpty();

        // a second start reuses the index
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ShopAssistant.Result second = ShopAssistant.run(ExampleModels.offline(), TestWorkdirs.parts(), workdir,
                new PrintStream(again, true, StandardCharsets.UTF_8), ShopAssistant.QUESTIONS.subList(0, 1));
        assertThat(second.ingest().embedded()).isZero();
        assertThat(second.ingest().unchangedDocuments()).isEqualTo(pageIds.size());
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("0 chunks re-embedded")
                .doesNotContain("embedding chunks:");
        assertThat(answerTo(second, "How many days")).isEqualTo(answerTo(first, "How many days"));
    }

    private static SupportAnswer answerTo(ShopAssistant.Result r, String questionStart) {
        return r.turns().stream().filter(t -> t.question().startsWith(questionStart)).findFirst().orElseThrow()
                .answer().orElseThrow();
    }
}
