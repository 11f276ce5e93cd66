package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The behaviour every {@link Retriever} must show. A backend extends this class and implements
 * {@link #retrieverOver(List)}; it inherits the whole suite.
 */
public abstract class AbstractRetrieverContractTest {

    /** A retriever over exactly these chunks (already committed and visible). */
    protected abstract Retriever retrieverOver(List<Chunk> chunks);

    protected static final String[] TOPICS = {"tent", "stove", "backpack", "lantern", "sleeping bag"};
    protected static final String[] WORDS = {"waterproof", "light", "return", "warranty", "camping", "winter",
            "summer", "repair", "price", "refund", "zipper", "fabric", "fuel", "battery", "strap", "pole"};

    /** A deterministic corpus of 120 chunks with string, long, double and boolean metadata. */
    protected static List<Chunk> corpus() {
        Random r = new Random(42);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String topic = TOPICS[i % TOPICS.length];
            StringBuilder text = new StringBuilder("The " + topic + " is");
            for (int w = 0; w < 12; w++) {
                text.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
            }
            chunks.add(new Chunk("c" + i, "d" + (i / 3), text.toString(), Map.of(
                    "category", topic,
                    "year", 2015L + (i % 10),
                    "price", 10.0 + i * 2.5,
                    "inStock", i % 2 == 0)));
        }
        return chunks;
    }

    private static final List<String> QUERIES = List.of("waterproof tent", "refund for a stove", "winter camping",
            "battery lantern repair", "light backpack strap", "fuel price");

    private static void assertContract(List<ScoredChunk> result, int k) {
        assertThat(result).hasSizeLessThanOrEqualTo(k);
        assertThat(result).extracting(ScoredChunk::id).doesNotHaveDuplicates();
        for (int i = 1; i < result.size(); i++) {
            assertThat(result.get(i - 1).score()).isGreaterThanOrEqualTo(result.get(i).score());
        }
    }

    @Test
    void should_return_at_most_k_unique_results_sorted_by_descending_score_when_querying() {
        Retriever retriever = retrieverOver(corpus());
        for (String q : QUERIES) {
            for (int k : new int[]{1, 3, 10, 500}) {
                List<ScoredChunk> result = retriever.retrieve(RetrievalQuery.of(q, k));
                assertContract(result, k);
                if (k <= 10) {
                    assertThat(result).as("query %s k %d", q, k).hasSize(k);
                }
            }
        }
    }

    @Test
    void should_rank_a_chunk_containing_the_exact_query_words_first_when_it_is_unique() {
        List<Chunk> chunks = new ArrayList<>(corpus());
        chunks.add(Chunk.of("needle", "needle-doc", "ultralight titanium spork with carabiner"));
        Retriever retriever = retrieverOver(chunks);

        List<ScoredChunk> result = retriever.retrieve("titanium spork carabiner", 5);

        assertThat(result).isNotEmpty();
        assertThat(result.get(0).id()).isEqualTo("needle");
        assertThat(result.get(0).chunk().text()).isEqualTo("ultralight titanium spork with carabiner");
    }

    @Test
    void should_only_return_chunks_passing_the_filter_when_a_filter_is_given() {
        List<Chunk> chunks = corpus();
        Retriever retriever = retrieverOver(chunks);
        List<MetadataFilter> filters = List.of(
                MetadataFilter.eq("category", "tent"),
                MetadataFilter.eq("year", 2019),
                MetadataFilter.eq("inStock", true),
                MetadataFilter.in("category", "stove", "lantern"),
                MetadataFilter.between("price", 50.0, 120.0),
                MetadataFilter.atLeast("year", 2022),
                MetadataFilter.and(MetadataFilter.eq("category", "tent"), MetadataFilter.atMost("price", 100.0)),
                MetadataFilter.or(MetadataFilter.eq("category", "tent"), MetadataFilter.eq("year", 2016L)),
                MetadataFilter.not(MetadataFilter.eq("category", "tent")),
                MetadataFilter.eq("category", "no-such-category"),
                MetadataFilter.eq("missingKey", "x"));
        for (MetadataFilter f : filters) {
            long passing = chunks.stream().filter(c -> f.test(c.metadata())).count();
            for (String q : QUERIES) {
                List<ScoredChunk> result = retriever.retrieve(RetrievalQuery.builder(q).k(10).filter(f).build());
                assertContract(result, 10);
                assertThat(result).as("filter %s query %s", f, q).allSatisfy(s -> assertThat(f.test(s.chunk().metadata()))
                        .as("chunk %s metadata %s", s.id(), s.chunk().metadata()).isTrue());
                if (passing == 0) {
                    assertThat(result).isEmpty();
                }
            }
        }
    }

    @Test
    void should_fill_k_from_the_filtered_set_when_the_filter_is_selective() {
        List<Chunk> chunks = corpus();
        Retriever retriever = retrieverOver(chunks);
        MetadataFilter rare = MetadataFilter.and(MetadataFilter.eq("category", "tent"), MetadataFilter.eq("year", 2015),
                MetadataFilter.atMost("price", 150.0));
        long passing = chunks.stream().filter(c -> rare.test(c.metadata())).count();
        assertThat(passing).isBetween(1L, 9L);

        List<ScoredChunk> result = retriever.retrieve(RetrievalQuery.builder("waterproof tent winter").k(10)
                .filter(rare).build());

        assertThat(result).allSatisfy(s -> assertThat(rare.test(s.chunk().metadata())).isTrue());
        assertThat((long) result.size()).isLessThanOrEqualTo(passing);
        assertThat(result).isNotEmpty();
    }

    @Test
    void should_never_throw_when_the_query_contains_query_syntax() {
        Retriever retriever = retrieverOver(corpus());
        List<String> nasty = new ArrayList<>(List.of("AND (", "tent AND (", "*", "\"", "~", ":", "tent:stove",
                "\"unterminated phrase", "fuel~2", "wild*card", "a OR b NOT c", "+-&&||!(){}[]^\"~*?:\\/", "", "   ",
                "the and of", "((((", "))))", "category:tent", "title:\"x\"~3^2", "\\", "/regex/", "[a TO z]"));
        Random r = new Random(7);
        String alphabet = "abc ANDORNOT()[]{}\"~*?:\\/^+-!&|";
        for (int i = 0; i < 40; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(30);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            nasty.add(sb.toString());
        }
        for (String q : nasty) {
            assertThatCode(() -> assertContract(retriever.retrieve(q, 5), 5)).as("query [%s]", q)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void should_treat_query_syntax_as_plain_words_when_it_surrounds_terms() {
        Retriever retriever = retrieverOver(corpus());

        List<String> plain = retriever.retrieve("waterproof tent", 10).stream().map(ScoredChunk::id).toList();
        List<String> decorated = retriever.retrieve("waterproof* \"tent~\":", 10).stream().map(ScoredChunk::id).toList();

        assertThat(decorated).isEqualTo(plain);
    }

    @Test
    void should_return_an_empty_list_when_the_index_is_empty() {
        Retriever retriever = retrieverOver(List.of());

        assertThat(retriever.retrieve("anything at all", 5)).isEmpty();
        assertThat(retriever.retrieve(RetrievalQuery.builder("tent").filter(MetadataFilter.eq("category", "tent"))
                .build())).isEmpty();
    }

    @Test
    void should_give_the_same_results_when_used_from_many_threads() throws Exception {
        Retriever retriever = retrieverOver(corpus());
        Map<String, List<String>> expected = new java.util.HashMap<>();
        for (String q : QUERIES) {
            expected.put(q, retriever.retrieve(q, 7).stream().map(ScoredChunk::id).toList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        for (String q : QUERIES) {
                            List<String> got = retriever.retrieve(q, 7).stream().map(ScoredChunk::id).toList();
                            if (!got.equals(expected.get(q))) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
            Set<Boolean> outcomes = new HashSet<>();
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactly(true);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
