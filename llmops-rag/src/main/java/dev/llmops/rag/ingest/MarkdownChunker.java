package dev.llmops.rag.ingest;

import dev.llmops.api.retrieval.Chunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown at ATX headings ({@code #} to {@code ######}, outside fenced code blocks), then
 * each section with a {@link RecursiveChunker}. Every chunk records the path of headings above it
 * in metadata {@code heading.path} (e.g. {@code "Returns > Tents"}), and the heading line is kept
 * at the start of the section's first chunk.
 *
 * <pre>{@code
 * Chunker chunker = MarkdownChunker.of(RecursiveChunker.builder().maxTokens(200).overlapTokens(20).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MarkdownChunker implements Chunker {

    /** Metadata key of the heading path, headings joined by {@code " > "}. */
    public static final String HEADING_PATH = "heading.path";

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    private final RecursiveChunker sections;

    private MarkdownChunker(RecursiveChunker sections) {
        this.sections = Objects.requireNonNull(sections, "sections");
    }

    /** A Markdown chunker that splits long sections with {@code sections}. */
    public static MarkdownChunker of(RecursiveChunker sections) {
        return new MarkdownChunker(sections);
    }

    @Override
    public List<Chunk> chunk(SourceDocument document) {
        List<String> path = new ArrayList<>();
        List<Chunk> out = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        String sectionPath = "";
        boolean fenced = false;
        for (String line : document.text().split("\\R", -1)) {
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher m = fenced ? null : HEADING.matcher(line);
            if (m != null && m.matches()) {
                flush(document, section, sectionPath, out);
                int level = m.group(1).length();
                while (path.size() >= level) {
                    path.remove(path.size() - 1);
                }
                while (path.size() < level - 1) {
                    path.add("");
                }
                path.add(m.group(2).strip());
                sectionPath = String.join(" > ", path.stream().filter(h -> !h.isEmpty()).toList());
            }
            section.append(line).append('\n');
        }
        flush(document, section, sectionPath, out);
        return out;
    }

    private void flush(SourceDocument document, StringBuilder section, String headingPath, List<Chunk> out) {
        String text = section.toString();
        section.setLength(0);
        if (text.isBlank()) {
            return;
        }
        Map<String, Object> meta = new LinkedHashMap<>(document.metadata());
        if (!headingPath.isEmpty()) {
            meta.put(HEADING_PATH, headingPath);
        }
        out.addAll(RecursiveChunker.toChunks(document.id(), sections.split(text), meta, out.size()));
    }

    @Override
    public String fingerprint() {
        return "markdown:" + sections.fingerprint();
    }

    @Override
    public String toString() {
        return "MarkdownChunker[" + sections + "]";
    }
}
