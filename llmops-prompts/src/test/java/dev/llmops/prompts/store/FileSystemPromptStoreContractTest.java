package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileSystemPromptStoreContractTest extends AbstractPromptStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected PromptStore store() {
        return FileSystemPromptStore.open(dir);
    }
}
