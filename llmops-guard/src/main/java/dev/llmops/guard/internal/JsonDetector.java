package dev.llmops.guard.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JSON validity (strict: no comments, no trailing tokens, duplicate keys rejected, nesting depth
 * capped) and optional JSON-schema conformance. A single surrounding Markdown code fence
 * ({@code ```json ... ```}) is accepted, since models often add one. Thread-safe.
 */
public final class JsonDetector implements Detector {

    private final ObjectMapper mapper;
    private final JsonSchema schema; // may be null
    private final int maxErrors;

    public JsonDetector(JsonSchema schema, int maxDepth) {
        this.schema = schema;
        this.maxErrors = 20;
        JsonMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
        this.mapper = m;
    }

    /** Parses strict JSON with the configured limits; throws on invalid input. */
    public JsonNode parse(String json) throws JsonProcessingException {
        return mapper.readTree(json);
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        int offset = 0;
        String body = text;
        String stripped = text.strip();
        if (stripped.startsWith("```") && stripped.endsWith("```") && stripped.length() >= 6) {
            int nl = stripped.indexOf('\n');
            if (nl > 0 && nl < stripped.length() - 3) {
                offset = text.indexOf(stripped) + nl + 1;
                body = stripped.substring(nl + 1, stripped.length() - 3);
            }
        }
        if (body.isBlank()) {
            return List.of(Detection.whole("INVALID_JSON", "json.syntax", 1.0, "empty text is not JSON"));
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            long at = loc == null ? -1 : loc.getCharOffset();
            String detail = "not valid JSON: " + firstLine(e.getOriginalMessage());
            if (at >= 0 && at <= body.length()) {
                int s = (int) Math.min(offset + at, text.length() - 1);
                return List.of(Detection.of("INVALID_JSON", "json.syntax", Math.max(0, s), Math.max(0, s) + 1, 1.0,
                        detail));
            }
            return List.of(Detection.whole("INVALID_JSON", "json.syntax", 1.0, detail));
        }
        if (schema == null) {
            return List.of();
        }
        Set<ValidationMessage> errors = schema.validate(node);
        List<Detection> out = new ArrayList<>();
        for (ValidationMessage v : errors) {
            if (out.size() >= maxErrors) {
                break;
            }
            out.add(Detection.whole("SCHEMA_VIOLATION", "json.schema." + v.getType(), 0.9,
                    firstLine(v.getMessage())));
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 200 ? l.substring(0, 200) : l;
    }
}
