package dev.llmops.guard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall of the deterministic detectors on the labelled sets: {@code /eval} (written
 * independently of the detectors' rules, then looked at while tuning them) and {@code /eval-holdout}
 * (written blind to the detectors; see its README for how it has been used since). Deterministic,
 * so the targets are exact assertions; the measured values (README) are above them.
 */
class DetectorQualityTest {

    @ParameterizedTest
    @ValueSource(strings = {"/eval", "/eval-holdout"})
    void should_reach_pii_precision_and_recall_targets(String dir) {
        EvalSet.Score score = scored(Guards.pii(), dir + "/pii-eval.jsonl", "entities", "PII");
        assertThat(score.precision()).as("PII precision " + score).isGreaterThanOrEqualTo(0.97);
        assertThat(score.recall()).as("PII recall " + score).isGreaterThanOrEqualTo(0.97);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eval", "/eval-holdout"})
    void should_reach_secrets_precision_and_recall_targets(String dir) {
        EvalSet.Score score = scored(Guards.secrets(), dir + "/secrets-eval.jsonl", "secrets", "secrets");
        assertThat(score.precision()).as("secrets precision " + score).isGreaterThanOrEqualTo(0.95);
        assertThat(score.recall()).as("secrets recall " + score).isGreaterThanOrEqualTo(0.90);
    }

    private static EvalSet.Score scored(DetectorGuard guard, String resource, String field, String title) {
        List<EvalSet.Case> cases = EvalSet.load(resource, field);
        EvalSet.Score score = EvalSet.score(guard.warn(), cases);
        System.out.println(title + " " + resource + " " + score);
        score.errors.forEach(e -> System.out.println("  " + e));
        assertThat(cases).as(resource).hasSizeGreaterThan(100);
        return score;
    }
}
