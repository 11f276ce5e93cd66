package dev.llmops.api.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A retrievable piece of a document.
 *
 * @param id         stable chunk id (document id + position + content hash in llmops-rag)
 * @param documentId the source document's id
 * @param text       the chunk text
 * @param metadata   source metadata; values are {@code String}, {@code Long}, {@code Double} or
 *                   {@code Boolean} (ints and floats are widened)
 * @since 0.1.0
 */
public record Chunk(String id, String documentId, String text, Map<String, Object> metadata) {

    public Chunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(metadata, "metadata");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "metadata key"), normalise(e.getKey(), e.getValue()));
        }
        metadata = Collections.unmodifiableMap(copy);
    }

    /** A chunk without metadata. */
    public static Chunk of(String id, String documentId, String text) {
        return new Chunk(id, documentId, text, Map.of());
    }

    static Object normalise(String key, Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("metadata '" + key + "' must be a String, Long, Double or Boolean but was: "
                + (v == null ? "null" : v.getClass().getName()));
    }

    /** A metadata value as a string, if present. */
    public Optional<String> metadataString(String key) {
        Object v = metadata.get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }
}
