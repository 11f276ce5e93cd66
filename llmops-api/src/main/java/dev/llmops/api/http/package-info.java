/**
 * An OkHttp transport for LangChain4j model clients that keeps what the gateway needs from HTTP
 * errors (status and {@code Retry-After}). Plug it into any LangChain4j model that accepts an
 * {@code httpClientBuilder}:
 *
 * <pre>{@code
 * ChatModel openAi = OpenAiChatModel.builder()
 *         .baseUrl(baseUrl).apiKey(key).modelName("gpt-4o-mini")
 *         .httpClientBuilder(LlmOpsHttpClientBuilder.create())
 *         .maxRetries(0) // the gateway retries
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
package dev.llmops.api.http;
