package dev.llmops.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void should_publish_diff_stage_evaluate_promote_and_roll_back() throws Exception {
        Path workdir = TestWorkdirs.withIndex(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        PromptLifecycle.Result r = PromptLifecycle.run(ExampleModels.offline(), TestWorkdirs::parts, workdir,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(r.published()).isEqualTo(3);
        assertThat(r.steps()).extracting(PromptLifecycle.Step::labels).containsExactly(
                Map.of("production", 1, "staging", 2),
                Map.of("production", 1, "staging", 2),
                Map.of("production", 1, "staging", 3),
                Map.of("production", 3, "staging", 3),
                Map.of("production", 1, "staging", 3));
        assertThat(r.eval().passed()).isTrue();
        assertThat(out).contains("Diff support-answer@1 -> support-answer@3")
                .contains("+  When several pages agree, cite each of them")
                .contains("rolled production back to v1");
    }
}
