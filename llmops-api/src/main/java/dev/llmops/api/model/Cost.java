package dev.llmops.api.model;

/**
 * What a call cost, in US dollars, from a {@link ModelPricing} table.
 *
 * @param inputUsd  cost of the input tokens
 * @param outputUsd cost of the output tokens
 * @since 0.1.0
 */
public record Cost(double inputUsd, double outputUsd) {

    /** Zero cost, e.g. for a cache hit. */
    public static final Cost ZERO = new Cost(0, 0);

    public Cost {
        if (!(inputUsd >= 0) || !(outputUsd >= 0)) {
            throw new IllegalArgumentException("cost must be >= 0 but was: " + inputUsd + " / " + outputUsd);
        }
    }

    /** Input plus output cost. */
    public double totalUsd() {
        return inputUsd + outputUsd;
    }
}
