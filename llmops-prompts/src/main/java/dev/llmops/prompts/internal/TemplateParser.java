package dev.llmops.prompts.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses the tag structure of a Mustache template (default delimiters) into {@link TemplateNode}s
 * with line and column, so errors can point at a position. Rendering itself is JMustache's. Internal.
 */
public final class TemplateParser {

    /** A syntax error at a position. */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int line;
        public final int column;
        public final String detail;

        SyntaxError(int line, int column, String detail) {
            super(line + ":" + column + ": " + detail);
            this.line = line;
            this.column = column;
            this.detail = detail;
        }
    }

    private TemplateParser() {
    }

    private record Open(String name, boolean inverted, int line, int column, List<TemplateNode> body) {
    }

    /** Parses {@code source}. */
    public static List<TemplateNode> parse(String source) {
        List<TemplateNode> root = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        List<TemplateNode> current = root;
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            int tag = source.indexOf("{{", i);
            if (tag < 0) {
                break;
            }
            for (int k = i; k < tag; k++) {
                if (source.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            int tagLine = line;
            int tagColumn = tag - lineStart + 1;
            boolean triple = tag + 2 < n && source.charAt(tag + 2) == '{';
            String close = triple ? "}}}" : "}}";
            int end = source.indexOf(close, tag + (triple ? 3 : 2));
            if (end < 0) {
                throw new SyntaxError(tagLine, tagColumn, "unclosed tag: '" + abbreviate(source.substring(tag))
                        + "' has no closing '" + close + "'");
            }
            String inner = source.substring(tag + (triple ? 3 : 2), end);
            for (int k = tag; k < end; k++) {
                if (source.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            i = end + close.length();
            if (triple) {
                current.add(new TemplateNode.Variable(name(inner, tagLine, tagColumn), tagLine, tagColumn));
                continue;
            }
            char sigil = inner.isEmpty() ? ' ' : inner.charAt(0);
            switch (sigil) {
                case '!' -> {
                    // comment
                }
                case '=' -> throw new SyntaxError(tagLine, tagColumn,
                        "set-delimiter tags ('{{=...=}}') are not supported");
                case '#', '^' -> {
                    Open o = new Open(name(inner.substring(1), tagLine, tagColumn), sigil == '^', tagLine, tagColumn,
                            new ArrayList<>());
                    open.push(o);
                    current = o.body;
                }
                case '/' -> {
                    String name = name(inner.substring(1), tagLine, tagColumn);
                    if (open.isEmpty()) {
                        throw new SyntaxError(tagLine, tagColumn, "closing tag '{{/" + name
                                + "}}' has no matching opening section");
                    }
                    Open o = open.pop();
                    if (!o.name.equals(name)) {
                        throw new SyntaxError(tagLine, tagColumn, "closing tag '{{/" + name + "}}' does not match "
                                + "section '" + o.name + "' opened at " + o.line + ":" + o.column);
                    }
                    current = open.isEmpty() ? root : open.peek().body;
                    current.add(new TemplateNode.Section(o.name, o.inverted, List.copyOf(o.body), o.line, o.column));
                }
                case '>' -> current.add(new TemplateNode.Partial(name(inner.substring(1), tagLine, tagColumn),
                        tagLine, tagColumn));
                case '&' -> current.add(new TemplateNode.Variable(name(inner.substring(1), tagLine, tagColumn),
                        tagLine, tagColumn));
                default -> current.add(new TemplateNode.Variable(name(inner, tagLine, tagColumn), tagLine,
                        tagColumn));
            }
        }
        if (!open.isEmpty()) {
            Open o = open.peek();
            throw new SyntaxError(o.line, o.column, "section '" + o.name + "' is never closed (expected '{{/"
                    + o.name + "}}')");
        }
        return List.copyOf(root);
    }

    private static String name(String raw, int line, int column) {
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new SyntaxError(line, column, "empty tag name");
        }
        for (int k = 0; k < name.length(); k++) {
            if (Character.isWhitespace(name.charAt(k))) {
                throw new SyntaxError(line, column, "tag name '" + name + "' contains whitespace");
            }
        }
        return name;
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }
}
