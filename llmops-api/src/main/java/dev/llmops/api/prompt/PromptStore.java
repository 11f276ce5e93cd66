package dev.llmops.api.prompt;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where prompt versions and labels live: the SPI behind llmops-prompts' {@code PromptRegistry}.
 * Implementations: in-memory, file system (YAML), classpath (read-only) and HTTP (Langfuse prompt
 * API, read-only) in llmops-prompts; a host may add its own (a database, a config service).
 *
 * <p><b>Contract:</b> implementations are thread-safe. Versions are numbered 1, 2, 3... per name,
 * never reused or rewritten. {@link #publish} is idempotent: content whose hash equals an existing
 * version's returns that version. A store returns versions as stored, with the hash recorded at
 * publish time ({@link PromptVersion#storedHash()}); checking integrity is the caller's job. Load
 * failures throw {@link dev.llmops.api.LoadException} naming the source, line and field. Read-only
 * stores throw {@link UnsupportedOperationException} from {@link #publish} and {@link #updateLabels}
 * and say so in {@link #isReadOnly()}.
 *
 * @since 0.1.0
 */
public interface PromptStore {

    /** Every prompt name, sorted. */
    List<String> names();

    /** Every version of a prompt, oldest first; empty when the name is unknown. */
    List<PromptVersion> versions(String name);

    /** One version of a prompt. */
    Optional<PromptVersion> version(String name, int version);

    /** The labels of a prompt with their history; {@link PromptLabels#none()} when it has none. */
    PromptLabels labels(String name);

    /**
     * Stores {@code draft} as the next version, or returns the existing version with the same content
     * hash.
     */
    PromptVersion publish(PromptDraft draft);

    /**
     * Atomically replaces the labels of {@code name} with {@code update.apply(current)}; concurrent
     * updates are serialised, none is lost.
     *
     * @return the labels as written
     */
    PromptLabels updateLabels(String name, UnaryOperator<PromptLabels> update);

    /** Whether {@link #publish} and {@link #updateLabels} are unsupported. */
    boolean isReadOnly();

    /**
     * Resolves a reference: {@code latest} is the highest version, a number that version, anything
     * else a label. Stores that can resolve in one round trip (HTTP) override this.
     */
    default Optional<PromptVersion> resolve(PromptRef ref) {
        if (PromptRef.LATEST.equals(ref.selector())) {
            List<PromptVersion> all = versions(ref.name());
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
        if (ref.version().isPresent()) {
            return version(ref.name(), ref.version().getAsInt());
        }
        return labels(ref.name()).current(ref.selector()).flatMap(v -> version(ref.name(), v));
    }
}
