package dev.llmops.prompts.chain;

/**
 * A chain's output and the id of the trace that recorded the run.
 *
 * @param output  what the last step returned
 * @param traceId the trace of this run
 * @param <O>     the output type
 * @since 0.1.0
 */
public record ChainResult<O>(O output, String traceId) {
}
