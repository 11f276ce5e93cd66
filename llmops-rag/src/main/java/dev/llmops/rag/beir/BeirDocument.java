package dev.llmops.rag.beir;

import java.util.Objects;

/**
 * One corpus document of a BEIR-format dataset.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id    the {@code _id}
 * @param title the title, empty when absent
 * @param text  the body text
 * @since 0.1.0
 */
public record BeirDocument(String id, String title, String text) {

    public BeirDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** Title and text in one field, joined by a newline (as Anserini's BEIR "flat" indexes). */
    public String titleAndText() {
        return title.isEmpty() ? text : title + "\n" + text;
    }
}
