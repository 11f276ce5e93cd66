package dev.llmops.api.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.langchain4j.model.output.FinishReason;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one {@link LanguageModel} call. Immutable; serialises with Jackson.
 *
 * <p>{@link #usage()} comes from the provider; when the provider reported none it is an estimate
 * with {@link Usage#estimated()} set. {@link #cost()} is empty when the model has no price in the
 * gateway's {@link ModelPricing}; a cache hit costs {@link Cost#ZERO}. {@link #model()} names the
 * model that actually answered (the fallback, when it was used).
 *
 * @since 0.1.0
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Generation {

    private final String text;
    private final FinishReason finishReason;
    private final String model;
    private final Usage usage;
    private final Cost cost;
    private final Duration latency;
    private final boolean cacheHit;
    private final String traceId;
    private final int attempts;
    private final boolean fallbackUsed;

    private Generation(Builder b) {
        this.text = Objects.requireNonNull(b.text, "text");
        this.finishReason = Objects.requireNonNull(b.finishReason, "finishReason");
        this.model = Objects.requireNonNull(b.model, "model");
        this.usage = Objects.requireNonNull(b.usage, "usage");
        this.cost = b.cost;
        this.latency = Objects.requireNonNull(b.latency, "latency");
        this.cacheHit = b.cacheHit;
        this.traceId = Objects.requireNonNull(b.traceId, "traceId");
        this.attempts = b.attempts;
        this.fallbackUsed = b.fallbackUsed;
    }

    @JsonCreator
    static Generation fromJson(@JsonProperty("text") String text,
                               @JsonProperty("finishReason") FinishReason finishReason,
                               @JsonProperty("model") String model,
                               @JsonProperty("usage") Usage usage,
                               @JsonProperty("cost") Cost cost,
                               @JsonProperty("latency") Duration latency,
                               @JsonProperty("cacheHit") boolean cacheHit,
                               @JsonProperty("traceId") String traceId,
                               @JsonProperty("attempts") int attempts,
                               @JsonProperty("fallbackUsed") boolean fallbackUsed) {
        return builder().text(text).finishReason(finishReason).model(model).usage(usage).cost(cost)
                .latency(latency).cacheHit(cacheHit).traceId(traceId).attempts(attempts)
                .fallbackUsed(fallbackUsed).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().text(text).finishReason(finishReason).model(model).usage(usage).cost(cost)
                .latency(latency).cacheHit(cacheHit).traceId(traceId).attempts(attempts).fallbackUsed(fallbackUsed);
    }

    /** The model's answer text; empty (never null) when it answered with tool calls only. */
    public String text() {
        return text;
    }

    public FinishReason finishReason() {
        return finishReason;
    }

    /** The model that answered: the response's model name, else the gateway's. */
    public String model() {
        return model;
    }

    public Usage usage() {
        return usage;
    }

    /** Cost in USD; empty when the model has no known price. */
    public Optional<Cost> cost() {
        return Optional.ofNullable(cost);
    }

    /** Wall time of the whole call, retries and backoff included. */
    public Duration latency() {
        return latency;
    }

    public boolean cacheHit() {
        return cacheHit;
    }

    /** The trace of this call; pass it to {@code Tracer.feedback}. */
    public String traceId() {
        return traceId;
    }

    /** Attempts the answering model made (0 for a cache hit). */
    public int attempts() {
        return attempts;
    }

    /** Whether the primary model failed and the fallback answered. */
    public boolean fallbackUsed() {
        return fallbackUsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Generation g && g.text.equals(text) && g.finishReason == finishReason
                && g.model.equals(model) && g.usage.equals(usage) && Objects.equals(g.cost, cost)
                && g.latency.equals(latency) && g.cacheHit == cacheHit && g.traceId.equals(traceId)
                && g.attempts == attempts && g.fallbackUsed == fallbackUsed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, finishReason, model, usage, cost, latency, cacheHit, traceId, attempts,
                fallbackUsed);
    }

    @Override
    public String toString() {
        return "Generation[model=" + model + ", finishReason=" + finishReason + ", usage=" + usage + ", cost="
                + cost + ", latency=" + latency + ", cacheHit=" + cacheHit + ", traceId=" + traceId
                + ", attempts=" + attempts + ", fallbackUsed=" + fallbackUsed + ", text=" + abbreviate(text) + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Builds a {@link Generation}. Not thread-safe. */
    public static final class Builder {
        private String text;
        private FinishReason finishReason = FinishReason.STOP;
        private String model;
        private Usage usage;
        private Cost cost;
        private Duration latency = Duration.ZERO;
        private boolean cacheHit;
        private String traceId;
        private int attempts = 1;
        private boolean fallbackUsed;

        private Builder() {
        }

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder finishReason(FinishReason finishReason) {
            this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
            return this;
        }

        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /** The cost, or {@code null} when unknown. */
        public Builder cost(Cost cost) {
            this.cost = cost;
            return this;
        }

        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must be >= 0 but was: " + latency);
            }
            this.latency = latency;
            return this;
        }

        public Builder cacheHit(boolean cacheHit) {
            this.cacheHit = cacheHit;
            return this;
        }

        public Builder traceId(String traceId) {
            this.traceId = Objects.requireNonNull(traceId, "traceId");
            return this;
        }

        public Builder attempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be >= 0 but was: " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        public Builder fallbackUsed(boolean fallbackUsed) {
            this.fallbackUsed = fallbackUsed;
            return this;
        }

        public Generation build() {
            return new Generation(this);
        }
    }
}
