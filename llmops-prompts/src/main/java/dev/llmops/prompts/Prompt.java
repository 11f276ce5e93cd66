package dev.llmops.prompts;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.api.prompt.RenderedPrompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A prompt version compiled and ready to render: its templates are compiled once; rendering
 * produces LangChain4j messages plus the version's model parameters.
 *
 * <pre>{@code
 * Prompt prompt = registry.get("support-answer", "production");
 * RenderedPrompt rendered = prompt.render(Map.of("question", q, "examples", examples));
 * Generation g = model.generate(rendered.toRequest().build());
 * }</pre>
 *
 * <p>Rendering is strict ({@link MissingVariablesException} lists every missing variable of every
 * message) and reports supplied variables no template uses according to its
 * {@link UnusedVariablePolicy}.
 *
 * <p><b>Thread safety:</b> immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Prompt {

    private static final Logger LOG = LoggerFactory.getLogger(Prompt.class);

    private final PromptVersion version;
    private final List<PromptMessage> messages;
    private final List<MustacheTemplate> templates;
    private final List<String> labels;
    private final Set<String> referenced;
    private final UnusedVariablePolicy unusedPolicy;
    private final ChatRequestParameters parameters;

    private Prompt(PromptVersion version, Function<String, Optional<String>> partials, UnusedVariablePolicy policy) {
        this.version = version;
        this.messages = version.content().messages();
        this.unusedPolicy = policy;
        List<MustacheTemplate> ts = new ArrayList<>();
        List<String> ls = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        boolean text = version.content().kind() == PromptContent.Kind.TEXT;
        for (int i = 0; i < messages.size(); i++) {
            String label = text ? "template" : "messages[" + i + "] (" + messages.get(i).role().wireName() + ")";
            MustacheTemplate t = MustacheTemplate.compile(messages.get(i).template(), version.ref() + " " + label,
                    partials);
            ts.add(t);
            ls.add(label);
            names.addAll(t.referencedNames());
        }
        this.templates = List.copyOf(ts);
        this.labels = List.copyOf(ls);
        this.referenced = Collections.unmodifiableSet(names);
        ModelConfig config = version.content().config();
        this.parameters = config.isEmpty() ? null : config.toParameters(schemaName(version.name()));
    }

    /**
     * Compiles a version.
     *
     * @param partials the source of each partial by name
     * @throws TemplateSyntaxException naming the version, the message and the position
     */
    public static Prompt compile(PromptVersion version, Function<String, Optional<String>> partials,
                                 UnusedVariablePolicy unusedPolicy) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(partials, "partials");
        Objects.requireNonNull(unusedPolicy, "unusedPolicy");
        return new Prompt(version, partials, unusedPolicy);
    }

    /**
     * Compiles unpublished content as version 1 of {@code name}, without partials and warning on
     * unused variables; handy for tests and one-off prompts.
     */
    public static Prompt of(String name, PromptContent content) {
        return compile(PromptVersion.of(name, 1, content, Instant.EPOCH, "", ""), n -> Optional.empty(),
                UnusedVariablePolicy.WARN);
    }

    private static String schemaName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private Prompt(Prompt other, UnusedVariablePolicy policy) {
        this.version = other.version;
        this.messages = other.messages;
        this.templates = other.templates;
        this.labels = other.labels;
        this.referenced = other.referenced;
        this.parameters = other.parameters;
        this.unusedPolicy = policy;
    }

    /** The same compiled prompt with another policy for unused variables. */
    public Prompt withUnusedVariables(UnusedVariablePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return policy == unusedPolicy ? this : new Prompt(this, policy);
    }

    /** The stored version this prompt was compiled from. */
    public PromptVersion version() {
        return version;
    }

    public String name() {
        return version.name();
    }

    /** {@code name@version}. */
    public String ref() {
        return version.ref();
    }

    /** The variable names the templates can read at the top level. */
    public Set<String> variableNames() {
        return referenced;
    }

    /** The version's model parameters; empty when its config sets nothing. */
    public Optional<ChatRequestParameters> parameters() {
        return Optional.ofNullable(parameters);
    }

    /**
     * Renders every message.
     *
     * @throws MissingVariablesException listing every missing variable of every message
     * @throws UnusedVariablesException  when the policy is FAIL and a supplied variable is unused
     */
    public RenderedPrompt render(Map<String, ?> variables) {
        List<String> texts = renderTexts(variables);
        List<ChatMessage> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            out.add(switch (messages.get(i).role()) {
                case SYSTEM -> SystemMessage.from(t);
                case USER -> UserMessage.from(t);
                case ASSISTANT -> AiMessage.from(t);
            });
        }
        return new RenderedPrompt(version.name(), version.version(), out, parameters);
    }

    /**
     * Renders a text prompt to its text; for a chat prompt the message texts joined by blank lines.
     */
    public String renderText(Map<String, ?> variables) {
        return String.join("\n\n", renderTexts(variables));
    }

    private List<String> renderTexts(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        checkUnused(variables);
        String[] texts = new String[templates.size()];
        for (int i = 0; i < texts.length; i++) {
            try {
                texts[i] = templates.get(i).render(variables);
            } catch (MissingVariablesException e) {
                List<MissingVariable> all = new ArrayList<>();
                for (int j = 0; j < templates.size(); j++) {
                    all.addAll(templates.get(j).missingVariables(variables, labels.get(j)));
                }
                throw new MissingVariablesException(version.ref(), all);
            }
        }
        return List.of(texts);
    }

    private void checkUnused(Map<String, ?> variables) {
        if (unusedPolicy == UnusedVariablePolicy.IGNORE) {
            return;
        }
        List<String> unused = null;
        for (String key : variables.keySet()) {
            if (!referenced.contains(key)) {
                if (unused == null) {
                    unused = new ArrayList<>();
                }
                unused.add(key);
            }
        }
        if (unused == null) {
            return;
        }
        Collections.sort(unused);
        if (unusedPolicy == UnusedVariablePolicy.FAIL) {
            throw new UnusedVariablesException(version.ref(), unused);
        }
        LOG.warn("prompt '{}' does not use the supplied variables {}", version.ref(), unused);
    }

    @Override
    public String toString() {
        return "Prompt[" + version.ref() + "]";
    }
}
