package dev.llmops.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Working directories for tests that need the help-centre index but do not test ingestion: the index
 * is built once under {@code target/test-help-centre-index} and copied into each test's directory.
 */
final class TestWorkdirs {

    private static final Path SHARED = Path.of("target", "test-help-centre-index");

    private TestWorkdirs() {
    }

    /** Loaded once per test JVM (the holder idiom: immutable after class initialisation). */
    private static final class Parts {
        static final AssistantParts SHARED = AssistantParts.load(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** The embedding model and injection guard shared by the tests. */
    static AssistantParts parts() {
        return Parts.SHARED;
    }

    /** Copies a built help-centre index to {@code workdir/index} and returns {@code workdir}. */
    static Path withIndex(Path workdir) throws IOException {
        synchronized (TestWorkdirs.class) {
            if (!Files.exists(SHARED.resolve("ready"))) {
                HelpCentreIndex.open(SHARED.resolve("index"), parts().embeddings(),
                        new PrintStream(OutputStream.nullOutputStream())).index().close();
                Files.writeString(SHARED.resolve("ready"), "ok");
            }
        }
        Path target = workdir.resolve("index");
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> s = Files.list(SHARED.resolve("index"))) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .toList();
        }
        for (Path f : files) {
            Files.copy(f, target.resolve(f.getFileName()));
        }
        return workdir;
    }
}
