package dev.llmops.rag.ingest;

import dev.llmops.api.LoadException;
import dev.llmops.rag.MissingDependencyException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfLoaderTest {

    @TempDir
    Path dir;

    private static Path writePdf(Path file, String title, String... lines) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.setLeading(16);
                cs.newLineAtOffset(72, 700);
                for (String line : lines) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }
            if (title != null) {
                doc.getDocumentInformation().setTitle(title);
            }
            doc.save(file.toFile());
        }
        return file;
    }

    @Test
    void should_load_text_and_title_when_pdf_is_built_at_test_time() throws IOException {
        Path pdf = writePdf(dir.resolve("returns.pdf"), "Returns policy",
                "Tents can be returned within 30 days.", "Bring the receipt to any store.");

        SourceDocument doc = DocumentLoaders.pdf(pdf);

        assertThat(doc.id()).isEqualTo("returns.pdf");
        assertThat(doc.text()).contains("Tents can be returned within 30 days.")
                .contains("Bring the receipt to any store.");
        assertThat(doc.metadata()).containsEntry(DocumentLoaders.SOURCE, pdf.toString())
                .containsEntry(DocumentLoaders.TITLE, "Returns policy");
    }

    @Test
    void should_include_pdfs_when_loading_a_directory() throws IOException {
        Files.createDirectories(dir.resolve("manuals"));
        writePdf(dir.resolve("manuals/stove.pdf"), null, "Prime the stove before lighting it.");
        Files.writeString(dir.resolve("notes.txt"), "plain notes");

        List<SourceDocument> docs = DocumentLoaders.directory(dir);

        assertThat(docs).extracting(SourceDocument::id).containsExactly("manuals/stove.pdf", "notes.txt");
        assertThat(docs.get(0).text()).contains("Prime the stove before lighting it.");
        assertThat(docs.get(0).metadata()).doesNotContainKey(DocumentLoaders.TITLE);
    }

    @Test
    void should_throw_load_exception_naming_file_when_pdf_is_corrupt() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.pdf"), "this is not a PDF");

        assertThatThrownBy(() -> DocumentLoaders.pdf(bad))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining(bad.toString());
    }

    @Test
    void should_throw_load_exception_when_pdf_has_no_text() throws IOException {
        Path blank = writePdf(dir.resolve("blank.pdf"), null);

        assertThatThrownBy(() -> DocumentLoaders.pdf(blank))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining(blank.toString());
    }

    @Test
    void should_name_missing_artifact_when_parser_class_is_absent() {
        assertThatThrownBy(() -> DocumentLoaders.requireClass("com.example.NoSuchParser",
                "dev.langchain4j:langchain4j-document-parser-apache-pdfbox", "loading PDF file a.pdf"))
                .isInstanceOfSatisfying(MissingDependencyException.class, e ->
                        assertThat(e.artifact()).isEqualTo("dev.langchain4j:langchain4j-document-parser-apache-pdfbox"))
                .hasMessageContaining("loading PDF file a.pdf")
                .hasMessageContaining("dev.langchain4j:langchain4j-document-parser-apache-pdfbox");
    }

    @Test
    void should_pass_when_required_class_is_present() {
        DocumentLoaders.requireClass("dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser",
                "dev.langchain4j:langchain4j-document-parser-apache-pdfbox", "loading PDF");
        assertThat(DocumentLoaders.class).isNotNull();
    }
}
