package dev.llmops.guard.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SemanticIndexCalibrationTest {

    @Test
    void should_choose_a_cut_that_keeps_the_risky_benign_false_positive_rate_within_the_limit() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 200 + random.nextInt(200);
            double[] z = new double[n];
            double[] y = new double[n];
            boolean[] risky = new boolean[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextBoolean() ? 1 : 0;
                risky[i] = y[i] == 0 && random.nextInt(3) == 0;
                z[i] = random.nextGaussian() + (y[i] == 1 ? 1.5 : 0) + (risky[i] ? 1.0 : 0);
            }

            double cut = SemanticIndex.chooseCut(z, y, risky);

            int riskyTotal = 0;
            int riskyFlagged = 0;
            for (int i = 0; i < n; i++) {
                if (risky[i]) {
                    riskyTotal++;
                    riskyFlagged += z[i] >= cut ? 1 : 0;
                }
            }
            assertThat(riskyFlagged).isLessThanOrEqualTo((int) Math.floor(SemanticIndex.MAX_BENIGN_FPR * riskyTotal));
        }
    }

    @Test
    void should_flag_everything_above_a_perfectly_separating_cut() {
        double[] z = {-3, -2, -1, 1, 2, 3};
        double[] y = {0, 0, 0, 1, 1, 1};
        double cut = SemanticIndex.chooseCut(z, y, new boolean[]{true, true, true, false, false, false});
        assertThat(cut).isGreaterThan(-1).isLessThanOrEqualTo(1);
    }
}
