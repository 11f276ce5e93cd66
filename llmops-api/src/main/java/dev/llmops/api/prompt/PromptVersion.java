package dev.llmops.api.prompt;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored, immutable prompt version: name, version number, content, the SHA-256 hash the
 * store recorded for the content, creation time, author and commit message.
 *
 * <p>{@link #storedHash()} is what the store holds; {@link #isIntact()} compares it with the hash of
 * the content as read, so an edited file is detected (a registry refuses to serve it).
 *
 * <p>Immutable and thread-safe; serialises with Jackson.
 *
 * @param name       the prompt name
 * @param version    the version number, from 1
 * @param content    templates, config and metadata
 * @param storedHash the content hash recorded when the version was published
 * @param createdAt  when the version was published
 * @param author     who published it; may be empty
 * @param message    the commit message; may be empty
 * @since 0.1.0
 */
public record PromptVersion(String name, int version, PromptContent content, String storedHash, Instant createdAt,
                            String author, String message) {

    public PromptVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(storedHash, "storedHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(message, "message");
        if (version <= 0) {
            throw new IllegalArgumentException("version must be > 0 but was: " + version);
        }
    }

    /** A version whose stored hash is the hash of its content. */
    public static PromptVersion of(String name, int version, PromptContent content, Instant createdAt, String author,
                                   String message) {
        return new PromptVersion(name, version, content, content.contentHash(), createdAt, author, message);
    }

    /** The hash of the content as it is now. */
    @JsonIgnore
    public String contentHash() {
        return content.contentHash();
    }

    /** Whether the content still matches the hash recorded at publish time. */
    @JsonIgnore
    public boolean isIntact() {
        return storedHash.equals(content.contentHash());
    }

    /** {@code name@version}. */
    @JsonIgnore
    public String ref() {
        return name + "@" + version;
    }
}
