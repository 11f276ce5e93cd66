package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptSource;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.api.prompt.RenderedPrompt;
import dev.llmops.prompts.internal.LineDiff;
import dev.llmops.prompts.store.ClasspathPromptStore;
import dev.llmops.prompts.store.FileSystemPromptStore;
import dev.llmops.prompts.store.InMemoryPromptStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The façade of llmops-prompts: versioned prompts with labels, over a {@link PromptStore}.
 *
 * <pre>{@code
 * PromptRegistry prompts = PromptRegistry.fromDirectory(Path.of("prompts"));
 * PromptVersion v = prompts.publish("support-answer", PromptContent.chat(List.of(
 *         PromptMessage.system("Answer from the context only."),
 *         PromptMessage.user("{{question}}"))));
 * prompts.promote("support-answer", v.version(), "production");
 * RenderedPrompt r = prompts.get("support-answer", "production").render(Map.of("question", q));
 * prompts.rollback("support-answer", "production");   // back to the previous production version
 * }</pre>
 *
 * <p>{@code latest} is implicit (the highest version). Publishing content identical to an existing
 * version returns that version. A version whose content no longer matches its recorded hash throws
 * {@link PromptTamperedException} instead of being served. Partials ({@code {{> name}}}) resolve
 * from {@link Builder#partial} first, then from the latest version of the text prompt of that name
 * in this registry, when a version is first compiled.
 *
 * <p><b>Thread safety:</b> thread-safe; share one instance. Compiled versions are cached by
 * {@code name@version} and content hash.
 *
 * @since 0.1.0
 */
public final class PromptRegistry implements PromptSource {

    private final PromptStore store;
    private final Map<String, String> partials;
    private final UnusedVariablePolicy unusedPolicy;
    private final ConcurrentHashMap<String, Prompt> compiled = new ConcurrentHashMap<>();

    private PromptRegistry(Builder b) {
        this.store = b.store;
        this.partials = Map.copyOf(b.partials);
        this.unusedPolicy = b.unusedPolicy;
    }

    /** A registry over YAML files under {@code directory} (created when missing). */
    public static PromptRegistry fromDirectory(Path directory) {
        return over(FileSystemPromptStore.open(directory));
    }

    /** A registry in memory. */
    public static PromptRegistry inMemory() {
        return over(InMemoryPromptStore.create());
    }

    /** A read-only registry over prompts shipped on the classpath under {@code root}. */
    public static PromptRegistry fromClasspath(String root) {
        return over(ClasspathPromptStore.open(root));
    }

    /** A registry over any store, with default settings. */
    public static PromptRegistry over(PromptStore store) {
        return builder(store).build();
    }

    public static Builder builder(PromptStore store) {
        return new Builder(store);
    }

    /** The store behind this registry. */
    public PromptStore store() {
        return store;
    }

    /** The latest version of {@code name}. */
    public Prompt get(String name) {
        return get(PromptRef.latest(name));
    }

    /** The version {@code label} points at ({@code latest} is implicit). */
    public Prompt get(String name, String label) {
        return get(new PromptRef(name, label));
    }

    /** One version. */
    public Prompt get(String name, int version) {
        return get(PromptRef.version(name, version));
    }

    /**
     * Resolves and compiles a reference.
     *
     * @throws PromptNotFoundException when nothing matches (the message lists what exists)
     * @throws PromptTamperedException when the stored content no longer matches its hash
     */
    public Prompt get(PromptRef ref) {
        Objects.requireNonNull(ref, "ref");
        PromptVersion v = store.resolve(ref).orElseThrow(() -> notFound(ref));
        verify(v);
        String key = v.ref();
        Prompt p = compiled.get(key);
        if (p != null && p.version().storedHash().equals(v.storedHash())) {
            return p;
        }
        Prompt fresh = Prompt.compile(v, this::partialSource, unusedPolicy);
        compiled.put(key, fresh);
        return fresh;
    }

    @Override
    public RenderedPrompt render(PromptRef ref, Map<String, ?> variables) {
        return get(ref).render(variables);
    }

    private Optional<String> partialSource(String name) {
        String given = partials.get(name);
        if (given != null) {
            return Optional.of(given);
        }
        PromptRef ref;
        try {
            ref = PromptRef.latest(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<PromptVersion> v = store.resolve(ref);
        v.ifPresent(this::verify);
        return v.flatMap(pv -> pv.content().text());
    }

    private void verify(PromptVersion v) {
        if (!v.isIntact()) {
            throw new PromptTamperedException(v.ref(), v.storedHash(), v.contentHash());
        }
    }

    private PromptNotFoundException notFound(PromptRef ref) {
        List<PromptVersion> versions = store.versions(ref.name());
        if (versions.isEmpty()) {
            return new PromptNotFoundException(ref.name(), ref.selector(), "no prompt named '" + ref.name()
                    + "'; known prompts: " + abbreviate(store.names()));
        }
        return new PromptNotFoundException(ref.name(), ref.selector(), "versions 1.." + versions.size()
                + " exist; labels: " + store.labels(ref.name()).current());
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 20 ? names.toString() : names.subList(0, 20) + " and " + (names.size() - 20) + " more";
    }

    /** Publishes {@code content} as the next version of {@code name}, with no author or message. */
    public PromptVersion publish(String name, PromptContent content) {
        return publish(new PromptDraft(name, content, "", ""));
    }

    /**
     * Publishes a draft as the next version, or returns the existing version with identical content.
     * The templates are compiled first, so a syntax error is never stored.
     *
     * @throws TemplateSyntaxException when a template does not compile
     */
    public PromptVersion publish(PromptDraft draft) {
        Objects.requireNonNull(draft, "draft");
        Prompt.compile(PromptVersion.of(draft.name(), 1, draft.content(), java.time.Instant.EPOCH, "", ""),
                this::partialSource, unusedPolicy);
        return store.publish(draft);
    }

    /**
     * Points {@code label} at {@code version}.
     *
     * @throws PromptNotFoundException  when the version does not exist
     * @throws IllegalArgumentException when the label is {@code latest} or a number
     */
    public PromptLabels promote(String name, int version, String label) {
        Objects.requireNonNull(label, "label");
        if (PromptRef.LATEST.equals(label)) {
            throw new IllegalArgumentException("label must not be 'latest': it always means the newest version");
        }
        if (!label.isEmpty() && label.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("label must not be a number but was: '" + label + "'");
        }
        PromptVersion v = store.version(name, version)
                .orElseThrow(() -> notFound(PromptRef.version(name, version)));
        verify(v);
        return store.updateLabels(name, l -> l.withLabel(label, version));
    }

    /**
     * Points {@code label} back at the version it pointed at before the last promotion.
     *
     * @return the version the label points at now
     * @throws LlmOpsException when the label does not exist or has no earlier version
     */
    public int rollback(String name, String label) {
        try {
            return store.updateLabels(name, l -> l.rollback(label)).current(label).orElseThrow();
        } catch (IllegalStateException e) {
            throw new LlmOpsException("prompt '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The labels of {@code name} and the versions they point at. */
    public Map<String, Integer> labels(String name) {
        return store.labels(name).current();
    }

    /** Every version of {@code name}, oldest first; empty when unknown. */
    public List<PromptVersion> history(String name) {
        return store.versions(name);
    }

    /** Every prompt name, sorted. */
    public List<String> list() {
        return store.names();
    }

    /**
     * The refs of every stored version whose content no longer matches its hash.
     */
    public List<String> verifyAll() {
        List<String> bad = new ArrayList<>();
        for (String name : store.names()) {
            for (PromptVersion v : store.versions(name)) {
                if (!v.isIntact()) {
                    bad.add(v.ref());
                }
            }
        }
        return bad;
    }

    /**
     * A unified diff of two versions' templates, config and metadata; empty when they are equal.
     *
     * @throws PromptNotFoundException when a version does not exist
     */
    public String diff(String name, int fromVersion, int toVersion) {
        PromptVersion a = store.version(name, fromVersion)
                .orElseThrow(() -> notFound(PromptRef.version(name, fromVersion)));
        PromptVersion b = store.version(name, toVersion)
                .orElseThrow(() -> notFound(PromptRef.version(name, toVersion)));
        return LineDiff.unified(a.ref(), describe(a.content()), b.ref(), describe(b.content()), 3);
    }

    static List<String> describe(PromptContent content) {
        List<String> lines = new ArrayList<>();
        lines.add("kind: " + content.kind().name().toLowerCase(java.util.Locale.ROOT));
        List<PromptMessage> ms = content.messages();
        for (int i = 0; i < ms.size(); i++) {
            lines.add(content.kind() == PromptContent.Kind.TEXT ? "template:"
                    : "messages[" + i + "] (" + ms.get(i).role().wireName() + "):");
            ms.get(i).template().lines().forEach(l -> lines.add("  " + l));
        }
        ModelConfig c = content.config();
        Map<String, String> cfg = new LinkedHashMap<>();
        c.modelName().ifPresent(v -> cfg.put("model", v));
        c.temperature().ifPresent(v -> cfg.put("temperature", Double.toString(v)));
        c.topP().ifPresent(v -> cfg.put("topP", Double.toString(v)));
        c.maxOutputTokens().ifPresent(v -> cfg.put("maxOutputTokens", Integer.toString(v)));
        if (!c.stop().isEmpty()) {
            cfg.put("stop", c.stop().toString());
        }
        cfg.put("format", c.format().name().toLowerCase(java.util.Locale.ROOT));
        c.jsonSchema().ifPresent(v -> cfg.put("jsonSchema", v));
        cfg.forEach((k, v) -> lines.add("config." + k + ": " + v));
        content.metadata().forEach((k, v) -> lines.add("metadata." + k + ": " + v));
        return lines;
    }

    @Override
    public String toString() {
        return "PromptRegistry[" + store + "]";
    }

    /** Builds a {@link PromptRegistry}. Not thread-safe. */
    public static final class Builder {
        private final PromptStore store;
        private final Map<String, String> partials = new LinkedHashMap<>();
        private UnusedVariablePolicy unusedPolicy = UnusedVariablePolicy.WARN;

        private Builder(PromptStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** A partial available to every prompt as {@code {{> name}}}; wins over a stored prompt. */
        public Builder partial(String name, String template) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
            if (name.isBlank()) {
                throw new IllegalArgumentException("partial name must not be blank");
            }
            partials.put(name, template);
            return this;
        }

        /** What rendering does with unused supplied variables; WARN by default. */
        public Builder unusedVariables(UnusedVariablePolicy policy) {
            this.unusedPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public PromptRegistry build() {
            return new PromptRegistry(this);
        }
    }
}
