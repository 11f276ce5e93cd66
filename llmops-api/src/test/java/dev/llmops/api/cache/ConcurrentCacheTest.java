package dev.llmops.api.cache;

import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads writing and reading the same keys never see a half-written or foreign entry. */
class ConcurrentCacheTest {

    @TempDir
    Path dir;

    @Test
    void disk_cache_should_only_ever_serve_whole_entries_under_concurrent_writes() throws Exception {
        assertConsistent(DiskResponseCache.open(dir, Duration.ofDays(1)));
    }

    @Test
    void memory_cache_should_only_ever_serve_whole_entries_under_concurrent_writes() throws Exception {
        assertConsistent(InMemoryResponseCache.create(8, Duration.ofDays(1)));
    }

    private static void assertConsistent(ResponseCache cache) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            keys.add(String.format("%064x", k));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int hits = 0;
                for (int i = 0; i < 300; i++) {
                    String key = keys.get((i * 7 + thread) % keys.size());
                    if ((i + thread) % 3 == 0) {
                        cache.put(key, new CachedResponse(key + ":" + thread + ":" + i, FinishReason.STOP, "m", 1, 1,
                                false, Instant.now()));
                    } else {
                        Optional<CachedResponse> r = cache.get(key);
                        if (r.isPresent()) {
                            hits++;
                            assertThat(r.get().text()).startsWith(key + ":");
                        }
                    }
                }
                return hits;
            }));
        }
        int hits = 0;
        for (Future<Integer> f : futures) {
            hits += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(hits).isPositive();
    }
}
