package dev.llmops.rag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A child JVM is killed (SIGKILL) mid-ingestion; the index must reopen at a commit, intact. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void should_open_at_the_last_commit_when_the_writing_process_was_killed() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int committedBatches = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committedBatches = Integer.parseInt(line.substring("committed ".length()));
                    if (committedBatches >= 3) {
                        break;
                    }
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(committedBatches).as("child output").isGreaterThanOrEqualTo(3);

        try (LuceneIndex index = LuceneIndex.open(dir, new HashingEmbeddingModel())) {
            int size = index.size();
            // commits happen after odd batch counts; the kill may land after a later commit
            assertThat(size % 50).isZero();
            assertThat(size / 50).isGreaterThanOrEqualTo(committedBatches).matches(n -> n % 2 == 1, "odd batch count");
            for (int b = 0; b < size / 50; b++) {
                assertThat(index.get("b" + b + "-49")).as("batch %d", b).isPresent();
            }
            assertThat(index.get("b" + (size / 50) + "-0")).isEmpty();
            assertThat(index.vector().build().retrieve("tent stove lantern batch 2 item 7", 1).get(0).id())
                    .isEqualTo("b2-7");
            index.upsert(java.util.List.of(dev.llmops.api.retrieval.Chunk.of("after", "d", "written after recovery")));
            index.commit();
            assertThat(index.size()).isEqualTo(size + 1);
        }
    }
}
