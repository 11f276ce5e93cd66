package dev.llmops.benchmarks.rag;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.Fusion;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.UpsertResult;
import dev.llmops.rag.beir.BeirDataset;
import dev.llmops.rag.beir.BeirDocument;
import dev.llmops.rag.beir.RetrievalMetrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retrieval quality and speed of llmops-rag on any BEIR-format folder.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmops.benchmarks.rag.BeirBenchmark datasets/scifact \
 *      --split test --modes bm25,dense,hybrid --index target/scifact-index
 * </pre>
 *
 * <p>Options: {@code --split} (qrels file, default {@code test}); {@code --modes} (comma list of
 * {@code bm25}, {@code dense}, {@code hybrid}, default {@code bm25}); {@code --index} (on-disk index
 * directory used as the vector cache for dense/hybrid, default {@code target/<dataset>-index});
 * {@code --hybrid} (comma list of fusion configs {@code convex-minmax:W_BM25:W_VEC},
 * {@code convex-zscore:W_BM25:W_VEC}, {@code rrf:W_BM25:W_VEC[:K]}, {@code default}; default
 * {@code default}); {@code --candidates} (per leg, default 100); {@code --merge true} (force-merge
 * the index into one segment before searching). Dense and hybrid use the
 * in-process BGE small v1.5 (quantized) model; the corpus is embedded once and kept in the index,
 * so a second run embeds nothing. Latency is per query, one thread, after a warm-up pass that also
 * fills the query-embedding cache (so dense/hybrid latency excludes query embedding, which is
 * reported separately).
 */
public final class BeirBenchmark {

    private BeirBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: BeirBenchmark <beir-folder> [--split test] [--modes bm25,dense,hybrid]"
                    + " [--index dir] [--hybrid default|convex-minmax:0.5:0.5|convex-zscore:0.5:0.5|rrf:1:1:60]"
                    + " [--candidates 100]");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String split = opts.getOrDefault("split", "test");
        List<String> modes = Arrays.asList(opts.getOrDefault("modes", "bm25").split(","));
        int candidates = Integer.parseInt(opts.getOrDefault("candidates", "100"));
        Path indexDir = Path.of(opts.getOrDefault("index", "target/" + folder.getFileName() + "-index"));

        long t0 = System.nanoTime();
        BeirDataset ds = BeirDataset.load(folder, split);
        System.out.printf(Locale.ROOT, "dataset %s split %s: %d documents, %d queries (loaded in %.1f s)%n", folder, split,
                ds.corpus().size(), ds.queries().size(), (System.nanoTime() - t0) / 1e9);
        List<Chunk> chunks = new ArrayList<>(ds.corpus().size());
        for (BeirDocument d : ds.corpus()) {
            chunks.add(Chunk.of(d.id(), d.id(), d.titleAndText()));
        }

        boolean needsVectors = modes.contains("dense") || modes.contains("hybrid");
        LuceneIndex index;
        if (needsVectors) {
            EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
            index = LuceneIndex.builder().directory(indexDir).embeddingModel(model).embeddingBatchSize(32).build();
            ingest(index, chunks, true);
            System.out.println("re-ingest of the unchanged corpus:");
            ingest(index, chunks, false);
        } else {
            index = LuceneIndex.inMemory();
            ingest(index, chunks, true);
        }
        if (Boolean.parseBoolean(opts.getOrDefault("merge", "false")) && index.segmentCount() > 1) {
            long m = System.nanoTime();
            int before = index.segmentCount();
            index.forceMerge(1);
            System.out.printf(Locale.ROOT, "merged %d segments into 1 in %.1f s%n", before, (System.nanoTime() - m) / 1e9);
        }
        try (index) {
            for (String mode : modes) {
                switch (mode) {
                    case "bm25" -> run("bm25", index.bm25().build(), ds, index);
                    case "dense" -> run("dense", index.vector().build(), ds, index);
                    case "hybrid" -> {
                        for (String cfg : opts.getOrDefault("hybrid", "default").split(",")) {
                            run("hybrid " + cfg, hybrid(index, cfg, candidates), ds, index);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; use bm25, dense or hybrid");
                }
            }
        }
    }

    private static Retriever hybrid(LuceneIndex index, String cfg, int candidates) {
        if (cfg.equals("default")) {
            return index.hybrid().candidates(candidates).build();
        }
        String[] p = cfg.split(":");
        double wb = Double.parseDouble(p[1]);
        double wv = Double.parseDouble(p[2]);
        Fusion fusion = switch (p[0]) {
            case "convex-minmax" -> Fusion.convex(Fusion.Normalization.MIN_MAX);
            case "convex-zscore" -> Fusion.convex(Fusion.Normalization.Z_SCORE);
            case "rrf" -> Fusion.rrf(p.length > 3 ? Integer.parseInt(p[3]) : 60);
            default -> throw new IllegalArgumentException("unknown fusion '" + p[0] + "'");
        };
        return index.hybrid().fusion(fusion).weights(wb, wv).candidates(candidates).build();
    }

    private static void ingest(LuceneIndex index, List<Chunk> chunks, boolean verbose) {
        long start = System.nanoTime();
        UpsertResult total = UpsertResult.empty();
        int batch = 512;
        for (int from = 0; from < chunks.size(); from += batch) {
            List<Chunk> part = chunks.subList(from, Math.min(chunks.size(), from + batch));
            UpsertResult r = index.upsert(part);
            index.commit();
            total = total.plus(r);
            if (verbose && r.embedded() > 0) {
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "  ingested %d/%d documents, %d embedded so far (%.1f docs/s)%n",
                        from + part.size(), chunks.size(), total.embedded(), (from + part.size()) / secs);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ingest: %s in %.1f s = %.1f documents/s (%d embedded)%n", total, secs,
                chunks.size() / secs, total.embedded());
    }

    private static void run(String name, Retriever retriever, BeirDataset ds, LuceneIndex index) {
        List<Map.Entry<String, String>> queries = new ArrayList<>(ds.queries().entrySet());
        long missesBefore = index.queryEmbeddingCacheMisses();
        long warm = System.nanoTime();
        for (Map.Entry<String, String> q : queries) {
            retriever.retrieve(q.getValue(), 100);
        }
        double warmSecs = (System.nanoTime() - warm) / 1e9;
        long embedded = index.queryEmbeddingCacheMisses() - missesBefore;
        Map<String, List<String>> run = new LinkedHashMap<>();
        long[] latencies = new long[queries.size()];
        long start = System.nanoTime();
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            List<ScoredChunk> hits = retriever.retrieve(queries.get(i).getValue(), 100);
            latencies[i] = System.nanoTime() - t;
            run.put(queries.get(i).getKey(), hits.stream().map(ScoredChunk::id).toList());
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long[] top10 = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            retriever.retrieve(queries.get(i).getValue(), 10);
            top10[i] = System.nanoTime() - t;
        }
        Arrays.sort(top10);
        Arrays.sort(latencies);
        RetrievalMetrics.Summary s = RetrievalMetrics.evaluate(run, ds.qrels());
        System.out.printf(Locale.ROOT,
                "%-28s nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  | top-100 latency p50 %.2f ms p99 %.2f ms, %.0f QPS"
                        + "; top-10 p50 %.2f ms (warm-up pass %.1f s, %d query texts embedded)%n",
                name, s.ndcg10(), s.recall100(), s.mrr10(), latencies[latencies.length / 2] / 1e6,
                latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
                queries.size() / secs, top10[top10.length / 2] / 1e6, warmSecs, embedded);
    }
}
