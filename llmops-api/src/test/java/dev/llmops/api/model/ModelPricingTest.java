package dev.llmops.api.model;

import dev.llmops.api.LoadException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelPricingTest {

    @Test
    void should_price_dated_snapshots_by_their_family_prefix() {
        ModelPricing p = ModelPricing.defaults();
        assertThat(p.price("gpt-4o-2024-08-06")).contains(ModelPricing.Price.of(2.50, 10.00));
        assertThat(p.price("gpt-4o-mini-2024-07-18")).contains(ModelPricing.Price.of(0.15, 0.60));
        assertThat(p.price("unknown-model")).isEmpty();
    }

    @Test
    void should_compute_cost_from_usage() {
        Cost c = ModelPricing.defaults().cost("gpt-4o", new Usage(2_000_000, 1_000_000, false)).orElseThrow();
        assertThat(c.inputUsd()).isCloseTo(5.0, within(1e-9));
        assertThat(c.outputUsd()).isCloseTo(10.0, within(1e-9));
        assertThat(c.totalUsd()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void should_let_a_user_override_a_price() {
        ModelPricing p = ModelPricing.defaults().with("gpt-4o", ModelPricing.Price.of(1, 2));
        assertThat(p.price("gpt-4o")).contains(ModelPricing.Price.of(1, 2));
        assertThat(ModelPricing.defaults().price("gpt-4o")).contains(ModelPricing.Price.of(2.50, 10.00));
    }

    @Test
    void should_name_the_field_of_a_bad_pricing_table() {
        String json = "{\"prices\": {\"m\": {\"input\": \"cheap\", \"output\": 1}}}";
        assertThatThrownBy(() -> ModelPricing.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "pricing.json"))
                .isInstanceOf(LoadException.class)
                .hasMessage("pricing.json: field 'prices.m.input': expected a number");
    }
}
