package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;

import java.util.List;

/**
 * Variables were supplied that the prompt never uses, and the policy is
 * {@link UnusedVariablePolicy#FAIL}. Often a sign of a typo in the template or the caller.
 *
 * @since 0.1.0
 */
public class UnusedVariablesException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final List<String> unused;

    public UnusedVariablesException(String prompt, List<String> unused) {
        super("prompt '" + prompt + "' does not use the supplied variables " + unused);
        this.unused = List.copyOf(unused);
    }

    /** The unused variable names, sorted. */
    public List<String> unused() {
        return unused;
    }
}
