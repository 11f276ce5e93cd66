package dev.llmops.guard.internal;

/**
 * Limited-memory BFGS for the smooth convex objectives of the semantic layer's probes: memory 10, a backtracking
 * Armijo line search (halving, at most 40 steps), a restart from steepest descent when the two-loop direction is
 * not a descent direction. It stops when the max-norm of the gradient is at most the tolerance, when no step
 * decreases the objective at double precision, when the decrease is below {@code 1e-15} relative, or after the
 * iteration limit. The arithmetic is sequential, so a run is bit-for-bit deterministic.
 *
 * <p>Stateless and thread-safe.
 */
final class Lbfgs {

    private static final int MEMORY = 10;

    /** A differentiable objective. */
    @FunctionalInterface
    interface Objective {
        /** The value at {@code x}; the gradient is written to {@code grad} (of the same length). */
        double evaluate(double[] x, double[] grad);
    }

    private Lbfgs() {
    }

    /** Minimises {@code f} from {@code x}, which is updated in place and returned. */
    static double[] minimize(Objective f, double[] x, double tolerance, int maxIterations) {
        int m = x.length;
        double[] w = x;
        double[] g = new double[m];
        double fx = f.evaluate(w, g);
        double[][] s = new double[MEMORY][];
        double[][] yy = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int head = 0;
        double[] wNew = new double[m];
        double[] gNew = new double[m];
        for (int iter = 0; iter < maxIterations && maxAbs(g) > tolerance; iter++) {
            // two-loop recursion: direction = -H g
            double[] q = g.clone();
            double[] alpha = new double[MEMORY];
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, MEMORY);
                alpha[idx] = rho[idx] * dot(s[idx], q);
                axpy(-alpha[idx], yy[idx], q);
            }
            double gamma;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                gamma = dot(s[last], yy[last]) / dot(yy[last], yy[last]);
            } else {
                gamma = 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
            }
            for (int j = 0; j < m; j++) {
                q[j] *= gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, MEMORY);
                double beta = rho[idx] * dot(yy[idx], q);
                axpy(alpha[idx] - beta, s[idx], q);
            }
            double slope = -dot(g, q);
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                stored = 0;
                q = g.clone();
                slope = -dot(g, g);
                double scaleStep = 1 / Math.max(1e-12, Math.sqrt(-slope));
                for (int j = 0; j < m; j++) {
                    q[j] *= scaleStep;
                }
                slope *= scaleStep;
            }
            double step = 1;
            double fNew = fx;
            boolean accepted = false;
            for (int ls = 0; ls < 40; ls++) {
                for (int j = 0; j < m; j++) {
                    wNew[j] = w[j] - step * q[j];
                }
                fNew = f.evaluate(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break; // no decrease possible at double precision
            }
            double[] sk = new double[m];
            double[] yk = new double[m];
            for (int j = 0; j < m; j++) {
                sk[j] = wNew[j] - w[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-16) {
                s[head] = sk;
                yy[head] = yk;
                rho[head] = 1 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(MEMORY, stored + 1);
            }
            System.arraycopy(wNew, 0, w, 0, m);
            System.arraycopy(gNew, 0, g, 0, m);
            double change = fx - fNew;
            fx = fNew;
            if (change <= 1e-15 * Math.max(1, Math.abs(fx))) {
                break;
            }
        }
        return w;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
