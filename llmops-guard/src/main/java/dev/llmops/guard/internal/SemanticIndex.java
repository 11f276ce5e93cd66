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
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A labelled reference set embedded once, lazily, with k-nearest-neighbour scoring. The features of a
 * text are its best and mean top-3 cosine similarity to the attacks and to the benign references,
 * the attack-minus-benign margins of both, the similarity-weighted vote of its k nearest references
 * ({@code sum(w_i * attack_i) / sum(w_i)}, {@code w_i = exp((sim_i - sim_1) / temperature)}), a lexical
 * cue density ({@code log(1 + }{@link CueWindow#score(String)}{@code )} of the scored text) and, for the fused
 * model, a prior score from another layer (the signature score). Two logistic
 * regressions (with and without the prior) map them to a probability; both are fitted on the
 * reference set itself with leave-one-out neighbourhoods (a reference never sees itself). The
 * decision point is then chosen by 10-fold cross-fitting on the reference set: the probability
 * cut that maximises F1 while keeping the false-positive rate on the risky-looking benign references
 * (style {@value #RISKY_BENIGN_STYLE}) at or below the classifier's limit ({@link #MAX_BENIGN_FPR} for
 * {@link Classifier#KNN}); the bias is shifted so that this cut maps to 0.5.
 *
 * <p>{@link Classifier#KNN_PROBE} and {@link Classifier#PROBE} add a {@link LinearProbe} on the embedding vectors
 * (fitted on the reference set with example weight {@value #RISKY_WEIGHT} for the risky-benign references, its
 * {@code lambda} chosen by {@value #PROBE_FOLDS}-fold cross-validation): its logit is one more calibration feature,
 * and the calibration is fitted on the probe's <em>out-of-fold</em> logits (a reference's probe score comes from a
 * probe that never saw it), while queries are scored with the probe refitted on all references.
 * {@code PROBE} keeps only the probe, cue and prior features.
 *
 * <p>Thread-safe: the first caller embeds the set (and fits the probe and calibration its classifier needs) under
 * the index's lock; later callers share the immutable results.
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

    /** Which features the calibration uses. */
    public enum Classifier {
        /** The kNN features (similarities, margins, weighted vote) and the cue density. */
        KNN(MAX_BENIGN_FPR),
        /** The kNN features, the cue density and the linear probe's logit. */
        KNN_PROBE(PROBE_MAX_BENIGN_FPR),
        /** The linear probe's logit and the cue density only. */
        PROBE(PROBE_MAX_BENIGN_FPR),
        /** The kNN features, the cue density and the {@link LexicalProbe}'s logit (n-grams plus embedding). */
        KNN_LEXICAL(LEXICAL_MAX_BENIGN_FPR);

        private final double maxBenignFpr;

        Classifier(double maxBenignFpr) {
            this.maxBenignFpr = maxBenignFpr;
        }

        /** The false-positive limit on the risky-benign references under which the cut is chosen. */
        public double maxBenignFpr() {
            return maxBenignFpr;
        }

        boolean usesProbe() {
            return this == KNN_PROBE || this == PROBE;
        }

        boolean usesLexicalProbe() {
            return this == KNN_LEXICAL;
        }

        boolean usesKnn() {
            return this != PROBE;
        }
    }

    /**
     * A fitted calibration: the weights without and with the prior feature (null without a prior function), and
     * the cross-fitted logits of the references (10 folds, shifted by the cut, so a reference is flagged at
     * {@code >= 0}) of the model that {@link #score(String, double, Classifier)} uses, for diagnostics and tests.
     */
    record Calibration(double[] weights, double[] fusedWeights, double[] crossFitted) {
    }

    private final Supplier<EmbeddingModel> modelSupplier;
    private final Supplier<java.util.Optional<float[][]>> precomputed; // null: always embed
    private final List<Reference> references;
    private final int k;
    private final double temperature;
    private volatile EmbeddingModel model;
    private volatile float[][] vectors;
    private final List<ToDoubleFunction<String>> priors; // empty: no fused model
    private volatile double[][] referenceFeatures; // leave-one-out kNN features, cue and prior of each reference
    private volatile LinearProbe.Selection probe;
    private volatile LexicalProbe.Selection lexicalProbe;
    private final AtomicReferenceArray<Calibration> calibrations =
            new AtomicReferenceArray<>(Classifier.values().length);

    private static final int FEATURES = 11;
    /** The kNN features are the first {@value}. */
    private static final int KNN_FEATURES = 7;
    /** The lexical cue feature: {@code log(1 + CueWindow.score(text))} of the scored text. */
    private static final int CUE = 7;
    private static final int PRIOR = 8;
    /** The prior features are {@code PRIOR .. PRIOR + MAX_PRIORS - 1}. */
    public static final int MAX_PRIORS = 2;
    static final int PROBE_LOGIT = 10;
    /** Highest false-positive rate on the benign references allowed when choosing the cut of {@link Classifier#KNN}. */
    public static final double MAX_BENIGN_FPR = 0.10;
    /**
     * The same limit for the classifiers with the linear probe: also 10%. A tighter 4% was chosen first, on the
     * reference set only (the tightest of 10, 8, 6, 5, 4 and 3% at which the cross-fitted F1 of
     * {@link Classifier#KNN_PROBE} on the references stayed at least that of {@link Classifier#KNN} at 10%: 0.855
     * against 0.838), but on the development set it cost recall without lowering the risky-benign false positives
     * (see the module README), so the probe variants keep the kNN limit and differ from it only by the probe.
     */
    public static final double PROBE_MAX_BENIGN_FPR = 0.10;
    /**
     * The limit for {@link Classifier#KNN_LEXICAL}: 2%, chosen from {2, 3, 4, 5}% on four development sets by the
     * rule logged in {@code eval-injection-v3/decision-rules.md} (the best worst-case F1 among the limits that keep
     * every set's risky-benign false-positive rate at or below 3%). It was 3% with the smaller reference set of
     * 2,747 lines; the 534 multilingual lines added since are mostly easy risky-benign texts, which loosen a limit
     * counted over all risky-benign references.
     */
    public static final double LEXICAL_MAX_BENIGN_FPR = 0.02;
    /** The {@code lambda} candidates of the lexical probe, strongest first. */
    static final double[] LEXICAL_LAMBDAS = {2e-4, 6e-5, 2e-5};
    /** Example weight of a risky-benign reference in the probe's loss (the other references weigh 1). */
    public static final double RISKY_WEIGHT = 2.0;
    /** Folds of the probe's cross-validation (row {@code i} is in fold {@code i % PROBE_FOLDS}). */
    public static final int PROBE_FOLDS = 5;
    /** The probe's candidate regularisation strengths, strongest first (on standardised coordinates). */
    static final double[] PROBE_LAMBDAS = {0.3, 0.1, 0.03, 0.01, 0.003};
    /** The benign reference style whose false-positive rate {@link #MAX_BENIGN_FPR} bounds. */
    public static final String RISKY_BENIGN_STYLE = "risky-benign";

    public SemanticIndex(Supplier<EmbeddingModel> modelSupplier, List<Reference> references, int k,
                         double temperature) {
        this(modelSupplier, references, k, temperature, List.of(), null);
    }

    /**
     * @param prior the score of another layer for a text (for example the signature score), used as
     *              one more feature by {@link #score(String, double)}; null for none
     */
    public SemanticIndex(Supplier<EmbeddingModel> modelSupplier, List<Reference> references, int k,
                         double temperature, ToDoubleFunction<String> prior) {
        this(modelSupplier, references, k, temperature, prior == null ? List.of() : List.of(prior), null);
    }

    /**
     * @param priors      up to {@value #MAX_PRIORS} scores of other layers for a text (for example the combined
     *                    signature score and the score of the precise signature categories), each one more feature
     *                    of the fused calibration; empty for none
     * @param precomputed the unit vectors of {@code references} under the model, computed ahead of time, or
     *                    empty when they must be embedded (see {@link ReferenceVectors}); null for none
     */
    public SemanticIndex(Supplier<EmbeddingModel> modelSupplier, List<Reference> references, int k,
                         double temperature, List<ToDoubleFunction<String>> priors,
                         Supplier<java.util.Optional<float[][]>> precomputed) {
        if (priors.size() > MAX_PRIORS) {
            throw new IllegalArgumentException("at most " + MAX_PRIORS + " priors but got " + priors.size());
        }
        this.priors = List.copyOf(priors);
        this.precomputed = precomputed;
        this.modelSupplier = modelSupplier;
        this.references = List.copyOf(references);
        this.k = k;
        this.temperature = temperature;
    }

    /** Loads a reference set in the shipped JSONL format from the classpath. */
    public static List<Reference> load(String resource) {
        try (InputStream in = SemanticIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LoadException(resource, 0, "", "classpath resource not found");
            }
            return load(in, resource);
        } catch (IOException e) {
            throw new LoadException(resource, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Loads a reference set from a file (same format as {@link #load(String)}). */
    public static List<Reference> load(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static List<Reference> load(InputStream in, String source) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Reference> out = new ArrayList<>();
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
                throw new LoadException(source, no, "", "invalid JSON: " + e.getMessage());
            }
            String label = n.path("label").asText("");
            if (!label.equals("attack") && !label.equals("benign")) {
                throw new LoadException(source, no, "label", "must be 'attack' or 'benign' but was: '" + label + "'");
            }
            String text = n.path("text").asText("");
            if (text.isBlank()) {
                throw new LoadException(source, no, "text", "must not be blank");
            }
            out.add(new Reference(n.path("id").asText("line-" + no), label.equals("attack"),
                    n.path("style").asText(""), text));
        }
        if (out.isEmpty()) {
            throw new LoadException(source, 0, "", "reference set is empty");
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
                    v = precomputed == null ? null : precomputed.get().orElse(null);
                    if (v == null) {
                        v = embed(model(), references);
                    }
                    vectors = v;
                }
            }
        }
        return v;
    }

    /**
     * The characters of a reference that are embedded: a longer reference is embedded as its
     * {@link CueWindow#select cue window}, as a long query is (the guard's default budget), so that a document with
     * one instruction in it is represented by that instruction, and a benign document by its most cue-laden part.
     */
    public static final int REFERENCE_WINDOW_CHARS = 256;

    /**
     * The unit vectors of {@code references} under {@code model}, in order (one batch call); each reference is
     * embedded as its cue window of at most {@value #REFERENCE_WINDOW_CHARS} characters.
     */
    public static float[][] embed(EmbeddingModel model, List<Reference> references) {
        List<TextSegment> segments = new ArrayList<>(references.size());
        for (Reference r : references) {
            segments.add(TextSegment.from(CueWindow.select(r.text(), REFERENCE_WINDOW_CHARS)));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        float[][] v = new float[embeddings.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = normalize(embeddings.get(i).vector());
        }
        return v;
    }

    /** The leave-one-out kNN features, cue and prior of every reference, computed once. */
    private double[][] referenceFeatures() {
        double[][] x = referenceFeatures;
        if (x == null) {
            synchronized (this) {
                x = referenceFeatures;
                if (x == null) {
                    float[][] v = vectors();
                    x = new double[v.length][];
                    for (int i = 0; i < v.length; i++) {
                        x[i] = features(v[i], v, i);
                        x[i][CUE] = cue(references.get(i).text());
                        for (int p = 0; p < priors.size(); p++) {
                            x[i][PRIOR + p] = priors.get(p).applyAsDouble(references.get(i).text());
                        }
                    }
                    referenceFeatures = x;
                }
            }
        }
        return x;
    }

    private double[] labels() {
        double[] y = new double[references.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = references.get(i).attack() ? 1 : 0;
        }
        return y;
    }

    private boolean[] riskyBenign() {
        boolean[] constrained = new boolean[references.size()];
        for (int i = 0; i < constrained.length; i++) {
            Reference r = references.get(i);
            constrained[i] = !r.attack() && r.style().equals(RISKY_BENIGN_STYLE);
        }
        return constrained;
    }

    /** The linear probe on the reference vectors, its lambda chosen by cross-validation; fitted once. */
    LinearProbe.Selection probe() {
        LinearProbe.Selection p = probe;
        if (p == null) {
            synchronized (this) {
                p = probe;
                if (p == null) {
                    p = LinearProbe.select(vectors(), labels(), probeWeights(), PROBE_LAMBDAS, PROBE_FOLDS);
                    probe = p;
                }
            }
        }
        return p;
    }

    /** The example weights of both probes: {@link #RISKY_WEIGHT} for a risky-benign reference, else 1. */
    private double[] probeWeights() {
        boolean[] risky = riskyBenign();
        double[] weight = new double[risky.length];
        for (int i = 0; i < risky.length; i++) {
            weight[i] = risky[i] ? RISKY_WEIGHT : 1;
        }
        return weight;
    }

    /** The lexical probe on the normalised reference texts and vectors, its lambda chosen by CV; fitted once. */
    LexicalProbe.Selection lexicalProbe() {
        LexicalProbe.Selection p = lexicalProbe;
        if (p == null) {
            synchronized (this) {
                p = lexicalProbe;
                if (p == null) {
                    List<String> texts = new ArrayList<>(references.size());
                    for (Reference r : references) {
                        texts.add(Unicode.normalizeForInspection(r.text()));
                    }
                    p = LexicalProbe.select(texts, vectors(), labels(), probeWeights(), LEXICAL_LAMBDAS, PROBE_FOLDS);
                    lexicalProbe = p;
                }
            }
        }
        return p;
    }

    /** The calibration of {@code classifier}, fitted once. */
    Calibration calibration(Classifier classifier) {
        Calibration c = calibrations.get(classifier.ordinal());
        if (c == null) {
            synchronized (this) {
                c = calibrations.get(classifier.ordinal());
                if (c == null) {
                    c = calibrate(classifier);
                    calibrations.set(classifier.ordinal(), c);
                }
            }
        }
        return c;
    }

    /**
     * Fits the logistic regressions of {@code classifier} from the reference features (leave-one-out kNN
     * neighbourhoods, out-of-fold probe logits) to the label and moves their decision point to 0.5 (see the class
     * comment). A feature the classifier does not use is set to 0, which gives it weight 0.
     */
    private Calibration calibrate(Classifier classifier) {
        double[][] base = referenceFeatures();
        double[] oof = classifier.usesProbe() ? probe().outOfFold()
                : classifier.usesLexicalProbe() ? lexicalProbe().outOfFold() : null;
        int n = base.length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = base[i].clone();
            if (!classifier.usesKnn()) {
                java.util.Arrays.fill(x[i], 0, KNN_FEATURES, 0);
            }
            x[i][PROBE_LOGIT] = oof == null ? 0 : oof[i];
        }
        double[] y = labels();
        boolean[] risky = riskyBenign();
        double[][] plain = new double[n][];
        for (int i = 0; i < n; i++) {
            plain[i] = x[i].clone();
            java.util.Arrays.fill(plain[i], PRIOR, PRIOR + MAX_PRIORS, 0);
        }
        double limit = classifier.maxBenignFpr();
        double[] plainCv = new double[n];
        double[] weights = shiftToCut(fit(plain, y, null), plain, y, risky, limit, plainCv);
        if (priors.isEmpty()) {
            return new Calibration(weights, null, plainCv);
        }
        double[] fusedCv = new double[n];
        double[] fusedWeights = shiftToCut(fit(x, y, null), x, y, risky, limit, fusedCv);
        return new Calibration(weights, fusedWeights, fusedCv);
    }

    /**
     * Shifts the bias of {@code w} so that the cross-fitted cut lands on probability 0.5; writes the cross-fitted
     * logits minus the cut to {@code cvOut}.
     */
    private static double[] shiftToCut(double[] w, double[][] x, double[] y, boolean[] constrained, double limit,
                                       double[] cvOut) {
        int n = x.length;
        int folds = 10;
        double[] cv = new double[n];
        for (int f = 0; f < folds; f++) {
            boolean[] test = new boolean[n];
            for (int i = f; i < n; i += folds) {
                test[i] = true;
            }
            double[] wf = fit(x, y, test);
            for (int i = f; i < n; i += folds) {
                cv[i] = linear(wf, x[i]);
            }
        }
        double cut = chooseCut(cv, y, constrained, limit);
        for (int i = 0; i < n; i++) {
            cvOut[i] = cv[i] - cut;
        }
        double[] out = w.clone();
        out[0] -= cut;
        return out;
    }

    /** {@link #chooseCut(double[], double[], boolean[], double)} with {@link #MAX_BENIGN_FPR}. */
    static double chooseCut(double[] z, double[] y, boolean[] constrained) {
        return chooseCut(z, y, constrained, MAX_BENIGN_FPR);
    }

    /**
     * The logit cut maximising F1 subject to at most {@code maxFpr} false positives among the {@code constrained}
     * benign rows.
     */
    static double chooseCut(double[] z, double[] y, boolean[] constrained, double maxFpr) {
        double[] sorted = z.clone();
        java.util.Arrays.sort(sorted);
        double bestCut = 0;
        double bestF1 = -1;
        int benign = 0;
        for (int i = 0; i < y.length; i++) {
            benign += y[i] == 0 && constrained[i] ? 1 : 0;
        }
        for (int c = 0; c <= sorted.length; c++) {
            double cut = c == 0 ? sorted[0] - 1e-6
                    : c == sorted.length ? sorted[c - 1] + 1e-6 : (sorted[c - 1] + sorted[c]) / 2;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int fpConstrained = 0;
            for (int i = 0; i < z.length; i++) {
                boolean flagged = z[i] >= cut;
                if (y[i] == 1) {
                    tp += flagged ? 1 : 0;
                    fn += flagged ? 0 : 1;
                } else {
                    fp += flagged ? 1 : 0;
                    fpConstrained += flagged && constrained[i] ? 1 : 0;
                }
            }
            if (benign > 0 && fpConstrained > maxFpr * benign) {
                continue;
            }
            double f1 = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestCut = cut;
            }
        }
        return bestCut;
    }

    /**
     * Ridge-penalised logistic regression by Newton's method on standardised features (the features
     * are correlated, so plain gradient descent converges poorly), skipping rows where {@code skip[i]};
     * the weights are returned for the raw features.
     */
    private static double[] fit(double[][] x, double[] y, boolean[] skip) {
        int n = x.length;
        int d = FEATURES + 1;
        double[] mean = new double[FEATURES];
        double[] sd = new double[FEATURES];
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            used++;
            for (int f = 0; f < FEATURES; f++) {
                mean[f] += x[i][f];
            }
        }
        for (int f = 0; f < FEATURES; f++) {
            mean[f] /= Math.max(1, used);
        }
        for (int i = 0; i < n; i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            for (int f = 0; f < FEATURES; f++) {
                sd[f] += (x[i][f] - mean[f]) * (x[i][f] - mean[f]);
            }
        }
        for (int f = 0; f < FEATURES; f++) {
            sd[f] = Math.sqrt(sd[f] / Math.max(1, used));
        }
        double[] w = new double[d];
        double ridge = 1.0;
        for (int iter = 0; iter < 30; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            double[] z = new double[d];
            for (int i = 0; i < n; i++) {
                if (skip != null && skip[i]) {
                    continue;
                }
                z[0] = 1;
                for (int f = 0; f < FEATURES; f++) {
                    z[f + 1] = sd[f] > 1e-12 ? (x[i][f] - mean[f]) / sd[f] : 0;
                }
                double t = w[0];
                for (int f = 1; f < d; f++) {
                    t += w[f] * z[f];
                }
                double p = sigmoid(t);
                double r = p * (1 - p);
                for (int a = 0; a < d; a++) {
                    g[a] += (p - y[i]) * z[a];
                    for (int b = 0; b < d; b++) {
                        h[a][b] += r * z[a] * z[b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                g[a] += ridge * w[a];
                h[a][a] += ridge;
            }
            h[0][0] += 1e-9;
            double[] step = solve(h, g);
            double change = 0;
            for (int a = 0; a < d; a++) {
                w[a] -= step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        double[] raw = new double[d];
        raw[0] = w[0];
        for (int f = 0; f < FEATURES; f++) {
            if (sd[f] > 1e-12) {
                raw[f + 1] = w[f + 1] / sd[f];
                raw[0] -= w[f + 1] * mean[f] / sd[f];
            }
        }
        return raw;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting (a small dense system). */
    private static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[][] m = new double[d][d + 1];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, m[i], 0, d);
            m[i][d] = b[i];
        }
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            if (Math.abs(m[c][c]) < 1e-12) {
                continue;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double k = m[r][c] / m[c][c];
                    for (int j = c; j <= d; j++) {
                        m[r][j] -= k * m[c][j];
                    }
                }
            }
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : m[i][d] / m[i][i];
        }
        return x;
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
        double attMean = (att[0] + att[1] + att[2]) / 3;
        double benMean = (ben[0] + ben[1] + ben[2]) / 3;
        // after the FEATURES calibration features: the nearest reference (earliest on a tie) and its similarity
        return new double[]{10 * att[0], 10 * ben[0], 10 * attMean, 10 * benMean, den == 0 ? 0 : num / den,
                20 * (att[0] - ben[0]), 20 * (attMean - benMean), 0, 0, 0, 0, kk == 0 ? 0 : idx[0],
                kk == 0 ? Double.NEGATIVE_INFINITY : sims[0]};
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

    /** Embeds the reference set and fits the {@link Classifier#KNN} calibration now instead of on first use. */
    public void warmUp() {
        warmUp(Classifier.KNN);
    }

    /** Embeds the reference set and fits what {@code classifier} needs now instead of on first use. */
    public void warmUp(Classifier classifier) {
        calibration(classifier);
    }

    /** Scores a text against the reference set with the semantic-only {@link Classifier#KNN} calibration. */
    public Result score(String text) {
        return score(text, Classifier.KNN);
    }

    /** Scores a text with the semantic-only calibration of {@code classifier} (no prior feature). */
    public Result score(String text, Classifier classifier) {
        return score(text, text, classifier);
    }

    /**
     * {@link #score(String, Classifier)} where the {@link LexicalProbe} of {@link Classifier#KNN_LEXICAL} reads the
     * n-grams of {@code lexicalText} (the whole normalised input) while {@code text} (a window of it) is embedded.
     */
    public Result score(String text, String lexicalText, Classifier classifier) {
        return score(text, List.of(lexicalText), classifier);
    }

    /**
     * {@link #score(String, String, Classifier)} for several readings of the n-grams with one embedding of
     * {@code text}: the highest score over {@code lexicalTexts} (see {@link #score(String, List, double[], Classifier)}).
     *
     * @throws IllegalArgumentException if {@code lexicalTexts} is empty
     */
    public Result score(String text, List<String> lexicalTexts, Classifier classifier) {
        requireReadings(lexicalTexts);
        Calibration c = calibration(classifier);
        float[] q = normalize(model().embed(text).content().vector());
        return score(q, cue(text), lexicalTexts, c.weights(), new double[0], classifier);
    }

    private static void requireReadings(List<String> lexicalTexts) {
        if (lexicalTexts.isEmpty()) {
            throw new IllegalArgumentException("lexicalTexts must not be empty");
        }
    }

    /** {@link #score(String, double, Classifier)} with {@link Classifier#KNN}. */
    public Result score(String text, double priorScore) {
        return score(text, priorScore, Classifier.KNN);
    }

    /**
     * Scores a text with the fused calibration of {@code classifier}, {@code priorScore} being the other layer's
     * score for the whole text; without a prior function this is {@link #score(String, Classifier)}.
     */
    public Result score(String text, double priorScore, Classifier classifier) {
        return score(text, text, new double[]{priorScore}, classifier);
    }

    /**
     * {@link #score(String, double, Classifier)} with one score per prior function (in their order; missing ones
     * count as 0), where the {@link LexicalProbe} of {@link Classifier#KNN_LEXICAL} reads the n-grams of
     * {@code lexicalText} (the whole normalised input) while {@code text} (a window of it) is embedded; the other
     * classifiers ignore {@code lexicalText}.
     */
    public Result score(String text, String lexicalText, double[] priorScores, Classifier classifier) {
        return score(text, List.of(lexicalText), priorScores, classifier);
    }

    /**
     * {@link #score(String, String, double[], Classifier)} for several readings of the n-grams with one embedding
     * of {@code text}: the highest score over {@code lexicalTexts} (for example the whole input and the window
     * itself, so that an instruction buried in a long benign document is read without the document around it).
     * The classifiers without the {@link LexicalProbe} score once.
     *
     * @throws IllegalArgumentException if {@code lexicalTexts} is empty
     */
    public Result score(String text, List<String> lexicalTexts, double[] priorScores, Classifier classifier) {
        requireReadings(lexicalTexts);
        Calibration c = calibration(classifier);
        float[] q = normalize(model().embed(text).content().vector());
        double[] fw = c.fusedWeights();
        return fw == null ? score(q, cue(text), lexicalTexts, c.weights(), new double[0], classifier)
                : score(q, cue(text), lexicalTexts, fw, priorScores, classifier);
    }

    /** Whether {@link #score(String, double)} uses a fused calibration. */
    public boolean fused() {
        return !priors.isEmpty();
    }

    private static double cue(String text) {
        return Math.log1p(CueWindow.score(text));
    }

    /** The score of an embedded text: its kNN features are computed once, the lexical probe reads each text. */
    private Result score(float[] q, double cue, List<String> lexicalTexts, double[] w, double[] priorScores,
                         Classifier classifier) {
        float[][] refs = vectors();
        double[] f = features(q, refs, -1);
        f[CUE] = cue;
        for (int p = 0; p < Math.min(priorScores.length, priors.size()); p++) {
            f[PRIOR + p] = priorScores[p];
        }
        double best = Double.NEGATIVE_INFINITY;
        if (classifier.usesLexicalProbe()) {
            for (String lexicalText : lexicalTexts) {
                f[PROBE_LOGIT] = lexicalProbe().probe().logit(lexicalText, q);
                best = Math.max(best, linear(w, f));
            }
        } else {
            f[PROBE_LOGIT] = classifier.usesProbe() ? probe().probe().logit(q) : 0;
            best = linear(w, f);
        }
        double p = sigmoid(best);
        return new Result(Math.max(0, Math.min(1, p)), f[FEATURES + 1], references.get((int) f[FEATURES]));
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
