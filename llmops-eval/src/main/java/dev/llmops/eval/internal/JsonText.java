package dev.llmops.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/** Finds and navigates JSON inside model output. Thread-safe. */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    /** The whole (trimmed) text as JSON, if it is valid JSON. */
    public static Optional<JsonNode> parseWhole(String text) {
        try {
            var parser = MAPPER.createParser(text.trim());
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The first JSON object or array embedded anywhere in the text (e.g. inside a code fence or prose). */
    public static Optional<JsonNode> findEmbedded(String text) {
        Optional<JsonNode> whole = parseWhole(text);
        if (whole.isPresent() && whole.get().isContainerNode()) {
            return whole;
        }
        for (int start = 0; start < text.length(); start++) {
            char c = text.charAt(start);
            if (c != '{' && c != '[') {
                continue;
            }
            int end = matchingEnd(text, start);
            if (end > 0) {
                Optional<JsonNode> n = parseWhole(text.substring(start, end + 1));
                if (n.isPresent()) {
                    return n;
                }
            }
        }
        return Optional.empty();
    }

    private static int matchingEnd(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Converts a path to a JSON Pointer: a path starting with {@code /} is already one; otherwise a dotted
     * path with optional {@code [i]} indexes, e.g. {@code answer.items[0].name} or {@code $.answer.items.0}.
     */
    public static String toPointer(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String p = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
        if (p.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : p.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                sb.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return sb.toString();
    }

    /** Compares a found node with an expected one: numbers by value, text by string, else structurally. */
    public static boolean sameValue(JsonNode found, JsonNode expected) {
        if (found.isNumber() && expected.isNumber()) {
            return found.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        if (expected.isTextual() && found.isValueNode()) {
            return found.asText().equals(expected.asText());
        }
        return found.equals(expected);
    }
}
