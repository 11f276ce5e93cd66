package dev.llmops.benchmarks.rag;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.rag.Fusion;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.beir.BeirDataset;
import dev.llmops.rag.beir.RetrievalMetrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality (nDCG@10, Recall@100 and MRR@10 of a top-100 run, and nDCG@10 and MRR@10 of a top-10
 * run, which is what a leg depth below 100 changes) and top-10 latency of several hybrid configurations on one already embedded BEIR index,
 * measured in the same JVM with the configurations interleaved query by query, so that load on a
 * shared machine hits every configuration alike. Query embeddings are cached before timing, so
 * latency excludes query embedding. Besides wall time it reports the thread's CPU time per query,
 * which time-slicing by other processes does not inflate.
 *
 * <pre>
 * java -cp benchmarks.jar dev.llmops.benchmarks.rag.HybridSweep datasets/scifact target/scifact-index \
 *      --split train --configs default,vc=30:beam=30,minmax:0.3:0.7:vc=100
 * </pre>
 *
 * <p>A configuration is {@code default} or a colon list of {@code minmax|zscore|rrf},
 * {@code W_BM25:W_VEC} (after the fusion name), {@code vc=N} (vector-leg depth),
 * {@code bc=N} (BM25-leg depth) and {@code beam=N} (HNSW beam of the vector leg); the special names
 * {@code bm25} and {@code dense} are the single-leg retrievers.
 */
public final class HybridSweep {

    private HybridSweep() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: HybridSweep <beir-folder> <embedded-index> [--split test] [--configs c1,c2]"
                    + " [--rounds 3]");
            System.exit(2);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        BeirDataset ds = BeirDataset.load(Path.of(args[0]), opts.getOrDefault("split", "test"));
        List<String> names = Arrays.asList(opts.getOrDefault("configs", "bm25,dense,default").split(","));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        try (LuceneIndex index = LuceneIndex.open(Path.of(args[1]), new BgeSmallEnV15QuantizedEmbeddingModel())) {
            if (index.size() != ds.corpus().size()) {
                throw new IllegalStateException("index holds " + index.size() + " chunks, the corpus "
                        + ds.corpus().size() + ": build it with BeirBenchmark --modes dense first");
            }
            List<Retriever> retrievers = new ArrayList<>();
            for (String n : names) {
                retrievers.add(parse(index, n));
            }
            List<Map.Entry<String, String>> queries = new ArrayList<>(ds.queries().entrySet());
            List<Map<String, List<String>>> runs = new ArrayList<>();
            List<Map<String, List<String>>> runs10 = new ArrayList<>();
            for (Retriever r : retrievers) {
                Map<String, List<String>> run = new LinkedHashMap<>();
                Map<String, List<String>> run10 = new LinkedHashMap<>();
                for (Map.Entry<String, String> q : queries) { // also embeds every query once (cache)
                    run.put(q.getKey(), r.retrieve(q.getValue(), 100).stream().map(ScoredChunk::id).toList());
                    run10.put(q.getKey(), r.retrieve(q.getValue(), 10).stream().map(ScoredChunk::id).toList());
                }
                runs.add(run);
                runs10.add(run10);
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[][] wall = new long[retrievers.size()][queries.size() * rounds];
            long[][] cpu = new long[retrievers.size()][queries.size() * rounds];
            int at = 0;
            for (int round = 0; round < rounds + 1; round++) { // round 0 warms up
                for (Map.Entry<String, String> q : queries) {
                    for (int c = 0; c < retrievers.size(); c++) {
                        long c0 = mx.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        retrievers.get(c).retrieve(q.getValue(), 10);
                        long t1 = System.nanoTime();
                        long c1 = mx.getCurrentThreadCpuTime();
                        if (round > 0) {
                            wall[c][at] = t1 - t0;
                            cpu[c][at] = c1 - c0;
                        }
                    }
                    if (round > 0) {
                        at++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s split %s, %d queries, %d timed rounds, load average %.2f%n", args[0],
                    opts.getOrDefault("split", "test"), queries.size(), rounds,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int c = 0; c < retrievers.size(); c++) {
                RetrievalMetrics.Summary s = RetrievalMetrics.evaluate(runs.get(c), ds.qrels());
                RetrievalMetrics.Summary s10 = RetrievalMetrics.evaluate(runs10.get(c), ds.qrels());
                Arrays.sort(wall[c]);
                Arrays.sort(cpu[c]);
                System.out.printf(Locale.ROOT,
                        "%-36s k=100: nDCG@10 %.4f R@100 %.4f MRR@10 %.4f; k=10: nDCG@10 %.4f MRR@10 %.4f"
                                + " | top-10 p50 wall %6.1f us cpu %6.1f us, p99 wall %7.1f us%n",
                        names.get(c), s.ndcg10(), s.recall100(), s.mrr10(), s10.ndcg10(), s10.mrr10(),
                        p(wall[c], 0.5) / 1e3, p(cpu[c], 0.5) / 1e3, p(wall[c], 0.99) / 1e3);
            }
        }
    }

    private static long p(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
    }

    static Retriever parse(LuceneIndex index, String name) {
        if (name.equals("bm25")) {
            return index.bm25().build();
        }
        if (name.equals("dense")) {
            return index.vector().build();
        }
        var b = index.hybrid();
        if (name.equals("default")) {
            return b.build();
        }
        String[] p = name.split(":");
        for (int i = 0; i < p.length; i++) {
            String t = p[i];
            switch (t) {
                case "minmax", "zscore", "rrf" -> {
                    b.fusion(t.equals("rrf") ? Fusion.rrf() : Fusion.convex(t.equals("minmax")
                            ? Fusion.Normalization.MIN_MAX : Fusion.Normalization.Z_SCORE));
                    if (i + 2 < p.length && !p[i + 1].contains("=")) {
                        b.weights(Double.parseDouble(p[i + 1]), Double.parseDouble(p[i + 2]));
                        i += 2;
                    }
                }
                default -> {
                    String[] kv = t.split("=");
                    int v = Integer.parseInt(kv[1]);
                    switch (kv[0]) {
                        case "vc" -> b.vectorCandidates(v);
                        case "bc" -> b.bm25Candidates(v);
                        case "beam" -> b.vectorBeam(v);
                        default -> throw new IllegalArgumentException("unknown option '" + t + "' in " + name);
                    }
                }
            }
        }
        return b.build();
    }
}
