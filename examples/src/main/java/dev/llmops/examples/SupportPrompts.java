package dev.llmops.examples;

import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.PromptRegistry;

import java.nio.file.Path;
import java.util.Map;

/**
 * The assistant's prompt registry: a file-system registry under the working directory, seeded on
 * first use from the prompts bundled under {@code src/main/resources/prompts} (same YAML layout, read
 * through the classpath store), versions and labels included.
 *
 * <p>Stateless and thread-safe; the registry it returns is process-safe.
 */
final class SupportPrompts {

    static final String NAME = "support-answer";
    static final String PRODUCTION = "production";
    static final String STAGING = "staging";
    static final String BUNDLED_ROOT = "prompts";

    private SupportPrompts() {
    }

    /** The registry under {@code directory}, seeded from the bundled prompts when it has none. */
    static PromptRegistry open(Path directory) {
        PromptRegistry registry = PromptRegistry.fromDirectory(directory);
        if (!registry.list().contains(NAME)) {
            seed(PromptRegistry.fromClasspath(BUNDLED_ROOT), registry);
        }
        return registry;
    }

    /** The {@code support-answer} version a selector names: a version number ({@code "3"}) or a label. */
    static dev.llmops.prompts.Prompt resolve(PromptRegistry registry, String selector) {
        if (selector.matches("\\d+")) {
            return registry.get(NAME, Integer.parseInt(selector));
        }
        return registry.get(NAME, selector);
    }

    /** Publishes every version of every bundled prompt into {@code target} and copies the labels. */
    static void seed(PromptRegistry bundled, PromptRegistry target) {
        for (String name : bundled.list()) {
            for (PromptVersion v : bundled.history(name)) {
                target.publish(new PromptDraft(name, v.content(), v.author(), v.message()));
            }
            for (Map.Entry<String, Integer> label : bundled.labels(name).entrySet()) {
                target.promote(name, label.getValue(), label.getKey());
            }
        }
    }
}
