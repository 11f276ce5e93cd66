package dev.llmops.guard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.LoadException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A labelled reference set embedded once, lazily, with k-nearest-neighbour scoring. The features of a
 * text are its best and mean top-3 cosine similarity to the attacks and to the benign references,
 * and the similarity-weighted vote of its k nearest references
 * ({@code sum(w_i * attack_i) / sum(w_i)}, {@code w_i = exp((sim_i - sim_1) / temperature)}); a
 * logistic regression fitted leave-one-out on the reference set itself when it is embedded maps
 * them to a calibrated probability in [0, 1]. Thread-safe: the first caller embeds the set, later callers share
 * the vectors.
 */
public final class SemanticIndex {

    /** The reference set shipped with the module. */
    public static final String DEFAULT_RESOURCE = "/dev/llmops/guard/injection/reference.jsonl";

    /** One labelled reference text. */
    public record Reference(String id, boolean attack, String style, String text) {
    }

    /** The kNN outcome: the calibrated score and the nearest reference. */
    public record Result(double score, double topSimilarity, Reference nearest) {
    }

    private final Supplier<EmbeddingModel> modelSupplier;
    private final List<Reference> references;
    private final int k;
    private final double temperature;
    private volatile EmbeddingModel model;
    private volatile float[][] vectors;
    private volatile double[] weights; // logistic calibration: bias, then one weight per feature

    private static final int FEATURES = 5;

    public SemanticIndex(Supplier<EmbeddingModel> modelSupplier, List<Reference> references, int k,
                         double temperature) {
        this.modelSupplier = modelSupplier;
        this.references = List.copyOf(references);
        this.k = k;
        this.temperature = temperature;
    }

    /** Loads a reference set in the shipped JSONL format from the classpath. */
    public static List<Reference> load(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<Reference> out = new ArrayList<>();
        try (InputStream in = SemanticIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LoadException(resource, 0, "", "classpath resource not found");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (IOException e) {
                    throw new LoadException(resource, no, "", "invalid JSON: " + e.getMessage());
                }
                String label = n.path("label").asText("");
                if (!label.equals("attack") && !label.equals("benign")) {
                    throw new LoadException(resource, no, "label", "must be 'attack' or 'benign' but was: '" + label + "'");
                }
                String text = n.path("text").asText("");
                if (text.isBlank()) {
                    throw new LoadException(resource, no, "text", "must not be blank");
                }
                out.add(new Reference(n.path("id").asText("line-" + no), label.equals("attack"),
                        n.path("style").asText(""), text));
            }
        } catch (IOException e) {
            throw new LoadException(resource, 0, "", "cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new LoadException(resource, 0, "", "reference set is empty");
        }
        return out;
    }

    public List<Reference> references() {
        return references;
    }

    /** The embedding model, created on first use. */
    public EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = modelSupplier.get();
                    model = m;
                }
            }
        }
        return m;
    }

    private float[][] vectors() {
        float[][] v = vectors;
        if (v == null) {
            synchronized (this) {
                v = vectors;
                if (v == null) {
                    List<TextSegment> segments = new ArrayList<>(references.size());
                    for (Reference r : references) {
                        segments.add(TextSegment.from(r.text()));
                    }
                    List<Embedding> embeddings = model().embedAll(segments).content();
                    v = new float[embeddings.size()][];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = normalize(embeddings.get(i).vector());
                    }
                    weights = calibrate(v);
                    vectors = v;
                }
            }
        }
        return v;
    }

    /**
     * Fits a logistic regression from the kNN features to the label by leave-one-out over the
     * reference set itself, so that the score is a calibrated probability rather than a raw vote.
     */
    private double[] calibrate(float[][] v) {
        int n = v.length;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = features(v[i], v, i);
            y[i] = references.get(i).attack() ? 1 : 0;
        }
        double[] w = new double[FEATURES + 1];
        double lr = 0.5;
        double l2 = 1e-3;
        for (int iter = 0; iter < 2000; iter++) {
            double[] g = new double[FEATURES + 1];
            for (int i = 0; i < n; i++) {
                double err = sigmoid(linear(w, x[i])) - y[i];
                g[0] += err;
                for (int f = 0; f < FEATURES; f++) {
                    g[f + 1] += err * x[i][f];
                }
            }
            for (int f = 0; f <= FEATURES; f++) {
                w[f] -= lr * (g[f] / n + (f == 0 ? 0 : l2 * w[f]));
            }
        }
        return w;
    }

    private static double linear(double[] w, double[] x) {
        double z = w[0];
        for (int f = 0; f < FEATURES; f++) {
            z += w[f + 1] * x[f];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Features of a query against the references (skipping index {@code skip}): best and mean
     * top-3 similarity to attacks and to benign texts (scaled by 10), and the weighted kNN vote.
     */
    private double[] features(float[] q, float[][] refs, int skip) {
        double[] att = new double[3];
        double[] ben = new double[3];
        java.util.Arrays.fill(att, -1);
        java.util.Arrays.fill(ben, -1);
        int kk = Math.min(k, refs.length - (skip >= 0 ? 1 : 0));
        int[] idx = new int[kk];
        double[] sims = new double[kk];
        java.util.Arrays.fill(sims, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < refs.length; i++) {
            if (i == skip) {
                continue;
            }
            double s = dot(q, refs[i]);
            insert(references.get(i).attack() ? att : ben, s);
            if (s > sims[kk - 1]) {
                int p = kk - 1;
                while (p > 0 && sims[p - 1] < s) {
                    sims[p] = sims[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                sims[p] = s;
                idx[p] = i;
            }
        }
        double num = 0;
        double den = 0;
        for (int j = 0; j < kk; j++) {
            double w = Math.exp((sims[j] - sims[0]) / temperature);
            den += w;
            if (references.get(idx[j]).attack()) {
                num += w;
            }
        }
        return new double[]{10 * att[0], 10 * ben[0], 10 * (att[0] + att[1] + att[2]) / 3,
                10 * (ben[0] + ben[1] + ben[2]) / 3, den == 0 ? 0 : num / den};
    }

    private static void insert(double[] top, double s) {
        if (s <= top[top.length - 1]) {
            return;
        }
        int p = top.length - 1;
        while (p > 0 && top[p - 1] < s) {
            top[p] = top[p - 1];
            p--;
        }
        top[p] = s;
    }

    /** Embeds the reference set now instead of on the first check. */
    public void warmUp() {
        vectors();
    }

    /** Scores a text against the reference set. */
    public Result score(String text) {
        float[][] refs = vectors();
        float[] q = normalize(model().embed(text).content().vector());
        return score(q, refs);
    }

    private Result score(float[] q, float[][] refs) {
        double[] f = features(q, refs, -1);
        int best = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < refs.length; i++) {
            double s = dot(q, refs[i]);
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        double p = sigmoid(linear(weights, f));
        return new Result(Math.max(0, Math.min(1, p)), bestSim, references.get(best));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A unit-length copy of {@code v} (the zero vector stays zero). */
    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] / norm);
            }
        }
        return out;
    }
}
