package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.SpanData;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import dev.llmops.api.trace.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuceneIndexTest {

    @TempDir
    Path dir;

    private static Chunk chunk(String id, String doc, String text, Map<String, Object> meta) {
        return new Chunk(id, doc, text, meta);
    }

    @Test
    void should_replace_a_chunk_when_upserting_the_same_id_again() {
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            index.upsert(List.of(chunk("a", "d", "red tent", Map.of())));
            index.upsert(List.of(chunk("a", "d", "blue stove", Map.of("v", 2))));
            index.commit();

            assertThat(index.size()).isEqualTo(1);
            assertThat(index.get("a")).hasValueSatisfying(c -> {
                assertThat(c.text()).isEqualTo("blue stove");
                assertThat(c.metadata()).containsEntry("v", 2L);
            });
            assertThat(index.bm25().build().retrieve("tent", 5)).isEmpty();
        }
    }

    @Test
    void should_round_trip_typed_metadata_when_loading_a_chunk() {
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            index.upsert(List.of(chunk("a", "d", "x", Map.of("s", "v", "l", 7L, "i", 3, "d", 2.0, "b", true))));
            index.commit();

            assertThat(index.get("a").orElseThrow().metadata())
                    .containsEntry("s", "v").containsEntry("l", 7L).containsEntry("i", 3L)
                    .containsEntry("d", 2.0).containsEntry("b", true);
        }
    }

    @Test
    void should_delete_by_id_document_and_filter_when_asked() {
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            index.upsert(List.of(
                    chunk("a1", "a", "tent one", Map.of("cat", "x", "year", 2020)),
                    chunk("a2", "a", "tent two", Map.of("cat", "x", "year", 2021)),
                    chunk("b1", "b", "tent three", Map.of("cat", "y", "year", 2022)),
                    chunk("c1", "c", "tent four", Map.of("cat", "y", "year", 2023)),
                    chunk("c2", "c", "tent five", Map.of("cat", "z", "year", 2024))));
            index.commit();

            index.delete("b1");
            index.refresh();
            assertThat(index.size()).isEqualTo(4);

            index.deleteDocument("a");
            index.refresh();
            assertThat(index.size()).isEqualTo(2);

            index.delete(MetadataFilter.atLeast("year", 2024));
            index.commit();
            assertThat(index.bm25().build().retrieve("tent", 10)).extracting(ScoredChunk::id).containsExactly("c1");
        }
    }

    @Test
    void should_not_show_writes_until_refresh_or_commit() {
        try (LuceneIndex index = LuceneIndex.inMemory()) {
            index.upsert(List.of(Chunk.of("a", "d", "tent")));
            assertThat(index.size()).isZero();
            index.refresh();
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void should_report_unchanged_and_embed_nothing_when_upserting_identical_chunks() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        try (LuceneIndex index = LuceneIndex.inMemory(model)) {
            List<Chunk> chunks = List.of(chunk("a", "d", "red tent", Map.of("k", 1)), chunk("b", "d", "blue stove", Map.of()));
            assertThat(index.upsert(chunks)).isEqualTo(new UpsertResult(2, 0, 0, 2));

            assertThat(index.upsert(chunks)).isEqualTo(new UpsertResult(0, 0, 2, 0));

            UpsertResult metaOnly = index.upsert(List.of(chunk("a", "d", "red tent", Map.of("k", 2))));
            assertThat(metaOnly).isEqualTo(new UpsertResult(0, 1, 0, 0));

            UpsertResult textChanged = index.upsert(List.of(chunk("b", "d", "green stove", Map.of())));
            assertThat(textChanged).isEqualTo(new UpsertResult(0, 1, 0, 1));
            assertThat(model.embeddedTexts.get()).isEqualTo(3);
            index.commit();
            assertThat(index.vector().build().retrieve("red tent", 1).get(0).id()).isEqualTo("a");
        }
    }

    @Test
    void should_embed_in_batches_and_report_progress_when_upserting_many_chunks() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        try (LuceneIndex index = LuceneIndex.builder().embeddingModel(model).embeddingBatchSize(4).build()) {
            List<Chunk> chunks = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> Chunk.of("c" + i, "d", "text " + i)).toList();
            List<int[]> progress = new java.util.ArrayList<>();

            index.upsert(chunks, (done, total) -> progress.add(new int[]{done, total}));

            assertThat(model.embedAllCalls.get()).isEqualTo(3);
            assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("4/10", "8/10", "10/10");
        }
    }

    @Test
    void should_embed_batches_concurrently_and_report_all_progress_when_parallelism_is_set() throws Exception {
        java.util.concurrent.CountDownLatch bothInside = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        HashingEmbeddingModel delegate = new HashingEmbeddingModel();
        dev.langchain4j.model.embedding.EmbeddingModel slow = new dev.langchain4j.model.embedding.EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                    List<dev.langchain4j.data.segment.TextSegment> segments) {
                bothInside.countDown();
                try {
                    overlapped.compareAndSet(false, bothInside.await(10, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return delegate.embedAll(segments);
            }

            @Override
            public int dimension() {
                return 64;
            }

            @Override
            public String modelName() {
                return "slow";
            }
        };
        try (LuceneIndex index = LuceneIndex.builder().embeddingModel(slow).embeddingBatchSize(5)
                .embeddingParallelism(2).build()) {
            List<Chunk> chunks = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> Chunk.of("c" + i, "d", "text number " + i)).toList();
            List<Integer> progress = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

            UpsertResult r = index.upsert(chunks, (done, total) -> progress.add(done));
            index.commit();

            assertThat(overlapped).isTrue();
            assertThat(r.embedded()).isEqualTo(20);
            assertThat(progress).containsExactly(5, 10, 15, 20);
            assertThat(index.vector().build().retrieve("text number 7", 1).get(0).id()).isEqualTo("c7");
        }
    }

    @Test
    void should_reopen_at_the_last_commit_when_closed_without_committing() {
        try (LuceneIndex index = LuceneIndex.open(dir)) {
            index.upsert(List.of(Chunk.of("kept", "d", "kept tent")));
            index.commit();
            index.upsert(List.of(Chunk.of("lost", "d", "lost tent")));
        }
        try (LuceneIndex index = LuceneIndex.open(dir)) {
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.get("kept")).isPresent();
            assertThat(index.get("lost")).isEmpty();
        }
    }

    @Test
    void should_refuse_a_different_embedding_model_when_reopening() {
        try (LuceneIndex index = LuceneIndex.open(dir, new HashingEmbeddingModel("model-a", 64))) {
            index.upsert(List.of(Chunk.of("a", "d", "tent")));
            index.commit();
        }

        assertThatThrownBy(() -> LuceneIndex.open(dir, new HashingEmbeddingModel("model-b", 64)))
                .isInstanceOfSatisfying(EmbeddingModelMismatchException.class, e -> {
                    assertThat(e.indexedModel()).isEqualTo("model-a");
                    assertThat(e.configuredModel()).isEqualTo("model-b");
                })
                .hasMessageContaining("was built with embedding model 'model-a' (dimension 64)")
                .hasMessageContaining("opened with 'model-b' (dimension 64)");
        assertThatThrownBy(() -> LuceneIndex.open(dir, new HashingEmbeddingModel("model-a", 32)))
                .isInstanceOf(EmbeddingModelMismatchException.class)
                .hasMessageContaining("(dimension 32)");

        try (LuceneIndex same = LuceneIndex.open(dir, new HashingEmbeddingModel("model-a", 64))) {
            assertThat(same.vector().build().retrieve("tent", 1)).extracting(ScoredChunk::id).containsExactly("a");
        }
    }

    @Test
    void should_refuse_an_embedding_model_when_the_index_was_built_without_one() {
        try (LuceneIndex index = LuceneIndex.open(dir)) {
            index.upsert(List.of(Chunk.of("a", "d", "tent")));
            index.commit();
        }

        assertThatThrownBy(() -> LuceneIndex.open(dir, new HashingEmbeddingModel()))
                .isInstanceOf(EmbeddingModelMismatchException.class)
                .hasMessageContaining("built with embedding model 'none'");
    }

    @Test
    void should_allow_bm25_but_refuse_writes_when_an_embedded_index_is_opened_without_a_model() {
        try (LuceneIndex index = LuceneIndex.open(dir, new HashingEmbeddingModel())) {
            index.upsert(List.of(Chunk.of("a", "d", "tent")));
            index.commit();
        }
        try (LuceneIndex index = LuceneIndex.open(dir)) {
            assertThat(index.embeddingModelName()).hasValue("hashing-bow");
            assertThat(index.bm25().build().retrieve("tent", 1)).hasSize(1);
            assertThatThrownBy(() -> index.upsert(List.of(Chunk.of("b", "d", "x"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds embeddings of 'hashing-bow'");
            assertThatThrownBy(index::vector).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has no EmbeddingModel");
        }
    }

    @Test
    void should_fail_with_a_typed_error_when_the_model_returns_a_wrong_dimension() {
        HashingEmbeddingModel small = new HashingEmbeddingModel("liar", 16);
        try (LuceneIndex index = LuceneIndex.builder().embeddingModel(small).embeddingDimension(64).build()) {
            assertThatThrownBy(() -> index.upsert(List.of(Chunk.of("a", "d", "tent"))))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("returned a vector of dimension 16 for chunk a but the index dimension is 64");
        }
    }

    @Test
    void should_not_re_embed_a_repeated_query_when_the_cache_holds_it() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        try (LuceneIndex index = LuceneIndex.inMemory(model)) {
            index.upsert(List.of(Chunk.of("a", "d", "tent")));
            index.commit();
            int before = model.embeddedTexts.get();
            HybridRetriever hybrid = index.hybrid().build();

            hybrid.retrieve("a tent", 3);
            hybrid.retrieve("a tent", 3);
            index.vector().build().retrieve("a tent", 3);

            assertThat(model.embeddedTexts.get() - before).isEqualTo(1);
            assertThat(index.queryEmbeddingCacheHits()).isEqualTo(2);
        }
    }

    @Test
    void should_record_a_retrieval_span_under_the_parent_when_a_tracer_is_configured() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.of(sink);
        try (LuceneIndex index = LuceneIndex.inMemory(new HashingEmbeddingModel())) {
            index.upsert(List.of(Chunk.of("a", "d", "tent"), Chunk.of("b", "d", "stove")));
            index.commit();
            TraceContext parent = new TraceContext("0123456789abcdef0123456789abcdef", "0123456789abcdef");

            index.hybrid().tracer(tracer).k(1).build()
                    .retrieve(RetrievalQuery.builder("tent").k(5).parent(parent).build());
            index.bm25().tracer(tracer).build().retrieve("stove", 2);

            List<SpanData> spans = sink.spans();
            assertThat(spans).hasSize(2);
            SpanData hybrid = spans.get(0);
            assertThat(hybrid.kind()).isEqualTo(SpanKind.RETRIEVAL);
            assertThat(hybrid.name()).isEqualTo("retrieve.hybrid");
            assertThat(hybrid.traceId()).isEqualTo(parent.traceId());
            assertThat(hybrid.parentSpanId()).isEqualTo(parent.spanId());
            assertThat(hybrid.attributes()).containsEntry(LlmOpsAttributes.RETRIEVAL_K.name(), 1L)
                    .containsEntry(LlmOpsAttributes.RETRIEVAL_RESULTS.name(), 1L);
            assertThat(spans.get(1).parentSpanId()).isNull();
        }
    }

    @Test
    void should_reject_bad_settings_with_a_message_naming_the_value() {
        assertThatThrownBy(() -> LuceneIndex.builder().bm25(-1f, 0.4f)).hasMessage("k1 must be >= 0 but was: -1.0");
        assertThatThrownBy(() -> LuceneIndex.builder().bm25(0.9f, 1.5f)).hasMessage("b must be in [0, 1] but was: 1.5");
        assertThatThrownBy(() -> LuceneIndex.builder().embeddingBatchSize(0))
                .hasMessage("embeddingBatchSize must be > 0 but was: 0");
        try (LuceneIndex index = LuceneIndex.inMemory(new HashingEmbeddingModel())) {
            assertThatThrownBy(() -> index.bm25().k(0)).hasMessage("k must be > 0 but was: 0");
            assertThatThrownBy(() -> index.hybrid().weights(-0.1, 1)).hasMessage("bm25Weight must be >= 0 but was: -0.1");
            assertThatThrownBy(() -> index.hybrid().weights(0, 0)).hasMessage("bm25Weight and vectorWeight must not both be 0");
            assertThatThrownBy(() -> index.hybrid().candidates(0)).hasMessage("candidates must be > 0 but was: 0");
            assertThatThrownBy(() -> index.hybrid().vectorBeam(-1)).hasMessage("vectorBeam must be >= 0 but was: -1");
        }
    }

    @Test
    void should_merge_into_one_segment_and_keep_every_chunk_when_force_merging() {
        try (LuceneIndex index = LuceneIndex.open(dir, new HashingEmbeddingModel())) {
            for (int batch = 0; batch < 3; batch++) {
                index.upsert(List.of(Chunk.of("c" + batch, "d", "tent number " + batch)));
                index.commit();
            }
            assertThat(index.segmentCount()).isEqualTo(3);

            index.forceMerge(1);

            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(index.size()).isEqualTo(3);
            assertThat(index.vector().build().retrieve("tent number 2", 1).get(0).id()).isEqualTo("c2");
            assertThatThrownBy(() -> index.forceMerge(0)).hasMessage("maxSegments must be > 0 but was: 0");
        }
    }

    @Test
    void should_fail_with_a_typed_error_when_used_after_close() {
        LuceneIndex index = LuceneIndex.inMemory();
        index.close();
        index.close();

        assertThatThrownBy(index::size).isInstanceOf(IndexException.class).hasMessage("index memory is closed");
    }
}
