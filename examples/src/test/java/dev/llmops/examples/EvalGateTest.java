package dev.llmops.examples;

import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.eval.report.JsonReport;
import dev.llmops.prompts.PromptRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalGateTest {

    @TempDir
    Path dir;

    @Test
    void should_pass_and_write_every_report_when_the_candidate_is_as_good_as_the_baseline() throws Exception {
        Path workdir = TestWorkdirs.withIndex(dir.resolve("work"));
        Path reports = dir.resolve("reports");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int status = EvalGate.run(ExampleModels.offline(), TestWorkdirs.parts(), workdir, reports, "production", "staging",
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        assertThat(out).contains("Comparison matrix").contains("support-answer@1 (baseline)")
                .contains("support-answer@2 (candidate)").contains("GATE PASSED");
        assertThat(JsonReport.read(reports.resolve("baseline.json")).summary().passRate()).isEqualTo(1.0);
        assertThat(JsonReport.read(reports.resolve("candidate.json")).summary().passRate()).isEqualTo(1.0);
        assertThat(Files.readString(reports.resolve("TEST-shop-assistant-eval.xml"))).contains("<testsuite");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("<html");
    }

    @Test
    void should_fail_with_status_1_when_the_candidate_prompt_is_worse() throws Exception {
        Path workdir = TestWorkdirs.withIndex(dir.resolve("work"));
        PromptRegistry registry = SupportPrompts.open(workdir.resolve("prompts"));
        // a careless edit: the context is no longer passed to the model
        PromptVersion worse = registry.publish(new PromptDraft(SupportPrompts.NAME, PromptContent.chat(List.of(
                PromptMessage.system("You are a friendly shop assistant."),
                PromptMessage.user("Question: {{question}}"))), "intern", "simplify the prompt"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int status = EvalGate.run(ExampleModels.offline(), TestWorkdirs.parts(), workdir, dir.resolve("reports"), "production",
                String.valueOf(worse.version()), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isEqualTo(1);
        assertThat(out).contains("GATE FAILED").contains("<- regression").contains("return-window");
        assertThat(JsonReport.read(dir.resolve("reports/candidate.json")).summary().passRate()).isLessThan(0.5);
    }
}
