package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** One writer upserting and refreshing while readers search: no errors, no filter leaks, no duplicates. */
class ConcurrentUpsertSearchTest {

    @Test
    void should_keep_every_search_consistent_when_a_writer_upserts_concurrently() throws Exception {
        try (LuceneIndex index = LuceneIndex.builder().embeddingModel(new HashingEmbeddingModel())
                .exactSearchThreshold(50).build()) {
            index.upsert(batch(0));
            index.commit();
            List<Retriever> retrievers = List.of(index.bm25().build(), index.vector().build(), index.hybrid().build());
            MetadataFilter even = MetadataFilter.eq("parity", "even");
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> readers = new ArrayList<>();
            for (Retriever r : retrievers) {
                Thread t = new Thread(() -> {
                    started.countDown();
                    try {
                        while (!done.get()) {
                            List<ScoredChunk> hits = r.retrieve(RetrievalQuery.builder("tent stove lantern").k(10)
                                    .filter(even).build());
                            assertThat(hits).hasSizeLessThanOrEqualTo(10);
                            assertThat(hits).extracting(ScoredChunk::id).doesNotHaveDuplicates();
                            assertThat(hits).allSatisfy(h -> assertThat(h.chunk().metadata()).containsEntry("parity", "even"));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            started.await();
            for (int round = 1; round <= 15; round++) {
                index.upsert(batch(round));
                if (round % 3 == 0) {
                    index.delete(MetadataFilter.eq("round", (long) round - 2));
                }
                if (round % 2 == 0) {
                    index.commit();
                } else {
                    index.refresh();
                }
            }
            done.set(true);
            for (Thread t : readers) {
                t.join(60_000);
            }

            assertThat(errors).isEmpty();
            index.commit();
            // rounds 1, 4, 7, 10, 13 were deleted: 16 rounds of 20 minus 5 rounds of 20
            assertThat(index.size()).isEqualTo(16 * 20 - 5 * 20);
        }
    }

    private static List<Chunk> batch(int round) {
        String[] words = {"tent", "stove", "lantern", "pole", "fuel"};
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = round * 20 + i;
            chunks.add(new Chunk("r" + round + "-" + i, "doc" + round, words[n % 5] + " " + words[(n / 5) % 5] + " item " + n,
                    Map.of("parity", n % 2 == 0 ? "even" : "odd", "round", (long) round)));
        }
        return chunks;
    }
}
