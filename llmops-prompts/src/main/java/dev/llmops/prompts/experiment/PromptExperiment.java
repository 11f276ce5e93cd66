package dev.llmops.prompts.experiment;

import dev.llmops.api.internal.Hashing;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.PromptRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A/B routing between versions or labels of one prompt, by weight and sticky per key: the same key
 * (user, session, tenant) always lands in the same arm, and keys spread over arms in proportion to
 * the weights. Chains record the experiment and arm on their spans
 * ({@code llmops.experiment.name}, {@code llmops.experiment.arm}) so evals and monitoring can compare
 * arms.
 *
 * <pre>{@code
 * PromptExperiment exp = PromptExperiment.builder("support-tone", "support-answer")
 *         .arm("control", "production", 90)
 *         .arm("friendly", "7", 10)          // version 7
 *         .build();
 * PromptExperiment.Arm arm = exp.choose(userId);
 * Prompt prompt = exp.prompt(registry, userId);
 * }</pre>
 *
 * <p>Assignment is a SHA-256 of {@code experiment name + ":" + key}: stable across processes and
 * restarts, and independent between experiments. Changing weights moves only the keys whose bucket
 * crosses a boundary.
 *
 * <p><b>Thread safety:</b> immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PromptExperiment {

    /**
     * One arm: a name for reports, the prompt selector (label or version) and a weight.
     *
     * @param name     the arm's name, recorded on traces
     * @param selector a label ({@code production}) or version number ({@code 7})
     * @param weight   relative weight, > 0
     */
    public record Arm(String name, String selector, double weight) {
        public Arm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(selector, "selector");
            if (name.isBlank()) {
                throw new IllegalArgumentException("arm name must not be blank");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of arm '" + name + "' must be > 0 but was: " + weight);
            }
        }
    }

    private final String name;
    private final String prompt;
    private final List<Arm> arms;
    private final double[] cumulative;

    private PromptExperiment(Builder b) {
        this.name = b.name;
        this.prompt = b.prompt;
        this.arms = List.copyOf(b.arms);
        double total = arms.stream().mapToDouble(Arm::weight).sum();
        this.cumulative = new double[arms.size()];
        double acc = 0;
        for (int i = 0; i < arms.size(); i++) {
            acc += arms.get(i).weight() / total;
            cumulative[i] = acc;
        }
        cumulative[arms.size() - 1] = 1.0;
    }

    /** A builder for experiment {@code name} over prompt {@code prompt}. */
    public static Builder builder(String name, String prompt) {
        return new Builder(name, prompt);
    }

    public String name() {
        return name;
    }

    /** The prompt name the arms select versions of. */
    public String promptName() {
        return prompt;
    }

    public List<Arm> arms() {
        return arms;
    }

    /** The arm for {@code key}; the same key always gets the same arm. */
    public Arm choose(String key) {
        Objects.requireNonNull(key, "key");
        String hex = Hashing.sha256Hex(name + ":" + key).substring(0, 13); // 52 bits
        double u = Long.parseLong(hex, 16) / (double) (1L << 52);
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return arms.get(i);
            }
        }
        return arms.get(arms.size() - 1);
    }

    /** The reference the arm for {@code key} selects. */
    public PromptRef ref(String key) {
        return new PromptRef(prompt, choose(key).selector());
    }

    /** The prompt version the arm for {@code key} selects, from {@code registry}. */
    public Prompt prompt(PromptRegistry registry, String key) {
        return registry.get(ref(key));
    }

    @Override
    public String toString() {
        return "PromptExperiment[" + name + " on " + prompt + ", arms=" + arms + "]";
    }

    /** Builds a {@link PromptExperiment}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String prompt;
        private final List<Arm> arms = new ArrayList<>();

        private Builder(String name, String prompt) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("experiment name must not be blank");
            }
            this.name = name;
            this.prompt = PromptRef.latest(prompt).name();
        }

        /** Adds an arm selecting {@code selector} (a label or a version number) with {@code weight}. */
        public Builder arm(String armName, String selector, double weight) {
            new PromptRef(prompt, selector); // validates the selector
            Arm arm = new Arm(armName, selector, weight);
            if (arms.stream().anyMatch(a -> a.name().equals(armName))) {
                throw new IllegalArgumentException("arm name must be unique but '" + armName + "' was added twice");
            }
            arms.add(arm);
            return this;
        }

        public PromptExperiment build() {
            if (arms.size() < 2) {
                throw new IllegalArgumentException("an experiment needs at least 2 arms but had: " + arms.size());
            }
            return new PromptExperiment(this);
        }
    }
}
