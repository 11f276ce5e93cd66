package dev.llmops.prompts;

import java.util.Objects;

/**
 * One variable a template needed but the caller did not supply (or supplied as {@code null}).
 *
 * @param name     the variable as written in the template, e.g. {@code user.name}
 * @param template which template of the prompt, e.g. {@code messages[1] (user)} or
 *                 {@code partial 'rules'}
 * @param line     1-based line of the tag in that template
 * @param column   1-based column of the tag in that template
 * @since 0.1.0
 */
public record MissingVariable(String name, String template, int line, int column) {

    public MissingVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
    }

    @Override
    public String toString() {
        return "'" + name + "' at " + template + " " + line + ":" + column;
    }
}
