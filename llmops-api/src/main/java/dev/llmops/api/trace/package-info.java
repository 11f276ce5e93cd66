/**
 * Tracing: a typed span model with documented nesting, and the sinks spans go to.
 *
 * <p>Nesting: {@code CHAIN ▸ STEP ▸ (GUARD | RETRIEVAL | MODEL_CALL ▸ MODEL_ATTEMPT | PARSE)};
 * an eval run adds {@code EVAL_CASE} above a chain. Parents are passed explicitly as a
 * {@link dev.llmops.api.trace.TraceContext}; there is no hidden thread-local context.
 *
 * <p>Attribute names follow the OpenTelemetry GenAI semantic conventions where one exists
 * ({@link dev.llmops.api.trace.GenAiAttributes}) and use the {@code llmops.} prefix otherwise
 * ({@link dev.llmops.api.trace.LlmOpsAttributes}). Prompts and completions are not recorded unless
 * the tracer was built with {@code captureContent(true)}.
 *
 * <p>Null policy: parameters are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional}.
 *
 * @since 0.1.0
 */
package dev.llmops.api.trace;
