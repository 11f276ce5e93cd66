package dev.llmops.guard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Precision and recall of the deterministic detectors on the labelled eval sets in
 * {@code src/test/resources/eval} (written independently of the detectors' rules). Deterministic, so
 * the targets are exact assertions; the measured values (README) are above them.
 */
class DetectorQualityTest {

    @Test
    void should_reach_pii_precision_and_recall_targets_when_run_on_the_pii_eval_set() {
        List<EvalSet.Case> cases = EvalSet.load("/eval/pii-eval.jsonl", "entities");
        EvalSet.Score score = EvalSet.score(Guards.pii().warn(), cases);
        System.out.println("PII " + score);
        score.errors.forEach(e -> System.out.println("  " + e));
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(score.precision()).as("PII precision " + score).isGreaterThanOrEqualTo(0.97);
        assertThat(score.recall()).as("PII recall " + score).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void should_reach_secrets_precision_and_recall_targets_when_run_on_the_secrets_eval_set() {
        List<EvalSet.Case> cases = EvalSet.load("/eval/secrets-eval.jsonl", "secrets");
        EvalSet.Score score = EvalSet.score(Guards.secrets().warn(), cases);
        System.out.println("SECRETS " + score);
        score.errors.forEach(e -> System.out.println("  " + e));
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(score.precision()).as("secrets precision " + score).isGreaterThanOrEqualTo(0.95);
        assertThat(score.recall()).as("secrets recall " + score).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void should_reach_pii_targets_when_run_on_the_held_out_pii_set() {
        List<EvalSet.Case> cases = EvalSet.load("/eval-holdout/pii-eval.jsonl", "entities");
        EvalSet.Score score = EvalSet.score(Guards.pii().warn(), cases);
        System.out.println("PII held-out " + score);
        score.errors.forEach(e -> System.out.println("  " + e));
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(score.precision()).as("PII precision " + score).isGreaterThanOrEqualTo(0.97);
        assertThat(score.recall()).as("PII recall " + score).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void should_reach_secrets_targets_when_run_on_the_held_out_secrets_set() {
        List<EvalSet.Case> cases = EvalSet.load("/eval-holdout/secrets-eval.jsonl", "secrets");
        EvalSet.Score score = EvalSet.score(Guards.secrets().warn(), cases);
        System.out.println("SECRETS held-out " + score);
        score.errors.forEach(e -> System.out.println("  " + e));
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(score.precision()).as("secrets precision " + score).isGreaterThanOrEqualTo(0.95);
        assertThat(score.recall()).as("secrets recall " + score).isGreaterThanOrEqualTo(0.90);
    }
}
