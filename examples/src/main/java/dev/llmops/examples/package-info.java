/**
 * Runnable examples of llmops4j, offline by default: {@link dev.llmops.examples.Quickstart},
 * {@link dev.llmops.examples.ShopAssistant} (the default main), {@link dev.llmops.examples.PromptLifecycle},
 * {@link dev.llmops.examples.EvalGate} and {@link dev.llmops.examples.Recommender}. Each has a {@code main}
 * and a package-private {@code run(...)} that the tests call.
 *
 * <p>Null policy: parameters are non-null; absent values are {@link java.util.Optional} or empty lists.
 */
package dev.llmops.examples;
