package dev.llmops.api.cache;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.output.FinishReason;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelException;
import dev.llmops.api.model.ScriptedChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskResponseCacheTest {

    @TempDir
    Path dir;

    private static final String KEY = "a".repeat(64);

    private static CachedResponse answer(String text) {
        return new CachedResponse(text, FinishReason.STOP, "m", 10, 2, false, Instant.now());
    }

    @Test
    void should_serve_entries_from_a_new_instance_on_the_same_directory() {
        DiskResponseCache.open(dir, Duration.ofDays(1)).put(KEY, answer("kept"));

        DiskResponseCache reopened = DiskResponseCache.open(dir, Duration.ofDays(1));

        assertThat(reopened.get(KEY)).hasValueSatisfying(r -> assertThat(r.text()).isEqualTo("kept"));
    }

    @Test
    void should_skip_a_truncated_entry_and_never_serve_it() throws Exception {
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));
        cache.put(KEY, answer("a complete answer"));
        Path file = cache.fileFor(KEY);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(DiskResponseCache.open(dir, Duration.ofDays(1)).get(KEY)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void should_skip_an_entry_whose_payload_was_edited() throws Exception {
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));
        cache.put(KEY, answer("original"));
        Path file = cache.fileFor(KEY);
        Files.writeString(file, Files.readString(file).replace("original", "tampered"));

        assertThat(cache.get(KEY)).isEmpty();
    }

    @Test
    void should_skip_an_entry_stored_under_another_key() throws Exception {
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));
        String other = "b".repeat(64);
        cache.put(other, answer("for b"));
        Files.createDirectories(cache.fileFor(KEY).getParent());
        Files.copy(cache.fileFor(other), cache.fileFor(KEY));

        assertThat(cache.get(KEY)).isEmpty();
    }

    @Test
    void should_not_serve_expired_entries() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        DiskResponseCache writer = DiskResponseCache.open(dir, Duration.ofHours(1), Clock.fixed(t0, ZoneOffset.UTC));
        writer.put(KEY, new CachedResponse("old", FinishReason.STOP, "m", 1, 1, false, t0));

        DiskResponseCache later = DiskResponseCache.open(dir, Duration.ofHours(1),
                Clock.fixed(t0.plus(Duration.ofHours(2)), ZoneOffset.UTC));

        assertThat(later.get(KEY)).isEmpty();
    }

    @Test
    void should_leave_no_temporary_files_behind() throws Exception {
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));
        for (int i = 0; i < 20; i++) {
            cache.put(KEY, answer("v" + i));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(cache.fileFor(KEY));
        }
    }

    @Test
    void should_reject_a_malformed_key() {
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));
        assertThatThrownBy(() -> cache.get("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must be 64 lowercase hex digits but was: ../../etc/passwd");
    }

    @Test
    void should_answer_from_disk_after_a_restart_and_call_the_model_again_for_a_corrupt_entry() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder().reply("first").reply("second").build();
        Generation g1 = LanguageModel.of(model).withCache(DiskResponseCache.open(dir, Duration.ofDays(1)))
                .generate("q");
        Generation g2 = LanguageModel.of(model).withCache(DiskResponseCache.open(dir, Duration.ofDays(1)))
                .generate("q");
        assertThat(g1.cacheHit()).isFalse();
        assertThat(g2.cacheHit()).isTrue();
        assertThat(g2.text()).isEqualTo("first");
        assertThat(model.requests()).hasSize(1);

        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(f, "{\"key\":");
            }
        }
        Generation g3 = LanguageModel.of(model).withCache(DiskResponseCache.open(dir, Duration.ofDays(1)))
                .generate("q");
        assertThat(g3.cacheHit()).isFalse();
        assertThat(g3.text()).isEqualTo("second");
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void should_never_write_an_error_to_disk() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder().fail(new InternalServerException("down")).build();
        DiskResponseCache cache = DiskResponseCache.open(dir, Duration.ofDays(1));

        assertThatThrownBy(() -> LanguageModel.of(model).withCache(cache).generate("q"))
                .isInstanceOf(ModelException.class);

        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).isEmpty();
        }
    }
}
