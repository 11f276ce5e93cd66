package dev.llmops.api.prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The labels of one prompt, each with its history: the versions the label pointed at, oldest
 * first; the last entry is the current one. {@link #rollback(String)} drops the last entry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param history label to versions, oldest first (never empty lists)
 * @since 0.1.0
 */
public record PromptLabels(Map<String, List<Integer>> history) {

    private static final PromptLabels NONE = new PromptLabels(Map.of());

    public PromptLabels {
        Objects.requireNonNull(history, "history");
        TreeMap<String, List<Integer>> copy = new TreeMap<>();
        history.forEach((label, versions) -> {
            new PromptRef("x", label); // validates the label syntax
            if (PromptRef.LATEST.equals(label)) {
                throw new IllegalArgumentException("label 'latest' is implicit and cannot be set");
            }
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("history of label '" + label + "' must not be empty");
            }
            for (Integer v : versions) {
                if (v == null || v <= 0) {
                    throw new IllegalArgumentException("versions of label '" + label + "' must be > 0 but was: " + v);
                }
            }
            copy.put(label, List.copyOf(versions));
        });
        history = Collections.unmodifiableMap(copy);
    }

    public static PromptLabels none() {
        return NONE;
    }

    /** The version the label points at now. */
    public Optional<Integer> current(String label) {
        List<Integer> h = history.get(label);
        return h == null ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    /** Label to current version, sorted by label. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Integer> current() {
        TreeMap<String, Integer> m = new TreeMap<>();
        history.forEach((l, h) -> m.put(l, h.get(h.size() - 1)));
        return Collections.unmodifiableMap(m);
    }

    /** Points {@code label} at {@code version}, keeping the previous target in the history. */
    public PromptLabels withLabel(String label, int version) {
        Map<String, List<Integer>> m = new TreeMap<>(history);
        List<Integer> h = new ArrayList<>(m.getOrDefault(label, List.of()));
        if (h.isEmpty() || h.get(h.size() - 1) != version) {
            h.add(version);
        }
        m.put(label, h);
        return new PromptLabels(m);
    }

    /**
     * Points {@code label} back at the version it pointed at before.
     *
     * @throws IllegalStateException when the label does not exist or has no earlier version
     */
    public PromptLabels rollback(String label) {
        List<Integer> h = history.get(label);
        if (h == null) {
            throw new IllegalStateException("cannot roll back label '" + label + "': it does not exist (labels: "
                    + history.keySet() + ")");
        }
        if (h.size() < 2) {
            throw new IllegalStateException("cannot roll back label '" + label + "': it has pointed only at version "
                    + h.get(0));
        }
        Map<String, List<Integer>> m = new TreeMap<>(history);
        m.put(label, h.subList(0, h.size() - 1));
        return new PromptLabels(m);
    }
}
