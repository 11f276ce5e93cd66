package dev.llmops.prompts;

import dev.llmops.api.LlmOpsException;

/**
 * A template could not be compiled: an unclosed tag or section, a mismatched closing tag, an
 * unknown or cyclic partial. The message names the template and the position, e.g.
 * {@code support@3 messages[0] (system) 4:1: section 'examples' is never closed}.
 *
 * @since 0.1.0
 */
public class TemplateSyntaxException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String template;
    private final int line;
    private final int column;

    public TemplateSyntaxException(String template, int line, int column, String detail) {
        super(template + " " + line + ":" + column + ": " + detail);
        this.template = template;
        this.line = line;
        this.column = column;
    }

    /** Which template failed. */
    public String template() {
        return template;
    }

    /** 1-based line; 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column; 0 when unknown. */
    public int column() {
        return column;
    }
}
