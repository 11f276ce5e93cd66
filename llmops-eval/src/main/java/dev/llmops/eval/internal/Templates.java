package dev.llmops.eval.internal;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders inline prompt templates: each {@code {{name}}} (spaces allowed inside the braces) becomes the
 * variable's value, verbatim. A missing variable is an error naming it. Thread-safe.
 */
public final class Templates {

    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Templates() {
    }

    /**
     * @throws IllegalArgumentException naming the missing variables and the ones available
     */
    public static String render(String template, Map<String, String> vars) {
        Matcher m = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                missing.add(m.group(1));
                v = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("template variables " + missing + " missing; case has "
                    + new TreeSet<>(vars.keySet()));
        }
        return sb.toString();
    }
}
