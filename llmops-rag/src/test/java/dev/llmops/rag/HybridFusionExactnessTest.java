package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.ScoredChunk;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks the single-pass convex fusion against a reference computed from full leg rankings: the
 * union of each leg's top candidates, every candidate scored exactly in both legs, min-max
 * normalised and combined. The index has several segments, so the cross-segment bookkeeping of the
 * fused pass is exercised too.
 */
class HybridFusionExactnessTest {

    private static final String[] WORDS = {"tent", "stove", "boots", "jacket", "refund", "return", "battery", "warranty",
            "shipping", "parcel", "label", "invoice", "points", "gift", "card", "order"};

    private LuceneIndex index;

    @BeforeEach
    void setUp() {
        index = LuceneIndex.builder().embeddingModel(new HashingEmbeddingModel()).exactSearchThreshold(1000).build();
        for (int segment = 0; segment < 3; segment++) {
            List<Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = segment * 20 + i;
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 6; w++) {
                    text.append(WORDS[(n * 7 + w * w * 3 + w) % WORDS.length]).append(' ');
                }
                chunks.add(Chunk.of("c" + n, "d" + n, text.toString().strip()));
            }
            index.upsert(chunks);
            index.commit(); // one segment per batch
        }
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private Map<Integer, Float> allScores(ScoreDoc[] hits) {
        Map<Integer, Float> m = new LinkedHashMap<>();
        for (ScoreDoc d : hits) {
            m.put(d.doc, d.score);
        }
        return m;
    }

    private List<Map.Entry<String, Double>> reference(String text, int perLeg, int k, double wb, double wv,
                                                      Fusion.Normalization norm) {
        float[] vector = index.embedQuery(text);
        return index.withSearcher(s -> {
            Map<Integer, Float> lexAll = allScores(index.bm25(s, text, MetadataFilter.all(), 10_000));
            Map<Integer, Float> semAll = allScores(index.knn(s, vector, MetadataFilter.all(), 10_000));
            List<Integer> union = new ArrayList<>();
            lexAll.keySet().stream().limit(perLeg).forEach(union::add);
            semAll.keySet().stream().limit(perLeg).filter(d -> !union.contains(d)).forEach(union::add);
            double[] lex = new double[union.size()];
            double[] sem = new double[union.size()];
            for (int i = 0; i < union.size(); i++) {
                lex[i] = lexAll.getOrDefault(union.get(i), 0f);
                sem[i] = semAll.getOrDefault(union.get(i), 0f);
            }
            HybridRetriever.normalise(lex, norm);
            HybridRetriever.normalise(sem, norm);
            List<Map.Entry<String, Double>> fused = new ArrayList<>();
            for (int i = 0; i < union.size(); i++) {
                fused.add(Map.entry(index.loadChunk(s, union.get(i)).id(), wb * lex[i] + wv * sem[i]));
            }
            fused.sort(Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue()));
            return fused.subList(0, Math.min(k, fused.size()));
        });
    }

    @Test
    void should_match_reference_convex_fusion_when_legs_disagree_across_segments() {
        // the default: z-score normalisation, 0.2 / 0.8
        assertMatchesReference(index.hybrid().candidates(5).build(), HybridRetriever.DEFAULT_BM25_WEIGHT,
                HybridRetriever.DEFAULT_VECTOR_WEIGHT, Fusion.Normalization.Z_SCORE);
        assertMatchesReference(index.hybrid().fusion(Fusion.convex(Fusion.Normalization.MIN_MAX)).weights(0.3, 0.7)
                .candidates(5).build(), 0.3, 0.7, Fusion.Normalization.MIN_MAX);
    }

    private void assertMatchesReference(HybridRetriever hybrid, double wb, double wv, Fusion.Normalization norm) {
        for (String q : List.of("tent stove", "refund return label", "battery warranty card", "gift points order")) {
            List<ScoredChunk> got = hybrid.retrieve(q, 5);
            List<Map.Entry<String, Double>> want = reference(q, 5, 5, wb, wv, norm);
            assertThat(got).hasSize(want.size());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).score()).as("%s score %d of %s", norm, i, q)
                        .isCloseTo(want.get(i).getValue(), within(1e-6));
            }
            assertThat(got.stream().map(ScoredChunk::id).toList())
                    .as("%s ids of %s", norm, q)
                    .containsExactlyInAnyOrderElementsOf(want.stream().map(Map.Entry::getKey).toList()
                            .subList(0, Math.min(got.size(), want.size())));
        }
    }

    @Test
    void should_read_hits_from_stored_fields_when_a_segment_has_no_chunk_doc_values() throws Exception {
        // a segment as written before the chunk doc values existed: stored fields only
        try (org.apache.lucene.store.ByteBuffersDirectory dir = new org.apache.lucene.store.ByteBuffersDirectory()) {
            try (org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(dir,
                    new org.apache.lucene.index.IndexWriterConfig())) {
                org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
                d.add(new org.apache.lucene.document.StringField(dev.llmops.rag.internal.Fields.ID, "old-1",
                        org.apache.lucene.document.Field.Store.YES));
                d.add(new org.apache.lucene.document.StringField(dev.llmops.rag.internal.Fields.DOCUMENT_ID, "old",
                        org.apache.lucene.document.Field.Store.YES));
                d.add(new org.apache.lucene.document.TextField(dev.llmops.rag.internal.Fields.TEXT, "tent stove",
                        org.apache.lucene.document.Field.Store.NO));
                d.add(new org.apache.lucene.document.StoredField(dev.llmops.rag.internal.Fields.STORED_TEXT, "tent stove"));
                d.add(new org.apache.lucene.document.StoredField(dev.llmops.rag.internal.Fields.METADATA_JSON,
                        "{\"lang\":\"en\"}"));
                w.addDocument(d);
            }
            try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(dir)) {
                List<ScoredChunk> hits = index.load(new org.apache.lucene.search.IndexSearcher(r), new int[] {0},
                        new double[] {1.0});
                assertThat(hits).singleElement().satisfies(h -> {
                    assertThat(h.id()).isEqualTo("old-1");
                    assertThat(h.chunk().text()).isEqualTo("tent stove");
                    assertThat(h.chunk().metadata()).containsEntry("lang", "en");
                });
            }
        }
    }

    @Test
    void should_load_hits_in_rank_order_from_doc_values_across_segments() {
        List<ScoredChunk> viaSearch = index.hybrid().candidates(60).build().retrieve("tent stove boots", 20);
        index.withSearcher(s -> {
            for (ScoredChunk hit : viaSearch) {
                int doc = s.search(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
                        dev.llmops.rag.internal.Fields.ID, hit.id())), 1).scoreDocs[0].doc;
                assertThat(index.loadChunk(s, doc)).as("stored fields of %s", hit.id()).isEqualTo(hit.chunk());
            }
            return null;
        });
        assertThat(viaSearch).extracting(ScoredChunk::score).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void should_keep_best_first_with_lower_doc_on_ties_when_selecting_top() {
        double[] fused = {0.5, 0.9, 0.5, 0.1, 0.9, 0.7};
        int[] docs = {10, 4, 2, 7, 3, 8};
        int[] topDocs = new int[4];
        double[] topScores = new double[4];

        HybridRetriever.selectTop(fused, docs, fused.length, topDocs, topScores);

        assertThat(topDocs).containsExactly(3, 4, 8, 2);
        assertThat(topScores).containsExactly(0.9, 0.9, 0.7, 0.5);
    }
}
