package dev.llmops.api.trace;

import java.util.List;

/**
 * Attribute keys from the OpenTelemetry GenAI semantic conventions.
 *
 * @since 0.1.0
 */
public final class GenAiAttributes {

    private GenAiAttributes() {
    }

    /** e.g. {@code chat}. */
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    /** The provider, e.g. {@code openai}; {@code langchain4j} when unknown. */
    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
            AttributeKey.stringListKey("gen_ai.request.stop_sequences");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
            AttributeKey.stringListKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    /** The rendered prompt; recorded only when the tracer captures content. */
    public static final AttributeKey<String> PROMPT = AttributeKey.stringKey("gen_ai.prompt");
    /** The completion; recorded only when the tracer captures content. */
    public static final AttributeKey<String> COMPLETION = AttributeKey.stringKey("gen_ai.completion");
    /** The class of error, e.g. {@code RATE_LIMITED}. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
}
