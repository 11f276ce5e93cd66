package dev.llmops.prompts.store;

import dev.llmops.api.LoadException;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A read-only {@link PromptStore} over prompts shipped on the classpath (in a directory or inside
 * an application jar), in the same layout as {@link FileSystemPromptStore}.
 *
 * <pre>{@code
 * PromptRegistry prompts = PromptRegistry.fromClasspath("prompts");   // src/main/resources/prompts/...
 * }</pre>
 *
 * <p>The root is the first classpath entry that contains {@code root}. {@link #publish} and
 * {@link #updateLabels} throw {@link UnsupportedOperationException}.
 *
 * <p><b>Thread safety:</b> thread-safe.
 *
 * @since 0.1.0
 */
public final class ClasspathPromptStore implements PromptStore {

    private final FileSystemPromptStore files;

    private ClasspathPromptStore(FileSystemPromptStore files) {
        this.files = files;
    }

    /** Prompts under {@code root}, found through the thread's context class loader. */
    public static ClasspathPromptStore open(String root) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return open(cl != null ? cl : ClasspathPromptStore.class.getClassLoader(), root);
    }

    /**
     * Prompts under {@code root}, found through {@code loader}.
     *
     * @throws LoadException when no classpath entry contains {@code root}
     */
    public static ClasspathPromptStore open(ClassLoader loader, String root) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(root, "root");
        String r = root.replaceAll("^/+|/+$", "");
        URL url = loader.getResource(r);
        if (url == null) {
            throw new LoadException("classpath:" + r, 0, null, "no such resource directory on the classpath");
        }
        Path path;
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                path = fs.provider().getPath(uri);
            } else {
                path = Path.of(uri);
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw new LoadException("classpath:" + r, 0, null, "cannot open " + url + ": " + e, e);
        }
        return new ClasspathPromptStore(FileSystemPromptStore.readOnly(path, "ClasspathPromptStore[" + r + "]"));
    }

    @Override
    public List<String> names() {
        return files.names();
    }

    @Override
    public List<PromptVersion> versions(String name) {
        return files.versions(name);
    }

    @Override
    public Optional<PromptVersion> version(String name, int version) {
        return files.version(name, version);
    }

    @Override
    public Optional<PromptVersion> resolve(PromptRef ref) {
        return files.resolve(ref);
    }

    @Override
    public PromptLabels labels(String name) {
        return files.labels(name);
    }

    @Override
    public PromptVersion publish(PromptDraft draft) {
        return files.publish(draft);
    }

    @Override
    public PromptLabels updateLabels(String name, UnaryOperator<PromptLabels> update) {
        return files.updateLabels(name, update);
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String toString() {
        return files.toString();
    }
}
