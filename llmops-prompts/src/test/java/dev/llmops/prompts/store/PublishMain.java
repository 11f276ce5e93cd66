package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;

import java.nio.file.Path;

/** Publishes distinct versions of prompt "shared" into a directory; run as a separate process by tests. */
public final class PublishMain {

    private PublishMain() {
    }

    public static void main(String[] args) {
        FileSystemPromptStore store = FileSystemPromptStore.open(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            store.publish(new PromptDraft("shared", PromptContent.text(args[1] + " version " + i), args[1], ""));
        }
    }
}
