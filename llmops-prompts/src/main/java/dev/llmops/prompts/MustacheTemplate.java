package dev.llmops.prompts;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.llmops.api.LlmOpsException;
import dev.llmops.prompts.internal.TemplateNode;
import dev.llmops.prompts.internal.TemplateParser;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One compiled Mustache template: {@code {{var}}}, dotted paths ({@code {{user.name}}}), sections
 * over lists ({@code {{#examples}}...{{/examples}}}), inverted sections, partials
 * ({@code {{> rules}}}) and comments, rendered by JMustache with HTML escaping off.
 *
 * <pre>{@code
 * MustacheTemplate t = MustacheTemplate.compile("Hello {{user.name}}!{{#tags}} #{{.}}{{/tags}}");
 * String s = t.render(Map.of("user", Map.of("name", "Ada"), "tags", List.of("a", "b")));
 * // "Hello Ada! #a #b"
 * }</pre>
 *
 * <p><b>Strict:</b> every variable and section name must resolve; otherwise
 * {@link MissingVariablesException} lists every missing name with its line and column.
 * <b>Safe:</b> a value is inserted literally, so a value containing {@code {{...}}} is never rendered
 * again. Partials are resolved and compiled once, at compile time.
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; compile once, render from any thread.
 *
 * @since 0.1.0
 */
public final class MustacheTemplate {

    private final String source;
    private final String origin;
    private final List<TemplateNode> nodes;
    private final Map<String, List<TemplateNode>> partials;
    private final Set<String> referencedNames;
    private final Mustache.Compiler compiler;
    private final Template compiled;

    private MustacheTemplate(String source, String origin, List<TemplateNode> nodes,
                             Map<String, List<TemplateNode>> partials, Map<String, String> partialSources) {
        this.source = source;
        this.origin = origin;
        this.nodes = nodes;
        this.partials = Collections.unmodifiableMap(partials);
        Set<String> names = new TreeSet<>();
        collectNames(nodes, names);
        partials.values().forEach(p -> collectNames(p, names));
        this.referencedNames = Collections.unmodifiableSet(names);
        Map<String, String> sources = Map.copyOf(partialSources);
        this.compiler = Mustache.compiler().escapeHTML(false).strictSections(true)
                .withLoader(name -> new StringReader(sources.get(name)));
        try {
            this.compiled = compiler.compile(source);
            for (String p : sources.keySet()) {
                compiler.compile(sources.get(p));
            }
        } catch (MustacheException e) {
            throw new TemplateSyntaxException(origin, 0, 0, e.getMessage());
        }
    }

    /** Compiles a template without partials. */
    public static MustacheTemplate compile(String source) {
        return compile(source, "template", name -> Optional.empty());
    }

    /**
     * Compiles a template.
     *
     * @param source   the Mustache text
     * @param origin   names the template in errors, e.g. {@code support@3 messages[0] (system)}
     * @param partials the source of each partial by name; empty when it does not exist
     * @throws TemplateSyntaxException at the position of a syntax error, or naming an unknown or cyclic
     *                                 partial
     */
    public static MustacheTemplate compile(String source, String origin, Function<String, Optional<String>> partials) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(partials, "partials");
        List<TemplateNode> nodes = parse(source, origin);
        Map<String, List<TemplateNode>> partialNodes = new LinkedHashMap<>();
        Map<String, String> partialSources = new LinkedHashMap<>();
        resolvePartials(nodes, origin, partials, partialNodes, partialSources, new ArrayDeque<>());
        return new MustacheTemplate(source, origin, nodes, partialNodes, partialSources);
    }

    private static List<TemplateNode> parse(String source, String origin) {
        try {
            return TemplateParser.parse(source);
        } catch (TemplateParser.SyntaxError e) {
            throw new TemplateSyntaxException(origin, e.line, e.column, e.detail);
        }
    }

    private static void resolvePartials(List<TemplateNode> nodes, String origin,
                                        Function<String, Optional<String>> lookup,
                                        Map<String, List<TemplateNode>> out, Map<String, String> sources,
                                        Deque<String> path) {
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Section s) {
                resolvePartials(s.body(), origin, lookup, out, sources, path);
            } else if (node instanceof TemplateNode.Partial p) {
                String where = path.isEmpty() ? origin : "partial '" + path.peek() + "'";
                if (path.contains(p.name())) {
                    List<String> cycle = new ArrayList<>(path);
                    Collections.reverse(cycle);
                    cycle.add(p.name());
                    throw new TemplateSyntaxException(where, p.line(), p.column(),
                            "partials include each other in a cycle: " + String.join(" -> ", cycle));
                }
                if (out.containsKey(p.name())) {
                    continue;
                }
                String text = lookup.apply(p.name()).orElseThrow(() -> new TemplateSyntaxException(where, p.line(),
                        p.column(), "unknown partial '" + p.name() + "'"));
                List<TemplateNode> parsed = parse(text, "partial '" + p.name() + "'");
                sources.put(p.name(), text);
                path.push(p.name());
                resolvePartials(parsed, origin, lookup, out, sources, path);
                path.pop();
                out.put(p.name(), parsed);
            }
        }
    }

    private static void collectNames(List<TemplateNode> nodes, Set<String> names) {
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Variable v) {
                names.add(head(v.name()));
            } else if (node instanceof TemplateNode.Section s) {
                names.add(head(s.name()));
                collectNames(s.body(), names);
            }
        }
    }

    private static String head(String name) {
        int dot = name.indexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /** The names this template (and its partials) can read at the top level, sorted. */
    public Set<String> referencedNames() {
        return referencedNames;
    }

    /** The partial names this template includes, directly or through other partials. */
    public Set<String> partialNames() {
        return partials.keySet();
    }

    /**
     * Renders with {@code variables}.
     *
     * @throws MissingVariablesException naming every missing variable and its position
     */
    public String render(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        try {
            return compiled.execute(variables);
        } catch (MustacheException e) {
            List<MissingVariable> missing = missingVariables(variables, origin);
            if (!missing.isEmpty()) {
                throw new MissingVariablesException(origin, missing);
            }
            throw new LlmOpsException(origin + ": rendering failed: " + e.getMessage(), e);
        }
    }

    /**
     * Every variable the template would need but {@code variables} lacks, in template order, each
     * located in {@code where} (or the partial it is in).
     */
    public List<MissingVariable> missingVariables(Map<String, ?> variables, String where) {
        Set<MissingVariable> out = new LinkedHashSet<>();
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(variables);
        walk(nodes, where, stack, out, 0);
        return List.copyOf(out);
    }

    private static final Object MISSING = new Object();

    private void walk(List<TemplateNode> body, String where, Deque<Object> stack, Set<MissingVariable> out,
                      int depth) {
        for (TemplateNode node : body) {
            if (node instanceof TemplateNode.Variable v) {
                if (lookup(stack, v.name(), depth) == MISSING) {
                    out.add(new MissingVariable(v.name(), where, v.line(), v.column()));
                }
            } else if (node instanceof TemplateNode.Partial p) {
                walk(partials.get(p.name()), "partial '" + p.name() + "'", stack, out, depth);
            } else if (node instanceof TemplateNode.Section s) {
                Object value = lookup(stack, s.name(), depth);
                if (value == MISSING) {
                    out.add(new MissingVariable(s.name(), where, s.line(), s.column()));
                    continue;
                }
                if (s.inverted()) {
                    if (isFalsey(value)) {
                        walk(s.body(), where, stack, out, depth);
                    }
                    continue;
                }
                Iterator<?> it = compiler.collector.toIterator(value);
                if (it != null) {
                    while (it.hasNext()) {
                        stack.push(it.next());
                        walk(s.body(), where, stack, out, depth + 1);
                        stack.pop();
                    }
                } else if (value instanceof Boolean b) {
                    if (b) {
                        walk(s.body(), where, stack, out, depth + 1);
                    }
                } else if (!compiler.isFalsey(value)) {
                    stack.push(value);
                    walk(s.body(), where, stack, out, depth + 1);
                    stack.pop();
                }
            }
        }
    }

    private boolean isFalsey(Object value) {
        Iterator<?> it = compiler.collector.toIterator(value);
        if (it != null) {
            return !it.hasNext();
        }
        return compiler.isFalsey(value);
    }

    private Object lookup(Deque<Object> stack, String name, int depth) {
        if (name.equals(".") || name.equals("this")) {
            return stack.peek() == null ? MISSING : stack.peek();
        }
        if (name.startsWith("-") && depth > 0) {
            return Boolean.TRUE; // -first, -last, -index inside a section
        }
        String[] parts = name.split("\\.", -1);
        Object value = MISSING;
        for (Object ctx : stack) {
            Object v = fetch(ctx, parts[0]);
            if (v != MISSING) {
                value = v;
                break;
            }
        }
        for (int i = 1; i < parts.length && value != MISSING; i++) {
            value = fetch(value, parts[i]);
        }
        return value == null ? MISSING : value;
    }

    private Object fetch(Object ctx, String name) {
        if (ctx == null) {
            return MISSING;
        }
        Mustache.VariableFetcher f = compiler.collector.createFetcher(ctx, name);
        if (f == null) {
            return MISSING;
        }
        try {
            Object v = f.get(ctx, name);
            return v == Template.NO_FETCHER_FOUND ? MISSING : v;
        } catch (Exception e) {
            return MISSING;
        }
    }

    @Override
    public String toString() {
        return "MustacheTemplate[" + origin + "]";
    }
}
