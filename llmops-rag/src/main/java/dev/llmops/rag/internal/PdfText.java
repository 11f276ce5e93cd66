package dev.llmops.rag.internal;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text of a PDF through LangChain4j's Apache PDFBox document parser. The only class that refers to
 * the optional parser: it is loaded only after the caller has checked that the parser is present.
 * Internal: not part of the public API. Stateless and thread-safe.
 */
public final class PdfText {

    /** The parser class, present when the optional dependency is. */
    public static final String PARSER_CLASS = "dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser";
    /** The optional dependency's coordinates. */
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-document-parser-apache-pdfbox";

    private PdfText() {
    }

    /** The extracted text and the PDF's title ({@code null} when it has none). */
    public record Extracted(String text, String title) {
    }

    public static Extracted extract(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Document doc = new ApachePdfBoxDocumentParser(true).parse(in);
            String title = doc.metadata().getString("Title"); // the PDF information dictionary key
            return new Extracted(doc.text(), title != null ? title : doc.metadata().getString("title"));
        }
    }
}
