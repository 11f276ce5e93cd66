package dev.llmops.api;

/**
 * No prompt version matches a name and selector (label or version number).
 *
 * @since 0.1.0
 */
public class PromptNotFoundException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String selector;

    /**
     * @param name     the prompt name
     * @param selector the label ({@code "production"}), the version ({@code "3"}) or {@code "latest"}
     * @param detail   extra context, e.g. the labels that do exist; may be empty
     */
    public PromptNotFoundException(String name, String selector, String detail) {
        super("prompt not found: " + name + "@" + selector + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.name = name;
        this.selector = selector;
    }

    public String name() {
        return name;
    }

    public String selector() {
        return selector;
    }
}
