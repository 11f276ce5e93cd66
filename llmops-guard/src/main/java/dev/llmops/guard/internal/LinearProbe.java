package dev.llmops.guard.internal;

import java.util.Arrays;

/**
 * A linear probe: L2-regularised, example-weighted logistic regression on fixed embedding vectors, for the
 * semantic injection layer (it can learn an intent direction that the averaging of a kNN neighbourhood cannot).
 *
 * <p>Fit: the columns are standardised on the training rows (mean 0, standard deviation 1, constant columns
 * dropped), the objective {@code sum_i c_i * logloss_i / sum_i c_i + lambda / 2 * |v|^2} (the bias is not
 * penalised) is minimised by {@link Lbfgs} to a gradient max-norm of
 * {@value #TOLERANCE}, and the weights are mapped back to the raw vectors, so scoring is one dot product.
 * The objective is strictly convex, so the optimum is unique; the arithmetic is sequential, so a fit is
 * bit-for-bit deterministic.
 *
 * <p>{@link #select} chooses {@code lambda} by k-fold cross-validation (the fold of row {@code i} is {@code i % k})
 * and returns, besides the probe refitted on all rows, the out-of-fold logits of every row at the chosen
 * {@code lambda}: those, never the in-sample logits, are what a second-stage calibration may be fitted on.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class LinearProbe {

    /** Stopping rule: max-norm of the gradient of the (mean-normalised) objective. */
    static final double TOLERANCE = 1e-6;
    private static final int MAX_ITERATIONS = 500;

    private final double bias;
    private final double[] weights;
    private final double lambda;

    private LinearProbe(double bias, double[] weights, double lambda) {
        this.bias = bias;
        this.weights = weights;
        this.lambda = lambda;
    }

    /** The logit {@code b + w . x} of a vector of the probe's dimension (extra or missing entries count as 0). */
    public double logit(float[] x) {
        double t = bias;
        int d = Math.min(x.length, weights.length);
        for (int j = 0; j < d; j++) {
            t += weights[j] * x[j];
        }
        return t;
    }

    /** The regularisation strength the probe was fitted with. */
    public double lambda() {
        return lambda;
    }

    /** A copy of the weights on the raw vector (without the bias). */
    public double[] weights() {
        return weights.clone();
    }

    public double bias() {
        return bias;
    }

    /**
     * Fits a probe on the rows where {@code train[i]} (all rows when null).
     *
     * @param y      labels, 0 or 1
     * @param weight example weights, all 1 when null
     */
    public static LinearProbe fit(float[][] x, double[] y, double[] weight, double lambda, boolean[] train) {
        Problem p = new Problem(x, y, weight, train);
        return p.probe(p.solve(lambda, null), lambda);
    }

    /**
     * The outcome of {@link #select}: the probe refitted on all rows at the chosen {@code lambda}, that
     * {@code lambda}, the out-of-fold logit of every row at it, and the out-of-fold mean log-loss of each candidate.
     */
    public record Selection(LinearProbe probe, double lambda, double[] outOfFold, double[] cvLogLoss) {
    }

    /**
     * Chooses {@code lambda} among {@code lambdas} by {@code folds}-fold cross-validation: the candidate with the
     * lowest out-of-fold mean log-loss (unweighted; the earlier candidate on a tie) wins. Log-loss is a proper
     * scoring rule and smooth in {@code lambda}, so the choice does not hinge on a few rows near a cut. Within a
     * fold the candidates are fitted in the given order, each warm-started from the previous one, so list them
     * from strongest to weakest regularisation.
     */
    public static Selection select(float[][] x, double[] y, double[] weight, double[] lambdas, int folds) {
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("lambdas must not be empty");
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2 but was: " + folds);
        }
        int n = x.length;
        double[][] oof = new double[lambdas.length][n];
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = i % folds != f;
            }
            Problem p = new Problem(x, y, weight, train);
            double[] params = null;
            for (int l = 0; l < lambdas.length; l++) {
                params = p.solve(lambdas[l], params);
                LinearProbe probe = p.probe(params, lambdas[l]);
                for (int i = f; i < n; i += folds) {
                    oof[l][i] = probe.logit(x[i]);
                }
            }
        }
        double[] cvLogLoss = meanLogLoss(oof, y);
        int best = argMin(cvLogLoss);
        LinearProbe full = fit(x, y, weight, lambdas[best], null);
        return new Selection(full, lambdas[best], oof[best], cvLogLoss);
    }

    /** The unweighted mean log-loss of each row of out-of-fold logits {@code oof[candidate][row]}. */
    static double[] meanLogLoss(double[][] oof, double[] y) {
        double[] out = new double[oof.length];
        for (int l = 0; l < oof.length; l++) {
            double loss = 0;
            for (int i = 0; i < y.length; i++) {
                loss += softplus(oof[l][i]) - y[i] * oof[l][i];
            }
            out[l] = loss / Math.max(1, y.length);
        }
        return out;
    }

    /** The index of the least value, the earliest on a tie. */
    static int argMin(double[] v) {
        int best = 0;
        for (int l = 1; l < v.length; l++) {
            if (v[l] < v[best]) {
                best = l;
            }
        }
        return best;
    }

    static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /**
     * One training subset, standardised. Parameters are {@code [v_0 .. v_{d-1}, b]} in standardised space.
     */
    private static final class Problem {
        private final double[] flat; // the training rows, row-major, d values each
        private final double[] y;
        private final double[] c; // example weight / total weight, 0 outside the training rows
        private final int[] rows;
        private final int d;
        private final double[] mean;
        private final double[] scale; // 1 / sd, 0 for a constant column

        Problem(float[][] x, double[] y, double[] weight, boolean[] train) {
            this.y = y;
            int n = x.length;
            d = n == 0 ? 0 : x[0].length;
            int used = 0;
            for (int i = 0; i < n; i++) {
                used += train == null || train[i] ? 1 : 0;
            }
            rows = new int[used];
            c = new double[n];
            double total = 0;
            for (int i = 0, r = 0; i < n; i++) {
                if (train == null || train[i]) {
                    rows[r++] = i;
                    c[i] = weight == null ? 1 : weight[i];
                    total += c[i];
                }
            }
            for (int i = 0; i < n; i++) {
                c[i] /= Math.max(1e-300, total);
            }
            flat = new double[used * d];
            for (int r = 0; r < used; r++) {
                float[] xi = x[rows[r]];
                for (int j = 0; j < d; j++) {
                    flat[r * d + j] = xi[j];
                }
            }
            mean = new double[d];
            scale = new double[d];
            for (int i : rows) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= Math.max(1, used);
            }
            double[] var = new double[d];
            for (int i : rows) {
                for (int j = 0; j < d; j++) {
                    double e = x[i][j] - mean[j];
                    var[j] += e * e;
                }
            }
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(var[j] / Math.max(1, used));
                scale[j] = sd > 1e-9 ? 1 / sd : 0;
            }
        }

        LinearProbe probe(double[] params, double lambda) {
            double[] a = new double[d];
            double b = params[d];
            for (int j = 0; j < d; j++) {
                a[j] = params[j] * scale[j];
                b -= a[j] * mean[j];
            }
            return new LinearProbe(b, a, lambda);
        }

        /** The objective at {@code params}; the gradient is written to {@code grad}. */
        double evaluate(double[] params, double lambda, double[] grad) {
            double[] a = new double[d];
            double b = params[d];
            for (int j = 0; j < d; j++) {
                a[j] = params[j] * scale[j];
                b -= a[j] * mean[j];
            }
            double[] sx = new double[d]; // sum_i r_i x_i
            double sr = 0;
            double f = 0;
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                int o = k * d;
                // four partial sums: a fixed order, so still deterministic, and shorter dependency chains
                double t0 = 0;
                double t1 = 0;
                double t2 = 0;
                double t3 = 0;
                int j = 0;
                for (; j + 3 < d; j += 4) {
                    t0 += a[j] * flat[o + j];
                    t1 += a[j + 1] * flat[o + j + 1];
                    t2 += a[j + 2] * flat[o + j + 2];
                    t3 += a[j + 3] * flat[o + j + 3];
                }
                for (; j < d; j++) {
                    t0 += a[j] * flat[o + j];
                }
                double t = b + ((t0 + t1) + (t2 + t3));
                f += c[i] * (softplus(t) - y[i] * t);
                double r = c[i] * (sigmoid(t) - y[i]);
                sr += r;
                for (j = 0; j < d; j++) {
                    sx[j] += r * flat[o + j];
                }
            }
            double reg = 0;
            for (int j = 0; j < d; j++) {
                grad[j] = (sx[j] - mean[j] * sr) * scale[j] + lambda * params[j];
                reg += params[j] * params[j];
            }
            grad[d] = sr;
            return f + lambda / 2 * reg;
        }

        /** Minimises the objective by L-BFGS from {@code init} (zero when null). */
        double[] solve(double lambda, double[] init) {
            return Lbfgs.minimize((w, g) -> evaluate(w, lambda, g), init == null ? new double[d + 1] : init.clone(),
                    TOLERANCE, MAX_ITERATIONS);
        }
    }




    @Override
    public String toString() {
        return "LinearProbe[dimension=" + weights.length + ", lambda=" + lambda + ", bias=" + bias + "]";
    }

    /** Two probes are equal when bias and weights are identical (for the determinism test). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LinearProbe p && Double.compare(p.bias, bias) == 0 && Arrays.equals(p.weights, weights)
                && Double.compare(p.lambda, lambda) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Double.hashCode(bias);
    }
}
