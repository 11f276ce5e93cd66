package dev.llmops.api.prompt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The model settings a prompt version carries: model name, temperature, top-p, maximum output
 * tokens, stop sequences and response format (text, JSON, or JSON with a schema).
 *
 * <pre>{@code
 * ModelConfig config = ModelConfig.builder().modelName("gpt-4o-mini").temperature(0.2)
 *         .maxOutputTokens(300).stop(List.of("###")).build();
 * ChatRequestParameters parameters = config.toParameters();
 * }</pre>
 *
 * <p>Immutable and thread-safe; serialises with Jackson. Unset fields fall back to the model's
 * defaults.
 *
 * @since 0.1.0
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class ModelConfig {

    /** What the model is asked to answer with. */
    public enum Format {
        /** Free text (the default). */
        TEXT,
        /** A JSON value; with {@link #jsonSchema()} a value matching that schema. */
        JSON
    }

    private static final ModelConfig EMPTY = builder().build();

    private final String modelName;
    private final Double temperature;
    private final Double topP;
    private final Integer maxOutputTokens;
    private final List<String> stop;
    private final Format format;
    private final String jsonSchema;

    private ModelConfig(Builder b) {
        this.modelName = b.modelName;
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.maxOutputTokens = b.maxOutputTokens;
        this.stop = List.copyOf(b.stop);
        this.format = b.format;
        this.jsonSchema = b.jsonSchema;
    }

    @JsonCreator
    static ModelConfig fromJson(@JsonProperty("modelName") String modelName,
                                @JsonProperty("temperature") Double temperature,
                                @JsonProperty("topP") Double topP,
                                @JsonProperty("maxOutputTokens") Integer maxOutputTokens,
                                @JsonProperty("stop") List<String> stop,
                                @JsonProperty("format") Format format,
                                @JsonProperty("jsonSchema") String jsonSchema) {
        Builder b = builder();
        if (modelName != null) {
            b.modelName(modelName);
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (topP != null) {
            b.topP(topP);
        }
        if (maxOutputTokens != null) {
            b.maxOutputTokens(maxOutputTokens);
        }
        if (stop != null) {
            b.stop(stop);
        }
        if (format != null) {
            b.format(format);
        }
        if (jsonSchema != null) {
            b.jsonSchema(jsonSchema);
        }
        return b.build();
    }

    /** A config that sets nothing. */
    public static ModelConfig empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.modelName = modelName;
        b.temperature = temperature;
        b.topP = topP;
        b.maxOutputTokens = maxOutputTokens;
        b.stop = stop;
        b.format = format;
        b.jsonSchema = jsonSchema;
        return b;
    }

    public Optional<String> modelName() {
        return Optional.ofNullable(modelName);
    }

    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    public OptionalDouble topP() {
        return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
    }

    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    public List<String> stop() {
        return stop;
    }

    public Format format() {
        return format;
    }

    /** The JSON schema (JSON text) the answer must match; only with {@link Format#JSON}. */
    public Optional<String> jsonSchema() {
        return Optional.ofNullable(jsonSchema);
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /**
     * LangChain4j request parameters carrying every field that is set; a JSON schema becomes a
     * {@link JsonRawSchema} named {@code schemaName}.
     */
    public ChatRequestParameters toParameters(String schemaName) {
        DefaultChatRequestParameters.Builder<?> b = ChatRequestParameters.builder();
        if (modelName != null) {
            b.modelName(modelName);
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (topP != null) {
            b.topP(topP);
        }
        if (maxOutputTokens != null) {
            b.maxOutputTokens(maxOutputTokens);
        }
        if (!stop.isEmpty()) {
            b.stopSequences(stop);
        }
        if (format == Format.JSON) {
            if (jsonSchema == null) {
                b.responseFormat(ResponseFormat.JSON);
            } else {
                b.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(schemaName)
                                .rootElement(JsonRawSchema.from(jsonSchema)).build())
                        .build());
            }
        }
        return b.build();
    }

    /** Same as {@code toParameters("response")}. */
    public ChatRequestParameters toParameters() {
        return toParameters("response");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig c && Objects.equals(c.modelName, modelName)
                && Objects.equals(c.temperature, temperature) && Objects.equals(c.topP, topP)
                && Objects.equals(c.maxOutputTokens, maxOutputTokens) && c.stop.equals(stop)
                && c.format == format && Objects.equals(c.jsonSchema, jsonSchema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelName, temperature, topP, maxOutputTokens, stop, format, jsonSchema);
    }

    @Override
    public String toString() {
        return "ModelConfig[model=" + modelName + ", temperature=" + temperature + ", topP=" + topP
                + ", maxOutputTokens=" + maxOutputTokens + ", stop=" + stop + ", format=" + format
                + (jsonSchema == null ? "" : ", jsonSchema=" + jsonSchema) + "]";
    }

    /** Builds a {@link ModelConfig}. Not thread-safe. */
    public static final class Builder {
        private String modelName;
        private Double temperature;
        private Double topP;
        private Integer maxOutputTokens;
        private List<String> stop = List.of();
        private Format format = Format.TEXT;
        private String jsonSchema;

        private Builder() {
        }

        public Builder modelName(String modelName) {
            Objects.requireNonNull(modelName, "modelName");
            if (modelName.isBlank()) {
                throw new IllegalArgumentException("modelName must not be blank");
            }
            this.modelName = modelName;
            return this;
        }

        public Builder temperature(double temperature) {
            if (!(temperature >= 0.0 && temperature <= 2.0)) {
                throw new IllegalArgumentException("temperature must be in [0, 2] but was: " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        public Builder topP(double topP) {
            if (!(topP > 0.0 && topP <= 1.0)) {
                throw new IllegalArgumentException("topP must be in (0, 1] but was: " + topP);
            }
            this.topP = topP;
            return this;
        }

        public Builder maxOutputTokens(int maxOutputTokens) {
            if (maxOutputTokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be > 0 but was: " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder stop(List<String> stop) {
            Objects.requireNonNull(stop, "stop");
            for (int i = 0; i < stop.size(); i++) {
                if (stop.get(i) == null || stop.get(i).isEmpty()) {
                    throw new IllegalArgumentException("stop[" + i + "] must not be empty");
                }
            }
            this.stop = List.copyOf(stop);
            return this;
        }

        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Asks for JSON matching this schema (JSON text); also sets the format to JSON. */
        public Builder jsonSchema(String jsonSchema) {
            Objects.requireNonNull(jsonSchema, "jsonSchema");
            if (jsonSchema.isBlank()) {
                throw new IllegalArgumentException("jsonSchema must not be blank");
            }
            this.jsonSchema = jsonSchema;
            this.format = Format.JSON;
            return this;
        }

        public ModelConfig build() {
            if (jsonSchema != null && format != Format.JSON) {
                throw new IllegalArgumentException("jsonSchema requires format JSON but format was: " + format);
            }
            return new ModelConfig(this);
        }
    }
}
