package dev.llmops.rag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.internal.Hashing;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.internal.ChunkRecord;
import dev.llmops.rag.internal.Fields;
import dev.llmops.rag.internal.FilterQueries;
import dev.llmops.rag.internal.QueryEmbeddingCache;
import dev.llmops.rag.internal.QueryTerms;
import dev.llmops.rag.ingest.Chunker;
import dev.llmops.rag.ingest.IngestReport;
import dev.llmops.rag.ingest.SourceDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * One Lucene index holding chunks for BM25 and, when an {@link EmbeddingModel} is configured,
 * their embeddings for vector search; the façade of llmops-rag and the factory of its retrievers.
 *
 * <pre>{@code
 * try (LuceneIndex index = LuceneIndex.open(Path.of("index"), embeddingModel)) {
 *     index.upsert(List.of(new Chunk("faq-1#0", "faq-1", "Tents can be returned within 30 days.",
 *             Map.of("category", "returns", "year", 2024))));
 *     index.commit();
 *     Retriever retriever = index.hybrid().k(5).build();
 *     List<ScoredChunk> hits = retriever.retrieve(RetrievalQuery.builder("return a tent")
 *             .filter(MetadataFilter.eq("category", "returns")).build());
 * }
 * }</pre>
 *
 * <p><b>Layout:</b> chunk id ({@code StringField}, the update key), document id, text analysed
 * for BM25 (English with Porter stemming and stop words by default), the stored text, metadata as
 * keyword ({@code String}, {@code Boolean}) and numeric ({@code DoublePoint}) fields usable in
 * {@link MetadataFilter}s, and a cosine HNSW vector field when an embedding model is configured.
 * The embedding model's name and dimension are recorded in the commit; opening the index with a
 * different model throws {@link EmbeddingModelMismatchException}.
 *
 * <p><b>Visibility and durability:</b> writes become visible to searches after {@link #refresh()}
 * or {@link #commit()}, and durable after {@link #commit()}. A process killed mid-write leaves the
 * index at its last commit.
 *
 * <p><b>Thread safety:</b> thread-safe. Writes are serialised (one writer); any number of threads
 * search concurrently, each on a consistent point-in-time view. Only one {@code LuceneIndex} (in
 * any process) may open a directory at a time. Close it when done.
 *
 * @since 0.1.0
 */
public final class LuceneIndex implements AutoCloseable {

    /** Default BM25 k1, as in Anserini. */
    public static final float DEFAULT_K1 = 0.9f;
    /** Default BM25 b, as in Anserini. */
    public static final float DEFAULT_B = 0.4f;

    private static final java.util.Set<String> CHUNK_FIELDS =
            java.util.Set.of(Fields.ID, Fields.DOCUMENT_ID, Fields.STORED_TEXT, Fields.METADATA_JSON);

    private final String location;
    private final Directory directory;
    private final Analyzer analyzer;
    private final BM25Similarity similarity;
    private final EmbeddingModel embeddingModel;
    private final String modelName;
    private final int dimension;
    private final int embeddingBatchSize;
    private final int embeddingParallelism;
    private final int exactSearchThreshold;
    private final int numCandidates;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final QueryEmbeddingCache queryCache;
    private final ObjectMapper json = LlmOpsJson.newMapper();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private LuceneIndex(Builder b) {
        this.location = b.path == null ? "memory" : b.path.toString();
        this.analyzer = b.analyzer;
        this.similarity = new BM25Similarity(b.k1, b.b);
        this.embeddingModel = b.embeddingModel;
        this.embeddingBatchSize = b.embeddingBatchSize;
        this.embeddingParallelism = b.embeddingParallelism;
        this.exactSearchThreshold = b.exactSearchThreshold;
        this.numCandidates = b.numCandidates;
        this.queryCache = new QueryEmbeddingCache(b.queryCacheSize);
        Directory dir = null;
        IndexWriter w = null;
        try {
            dir = b.path == null ? new ByteBuffersDirectory() : FSDirectory.open(b.path);
            Map<String, String> recorded = DirectoryReader.indexExists(dir)
                    ? SegmentInfos.readLatestCommit(dir).getUserData() : Map.of();
            boolean hasDocs = DirectoryReader.indexExists(dir) && hasDocuments(dir);
            if (embeddingModel != null) {
                this.modelName = modelNameOf(embeddingModel);
                this.dimension = b.dimension > 0 ? b.dimension : embeddingModel.dimension();
                if (dimension <= 0) {
                    throw new IllegalArgumentException("embedding dimension must be > 0 but was: " + dimension);
                }
                checkModel(recorded, hasDocs);
            } else {
                this.modelName = recorded.get(Fields.COMMIT_MODEL);
                this.dimension = recorded.containsKey(Fields.COMMIT_DIMENSION)
                        ? Integer.parseInt(recorded.get(Fields.COMMIT_DIMENSION)) : 0;
            }
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
                    .setSimilarity(similarity)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(b.ramBufferMb);
            w = new IndexWriter(dir, cfg);
            Map<String, String> commitData = new HashMap<>();
            commitData.put(Fields.COMMIT_FORMAT, "1");
            if (modelName != null) {
                commitData.put(Fields.COMMIT_MODEL, modelName);
                commitData.put(Fields.COMMIT_DIMENSION, Integer.toString(dimension));
            }
            w.setLiveCommitData(commitData.entrySet());
            if (!recorded.equals(commitData)) {
                w.commit();
            }
            BM25Similarity sim = similarity;
            this.searchers = new SearcherManager(w, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                                                 org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher s = new IndexSearcher(reader);
                    s.setSimilarity(sim);
                    return s;
                }
            });
            this.directory = dir;
            this.writer = w;
        } catch (IOException e) {
            closeQuietly(w, dir);
            throw new IndexException("cannot open index " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(w, dir);
            throw e;
        }
    }

    private static boolean hasDocuments(Directory dir) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(dir)) {
            return r.numDocs() > 0;
        }
    }

    private void checkModel(Map<String, String> recorded, boolean hasDocs) {
        String indexed = recorded.get(Fields.COMMIT_MODEL);
        if (indexed == null) {
            if (hasDocs) {
                throw new EmbeddingModelMismatchException(location, "none", 0, modelName, dimension);
            }
            return;
        }
        int indexedDim = Integer.parseInt(recorded.getOrDefault(Fields.COMMIT_DIMENSION, "0"));
        if (!indexed.equals(modelName) || indexedDim != dimension) {
            throw new EmbeddingModelMismatchException(location, indexed, indexedDim, modelName, dimension);
        }
    }

    private static String modelNameOf(EmbeddingModel model) {
        String name = model.modelName();
        return name == null || name.isBlank() || "unknown".equals(name) ? model.getClass().getName() : name;
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing; the original exception is the one to report
                }
            }
        }
    }

    /** A new in-memory index for BM25 only. */
    public static LuceneIndex inMemory() {
        return builder().build();
    }

    /** A new in-memory index for BM25 and vector search with {@code embeddingModel}. */
    public static LuceneIndex inMemory(EmbeddingModel embeddingModel) {
        return builder().embeddingModel(embeddingModel).build();
    }

    /**
     * Opens (or creates) an on-disk index for BM25 only. An index built with embeddings can be
     * opened this way for BM25 search; writing to it then fails.
     *
     * @throws IndexException when the directory cannot be opened or is locked by another writer
     */
    public static LuceneIndex open(Path directory) {
        return builder().directory(directory).build();
    }

    /**
     * Opens (or creates) an on-disk index with embeddings.
     *
     * @throws EmbeddingModelMismatchException when the index was built with another model
     * @throws IndexException                  when the directory cannot be opened or is locked
     */
    public static LuceneIndex open(Path directory, EmbeddingModel embeddingModel) {
        return builder().directory(directory).embeddingModel(embeddingModel).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ retrievers

    /** A builder of a BM25 retriever over this index. */
    public Bm25Retriever.Builder bm25() {
        return new Bm25Retriever.Builder(this);
    }

    /**
     * A builder of a vector retriever over this index.
     *
     * @throws IllegalStateException when the index has no embedding model
     */
    public VectorRetriever.Builder vector() {
        requireEmbeddings();
        return new VectorRetriever.Builder(this);
    }

    /**
     * A builder of a hybrid (BM25 + vector) retriever over this index.
     *
     * @throws IllegalStateException when the index has no embedding model
     */
    public HybridRetriever.Builder hybrid() {
        requireEmbeddings();
        return new HybridRetriever.Builder(this);
    }

    // ------------------------------------------------------------------ writes

    /** Same as {@link #upsert(List, EmbeddingProgress)} without progress reporting. */
    public UpsertResult upsert(List<Chunk> chunks) {
        return upsert(chunks, EmbeddingProgress.NONE);
    }

    /**
     * Adds or replaces chunks by id. A chunk identical to the indexed one (same text and metadata)
     * is left alone; a chunk whose text is unchanged keeps its stored vector; only new or changed
     * text is embedded, in batches through {@link EmbeddingModel#embedAll}. Within one call the
     * last chunk with a given id wins.
     *
     * @throws IndexException        on I/O errors or when the model returns a wrong-sized or zero vector
     * @throws IllegalStateException when the index holds embeddings but no model is configured
     */
    public UpsertResult upsert(List<Chunk> chunks, EmbeddingProgress progress) {
        return upsert(chunks, Map.of(), progress);
    }

    UpsertResult upsert(List<Chunk> chunks, Map<String, String> documentHashes, EmbeddingProgress progress) {
        Objects.requireNonNull(chunks, "chunks");
        Objects.requireNonNull(progress, "progress");
        if (embeddingModel == null && modelName != null) {
            throw new IllegalStateException("index " + location + " holds embeddings of '" + modelName
                    + "': open it with that EmbeddingModel to write");
        }
        Map<String, Chunk> byId = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            byId.put(Objects.requireNonNull(c, "chunk").id(), c);
        }
        synchronized (writeLock) {
            ensureOpen();
            try {
                searchers.maybeRefreshBlocking();
                IndexSearcher s = searchers.acquire();
                List<Pending> pending = new ArrayList<>();
                int added = 0;
                int updated = 0;
                int unchanged = 0;
                boolean empty = s.getIndexReader().numDocs() == 0;
                StoredFields stored = s.storedFields();
                try {
                    for (Chunk c : byId.values()) {
                        String textHash = Hashing.sha256Hex(c.text());
                        String metaJson = json.writeValueAsString(c.metadata());
                        String docHash = documentHashes.get(c.documentId());
                        Existing e = empty ? null : lookup(s, stored, c.id());
                        if (e == null) {
                            added++;
                            pending.add(new Pending(c, textHash, metaJson, docHash, null));
                        } else if (e.textHash.equals(textHash) && e.metaJson.equals(metaJson)
                                && e.documentId.equals(c.documentId()) && Objects.equals(e.docHash, docHash)
                                && (embeddingModel == null || e.vector != null)) {
                            unchanged++;
                        } else {
                            updated++;
                            float[] reuse = e.textHash.equals(textHash) ? e.vector : null;
                            pending.add(new Pending(c, textHash, metaJson, docHash, reuse));
                        }
                    }
                } finally {
                    searchers.release(s);
                }
                int embedded = embedMissing(pending, progress);
                for (Pending p : pending) {
                    writer.updateDocument(new Term(Fields.ID, p.chunk.id()), toDocument(p));
                }
                return new UpsertResult(added, updated, unchanged, embedded);
            } catch (IOException e) {
                throw new IndexException("upsert into index " + location + " failed: " + e.getMessage(), e);
            }
        }
    }

    private int embedMissing(List<Pending> pending, EmbeddingProgress progress) {
        if (embeddingModel == null) {
            return 0;
        }
        List<Pending> todo = pending.stream().filter(p -> p.vector == null).toList();
        List<List<Pending>> batches = new ArrayList<>();
        for (int from = 0; from < todo.size(); from += embeddingBatchSize) {
            batches.add(todo.subList(from, Math.min(todo.size(), from + embeddingBatchSize)));
        }
        int[] done = {0};
        if (embeddingParallelism == 1 || batches.size() <= 1) {
            for (List<Pending> batch : batches) {
                embedBatch(batch);
                done[0] += batch.size();
                progress.onProgress(done[0], todo.size());
            }
            return todo.size();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(embeddingParallelism, batches.size()), r -> {
                    Thread t = new Thread(r, "llmops-rag-embed");
                    t.setDaemon(true);
                    return t;
                });
        try {
            java.util.concurrent.CompletionService<Integer> cs = new java.util.concurrent.ExecutorCompletionService<>(pool);
            for (List<Pending> batch : batches) {
                cs.submit(() -> {
                    embedBatch(batch);
                    return batch.size();
                });
            }
            for (int i = 0; i < batches.size(); i++) {
                done[0] += cs.take().get();
                progress.onProgress(done[0], todo.size());
            }
            return todo.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("embedding for index " + location + " was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IndexException("embedding for index " + location + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void embedBatch(List<Pending> batch) {
        List<TextSegment> segments = batch.stream().map(p -> TextSegment.from(p.chunk.text())).toList();
        List<Embedding> vectors = embeddingModel.embedAll(segments).content();
        if (vectors == null || vectors.size() != batch.size()) {
            throw new IndexException("embedding model '" + modelName + "' returned "
                    + (vectors == null ? "no" : vectors.size()) + " vectors for " + batch.size() + " texts");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).vector = checkVector(vectors.get(i).vector(), "chunk " + batch.get(i).chunk.id());
        }
    }

    private float[] checkVector(float[] v, String what) {
        if (v.length != dimension) {
            throw new IndexException("embedding model '" + modelName + "' returned a vector of dimension " + v.length
                    + " for " + what + " but the index dimension is " + dimension);
        }
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IndexException("embedding model '" + modelName + "' returned a non-finite value for " + what);
            }
            norm += x * x;
        }
        if (norm == 0) {
            throw new IndexException("embedding model '" + modelName + "' returned a zero vector for " + what
                    + "; cosine similarity is undefined for it");
        }
        return v;
    }

    private Document toDocument(Pending p) {
        Chunk c = p.chunk;
        Document d = new Document();
        d.add(new StringField(Fields.ID, c.id(), Field.Store.YES));
        d.add(new StringField(Fields.DOCUMENT_ID, c.documentId(), Field.Store.YES));
        d.add(new TextField(Fields.TEXT, c.text(), Field.Store.NO));
        d.add(new StoredField(Fields.STORED_TEXT, c.text()));
        d.add(new StoredField(Fields.TEXT_HASH, p.textHash));
        d.add(new StoredField(Fields.METADATA_JSON, p.metaJson));
        d.add(new BinaryDocValuesField(Fields.CHUNK_DV, ChunkRecord.encode(c.id(), c.documentId(), c.text(), p.metaJson)));
        if (p.docHash != null) {
            d.add(new StringField(Fields.DOCUMENT_HASH, p.docHash, Field.Store.YES));
        }
        for (Map.Entry<String, Object> e : c.metadata().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                d.add(new StringField(Fields.STRING_PREFIX + e.getKey(), s, Field.Store.NO));
            } else if (v instanceof Number n) {
                d.add(new DoublePoint(Fields.NUMBER_PREFIX + e.getKey(), n.doubleValue()));
            } else if (v instanceof Boolean bool) {
                d.add(new StringField(Fields.BOOLEAN_PREFIX + e.getKey(), bool.toString(), Field.Store.NO));
            }
        }
        if (p.vector != null) {
            d.add(new KnnFloatVectorField(Fields.VECTOR, p.vector, VectorSimilarityFunction.COSINE));
        }
        return d;
    }

    private Existing lookup(IndexSearcher s, StoredFields stored, String id) throws IOException {
        TopDocs td = s.search(new TermQuery(new Term(Fields.ID, id)), 1);
        if (td.scoreDocs.length == 0) {
            return null;
        }
        int doc = td.scoreDocs[0].doc;
        Document d = stored.document(doc);
        float[] vector = embeddingModel == null ? null : storedVector(s, doc);
        return new Existing(d.get(Fields.DOCUMENT_ID), d.get(Fields.TEXT_HASH), d.get(Fields.METADATA_JSON),
                d.get(Fields.DOCUMENT_HASH), vector);
    }

    private static float[] storedVector(IndexSearcher s, int doc) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
        if (values == null) {
            return null;
        }
        int target = doc - leaf.docBase;
        return values.advance(target) == target ? values.vectorValue().clone() : null;
    }

    /** Same as {@link #ingest(List, Chunker, EmbeddingProgress)} without progress reporting. */
    public IngestReport ingest(List<SourceDocument> documents, Chunker chunker) {
        return ingest(documents, chunker, EmbeddingProgress.NONE);
    }

    /**
     * Chunks documents and brings the index in line with them, touching only what changed. Each
     * document's content hash (text, metadata and chunker settings) is stored with its chunks: a
     * document whose hash matches is skipped without chunking or embedding; a changed document
     * gets its new chunks upserted (only new chunk text is embedded, since chunk ids carry a
     * content hash) and its chunks that no longer exist deleted. Call {@link #commit()} after.
     *
     * <pre>{@code
     * IngestReport r = index.ingest(DocumentLoaders.directory(Path.of("docs")),
     *         RecursiveChunker.builder().maxTokens(256).overlapTokens(32).build());
     * index.commit();
     * }</pre>
     *
     * @throws IndexException        on I/O or embedding errors
     * @throws IllegalStateException when a chunker returns a chunk of another document
     */
    public IngestReport ingest(List<SourceDocument> documents, Chunker chunker, EmbeddingProgress progress) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(chunker, "chunker");
        synchronized (writeLock) {
            ensureOpen();
            int unchangedDocs = 0;
            int unchangedChunks = 0;
            List<Chunk> chunks = new ArrayList<>();
            Map<String, String> hashes = new HashMap<>();
            List<String> stale = new ArrayList<>();
            refresh();
            IndexSearcher s;
            try {
                s = searchers.acquire();
            } catch (IOException e) {
                throw new IndexException("index " + location + ": " + e.getMessage(), e);
            }
            try {
                for (SourceDocument doc : documents) {
                    String docHash;
                    try {
                        docHash = Hashing.sha256Hex(chunker.fingerprint() + "\n" + json.writeValueAsString(doc.metadata())
                                + "\n" + doc.text());
                    } catch (JsonProcessingException e) {
                        throw new IndexException("cannot serialise metadata of document " + doc.id(), e);
                    }
                    Map<String, String> existing = documentHashes(s, doc.id());
                    if (!existing.isEmpty() && existing.values().stream().allMatch(docHash::equals)) {
                        unchangedDocs++;
                        unchangedChunks += existing.size();
                        continue;
                    }
                    List<Chunk> docChunks = chunker.chunk(doc);
                    java.util.Set<String> ids = new java.util.HashSet<>();
                    for (Chunk c : docChunks) {
                        if (!c.documentId().equals(doc.id())) {
                            throw new IllegalStateException("chunker " + chunker + " returned chunk " + c.id()
                                    + " of document " + c.documentId() + " for document " + doc.id());
                        }
                        ids.add(c.id());
                    }
                    existing.keySet().stream().filter(id -> !ids.contains(id)).forEach(stale::add);
                    chunks.addAll(docChunks);
                    hashes.put(doc.id(), docHash);
                }
            } catch (IOException e) {
                throw new IndexException("ingest into index " + location + " failed: " + e.getMessage(), e);
            } finally {
                try {
                    searchers.release(s);
                } catch (IOException e) {
                    throw new IndexException("index " + location + ": " + e.getMessage(), e);
                }
            }
            UpsertResult r = upsert(chunks, hashes, progress);
            for (String id : stale) {
                delete(id);
            }
            return new IngestReport(documents.size(), unchangedDocs, r.added(), r.updated(),
                    r.unchanged() + unchangedChunks, stale.size(), r.embedded());
        }
    }

    /**
     * Deletes the chunk with this id (a no-op when absent). Visible after {@link #refresh()}.
     *
     * @throws IndexException on I/O errors
     */
    public void delete(String chunkId) {
        Objects.requireNonNull(chunkId, "chunkId");
        write("delete " + chunkId, () -> writer.deleteDocuments(new Term(Fields.ID, chunkId)));
    }

    /**
     * Deletes every chunk of a source document. Visible after {@link #refresh()}.
     *
     * @throws IndexException on I/O errors
     */
    public void deleteDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        write("delete document " + documentId, () -> writer.deleteDocuments(new Term(Fields.DOCUMENT_ID, documentId)));
    }

    /**
     * Deletes every chunk that passes {@code filter}. Visible after {@link #refresh()}.
     *
     * @throws IndexException on I/O errors
     */
    public void delete(MetadataFilter filter) {
        Objects.requireNonNull(filter, "filter");
        write("delete by filter", () -> writer.deleteDocuments(FilterQueries.toQuery(filter)));
    }

    /**
     * Makes every write durable (and visible). After a crash the index opens at the last commit.
     *
     * @throws IndexException on I/O errors
     */
    public void commit() {
        write("commit", () -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
        });
    }

    /**
     * Merges the index into at most {@code maxSegments} segments and commits. Searches over one
     * segment are fastest (one HNSW graph, one postings list per term); worth it after a bulk
     * load, costly (the vector graphs are rebuilt) and blocking writes while it runs.
     *
     * @throws IllegalArgumentException when {@code maxSegments <= 0}
     * @throws IndexException           on I/O errors
     */
    public void forceMerge(int maxSegments) {
        if (maxSegments <= 0) {
            throw new IllegalArgumentException("maxSegments must be > 0 but was: " + maxSegments);
        }
        write("force merge", () -> {
            writer.forceMerge(maxSegments);
            writer.commit();
            searchers.maybeRefreshBlocking();
        });
    }

    /** Number of Lucene segments visible to searches (1 after {@link #forceMerge(int) forceMerge(1)}). */
    public int segmentCount() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /**
     * Makes writes so far visible to searches started afterwards (not durable until commit).
     *
     * @throws IndexException on I/O errors
     */
    public void refresh() {
        ensureOpen();
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new IndexException("refresh of index " + location + " failed: " + e.getMessage(), e);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void write(String what, IoAction action) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                action.run();
            } catch (IOException e) {
                throw new IndexException(what + " on index " + location + " failed: " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------ reads

    /** Number of chunks visible to searches. */
    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** The chunk with this id, if visible. */
    public Optional<Chunk> get(String chunkId) {
        Objects.requireNonNull(chunkId, "chunkId");
        return withSearcher(s -> {
            TopDocs td = s.search(new TermQuery(new Term(Fields.ID, chunkId)), 1);
            return td.scoreDocs.length == 0 ? Optional.empty() : Optional.of(loadChunk(s, td.scoreDocs[0].doc));
        });
    }

    /** Where the index lives: its directory, or {@code memory}. */
    public String location() {
        return location;
    }

    /** The recorded or configured embedding model name, if the index holds embeddings. */
    public Optional<String> embeddingModelName() {
        return Optional.ofNullable(modelName);
    }

    /** The embedding dimension, 0 when the index has no embeddings. */
    public int embeddingDimension() {
        return dimension;
    }

    /** How many query embeddings were served from the cache since the index was opened. */
    public long queryEmbeddingCacheHits() {
        return queryCache.hits();
    }

    /** How many query texts were sent to the embedding model since the index was opened. */
    public long queryEmbeddingCacheMisses() {
        return queryCache.misses();
    }

    /** Closes the writer and the directory; uncommitted writes are discarded. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                searchers.close();
                writer.rollback();
                directory.close();
            } catch (IOException e) {
                throw new IndexException("closing index " + location + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "LuceneIndex[" + location + (modelName == null ? "" : ", model=" + modelName + "/" + dimension) + "]";
    }

    // ------------------------------------------------------------------ package-private search helpers

    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    <T> T withSearcher(SearcherFunction<T> f) {
        ensureOpen();
        IndexSearcher s;
        try {
            s = searchers.acquire();
        } catch (IOException e) {
            throw new IndexException("index " + location + ": " + e.getMessage(), e);
        }
        try {
            return f.apply(s);
        } catch (IOException e) {
            throw new IndexException("search on index " + location + " failed: " + e.getMessage(), e);
        } finally {
            try {
                searchers.release(s);
            } catch (IOException e) {
                throw new IndexException("index " + location + ": " + e.getMessage(), e);
            }
        }
    }

    /** The BM25 disjunction of the analysed query terms, or {@code null} when no term remains. */
    Query termQuery(String text) {
        Map<String, Integer> terms = QueryTerms.analyse(analyzer, Fields.TEXT, text);
        if (terms.isEmpty()) {
            return null;
        }
        int max = IndexSearcher.getMaxClauseCount();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (Map.Entry<String, Integer> t : terms.entrySet()) {
            if (n++ == max) {
                break;
            }
            Query q = new TermQuery(new Term(Fields.TEXT, t.getKey()));
            b.add(t.getValue() == 1 ? q : new BoostQuery(q, t.getValue()), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    static Query filtered(Query scoring, MetadataFilter filter) {
        if (FilterQueries.isAll(filter)) {
            return scoring;
        }
        return new BooleanQuery.Builder()
                .add(scoring, BooleanClause.Occur.MUST)
                .add(FilterQueries.toQuery(filter), BooleanClause.Occur.FILTER)
                .build();
    }

    ScoreDoc[] bm25(IndexSearcher s, String text, MetadataFilter filter, int n) throws IOException {
        return bm25(s, termQuery(text), filter, n);
    }

    /** The top {@code n} BM25 hits of an already analysed {@link #termQuery} ({@code null}: none). */
    ScoreDoc[] bm25(IndexSearcher s, Query terms, MetadataFilter filter, int n) throws IOException {
        if (terms == null) {
            return new ScoreDoc[0];
        }
        return s.search(filtered(terms, filter), n).scoreDocs;
    }

    /**
     * One exhaustive BM25 pass for convex fusion: returns the top {@code n} hits that pass the
     * filter (same hits and order as {@link #bm25}) and writes the exact BM25 score of every doc of
     * {@code sortedDocs} (ascending global doc ids) into {@code scoresOut} (left at 0 for a doc that
     * matches no term). The query is rewritten and weighted once, and each matching doc is scored
     * once, instead of a top-n search followed by a second scoring pass.
     */
    ScoreDoc[] bm25WithScores(IndexSearcher s, Query terms, MetadataFilter filter, int n, int[] sortedDocs,
                              float[] scoresOut) throws IOException {
        if (terms == null) {
            return new ScoreDoc[0];
        }
        int size = Math.min(n, s.getIndexReader().maxDoc());
        if (size == 0) {
            return new ScoreDoc[0];
        }
        Weight w = s.createWeight(s.rewrite(filtered(terms, filter)), ScoreMode.COMPLETE, 1f);
        TopAndScores collector = new TopAndScores(size, sortedDocs, scoresOut);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            BulkScorer scorer = w.bulkScorer(leaf);
            if (scorer != null) {
                collector.leaf(leaf);
                scorer.score(collector, leaf.reader().getLiveDocs());
            }
        }
        return collector.topDocs();
    }

    /** Collects the top hits (ties: lower doc first, as Lucene does) and the scores of chosen docs. */
    private static final class TopAndScores implements LeafCollector {
        private final HitQueue queue;
        private final int[] sortedDocs;
        private final float[] scoresOut;
        private ScoreDoc top;
        private Scorable scorer;
        private int base;
        private int from;
        private int to;
        private int next;
        private int hits;

        TopAndScores(int size, int[] sortedDocs, float[] scoresOut) {
            this.queue = new HitQueue(size, true);
            this.top = queue.top();
            this.sortedDocs = sortedDocs;
            this.scoresOut = scoresOut;
        }

        void leaf(LeafReaderContext leaf) {
            base = leaf.docBase;
            from = lowerBound(sortedDocs, base);
            to = lowerBound(sortedDocs, base + leaf.reader().maxDoc());
            next = from;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            float score = scorer.score();
            int global = base + doc;
            hits++;
            if (from < to) {
                // hits arrive in increasing doc order within a leaf, so a cursor replaces a binary search
                if (next > from && sortedDocs[next - 1] >= global) {
                    next = lowerBound(sortedDocs, from, to, global); // out of order: re-seek
                }
                while (next < to && sortedDocs[next] < global) {
                    next++;
                }
                if (next < to && sortedDocs[next] == global) {
                    scoresOut[next++] = score;
                }
            }
            if (score > top.score || (score == top.score && global < top.doc)) {
                top.doc = global;
                top.score = score;
                top = queue.updateTop();
            }
        }

        ScoreDoc[] topDocs() {
            int real = Math.min(hits, queue.size());
            for (int i = queue.size() - real; i > 0; i--) {
                queue.pop(); // sentinels
            }
            ScoreDoc[] out = new ScoreDoc[real];
            for (int i = real - 1; i >= 0; i--) {
                out[i] = queue.pop();
            }
            return out;
        }
    }

    /** Index of the first element of ascending {@code a} that is >= {@code key}. */
    static int lowerBound(int[] a, int key) {
        return lowerBound(a, 0, a.length, key);
    }

    /** Index of the first element of ascending {@code a[from..to)} that is >= {@code key} ({@code to} if none). */
    static int lowerBound(int[] a, int from, int to, int key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Cosine-based vector scores {@code (1 + cos) / 2} of {@code sortedDocs} (ascending global doc
     * ids), written into {@code out} (0 for a doc without a vector); one vector reader per segment.
     */
    void vectorScores(IndexSearcher s, float[] query, int[] sortedDocs, float[] out) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int i = 0;
        while (i < sortedDocs.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sortedDocs[i], leaves));
            int end = lowerBound(sortedDocs, leaf.docBase + leaf.reader().maxDoc());
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            for (; i < end; i++) {
                if (values == null) {
                    continue;
                }
                int local = sortedDocs[i] - leaf.docBase;
                int at = values.docID() < local ? values.advance(local) : values.docID();
                if (at == local) {
                    out[i] = VectorSimilarityFunction.COSINE.compare(query, values.vectorValue());
                }
            }
        }
    }

    ScoreDoc[] knn(IndexSearcher s, float[] query, MetadataFilter filter, int n) throws IOException {
        return knn(s, query, filter, n, numCandidates);
    }

    /**
     * The {@code n} nearest docs that pass the filter: exact for small indexes, else HNSW with a
     * beam of {@code max(n, beam)} candidates.
     */
    ScoreDoc[] knn(IndexSearcher s, float[] query, MetadataFilter filter, int n, int beam) throws IOException {
        Query filterQuery = FilterQueries.isAll(filter) ? null : FilterQueries.toQuery(filter);
        if (s.getIndexReader().numDocs() <= exactSearchThreshold) {
            return exactKnn(s, query, filterQuery, n);
        }
        int candidates = Math.max(n, beam);
        ScoreDoc[] hits = s.search(new KnnFloatVectorQuery(Fields.VECTOR, query, candidates, filterQuery), candidates)
                .scoreDocs;
        return hits.length <= n ? hits : Arrays.copyOf(hits, n);
    }

    private static ScoreDoc[] exactKnn(IndexSearcher s, float[] query, Query filter, int n) throws IOException {
        PriorityQueue<ScoreDoc> top = new PriorityQueue<>(n + 1,
                (a, b) -> a.score != b.score ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc));
        Weight w = filter == null ? null : s.createWeight(s.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            if (values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it;
            if (w == null) {
                it = values;
            } else {
                Scorer sc = w.scorer(leaf);
                if (sc == null) {
                    continue;
                }
                it = sc.iterator();
            }
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (it != values) {
                    if (values.docID() < doc) {
                        values.advance(doc);
                    }
                    if (values.docID() != doc) {
                        continue;
                    }
                }
                float score = VectorSimilarityFunction.COSINE.compare(query, values.vectorValue());
                top.add(new ScoreDoc(leaf.docBase + doc, score));
                if (top.size() > n) {
                    top.poll();
                }
            }
        }
        ScoreDoc[] out = new ScoreDoc[top.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = top.poll();
        }
        return out;
    }

    /** The query's embedding, from the LRU cache when the same text was embedded before. */
    float[] embedQuery(String text) {
        requireEmbeddings();
        return queryCache.get(text, t -> checkVector(embeddingModel.embed(t).content().vector(), "query text"));
    }

    Chunk loadChunk(IndexSearcher s, int doc) throws IOException {
        return loadChunk(s.storedFields(), doc);
    }

    Chunk loadChunk(StoredFields fields, int doc) throws IOException {
        Document d = fields.document(doc, CHUNK_FIELDS);
        return chunk(d.get(Fields.ID), d.get(Fields.DOCUMENT_ID), d.get(Fields.STORED_TEXT), d.get(Fields.METADATA_JSON));
    }

    private Chunk chunk(String id, String documentId, String text, String metaJson) {
        if ("{}".equals(metaJson)) {
            return new Chunk(id, documentId, text, Map.of());
        }
        Map<String, Object> metadata;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(metaJson, LinkedHashMap.class);
            metadata = m;
        } catch (JsonProcessingException e) {
            throw new IndexException("index " + location + ": corrupt metadata of chunk " + id, e);
        }
        return new Chunk(id, documentId, text, metadata);
    }

    /**
     * Loads the chunks of {@code docs} (any order) with their scores, in the given order. Each hit is
     * read from the uncompressed {@link Fields#CHUNK_DV} doc values, visited in doc order per
     * segment; a segment written before that field existed is read from the stored fields.
     */
    List<ScoredChunk> load(IndexSearcher s, int[] docs, double[] scores) throws IOException {
        int n = docs.length;
        long[] byDoc = new long[n];
        for (int i = 0; i < n; i++) {
            byDoc[i] = ((long) docs[i] << 32) | i;
        }
        Arrays.sort(byDoc);
        Chunk[] chunks = new Chunk[n];
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        StoredFields stored = null;
        LeafReaderContext leaf = null;
        BinaryDocValues dv = null;
        for (long packed : byDoc) {
            int doc = (int) (packed >>> 32);
            int at = (int) packed;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                dv = leaf.reader().getBinaryDocValues(Fields.CHUNK_DV);
            }
            if (dv != null && dv.advanceExact(doc - leaf.docBase)) {
                try {
                    chunks[at] = ChunkRecord.decode(dv.binaryValue(), this::chunk);
                } catch (IllegalStateException e) {
                    throw new IndexException("index " + location + ": " + e.getMessage() + " (doc " + doc + ")", e);
                }
            } else {
                if (stored == null) {
                    stored = s.storedFields();
                }
                chunks[at] = loadChunk(stored, doc);
            }
        }
        List<ScoredChunk> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredChunk(chunks[i], scores[i]));
        }
        return out;
    }

    List<ScoredChunk> load(IndexSearcher s, ScoreDoc[] hits) throws IOException {
        int[] docs = new int[hits.length];
        double[] scores = new double[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
            scores[i] = hits[i].score;
        }
        return load(s, docs, scores);
    }

    /** Chunk id to stored document content hash, for every chunk of a document (empty when not indexed). */
    Map<String, String> documentHashes(IndexSearcher s, String documentId) throws IOException {
        TopDocs td = s.search(new TermQuery(new Term(Fields.DOCUMENT_ID, documentId)), Integer.MAX_VALUE);
        Map<String, String> chunkToHash = new LinkedHashMap<>();
        for (ScoreDoc sd : td.scoreDocs) {
            Document d = s.storedFields().document(sd.doc);
            chunkToHash.put(d.get(Fields.ID), d.get(Fields.DOCUMENT_HASH));
        }
        return chunkToHash;
    }

    private void requireEmbeddings() {
        if (embeddingModel == null) {
            throw new IllegalStateException("index " + location
                    + " has no EmbeddingModel: build it with LuceneIndex.builder().embeddingModel(model)");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IndexException("index " + location + " is closed");
        }
    }

    private static final class Existing {
        final String documentId;
        final String textHash;
        final String metaJson;
        final String docHash;
        final float[] vector;

        Existing(String documentId, String textHash, String metaJson, String docHash, float[] vector) {
            this.documentId = documentId;
            this.textHash = textHash;
            this.metaJson = metaJson;
            this.docHash = docHash;
            this.vector = vector;
        }
    }

    private static final class Pending {
        final Chunk chunk;
        final String textHash;
        final String metaJson;
        final String docHash;
        float[] vector;

        Pending(Chunk chunk, String textHash, String metaJson, String docHash, float[] vector) {
            this.chunk = chunk;
            this.textHash = textHash;
            this.metaJson = metaJson;
            this.docHash = docHash;
            this.vector = vector;
        }
    }

    /**
     * Configures a {@link LuceneIndex}. Not thread-safe. Each setter validates its value.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private Path path;
        private Analyzer analyzer = new EnglishAnalyzer();
        private float k1 = DEFAULT_K1;
        private float b = DEFAULT_B;
        private EmbeddingModel embeddingModel;
        private int dimension;
        private int embeddingBatchSize = 32;
        private int embeddingParallelism = 1;
        private int queryCacheSize = 1024;
        private int exactSearchThreshold = 1_000;
        private int numCandidates = 100;
        private double ramBufferMb = 64;

        private Builder() {
        }

        /** An on-disk index in this directory (created when absent). Default: in memory. */
        public Builder directory(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /** The analyser of the text field and of BM25 query text. Default: {@link EnglishAnalyzer}. */
        public Builder analyzer(Analyzer analyzer) {
            this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
            return this;
        }

        /** BM25 parameters. Default: k1 = 0.9, b = 0.4 (Anserini). */
        public Builder bm25(float k1, float b) {
            if (!(k1 >= 0) || !Float.isFinite(k1)) {
                throw new IllegalArgumentException("k1 must be >= 0 but was: " + k1);
            }
            if (!(b >= 0 && b <= 1)) {
                throw new IllegalArgumentException("b must be in [0, 1] but was: " + b);
            }
            this.k1 = k1;
            this.b = b;
            return this;
        }

        /** The model that embeds chunks and queries; without one the index is BM25-only. */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
            return this;
        }

        /** The embedding dimension, when the model cannot report it. Default: {@code model.dimension()}. */
        public Builder embeddingDimension(int dimension) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("embeddingDimension must be > 0 but was: " + dimension);
            }
            this.dimension = dimension;
            return this;
        }

        /** How many texts go to one {@code embedAll} call. Default: 32. */
        public Builder embeddingBatchSize(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("embeddingBatchSize must be > 0 but was: " + size);
            }
            this.embeddingBatchSize = size;
            return this;
        }

        /**
         * How many {@code embedAll} batches run at once, for remote models that serve parallel
         * requests. In-process ONNX models already use every core inside one call: keep 1 for them.
         * Default: 1.
         */
        public Builder embeddingParallelism(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("embeddingParallelism must be > 0 but was: " + threads);
            }
            this.embeddingParallelism = threads;
            return this;
        }

        /** How many query embeddings the LRU cache keeps; 0 disables it. Default: 1024. */
        public Builder queryEmbeddingCacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("queryEmbeddingCacheSize must be >= 0 but was: " + size);
            }
            this.queryCacheSize = size;
            return this;
        }

        /**
         * Up to this many chunks, vector search is exact (brute-force cosine) instead of HNSW.
         * Above it, HNSW is used; Lucene still switches to exact search when a filter leaves few
         * candidates. Default: 1,000.
         */
        public Builder exactSearchThreshold(int chunks) {
            if (chunks < 0) {
                throw new IllegalArgumentException("exactSearchThreshold must be >= 0 but was: " + chunks);
            }
            this.exactSearchThreshold = chunks;
            return this;
        }

        /**
         * HNSW beam width at search time: the graph search collects at least this many candidates
         * and keeps the best k. Higher is more accurate and slower. Default: 100.
         */
        public Builder hnswNumCandidates(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("hnswNumCandidates must be > 0 but was: " + n);
            }
            this.numCandidates = n;
            return this;
        }

        /** Writer RAM buffer before a flush. Default: 64 MB. */
        public Builder ramBufferMb(double mb) {
            if (!(mb > 0)) {
                throw new IllegalArgumentException("ramBufferMb must be > 0 but was: " + mb);
            }
            this.ramBufferMb = mb;
            return this;
        }

        /**
         * Opens the index.
         *
         * @throws EmbeddingModelMismatchException when the index was built with another model
         * @throws IndexException                  when the directory cannot be opened
         */
        public LuceneIndex build() {
            return new LuceneIndex(this);
        }
    }
}
