package dev.llmops.benchmarks.rag;

import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.Bm25Retriever;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.beir.BeirDataset;
import dev.llmops.rag.beir.BeirDocument;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * BM25 top-10 on BEIR SciFact, one query per operation (round-robin over the 300 test queries):
 * through llmops-rag's {@link Bm25Retriever} versus hand-wired Lucene (IndexSearcher +
 * BM25Similarity(0.9, 0.4) + EnglishAnalyzer + classic QueryParser on escaped text), both
 * returning id and text of the hits, in the same JVM.
 *
 * <pre>
 * java -jar benchmarks.jar Bm25SearchBenchmark -p dataset=datasets/scifact
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Bm25SearchBenchmark {

    @Param("datasets/scifact")
    public String dataset;

    private LuceneIndex index;
    private Bm25Retriever retriever;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private ThreadLocal<QueryParser> parser;
    private String[] queries;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        BeirDataset ds = BeirDataset.load(Path.of(dataset), "test");
        queries = ds.queries().values().toArray(new String[0]);
        index = LuceneIndex.inMemory();
        List<Chunk> chunks = new ArrayList<>();
        for (BeirDocument d : ds.corpus()) {
            chunks.add(Chunk.of(d.id(), d.id(), d.titleAndText()));
        }
        index.upsert(chunks);
        index.commit();
        retriever = index.bm25().build();

        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(0.9f, 0.4f)))) {
            for (BeirDocument d : ds.corpus()) {
                Document doc = new Document();
                doc.add(new StringField("id", d.id(), Field.Store.YES));
                doc.add(new TextField("text", d.titleAndText(), Field.Store.NO));
                doc.add(new StoredField("stored", d.titleAndText()));
                w.addDocument(doc);
            }
            w.forceMerge(1);
        }
        reader = DirectoryReader.open(dir);
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(0.9f, 0.4f));
        parser = ThreadLocal.withInitial(() -> new QueryParser("text", analyzer));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
        reader.close();
    }

    private String nextQuery() {
        String q = queries[next];
        next = (next + 1) % queries.length;
        return q;
    }

    @Benchmark
    public List<ScoredChunk> llmopsRag() {
        return retriever.retrieve(nextQuery(), 10);
    }

    @Benchmark
    public List<String[]> handWiredLucene() throws IOException, ParseException {
        ScoreDoc[] hits = searcher.search(parser.get().parse(QueryParser.escape(nextQuery())), 10).scoreDocs;
        StoredFields stored = searcher.storedFields();
        List<String[]> out = new ArrayList<>(hits.length);
        for (ScoreDoc h : hits) {
            Document d = stored.document(h.doc);
            out.add(new String[]{d.get("id"), d.get("stored")});
        }
        return out;
    }
}
