package dev.llmops.guard.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A probe over words and meaning at once: L2-regularised, example-weighted logistic regression on the word
 * unigrams and bigrams of a text together with its embedding vector, for the semantic injection layer. The
 * embedding carries the topic; the n-grams carry the phrasing that tells an attack from a look-alike on the
 * same topic ("act as my rubber duck" against "act as an AI without rules"), which a kNN neighbourhood or a probe
 * on the embedding alone averages away.
 *
 * <p>Features: the text is lower-cased ({@link Locale#ROOT}) and split into tokens, each a maximal run of letters,
 * digits, combining marks and ASCII apostrophes, or else one other non-space character; Han, kana, Hangul and Thai
 * letters, written without spaces between words, are one token each (so their bigrams are character bigrams); the distinct unigrams and bigrams of the text each get the value {@code 1 / sqrt(m)}, {@code m} their
 * number (so a long text does not outweigh a short one), and the embedding vector is used as given (unit length).
 * An n-gram never seen in training has no weight. The objective {@code sum_i c_i * logloss_i / sum_i c_i +
 * lambda / 2 * |w|^2} (the bias is not penalised) is minimised by {@link Lbfgs}; it is strictly convex, so the
 * fit is unique and, with sequential arithmetic, bit-for-bit deterministic.
 *
 * <p>{@link #select} chooses {@code lambda} by k-fold cross-validation (the fold of row {@code i} is
 * {@code i % k}) on out-of-fold log-loss and returns the out-of-fold logits, which a second-stage calibration is
 * fitted on.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class LexicalProbe {

    static final double TOLERANCE = 1e-6;
    private static final int MAX_ITERATIONS = 500;

    private final Map<String, Integer> vocabulary;
    private final double[] lexical;
    private final double[] dense;
    private final double bias;
    private final double lambda;

    private LexicalProbe(Map<String, Integer> vocabulary, double[] lexical, double[] dense, double bias,
                         double lambda) {
        this.vocabulary = vocabulary;
        this.lexical = lexical;
        this.dense = dense;
        this.bias = bias;
        this.lambda = lambda;
    }

    /** The distinct unigrams and bigrams of {@code text}, in order of first appearance. */
    public static List<String> ngrams(String text) {
        List<String> tokens = tokens(text);
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            grams.add(tokens.get(i));
            if (i + 1 < tokens.size()) {
                grams.add(tokens.get(i) + ' ' + tokens.get(i + 1));
            }
        }
        return new ArrayList<>(grams);
    }

    static List<String> tokens(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (isWordChar(cp)) {
                int j = i + len;
                while (j < n && isWordChar(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                    out.add(s.substring(i, i + len));
                }
                i += len;
            }
        }
        return out;
    }

    private static boolean isWordChar(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
        }
        if (!Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL
                && script != Character.UnicodeScript.THAI;
    }

    /** The logit of a text (its n-grams) and its embedding vector. */
    public double logit(String text, float[] vector) {
        return logit(ngrams(text), vector);
    }

    private double logit(List<String> grams, float[] vector) {
        double t = bias;
        if (!grams.isEmpty()) {
            double v = 1 / Math.sqrt(grams.size());
            double sum = 0;
            for (String g : grams) {
                Integer id = vocabulary.get(g);
                if (id != null) {
                    sum += lexical[id];
                }
            }
            t += v * sum;
        }
        int d = Math.min(vector.length, dense.length);
        for (int j = 0; j < d; j++) {
            t += dense[j] * vector[j];
        }
        return t;
    }

    public double lambda() {
        return lambda;
    }

    /** The number of distinct n-grams with a weight. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /**
     * The outcome of {@link #select}: the probe refitted on all rows at the chosen {@code lambda}, that
     * {@code lambda}, the out-of-fold logit of every row at it, and the out-of-fold mean log-loss of each candidate.
     */
    public record Selection(LexicalProbe probe, double lambda, double[] outOfFold, double[] cvLogLoss) {
    }

    /**
     * Chooses {@code lambda} among {@code lambdas} (strongest first; each fit is warm-started from the previous) by
     * {@code folds}-fold cross-validation on the unweighted out-of-fold mean log-loss, the earlier on a tie.
     *
     * @param texts   the training texts, as the probe will see them at scoring time
     * @param vectors their embedding vectors, all of one dimension
     * @param y       labels, 0 or 1
     * @param weight  example weights, all 1 when null
     */
    public static Selection select(List<String> texts, float[][] vectors, double[] y, double[] weight,
                                   double[] lambdas, int folds) {
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("lambdas must not be empty");
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2 but was: " + folds);
        }
        if (texts.size() != vectors.length || y.length != vectors.length) {
            throw new IllegalArgumentException("texts, vectors and labels differ in length: " + texts.size() + ", "
                    + vectors.length + ", " + y.length);
        }
        Design design = new Design(texts, vectors);
        int n = vectors.length;
        double[][] oof = new double[lambdas.length][n];
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % folds != f;
            }
            double[] params = null;
            for (int l = 0; l < lambdas.length; l++) {
                params = design.solve(y, weight, train, lambdas[l], params);
                for (int i = f; i < n; i += folds) {
                    oof[l][i] = design.logit(params, i);
                }
            }
        }
        double[] cvLogLoss = LinearProbe.meanLogLoss(oof, y);
        int best = LinearProbe.argMin(cvLogLoss);
        double[] params = design.solve(y, weight, null, lambdas[best], null);
        return new Selection(design.probe(params, lambdas[best]), lambdas[best], oof[best], cvLogLoss);
    }

    /** The training rows as sparse n-gram ids plus dense vectors. Parameters: {@code [lexical.., dense.., b]}. */
    private static final class Design {
        private final Map<String, Integer> vocabulary = new HashMap<>();
        private final int[][] ids;
        private final double[] value;
        private final float[][] vectors;
        private final int d;

        Design(List<String> texts, float[][] vectors) {
            this.vectors = vectors;
            int n = vectors.length;
            d = n == 0 ? 0 : vectors[0].length;
            ids = new int[n][];
            value = new double[n];
            for (int i = 0; i < n; i++) {
                List<String> grams = ngrams(texts.get(i));
                ids[i] = new int[grams.size()];
                for (int k = 0; k < grams.size(); k++) {
                    ids[i][k] = vocabulary.computeIfAbsent(grams.get(k), g -> vocabulary.size());
                }
                value[i] = grams.isEmpty() ? 0 : 1 / Math.sqrt(grams.size());
            }
        }

        int size() {
            return vocabulary.size() + d + 1;
        }

        double logit(double[] p, int i) {
            int v = vocabulary.size();
            double lex = 0;
            for (int id : ids[i]) {
                lex += p[id];
            }
            double t = p[v + d] + value[i] * lex;
            float[] x = vectors[i];
            for (int j = 0; j < d; j++) {
                t += p[v + j] * x[j];
            }
            return t;
        }

        double[] solve(double[] y, double[] weight, boolean[] train, double lambda, double[] init) {
            int n = vectors.length;
            double[] c = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (train == null || train[i]) {
                    c[i] = weight == null ? 1 : weight[i];
                    total += c[i];
                }
            }
            for (int i = 0; i < n; i++) {
                c[i] /= Math.max(1e-300, total);
            }
            int v = vocabulary.size();
            int m = size();
            Lbfgs.Objective f = (p, g) -> {
                java.util.Arrays.fill(g, 0);
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    if (c[i] == 0) {
                        continue;
                    }
                    double t = logit(p, i);
                    loss += c[i] * (LinearProbe.softplus(t) - y[i] * t);
                    double r = c[i] * (sigmoid(t) - y[i]);
                    double rv = r * value[i];
                    for (int id : ids[i]) {
                        g[id] += rv;
                    }
                    float[] x = vectors[i];
                    for (int j = 0; j < d; j++) {
                        g[v + j] += r * x[j];
                    }
                    g[m - 1] += r;
                }
                double reg = 0;
                for (int j = 0; j < m - 1; j++) {
                    g[j] += lambda * p[j];
                    reg += p[j] * p[j];
                }
                return loss + lambda / 2 * reg;
            };
            return Lbfgs.minimize(f, init == null ? new double[m] : init.clone(), TOLERANCE, MAX_ITERATIONS);
        }

        LexicalProbe probe(double[] p, double lambda) {
            int v = vocabulary.size();
            double[] lexical = java.util.Arrays.copyOfRange(p, 0, v);
            double[] dense = java.util.Arrays.copyOfRange(p, v, v + d);
            return new LexicalProbe(Map.copyOf(vocabulary), lexical, dense, p[v + d], lambda);
        }
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    @Override
    public String toString() {
        return "LexicalProbe[vocabulary=" + vocabulary.size() + ", dimension=" + dense.length + ", lambda=" + lambda
                + ", bias=" + bias + "]";
    }
}
