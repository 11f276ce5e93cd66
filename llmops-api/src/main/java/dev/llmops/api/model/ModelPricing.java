package dev.llmops.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-million-token prices by model, for turning {@link Usage} into {@link Cost}.
 *
 * <p>{@link #defaults()} loads list prices of common models from the bundled
 * {@code dev/llmops/api/model/pricing.json}. A model id matches exactly first, then by the longest
 * known prefix, so {@code gpt-4o-2024-08-06} is priced as {@code gpt-4o}. An unknown model has no
 * cost ({@link Optional#empty()}), never a made-up one.
 *
 * <pre>{@code
 * ModelPricing pricing = ModelPricing.defaults().with("my-finetune", Price.of(0.30, 1.20));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelPricing {

    /**
     * One model's prices.
     *
     * @param inputPerMillion  USD per million input tokens
     * @param outputPerMillion USD per million output tokens
     */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public Price {
            if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
                throw new IllegalArgumentException("prices must be >= 0 but were: input=" + inputPerMillion
                        + ", output=" + outputPerMillion);
            }
        }

        public static Price of(double inputPerMillion, double outputPerMillion) {
            return new Price(inputPerMillion, outputPerMillion);
        }
    }

    private static final String RESOURCE = "dev/llmops/api/model/pricing.json";
    private static final ModelPricing EMPTY = new ModelPricing(Map.of());

    private final Map<String, Price> prices;

    private ModelPricing(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new TreeMap<>(prices));
    }

    /** No prices: every cost is unknown. */
    public static ModelPricing empty() {
        return EMPTY;
    }

    /** The bundled list prices. */
    public static ModelPricing defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Reads a pricing table in the bundled format: {@code {"prices": {"model": {"input": 2.5, "output": 10}}}}.
     *
     * @param source a name for error messages
     * @throws LoadException naming the source and field when the JSON is malformed
     */
    public static ModelPricing fromJson(InputStream json, String source) {
        JsonNode root;
        try {
            root = LlmOpsJson.reader().readTree(json);
        } catch (IOException e) {
            throw new LoadException(source, 0, null, "malformed JSON: " + e.getMessage(), e);
        }
        JsonNode table = root == null ? null : root.get("prices");
        if (table == null || !table.isObject()) {
            throw new LoadException(source, 0, "prices", "missing object");
        }
        Map<String, Price> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode in = e.getValue().get("input");
            JsonNode out = e.getValue().get("output");
            if (in == null || !in.isNumber()) {
                throw new LoadException(source, 0, "prices." + e.getKey() + ".input", "expected a number");
            }
            if (out == null || !out.isNumber()) {
                throw new LoadException(source, 0, "prices." + e.getKey() + ".output", "expected a number");
            }
            map.put(e.getKey(), new Price(in.doubleValue(), out.doubleValue()));
        }
        return new ModelPricing(map);
    }

    /** A copy with one model's price added or replaced. */
    public ModelPricing with(String model, Price price) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(price, "price");
        Map<String, Price> copy = new TreeMap<>(prices);
        copy.put(model, price);
        return new ModelPricing(copy);
    }

    /** The price for a model id: exact match, else the longest matching prefix. */
    public Optional<Price> price(String model) {
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String known : prices.keySet()) {
            if (model.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    /** The cost of a usage under a model's price, empty when the model is unknown. */
    public Optional<Cost> cost(String model, Usage usage) {
        return price(model).map(p -> new Cost(usage.inputTokens() * p.inputPerMillion() / 1_000_000.0,
                usage.outputTokens() * p.outputPerMillion() / 1_000_000.0));
    }

    /** Every model id with a price. */
    public Map<String, Price> prices() {
        return prices;
    }

    private static final class Defaults {
        static final ModelPricing INSTANCE = load();

        private static ModelPricing load() {
            try (InputStream in = ModelPricing.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new LoadException(RESOURCE, 0, null, "bundled pricing table missing from the classpath");
                }
                return fromJson(in, RESOURCE);
            } catch (IOException e) {
                throw new LoadException(RESOURCE, 0, null, "cannot read: " + e.getMessage(), e);
            }
        }
    }
}
