package dev.llmops.prompts.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmops.api.LoadException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into a small tree that remembers the line of every value, so schema errors can name
 * the line and the field. Internal.
 */
public final class LocatedYaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private LocatedYaml() {
    }

    /** A value with the line it starts on. */
    public sealed interface Node {
        int line();
    }

    /** A mapping; keys keep their order. */
    public record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
    }

    /** A sequence. */
    public record ListNode(List<Node> items, int line) implements Node {
    }

    /** A scalar: {@code token} says whether it is a string, number, boolean or null. */
    public record Scalar(JsonToken token, String text, int line) implements Node {
        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /**
     * Parses one YAML document.
     *
     * @throws LoadException naming {@code source} and the line of a syntax error or duplicate key
     */
    public static Node parse(String source, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new LoadException(source, 0, null, "the file is empty");
            }
            return read(source, p, "");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new LoadException(source, loc == null ? 0 : loc.getLineNr(), null,
                    "malformed YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LoadException(source, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Node read(String source, JsonParser p, String path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                String field = path.isEmpty() ? key : path + "." + key;
                if (entries.containsKey(key)) {
                    throw new LoadException(source, keyLine, field, "duplicate key (first at line "
                            + keyLines.get(key) + ")");
                }
                p.nextToken();
                entries.put(key, read(source, p, field));
                keyLines.put(key, keyLine);
            }
            return new MapNode(entries, keyLines, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(source, p, path + "[" + i++ + "]"));
            }
            return new ListNode(items, line);
        }
        return new Scalar(t, t == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }
}
