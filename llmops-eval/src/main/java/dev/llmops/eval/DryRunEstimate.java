package dev.llmops.eval;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a run would spend, estimated without calling any model: calls, tokens ({@code TokenEstimator})
 * and cost ({@code ModelPricing}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param cells          case x prompt x target combinations
 * @param targetCalls    target invocations (samples included)
 * @param modelCalls     target invocations that go to a {@code LanguageModel} (priced)
 * @param judgeCalls     judge model calls for model-graded assertions
 * @param inputTokens    estimated input tokens of model and judge calls
 * @param outputTokens   estimated output tokens (the expected answer's size, else the configured assumption)
 * @param costUsd        estimated cost; empty when no model involved has a price
 * @param unpricedModels models without a price (their cost is not included)
 * @since 0.1.0
 */
public record DryRunEstimate(int cells, int targetCalls, int modelCalls, int judgeCalls, long inputTokens,
                             long outputTokens, OptionalDouble costUsd, List<String> unpricedModels) {

    public DryRunEstimate {
        Objects.requireNonNull(costUsd, "costUsd");
        unpricedModels = List.copyOf(unpricedModels);
    }
}
