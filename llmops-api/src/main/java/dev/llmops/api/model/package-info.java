/**
 * The model gateway: {@link dev.llmops.api.model.LanguageModel} and its LangChain4j-backed
 * implementation {@link dev.llmops.api.model.ModelGateway}, the {@link dev.llmops.api.model.Generation}
 * it returns, pricing, retry settings, and the offline stand-in model.
 *
 * <p>Null policy: parameters are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.model;
