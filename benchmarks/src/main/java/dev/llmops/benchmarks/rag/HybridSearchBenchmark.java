package dev.llmops.benchmarks.rag;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.beir.BeirDataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hybrid (default fusion), dense and BM25 top-10 on BEIR SciFact through llmops-rag, one query per
 * operation (round-robin over the 300 test queries), excluding query embedding: the setup embeds
 * every query once, and later calls take the vector from the index's query-embedding cache.
 *
 * <p>Needs an index that already holds the embedded corpus, built by {@link BeirBenchmark} with
 * {@code --modes dense} (about 30 minutes of embedding on 2 cores); the setup copies it to a
 * temporary directory so the original is neither locked nor changed.
 *
 * <pre>
 * java -jar benchmarks.jar 'rag.(Bm25|Hybrid)SearchBenchmark' -p index=target/scifact-index
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HybridSearchBenchmark {

    @Param("datasets/scifact")
    public String dataset;

    /** An index built by {@code BeirBenchmark --modes dense} over {@link #dataset}. */
    @Param("target/scifact-index")
    public String index;

    private Path copy;
    private LuceneIndex luceneIndex;
    private Retriever hybrid;
    private Retriever dense;
    private Retriever bm25;
    private String[] queries;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        BeirDataset ds = BeirDataset.load(Path.of(dataset), "test");
        queries = ds.queries().values().toArray(new String[0]);
        Path source = Path.of(index);
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("index " + source.toAbsolutePath()
                    + " does not exist: build it with BeirBenchmark " + dataset + " --modes dense --index " + index);
        }
        copy = Files.createTempDirectory("hybrid-bench-index");
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        try {
            luceneIndex = LuceneIndex.open(copy, new BgeSmallEnV15QuantizedEmbeddingModel());
            if (luceneIndex.size() != ds.corpus().size()) {
                throw new IllegalStateException("index " + source + " holds " + luceneIndex.size() + " chunks, expected "
                        + ds.corpus().size() + ": build it with BeirBenchmark " + dataset + " --modes dense --index " + index);
            }
        } catch (RuntimeException e) {
            tearDown(); // JMH skips the tear-down when the set-up fails: do not leave the copy behind
            throw e;
        }
        hybrid = luceneIndex.hybrid().build();
        dense = luceneIndex.vector().build();
        bm25 = luceneIndex.bm25().build();
        for (String q : queries) {
            hybrid.retrieve(q, 10); // embeds each query once: later calls hit the query-embedding cache
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (luceneIndex != null) {
            luceneIndex.close();
        }
        try (Stream<Path> files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private String nextQuery() {
        String q = queries[next];
        next = (next + 1) % queries.length;
        return q;
    }

    @Benchmark
    public List<ScoredChunk> hybridDefault() {
        return hybrid.retrieve(nextQuery(), 10);
    }

    @Benchmark
    public List<ScoredChunk> dense() {
        return dense.retrieve(nextQuery(), 10);
    }

    @Benchmark
    public List<ScoredChunk> bm25() {
        return bm25.retrieve(nextQuery(), 10);
    }
}
