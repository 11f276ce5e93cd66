package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a real prompt from Langfuse. Needs LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY, optionally
 * LANGFUSE_HOST, and LANGFUSE_IT_PROMPT naming an existing prompt with a {@code production} label.
 * Not part of the default build.
 */
@EnabledIfEnvironmentVariable(named = "LANGFUSE_IT_PROMPT", matches = ".+")
class LangfusePromptStoreIT {

    @Test
    void should_fetch_the_production_version_of_a_real_prompt() {
        LangfusePromptStore store = LangfusePromptStore.fromEnv().build();
        String name = System.getenv("LANGFUSE_IT_PROMPT");
        PromptVersion v = store.resolve(PromptRef.label(name, "production")).orElseThrow();
        assertThat(v.name()).isEqualTo(name);
        assertThat(v.isIntact()).isTrue();
        assertThat(store.versions(name)).isNotEmpty();
    }
}
