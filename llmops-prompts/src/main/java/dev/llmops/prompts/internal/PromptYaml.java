package dev.llmops.prompts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;
import dev.llmops.api.prompt.MessageRole;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.internal.LocatedYaml.ListNode;
import dev.llmops.prompts.internal.LocatedYaml.MapNode;
import dev.llmops.prompts.internal.LocatedYaml.Node;
import dev.llmops.prompts.internal.LocatedYaml.Scalar;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and writes prompt versions and label files as YAML. Internal. */
public final class PromptYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private static final Set<String> VERSION_KEYS = Set.of("name", "version", "type", "template", "messages", "config",
            "metadata", "createdAt", "author", "message", "contentHash");
    private static final Set<String> MESSAGE_KEYS = Set.of("role", "template");
    private static final Set<String> CONFIG_KEYS = Set.of("model", "temperature", "topP", "maxOutputTokens", "stop",
            "responseFormat", "jsonSchema");

    private PromptYaml() {
    }

    /** The YAML text of a version file. */
    public static String write(PromptVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("version", v.version());
        PromptContent c = v.content();
        if (c.kind() == PromptContent.Kind.TEXT) {
            m.put("type", "text");
            m.put("template", c.text().orElseThrow());
        } else {
            m.put("type", "chat");
            List<Map<String, String>> ms = new ArrayList<>();
            for (PromptMessage pm : c.messages()) {
                Map<String, String> e = new LinkedHashMap<>();
                e.put("role", pm.role().wireName());
                e.put("template", pm.template());
                ms.add(e);
            }
            m.put("messages", ms);
        }
        ModelConfig cfg = c.config();
        if (!cfg.isEmpty()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cfg.modelName().ifPresent(x -> cm.put("model", x));
            cfg.temperature().ifPresent(x -> cm.put("temperature", x));
            cfg.topP().ifPresent(x -> cm.put("topP", x));
            cfg.maxOutputTokens().ifPresent(x -> cm.put("maxOutputTokens", x));
            if (!cfg.stop().isEmpty()) {
                cm.put("stop", cfg.stop());
            }
            if (cfg.format() != ModelConfig.Format.TEXT) {
                cm.put("responseFormat", "json");
            }
            cfg.jsonSchema().ifPresent(x -> cm.put("jsonSchema", x));
            m.put("config", cm);
        }
        if (!c.metadata().isEmpty()) {
            m.put("metadata", c.metadata());
        }
        m.put("createdAt", v.createdAt().toString());
        m.put("author", v.author());
        m.put("message", v.message());
        m.put("contentHash", v.storedHash());
        try {
            return YAML.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write prompt version " + v.ref(), e);
        }
    }

    /**
     * Reads a version file.
     *
     * @param expectedName    the name the file's location implies
     * @param expectedVersion the version its file name implies
     * @throws LoadException naming the source, the line and the field at fault
     */
    public static PromptVersion read(String source, String text, String expectedName, int expectedVersion) {
        Node root = LocatedYaml.parse(source, text);
        MapNode m = map(source, root, "(document)");
        checkKeys(source, m, "", VERSION_KEYS);
        String name = string(source, m, "name", true);
        if (!name.equals(expectedName)) {
            throw new LoadException(source, m.keyLines().get("name"), "name", "'" + name
                    + "' does not match the prompt directory '" + expectedName + "'");
        }
        int version = integer(source, m, "version");
        if (version <= 0) {
            throw new LoadException(source, m.keyLines().get("version"), "version", "must be > 0 but was: " + version);
        }
        if (version != expectedVersion) {
            throw new LoadException(source, m.keyLines().get("version"), "version", version
                    + " does not match the file name (version " + expectedVersion + ")");
        }
        PromptContent content = content(source, m);
        if (!m.entries().containsKey("contentHash")) {
            throw new LoadException(source, m.line(), "contentHash", "missing; the content hashes to "
                    + content.contentHash() + " (add 'contentHash: " + content.contentHash()
                    + "' if you wrote this version by hand)");
        }
        String hash = string(source, m, "contentHash", true);
        Instant createdAt;
        String created = string(source, m, "createdAt", true);
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new LoadException(source, m.keyLines().get("createdAt"), "createdAt",
                    "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z but was: '" + created + "'");
        }
        String author = m.entries().containsKey("author") ? string(source, m, "author", false) : "";
        String message = m.entries().containsKey("message") ? string(source, m, "message", false) : "";
        return new PromptVersion(name, version, content, hash, createdAt, author, message);
    }

    /** Reads the content fields (type, template/messages, config, metadata) of a mapping. */
    public static PromptContent content(String source, MapNode m) {
        if (!m.entries().containsKey("type")) {
            throw new LoadException(source, m.line(), "type", "missing (expected 'text' or 'chat')");
        }
        String type = string(source, m, "type", true);
        PromptContent content;
        if (type.equals("text")) {
            if (m.entries().containsKey("messages")) {
                throw new LoadException(source, m.keyLines().get("messages"), "messages",
                        "not allowed for type 'text' (use 'template')");
            }
            if (!m.entries().containsKey("template")) {
                throw new LoadException(source, m.line(), "template", "missing: a text prompt needs a template");
            }
            content = PromptContent.text(string(source, m, "template", false));
        } else if (type.equals("chat")) {
            if (m.entries().containsKey("template")) {
                throw new LoadException(source, m.keyLines().get("template"), "template",
                        "not allowed for type 'chat' (use 'messages')");
            }
            if (!m.entries().containsKey("messages")) {
                throw new LoadException(source, m.line(), "messages", "missing: a chat prompt needs messages");
            }
            Node n = m.entries().get("messages");
            if (!(n instanceof ListNode list) || list.items().isEmpty()) {
                throw new LoadException(source, n.line(), "messages", "expected a non-empty list of messages");
            }
            List<PromptMessage> ms = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                String field = "messages[" + i + "]";
                MapNode e = map(source, list.items().get(i), field);
                checkKeys(source, e, field + ".", MESSAGE_KEYS);
                if (!e.entries().containsKey("role")) {
                    throw new LoadException(source, e.line(), field + ".role", "missing (system, user or assistant)");
                }
                if (!e.entries().containsKey("template")) {
                    throw new LoadException(source, e.line(), field + ".template", "missing template");
                }
                MessageRole role;
                String r = string(source, e, "role", true, field + ".role");
                try {
                    role = MessageRole.parse(r);
                } catch (IllegalArgumentException ex) {
                    throw new LoadException(source, e.keyLines().get("role"), field + ".role", ex.getMessage());
                }
                ms.add(new PromptMessage(role, string(source, e, "template", false, field + ".template")));
            }
            content = PromptContent.chat(ms);
        } else {
            throw new LoadException(source, m.keyLines().get("type"), "type",
                    "expected 'text' or 'chat' but was: '" + type + "'");
        }
        if (m.entries().containsKey("config")) {
            content = content.withConfig(config(source, map(source, m.entries().get("config"), "config")));
        }
        if (m.entries().containsKey("metadata")) {
            MapNode md = map(source, m.entries().get("metadata"), "metadata");
            Map<String, String> meta = new TreeMap<>();
            md.entries().forEach((k, v) -> {
                if (!(v instanceof Scalar s) || s.isNull()) {
                    throw new LoadException(source, v.line(), "metadata." + k, "expected a text value");
                }
                meta.put(k, s.text());
            });
            content = content.withMetadata(meta);
        }
        return content;
    }

    private static ModelConfig config(String source, MapNode c) {
        checkKeys(source, c, "config.", CONFIG_KEYS);
        ModelConfig.Builder b = ModelConfig.builder();
        try {
            for (Map.Entry<String, Node> e : c.entries().entrySet()) {
                String field = "config." + e.getKey();
                int line = c.keyLines().get(e.getKey());
                try {
                switch (e.getKey()) {
                    case "model" -> b.modelName(string(source, c, "model", true, field));
                    case "temperature" -> b.temperature(number(source, c, "temperature", field));
                    case "topP" -> b.topP(number(source, c, "topP", field));
                    case "maxOutputTokens" -> b.maxOutputTokens(integer(source, c, "maxOutputTokens", field));
                    case "stop" -> {
                        List<String> stop = new ArrayList<>();
                        if (e.getValue() instanceof ListNode l) {
                            for (Node n : l.items()) {
                                if (!(n instanceof Scalar s) || s.isNull()) {
                                    throw new LoadException(source, n.line(), field, "expected a list of texts");
                                }
                                stop.add(s.text());
                            }
                        } else {
                            stop.add(string(source, c, "stop", true, field));
                        }
                        b.stop(stop);
                    }
                    case "responseFormat" -> {
                        String f = string(source, c, "responseFormat", true, field);
                        if (f.equals("json")) {
                            b.format(ModelConfig.Format.JSON);
                        } else if (!f.equals("text")) {
                            throw new LoadException(source, line, field, "expected 'text' or 'json' but was: '" + f
                                    + "'");
                        }
                    }
                    case "jsonSchema" -> {
                        Node n = e.getValue();
                        String schema;
                        if (n instanceof Scalar s && s.token() == JsonToken.VALUE_STRING) {
                            schema = s.text();
                        } else {
                            schema = LlmOpsJson.writer().writeValueAsString(plain(n));
                        }
                        try {
                            LlmOpsJson.reader().readTree(schema);
                        } catch (JsonProcessingException ex) {
                            throw new LoadException(source, n.line(), field, "not valid JSON: "
                                    + ex.getOriginalMessage());
                        }
                        b.jsonSchema(schema);
                    }
                    default -> throw new IllegalStateException(e.getKey());
                }
                } catch (IllegalArgumentException ex) {
                    throw new LoadException(source, line, field, ex.getMessage());
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new LoadException(source, c.line(), "config", e.getMessage());
        } catch (JsonProcessingException e) {
            throw new LoadException(source, c.line(), "config.jsonSchema", e.getOriginalMessage());
        }
    }

    private static Object plain(Node n) {
        if (n instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (n instanceof ListNode l) {
            return l.items().stream().map(PromptYaml::plain).toList();
        }
        Scalar s = (Scalar) n;
        return switch (s.token()) {
            case VALUE_NUMBER_INT -> Long.parseLong(s.text());
            case VALUE_NUMBER_FLOAT -> Double.parseDouble(s.text());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> s.text();
        };
    }

    /** The YAML text of a labels file. */
    public static String writeLabels(String name, PromptLabels labels) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Labels of prompt '").append(name)
                .append("': each label lists the versions it pointed at, oldest first; the last one is current.\n");
        labels.history().forEach((label, versions) -> {
            sb.append(label).append(": [");
            for (int i = 0; i < versions.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(versions.get(i));
            }
            sb.append("]\n");
        });
        return sb.toString();
    }

    /** Reads a labels file. */
    public static PromptLabels readLabels(String source, String text) {
        if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
            return PromptLabels.none();
        }
        MapNode m = map(source, LocatedYaml.parse(source, text), "(document)");
        Map<String, List<Integer>> history = new LinkedHashMap<>();
        m.entries().forEach((label, node) -> {
            List<Integer> versions = new ArrayList<>();
            List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
            for (Node n : items) {
                if (!(n instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT || Long.parseLong(s.text()) <= 0
                        || Long.parseLong(s.text()) > Integer.MAX_VALUE) {
                    throw new LoadException(source, n.line(), label, "expected version numbers > 0 but was: "
                            + (n instanceof Scalar s2 ? "'" + s2.text() + "'" : "a structure"));
                }
                versions.add(Integer.parseInt(s.text()));
            }
            if (versions.isEmpty()) {
                throw new LoadException(source, node.line(), label, "expected at least one version");
            }
            history.put(label, versions);
        });
        try {
            return new PromptLabels(history);
        } catch (IllegalArgumentException e) {
            throw new LoadException(source, m.line(), null, e.getMessage());
        }
    }

    // ---- typed field access with line numbers ----

    public static MapNode map(String source, Node n, String field) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw new LoadException(source, n.line(), field, "expected a mapping of keys to values");
    }

    private static void checkKeys(String source, MapNode m, String prefix, Set<String> allowed) {
        m.keyLines().forEach((k, line) -> {
            if (!allowed.contains(k)) {
                throw new LoadException(source, line, prefix + k, "unknown key (allowed: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
        });
    }

    private static String string(String source, MapNode m, String key, boolean nonBlank) {
        return string(source, m, key, nonBlank, key);
    }

    private static String string(String source, MapNode m, String key, boolean nonBlank, String field) {
        Node n = m.entries().get(key);
        if (n == null) {
            throw new LoadException(source, m.line(), field, "missing");
        }
        if (!(n instanceof Scalar s) || s.isNull()) {
            throw new LoadException(source, n.line(), field, "expected a text value");
        }
        if (nonBlank && s.text().isBlank()) {
            throw new LoadException(source, n.line(), field, "must not be blank");
        }
        return s.text();
    }

    private static int integer(String source, MapNode m, String key) {
        return integer(source, m, key, key);
    }

    private static int integer(String source, MapNode m, String key, String field) {
        Node n = m.entries().get(key);
        if (n == null) {
            throw new LoadException(source, m.line(), field, "missing");
        }
        if (n instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                return Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                throw new LoadException(source, n.line(), field, "number too large: " + s.text());
            }
        }
        throw new LoadException(source, n.line(), field, "expected a whole number but was: "
                + (n instanceof Scalar s ? "'" + s.text() + "'" : "a structure"));
    }

    private static double number(String source, MapNode m, String key, String field) {
        Node n = m.entries().get(key);
        if (n instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT
                || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            return Double.parseDouble(s.text());
        }
        throw new LoadException(source, n.line(), field, "expected a number but was: "
                + (n instanceof Scalar s ? "'" + s.text() + "'" : "a structure"));
    }
}
