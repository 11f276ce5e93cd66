package dev.llmops.rag.ingest;

import dev.llmops.rag.MissingDependencyException;
import dev.llmops.rag.internal.PdfText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads {@link SourceDocument}s from files: plain text, Markdown (a leading YAML front matter
 * block becomes metadata), HTML (visible text of the body, title as metadata), JSONL (one
 * document per line) and PDF through the optional LangChain4j PDFBox parser ({@link #pdf(Path)}).
 * Every document gets metadata {@code source} (the path). Document ids are
 * the path relative to the loaded root (or the file name), or the JSONL id field.
 *
 * <pre>{@code
 * List<SourceDocument> docs = DocumentLoaders.directory(Path.of("docs"));
 * IngestReport report = index.ingest(docs, MarkdownChunker.of(RecursiveChunker.builder().build()));
 * }</pre>
 *
 * <p>Stateless and thread-safe. Errors are {@link LoadException}s naming file, line and field.
 *
 * @since 0.1.0
 */
public final class DocumentLoaders {

    /** Metadata key of the file a document came from. */
    public static final String SOURCE = "source";
    /** Metadata key of an HTML document's title. */
    public static final String TITLE = "title";

    private DocumentLoaders() {
    }

    /** A plain text file (UTF-8). */
    public static SourceDocument text(Path file) {
        return new SourceDocument(file.getFileName().toString(), read(file), Map.of(SOURCE, file.toString()));
    }

    /**
     * A Markdown file. A front matter block ({@code ---} lines around YAML at the very start) is
     * removed from the text; its scalar entries become metadata (lists and maps are skipped).
     */
    public static SourceDocument markdown(Path file) {
        return markdown(file, file.getFileName().toString());
    }

    static SourceDocument markdown(Path file, String id) {
        String raw = read(file);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(SOURCE, file.toString());
        String body = raw;
        List<String> lines = raw.lines().toList();
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            int end = -1;
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("---") || lines.get(i).strip().equals("...")) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new LoadException(file.toString(), 1, null, "front matter starts with '---' but is never closed");
            }
            String yaml = String.join("\n", lines.subList(1, end));
            meta.putAll(frontMatter(file, yaml));
            body = String.join("\n", lines.subList(end + 1, lines.size()));
        }
        return new SourceDocument(id, body, meta);
    }

    private static Map<String, Object> frontMatter(Path file, String yaml) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (yaml.isBlank()) {
            return meta;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + 1;
            throw new LoadException(file.toString(), line, null, "malformed front matter YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull()) {
            return meta;
        }
        if (!root.isObject()) {
            throw new LoadException(file.toString(), 2, null, "front matter must be a YAML mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object v = scalar(e.getValue());
            if (v != null) {
                meta.put(e.getKey(), v);
            }
        }
        return meta;
    }

    private static Object scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        return null;
    }

    /** An HTML file: the visible text of the body (scripts and styles removed); the title as metadata. */
    public static SourceDocument html(Path file) {
        return html(file, file.getFileName().toString());
    }

    static SourceDocument html(Path file, String id) {
        org.jsoup.nodes.Document doc = Jsoup.parse(read(file));
        doc.select("script, style, noscript, template").remove();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(SOURCE, file.toString());
        if (!doc.title().isBlank()) {
            meta.put(TITLE, doc.title());
        }
        StringBuilder text = new StringBuilder();
        for (org.jsoup.nodes.Element block : doc.body().select("h1, h2, h3, h4, h5, h6, p, li, pre, td, th, blockquote, dt, dd")) {
            if (block.parents().stream().anyMatch(p -> p.is("p, li, pre, td, th, blockquote, dd"))) {
                continue;
            }
            String t = block.text().strip();
            if (!t.isEmpty()) {
                text.append(t).append("\n\n");
            }
        }
        String body = text.isEmpty() ? doc.body().text() : text.toString().strip();
        return new SourceDocument(id, body, meta);
    }

    /**
     * A PDF file: its text through LangChain4j's Apache PDFBox document parser, which is an
     * <b>optional</b> dependency ({@code dev.langchain4j:langchain4j-document-parser-apache-pdfbox});
     * the PDF's title, when set, becomes metadata {@link #TITLE}.
     *
     * @throws MissingDependencyException when the parser is not on the classpath
     * @throws LoadException              when the file cannot be read or holds no text
     */
    public static SourceDocument pdf(Path file) {
        return pdf(file, file.getFileName().toString());
    }

    static SourceDocument pdf(Path file, String id) {
        requireClass(PdfText.PARSER_CLASS, PdfText.ARTIFACT, "loading PDF file " + file);
        PdfText.Extracted extracted;
        try {
            extracted = PdfText.extract(file);
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read PDF: " + e.getMessage(), e);
        } catch (RuntimeException e) { // the parser's BlankDocumentException and PDFBox parse errors
            throw new LoadException(file.toString(), 0, null, "cannot extract PDF text: " + e.getMessage(), e);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(SOURCE, file.toString());
        if (extracted.title() != null && !extracted.title().isBlank()) {
            meta.put(TITLE, extracted.title());
        }
        return new SourceDocument(id, extracted.text().strip(), meta);
    }

    /** Fails with {@link MissingDependencyException} naming {@code artifact} when {@code className} is absent. */
    static void requireClass(String className, String artifact, String feature) {
        try {
            Class.forName(className, false, DocumentLoaders.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MissingDependencyException(feature, artifact);
        }
    }

    /**
     * A JSONL file, one document per line.
     *
     * @param idField   the field holding the document id
     * @param textField the field holding the text; every other scalar field becomes metadata
     */
    public static List<SourceDocument> jsonl(Path file, String idField, String textField) {
        ObjectMapper json = LlmOpsJson.newMapper();
        List<SourceDocument> docs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new LoadException(file.toString(), i + 1, null, "malformed JSON: " + e.getOriginalMessage(), e);
            }
            if (n == null || !n.isObject()) {
                throw new LoadException(file.toString(), i + 1, null, "expected a JSON object");
            }
            JsonNode id = n.get(idField);
            JsonNode text = n.get(textField);
            if (id == null || !id.isValueNode() || id.asText().isBlank()) {
                throw new LoadException(file.toString(), i + 1, idField, "missing or blank");
            }
            if (text == null || !text.isTextual()) {
                throw new LoadException(file.toString(), i + 1, textField, "missing or not a string");
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put(SOURCE, file.toString());
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(idField) && !e.getKey().equals(textField)) {
                    Object v = scalar(e.getValue());
                    if (v != null) {
                        meta.put(e.getKey(), v);
                    }
                }
            }
            docs.add(new SourceDocument(id.asText(), text.textValue(), meta));
        }
        return docs;
    }

    /**
     * Every {@code .txt}, {@code .md}/{@code .markdown}, {@code .html}/{@code .htm} and {@code .pdf}
     * (needs the optional PDF parser, see {@link #pdf(Path)}) file under
     * {@code root} (recursively, sorted by path); ids are paths relative to {@code root} with
     * {@code /} separators. Other files are skipped.
     */
    public static List<SourceDocument> directory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new LoadException(root.toString(), 0, null, "not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new LoadException(root.toString(), 0, null, "cannot list: " + e.getMessage(), e);
        }
        List<SourceDocument> docs = new ArrayList<>();
        for (Path f : files) {
            String id = root.relativize(f).toString().replace('\\', '/');
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                docs.add(markdown(f, id));
            } else if (name.endsWith(".html") || name.endsWith(".htm")) {
                docs.add(html(f, id));
            } else if (name.endsWith(".pdf")) {
                docs.add(pdf(f, id));
            } else if (name.endsWith(".txt")) {
                docs.add(new SourceDocument(id, read(f), Map.of(SOURCE, f.toString())));
            }
        }
        return docs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
        }
    }
}
