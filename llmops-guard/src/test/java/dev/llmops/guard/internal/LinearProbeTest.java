package dev.llmops.guard.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearProbeTest {

    private static final double[] LAMBDAS = {0.3, 0.1, 0.03, 0.01};

    /**
     * Unit vectors in {@code d} dimensions whose label is the sign of their projection on a hidden direction (in
     * the first 16 coordinates) plus noise.
     */
    private static float[][] toy(int n, int d, long seed, double[] y, double noise) {
        Random random = new Random(seed);
        Random directionRandom = new Random(99);
        double[] direction = new double[d];
        for (int j = 0; j < Math.min(16, d); j++) {
            direction[j] = directionRandom.nextGaussian();
        }
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double proj = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) random.nextGaussian();
                proj += x[i][j] * direction[j];
            }
            y[i] = proj / 4 + noise * random.nextGaussian() > 0 ? 1 : 0;
            x[i] = SemanticIndex.normalize(x[i]);
        }
        return x;
    }

    private static double accuracy(double[] logits, double[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += (logits[i] >= 0) == (y[i] == 1) ? 1 : 0;
        }
        return right / (double) y.length;
    }

    @Test
    void should_fit_bit_for_bit_the_same_probe_twice() {
        double[] y = new double[300];
        float[][] x = toy(300, 64, 1, y, 0.3);
        double[] weight = new double[300];
        java.util.Arrays.fill(weight, 1);
        weight[7] = 2;

        LinearProbe.Selection a = LinearProbe.select(x, y, weight, LAMBDAS, 5);
        LinearProbe.Selection b = LinearProbe.select(x, y, weight, LAMBDAS, 5);

        assertThat(a.probe()).isEqualTo(b.probe());
        assertThat(a.outOfFold()).containsExactly(b.outOfFold());
        assertThat(a.lambda()).isEqualTo(b.lambda());
        assertThat(LinearProbe.fit(x, y, weight, 0.1, null)).isEqualTo(LinearProbe.fit(x, y, weight, 0.1, null));
    }

    @Test
    void should_separate_a_linearly_separable_toy_problem_out_of_fold_and_on_fresh_data() {
        double[] y = new double[1_100];
        float[][] x = toy(1_100, 64, 2, y, 0.1);

        LinearProbe.Selection s = LinearProbe.select(x, y, null, LAMBDAS, 5);

        assertThat(accuracy(s.outOfFold(), y)).isGreaterThan(0.9);
        double[] fresh = new double[400];
        float[][] test = toy(400, 64, 3, fresh, 0.1);
        double[] logits = new double[400];
        for (int i = 0; i < 400; i++) {
            logits[i] = s.probe().logit(test[i]);
        }
        assertThat(accuracy(logits, fresh)).isGreaterThan(0.9);
        assertThat(s.cvLogLoss()).hasSize(LAMBDAS.length);
        assertThat(s.cvLogLoss()[java.util.Arrays.asList(0.3, 0.1, 0.03, 0.01).indexOf(s.lambda())])
                .isEqualTo(java.util.Arrays.stream(s.cvLogLoss()).min().orElseThrow());
    }

    @Test
    void should_select_and_fit_a_reference_sized_probe_in_well_under_ten_seconds() {
        // the shipped reference set is ~1,100 x 384; on one loaded core this takes about 0.5-1.2 s
        double[] y = new double[1_100];
        float[][] x = toy(1_100, 384, 6, y, 0.5);
        long t0 = System.nanoTime();
        LinearProbe.Selection s = LinearProbe.select(x, y, null, SemanticIndex.PROBE_LAMBDAS, SemanticIndex.PROBE_FOLDS);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(accuracy(s.outOfFold(), y)).isGreaterThan(0.6);
    }

    @Test
    void should_report_out_of_fold_logits_that_do_not_memorise_random_labels() {
        // GIVEN more dimensions than rows and labels that are pure noise: in sample, a weak ridge memorises them
        Random random = new Random(5);
        int n = 200;
        float[][] x = new float[n][384];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 384; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            x[i] = SemanticIndex.normalize(x[i]);
            y[i] = random.nextBoolean() ? 1 : 0;
        }
        double[] lambdas = {0.001};

        LinearProbe.Selection s = LinearProbe.select(x, y, null, lambdas, 5);
        double[] inSample = new double[n];
        for (int i = 0; i < n; i++) {
            inSample[i] = s.probe().logit(x[i]);
        }

        // THEN the in-sample logits look perfect, the out-of-fold ones are at chance, as they must be
        assertThat(accuracy(inSample, y)).isGreaterThan(0.95);
        assertThat(accuracy(s.outOfFold(), y)).isBetween(0.3, 0.7);
    }

    @Test
    void should_weigh_examples_so_a_heavier_class_moves_the_bias() {
        double[] y = new double[400];
        float[][] x = toy(400, 32, 4, y, 2.0); // noisy: the bias matters
        double[] heavyNegatives = new double[400];
        for (int i = 0; i < 400; i++) {
            heavyNegatives[i] = y[i] == 0 ? 3 : 1;
        }
        LinearProbe plain = LinearProbe.fit(x, y, null, 0.1, null);
        LinearProbe weighted = LinearProbe.fit(x, y, heavyNegatives, 0.1, null);

        int flaggedPlain = 0;
        int flaggedWeighted = 0;
        for (float[] v : x) {
            flaggedPlain += plain.logit(v) >= 0 ? 1 : 0;
            flaggedWeighted += weighted.logit(v) >= 0 ? 1 : 0;
        }
        assertThat(flaggedWeighted).isLessThan(flaggedPlain);
    }

    @Test
    void should_reject_bad_cross_validation_settings_naming_the_parameter() {
        double[] y = {0, 1, 0, 1};
        float[][] x = {{1, 0}, {0, 1}, {1, 0.1f}, {0.1f, 1}};
        assertThatThrownBy(() -> LinearProbe.select(x, y, null, new double[]{0.1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("folds must be >= 2 but was: 1");
        assertThatThrownBy(() -> LinearProbe.select(x, y, null, new double[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lambdas must not be empty");
    }
}
