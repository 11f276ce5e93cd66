package dev.llmops.api;

import java.util.Optional;

/**
 * A file or resource could not be loaded: malformed syntax, an unknown or missing field, a bad value.
 * The message always names the source and, where known, the line and the field, e.g.
 * {@code prompts/support-answer/3.yaml:12: field 'temperature': expected a number but was "hot"}.
 *
 * @since 0.1.0
 */
public class LoadException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;

    /**
     * @param source the file path or resource name that failed
     * @param line   1-based line number, or 0 when unknown
     * @param field  the field (dotted path) at fault, or {@code null} when not field-specific
     * @param detail what is wrong
     */
    public LoadException(String source, int line, String field, String detail) {
        this(source, line, field, detail, null);
    }

    public LoadException(String source, int line, String field, String detail, Throwable cause) {
        super(format(source, line, field, detail), cause);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    private static String format(String source, int line, String field, String detail) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(detail).toString();
    }

    /** The file path or resource name that failed to load. */
    public String source() {
        return source;
    }

    /** The 1-based line at fault, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The field at fault, when the error concerns one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
