package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;

/**
 * A stored prompt version's content no longer matches the SHA-256 hash recorded when it was
 * published (someone edited the file by hand, or it was corrupted). The registry refuses to serve
 * it; publish the change as a new version instead.
 *
 * @since 0.1.0
 */
public class PromptTamperedException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String ref;

    public PromptTamperedException(String ref, String storedHash, String actualHash) {
        super("prompt version " + ref + " was modified after it was published: stored hash " + abbreviate(storedHash)
                + " but content hashes to " + abbreviate(actualHash)
                + "; refusing to serve it (publish the change as a new version)");
        this.ref = ref;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** {@code name@version} of the tampered version. */
    public String ref() {
        return ref;
    }
}
