package dev.llmops.examples;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.ingest.IngestReport;
import dev.llmops.rag.ingest.MarkdownChunker;
import dev.llmops.rag.ingest.RecursiveChunker;
import dev.llmops.rag.ingest.SourceDocument;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the persistent help-centre index under a working directory and brings it in line with the
 * bundled pages: the first start embeds every chunk, later starts find every page unchanged and embed
 * nothing.
 */
final class HelpCentreIndex {

    private HelpCentreIndex() {
    }

    /** The open index (the caller closes it) and what this start had to ingest. */
    record Opened(LuceneIndex index, IngestReport report) {
    }

    static Opened open(Path directory, EmbeddingModel embeddings, PrintStream out) {
        List<SourceDocument> pages = BundledData.helpCentre();
        out.printf("Help centre: %d pages; index at %s%n", pages.size(), directory.toAbsolutePath());
        LuceneIndex index = LuceneIndex.open(directory, embeddings);
        try {
            int[] lastTenth = {-1};
            IngestReport report = index.ingest(pages,
                    MarkdownChunker.of(RecursiveChunker.builder().maxTokens(200).overlapTokens(20).build()),
                    (done, total) -> {
                        int tenth = total == 0 ? 10 : done * 10 / total;
                        if (tenth != lastTenth[0]) {
                            lastTenth[0] = tenth;
                            out.printf("  embedding chunks: %d/%d%n", done, total);
                        }
                    });
            index.commit();
            if (report.embedded() == 0) {
                out.printf("Index reused: %d of %d pages unchanged, 0 chunks re-embedded (%d chunks in the index).%n",
                        report.unchangedDocuments(), report.documents(), index.size());
            } else {
                out.printf("Ingested %d pages: %d chunks added, %d updated, %d deleted, %d embedded.%n",
                        report.documents(), report.added(), report.updated(), report.deleted(), report.embedded());
            }
            return new Opened(index, report);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
