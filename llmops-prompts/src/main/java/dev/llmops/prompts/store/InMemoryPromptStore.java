package dev.llmops.prompts.store;

import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A {@link PromptStore} in memory: for tests, and for prompts built in code.
 *
 * <pre>{@code
 * PromptRegistry registry = PromptRegistry.over(InMemoryPromptStore.create());
 * }</pre>
 *
 * <p><b>Thread safety:</b> thread-safe; every operation is atomic.
 *
 * @since 0.1.0
 */
public final class InMemoryPromptStore implements PromptStore {

    private final Clock clock;
    private final Map<String, List<PromptVersion>> versions = new TreeMap<>();
    private final Map<String, PromptLabels> labels = new HashMap<>();

    private InMemoryPromptStore(Clock clock) {
        this.clock = clock;
    }

    public static InMemoryPromptStore create() {
        return new InMemoryPromptStore(Clock.systemUTC());
    }

    /** A store stamping versions with {@code clock}. */
    public static InMemoryPromptStore create(Clock clock) {
        return new InMemoryPromptStore(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Adds a version exactly as given (hash included), e.g. to seed a test or to simulate a
     * corrupted store.
     *
     * @throws IllegalArgumentException when the version is not the next number of its prompt
     */
    public synchronized void put(PromptVersion version) {
        List<PromptVersion> list = versions.computeIfAbsent(version.name(), k -> new ArrayList<>());
        if (version.version() != list.size() + 1) {
            throw new IllegalArgumentException("version must be " + (list.size() + 1) + " for prompt '"
                    + version.name() + "' but was: " + version.version());
        }
        list.add(version);
    }

    @Override
    public synchronized List<String> names() {
        return List.copyOf(versions.keySet());
    }

    @Override
    public synchronized List<PromptVersion> versions(String name) {
        return List.copyOf(versions.getOrDefault(name, List.of()));
    }

    @Override
    public synchronized Optional<PromptVersion> version(String name, int version) {
        List<PromptVersion> list = versions.getOrDefault(name, List.of());
        return version >= 1 && version <= list.size() ? Optional.of(list.get(version - 1)) : Optional.empty();
    }

    @Override
    public synchronized PromptLabels labels(String name) {
        return labels.getOrDefault(name, PromptLabels.none());
    }

    @Override
    public synchronized PromptVersion publish(PromptDraft draft) {
        Objects.requireNonNull(draft, "draft");
        List<PromptVersion> list = versions.computeIfAbsent(draft.name(), k -> new ArrayList<>());
        String hash = draft.content().contentHash();
        for (PromptVersion v : list) {
            if (v.storedHash().equals(hash)) {
                return v;
            }
        }
        PromptVersion v = PromptVersion.of(draft.name(), list.size() + 1, draft.content(), clock.instant(),
                draft.author(), draft.message());
        list.add(v);
        return v;
    }

    @Override
    public synchronized PromptLabels updateLabels(String name, UnaryOperator<PromptLabels> update) {
        PromptLabels next = Objects.requireNonNull(update.apply(labels(name)), "update result");
        labels.put(name, next);
        return next;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String toString() {
        return "InMemoryPromptStore";
    }
}
