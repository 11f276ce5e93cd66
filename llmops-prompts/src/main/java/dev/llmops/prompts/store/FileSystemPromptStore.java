package dev.llmops.prompts.store;

import dev.llmops.api.LlmOpsException;
import dev.llmops.api.LoadException;
import dev.llmops.api.internal.AtomicFiles;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;
import dev.llmops.prompts.internal.PromptYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link PromptStore} of human-editable YAML files, one per version, plus a labels file per prompt:
 * <pre>
 * &lt;root&gt;/&lt;name&gt;/v0001.yaml     version 1 (never rewritten once created)
 * &lt;root&gt;/&lt;name&gt;/v0002.yaml
 * &lt;root&gt;/&lt;name&gt;/labels.yaml    label: [versions it pointed at, oldest first]
 * &lt;root&gt;/&lt;name&gt;/.lock          lock file for publish and label updates
 * </pre>
 * A name with {@code /} becomes nested directories.
 *
 * <p><b>Concurrency:</b> thread-safe, and safe when several processes share the directory: a new
 * version file is created with an atomic create-if-absent (retrying with the next number if another
 * writer took it), publish and label updates run under an exclusive {@link FileLock} on the
 * prompt's {@code .lock} file, and every write is atomic (temporary file + rename). No version is
 * lost or duplicated. Parsed files are cached by modification time and size.
 *
 * @since 0.1.0
 */
public final class FileSystemPromptStore implements PromptStore {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d{1,9})\\.yaml");
    static final String LABELS_FILE = "labels.yaml";

    private record Cached(FileTime modified, long size, PromptVersion version) {
    }

    private final Path root;
    private final boolean readOnly;
    private final Clock clock;
    private final String description;
    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private FileSystemPromptStore(Path root, boolean readOnly, Clock clock, String description) {
        this.root = root;
        this.readOnly = readOnly;
        this.clock = clock;
        this.description = description;
    }

    /** A writable store under {@code root}, created when missing. */
    public static FileSystemPromptStore open(Path root) {
        return open(root, Clock.systemUTC());
    }

    /** A writable store under {@code root} stamping new versions with {@code clock}. */
    public static FileSystemPromptStore open(Path root, Clock clock) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LlmOpsException("cannot create prompt directory " + root + ": " + e.getMessage(), e);
        }
        return new FileSystemPromptStore(root, false, clock, "FileSystemPromptStore[" + root + "]");
    }

    /** A read-only store over an existing directory (any file system, e.g. inside a jar). */
    static FileSystemPromptStore readOnly(Path root, String description) {
        return new FileSystemPromptStore(root, true, Clock.systemUTC(), description);
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    private Path dir(String name) {
        PromptRef.latest(name); // validates the name
        Path d = root;
        for (String part : name.split("/")) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new IllegalArgumentException("prompt name must not contain empty, '.' or '..' segments but was: '"
                        + name + "'");
            }
            d = d.resolve(part);
        }
        return d;
    }

    private static String fileName(int version) {
        return String.format("v%04d.yaml", version);
    }

    private String display(Path p) {
        return p.toString();
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> VERSION_FILE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .forEach(p -> {
                        Path rel = root.relativize(p.getParent());
                        List<String> parts = new ArrayList<>();
                        rel.forEach(x -> parts.add(x.toString()));
                        names.add(String.join("/", parts));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list prompts under " + root, e);
        }
        names.remove("");
        return List.copyOf(names);
    }

    private TreeMap<Integer, Path> files(String name) {
        Path d = dir(name);
        TreeMap<Integer, Path> out = new TreeMap<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.comparing(Path::toString))::iterator) {
                Matcher m = VERSION_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    int v = Integer.parseInt(m.group(1));
                    Path other = out.put(v, p);
                    if (v == 0) {
                        throw new LoadException(display(p), 0, null, "version numbers start at 1");
                    }
                    if (other != null) {
                        throw new LoadException(display(p), 0, null, "version " + v + " is also stored in "
                                + other.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + d, e);
        }
        return out;
    }

    @Override
    public List<PromptVersion> versions(String name) {
        List<PromptVersion> out = new ArrayList<>();
        files(name).forEach((v, p) -> read(name, v, p).ifPresent(out::add));
        return List.copyOf(out);
    }

    @Override
    public Optional<PromptVersion> version(String name, int version) {
        if (version <= 0) {
            return Optional.empty();
        }
        Path p = dir(name).resolve(fileName(version));
        if (!Files.exists(p)) {
            p = files(name).get(version);
            if (p == null) {
                return Optional.empty();
            }
        }
        return read(name, version, p);
    }

    @Override
    public Optional<PromptVersion> resolve(PromptRef ref) {
        if (PromptRef.LATEST.equals(ref.selector())) {
            var files = files(ref.name());
            return files.isEmpty() ? Optional.empty() : read(ref.name(), files.lastKey(), files.lastEntry().getValue());
        }
        return PromptStore.super.resolve(ref);
    }

    private Optional<PromptVersion> read(String name, int version, Path p) {
        try {
            FileTime modified = Files.getLastModifiedTime(p);
            long size = Files.size(p);
            Cached c = cache.get(p);
            if (c != null && c.modified.equals(modified) && c.size == size) {
                return Optional.of(c.version);
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            PromptVersion v = PromptYaml.read(display(p), text, name, version);
            cache.put(p, new Cached(modified, size, v));
            return Optional.of(v);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LoadException(display(p), 0, null, "cannot read: " + e, e);
        }
    }

    @Override
    public PromptLabels labels(String name) {
        Path p = dir(name).resolve(LABELS_FILE);
        try {
            return PromptYaml.readLabels(display(p), Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return PromptLabels.none();
        } catch (IOException e) {
            throw new LoadException(display(p), 0, null, "cannot read: " + e, e);
        }
    }

    @Override
    public PromptVersion publish(PromptDraft draft) {
        Objects.requireNonNull(draft, "draft");
        checkWritable("publish '" + draft.name() + "'");
        return locked(draft.name(), () -> {
            TreeMap<Integer, Path> files = files(draft.name());
            String hash = draft.content().contentHash();
            for (var e : files.entrySet()) {
                Optional<PromptVersion> v = read(draft.name(), e.getKey(), e.getValue());
                if (v.isPresent() && v.get().storedHash().equals(hash)) {
                    return v.get();
                }
            }
            int next = files.isEmpty() ? 1 : files.lastKey() + 1;
            while (true) {
                PromptVersion v = PromptVersion.of(draft.name(), next, draft.content(), clock.instant(),
                        draft.author(), draft.message());
                Path target = dir(draft.name()).resolve(fileName(next));
                if (AtomicFiles.createNew(target, PromptYaml.write(v).getBytes(StandardCharsets.UTF_8))) {
                    return v;
                }
                next++; // another writer took this number: take the next one
            }
        });
    }

    @Override
    public PromptLabels updateLabels(String name, UnaryOperator<PromptLabels> update) {
        Objects.requireNonNull(update, "update");
        checkWritable("update labels of '" + name + "'");
        return locked(name, () -> {
            PromptLabels next = Objects.requireNonNull(update.apply(labels(name)), "update result");
            AtomicFiles.write(dir(name).resolve(LABELS_FILE), PromptYaml.writeLabels(name, next));
            return next;
        });
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private <T> T locked(String name, IoSupplier<T> action) {
        ReentrantLock local = locks.computeIfAbsent(name, k -> new ReentrantLock());
        local.lock();
        try {
            Path d = dir(name);
            Files.createDirectories(d);
            try (FileChannel ch = FileChannel.open(d.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = acquire(ch);
                try {
                    return action.get();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new LlmOpsException("prompt store " + root + ": cannot write prompt '" + name + "': " + e, e);
        } finally {
            local.unlock();
        }
    }

    private static FileLock acquire(FileChannel ch) throws IOException {
        while (true) {
            try {
                return ch.lock();
            } catch (OverlappingFileLockException e) {
                // another store instance in this JVM holds it: wait for it
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the prompt lock", ie);
                }
            }
        }
    }

    private void checkWritable(String what) {
        if (readOnly) {
            throw new UnsupportedOperationException(description + " is read-only: cannot " + what);
        }
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String toString() {
        return description;
    }
}
