package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptStore;

class InMemoryPromptStoreTest extends AbstractPromptStoreContractTest {

    @Override
    protected PromptStore store() {
        return InMemoryPromptStore.create();
    }
}
