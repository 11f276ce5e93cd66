package dev.llmops.prompts.internal;

import java.util.List;

/** A node of a parsed Mustache template, with the 1-based position of its tag. Internal. */
public sealed interface TemplateNode {

    /** {@code {{name}}}, {@code {{{name}}}} or {@code {{&name}}}. */
    record Variable(String name, int line, int column) implements TemplateNode {
    }

    /** {@code {{#name}}...{{/name}}} or, when inverted, {@code {{^name}}...{{/name}}}. */
    record Section(String name, boolean inverted, List<TemplateNode> body, int line, int column)
            implements TemplateNode {
    }

    /** {@code {{> name}}}. */
    record Partial(String name, int line, int column) implements TemplateNode {
    }
}
