package dev.llmops.examples;

import dev.llmops.api.LoadException;
import dev.llmops.rag.ingest.DocumentLoaders;
import dev.llmops.rag.ingest.SourceDocument;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample data bundled with the examples (see {@code src/main/resources/shop/README.md}): the help
 * centre pages and the product catalogue, read from the classpath whether it is a directory or a jar.
 *
 * <p>Stateless and thread-safe.
 */
final class BundledData {

    static final String HELP_CENTRE = "/shop/help-centre";
    static final String CATALOGUE = "/shop/catalogue.jsonl";

    private BundledData() {
    }

    /**
     * The help centre pages: document id = the page id from the front matter, metadata = the front
     * matter ({@code id}, {@code title}, {@code category}, {@code updated}) and {@code source} =
     * {@code help-centre/<file>} (stable across machines, so a re-ingest finds nothing changed).
     */
    static List<SourceDocument> helpCentre() {
        return withResourceDirectory(HELP_CENTRE, dir -> {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
            }
            List<SourceDocument> docs = new ArrayList<>();
            for (Path f : files) {
                SourceDocument d = DocumentLoaders.markdown(f);
                Object id = d.metadata().get("id");
                if (!(id instanceof String pageId) || pageId.isBlank()) {
                    throw new LoadException(f.toString(), 2, "id", "front matter has no page id");
                }
                Map<String, Object> meta = new LinkedHashMap<>(d.metadata());
                meta.put(DocumentLoaders.SOURCE, "help-centre/" + f.getFileName());
                docs.add(new SourceDocument(pageId, d.text(), meta));
            }
            return docs;
        });
    }

    /** Copies a classpath resource file to {@code target} (overwriting) and returns {@code target}. */
    static Path copyResource(String resource, Path target) {
        try (InputStream in = BundledData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LoadException(resource, 0, null, "bundled resource is missing from the classpath");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".copy", ".tmp");
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new LoadException(resource, 0, null, "cannot copy to " + target + ": " + e.getMessage(), e);
        }
    }

    interface DirectoryReader<T> {
        T read(Path directory) throws IOException;
    }

    /** Runs {@code reader} over a classpath directory (a file-system directory or a folder in a jar). */
    static <T> T withResourceDirectory(String resource, DirectoryReader<T> reader) {
        URL url = BundledData.class.getResource(resource);
        if (url == null) {
            throw new LoadException(resource, 0, null, "bundled resource is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                }
                try {
                    return reader.read(fs.provider().getPath(uri));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return reader.read(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new LoadException(resource, 0, null, "cannot read bundled resource: " + e.getMessage(), e);
        }
    }
}
