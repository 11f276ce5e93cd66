package dev.llmops.api.trace;

/**
 * llmops4j's own attribute keys, for what the GenAI conventions do not cover.
 *
 * @since 0.1.0
 */
public final class LlmOpsAttributes {

    private LlmOpsAttributes() {
    }

    /** {@code name@version} of the prompt a step rendered. */
    public static final AttributeKey<String> PROMPT_REF = AttributeKey.stringKey("llmops.prompt.ref");
    public static final AttributeKey<String> PROMPT_NAME = AttributeKey.stringKey("llmops.prompt.name");
    public static final AttributeKey<Long> PROMPT_VERSION = AttributeKey.longKey("llmops.prompt.version");
    /** Cost of the call in US dollars, from the pricing table. */
    public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("llmops.cost.usd");
    public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("llmops.cache.hit");
    /** {@code use}, {@code bypass} or {@code refresh}. */
    public static final AttributeKey<String> CACHE_MODE = AttributeKey.stringKey("llmops.cache.mode");
    /** True when token usage is an estimate because the provider reported none. */
    public static final AttributeKey<Boolean> USAGE_ESTIMATED = AttributeKey.booleanKey("llmops.usage.estimated");
    /** 1-based attempt number, on {@code MODEL_ATTEMPT} spans. */
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("llmops.attempt");
    /** Total attempts made, on {@code MODEL_CALL} spans. */
    public static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("llmops.attempts");
    /** The backoff slept before the next attempt, in milliseconds. */
    public static final AttributeKey<Long> BACKOFF_MS = AttributeKey.longKey("llmops.backoff_ms");
    public static final AttributeKey<Boolean> FALLBACK_USED = AttributeKey.booleanKey("llmops.fallback.used");
    public static final AttributeKey<String> GUARD_NAME = AttributeKey.stringKey("llmops.guard.name");
    public static final AttributeKey<String> GUARD_VERDICT = AttributeKey.stringKey("llmops.guard.verdict");
    public static final AttributeKey<Long> GUARD_FINDINGS = AttributeKey.longKey("llmops.guard.findings");
    public static final AttributeKey<Long> RETRIEVAL_K = AttributeKey.longKey("llmops.retrieval.k");
    public static final AttributeKey<Long> RETRIEVAL_RESULTS = AttributeKey.longKey("llmops.retrieval.results");
    public static final AttributeKey<String> CHAIN_NAME = AttributeKey.stringKey("llmops.chain.name");
    public static final AttributeKey<String> STEP_NAME = AttributeKey.stringKey("llmops.step.name");
    /** The experiment arm a request was routed to. */
    public static final AttributeKey<String> EXPERIMENT_ARM = AttributeKey.stringKey("llmops.experiment.arm");
    public static final AttributeKey<String> EXPERIMENT_NAME = AttributeKey.stringKey("llmops.experiment.name");
    public static final AttributeKey<String> EVAL_CASE = AttributeKey.stringKey("llmops.eval.case");
}
