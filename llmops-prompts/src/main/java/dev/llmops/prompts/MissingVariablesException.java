package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Rendering a prompt failed because variables were missing. Lists every missing variable of the
 * whole prompt (all messages and partials) at once, with its position, e.g.
 * {@code prompt 'support@3' is missing 2 variables: 'question' at messages[1] (user) 1:1, 'user.name'
 * at messages[0] (system) 2:9}.
 *
 * @since 0.1.0
 */
public class MissingVariablesException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String prompt;
    private final transient List<MissingVariable> missing;

    public MissingVariablesException(String prompt, List<MissingVariable> missing) {
        super("prompt '" + prompt + "' is missing " + missing.size() + (missing.size() == 1 ? " variable: "
                : " variables: ") + missing.stream().map(MissingVariable::toString).collect(Collectors.joining(", ")));
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.missing = List.copyOf(missing);
    }

    /** {@code name@version} of the prompt, or the template's origin when it is not versioned. */
    public String prompt() {
        return prompt;
    }

    /** Every missing variable, in template order. */
    public List<MissingVariable> missing() {
        return missing;
    }

    /** The names of the missing variables, in template order, without duplicates. */
    public List<String> names() {
        return missing.stream().map(MissingVariable::name).distinct().toList();
    }
}
